// Private: components defined inline in a data-only plugin's manifest.
#pragma once

#include <boost/json/object.hpp>

#include "coachkit/plugin/registrar.hpp"
#include "json/field_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Checks a data-only definition (`origin` is where it sits in the manifest) and returns a factory
/// for it, or an empty factory with the problems in `out`. Evidence sources have no data-only form:
/// reading evidence needs code.
ComponentFactory make_data_component(ComponentKind kind, const std::string& id,
                                     const boost::json::object& definition, const Origin& origin,
                                     Diagnostics& out);

COACHKIT_NAMESPACE_END
