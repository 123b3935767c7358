// Private: model packs compiled into the library (generated from core/data at build time).
#pragma once

#include <string_view>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The CUREE national framework pack, core/data/curee.framework.json, as JSON text.
std::string_view embedded_curee_pack();

COACHKIT_NAMESPACE_END
