// Erasure: on the owner's request a record's personal content is removed from the journal itself
// (the events that carried it are rewritten, their text replaced by kErasedText) and a tombstone
// event records that it happened, so counts, sequences and replay survive (docs/privacy.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// What erased text reads as, everywhere it appears.
inline constexpr std::string_view kErasedText = "[erased]";

/// One erasure, as the tombstone records it.
struct COACHKIT_API Erasure {
    std::string record;  ///< the record erased ("note:c-1/observe/1", "cycle:c-1" for all of it)
    std::string by;      ///< the owner who asked
    std::string at;
    std::int64_t sequence = 0;  ///< the tombstone event's
};

COACHKIT_NAMESPACE_END
