// UTF-8 checks shared by every reader of text (packs, manifests, evidence).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Length of the well-formed UTF-8 sequence starting at `at` (1 to 4), or 0 if none starts there.
/// Well-formed as RFC 3629 says: no overlong forms, no surrogates, nothing above U+10FFFF.
[[nodiscard]] COACHKIT_API std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

/// Byte offset of the first byte that does not start a well-formed sequence; nullopt if valid.
[[nodiscard]] COACHKIT_API std::optional<std::size_t> find_invalid_utf8(std::string_view text);

COACHKIT_NAMESPACE_END
