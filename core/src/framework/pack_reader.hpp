// Private: turning pack JSON (one or more layers) into Framework::Data, collecting diagnostics.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string_view>

#include "framework_data.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Reads `document` (from `origin`) as a pack. If it extends another pack, it is laid over `base`
/// (which must then be non-null and have the id it names). Returns null and fills `out` on any
/// error; warnings may be added on success too.
std::shared_ptr<Framework::Data> read_pack(boost::json::value document, std::string_view origin,
                                           const Framework* base, Diagnostics& out);

COACHKIT_NAMESPACE_END
