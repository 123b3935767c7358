// Attachments by reference: a record names where a file is (and may pin its content with a hash);
// it never carries the file's bytes, so records stay small and the files stay where the school's
// own storage and access rules keep them.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "record_reading.hpp"

namespace coachkit::records {

/// True for 64 hexadecimal digits (either case), the shape of a SHA-256 digest.
[[nodiscard]] bool is_sha256_hex(std::string_view text);

/// The `sha256` field of `fields`, checked and lower-cased.
[[nodiscard]] std::optional<std::string> read_sha256(Fields& fields, std::string_view key,
                                                     Need need);

/// One attachment object: {"uri", "sha256"?, "media_type"?, "description"?}, unknown fields kept.
/// Inline bytes ("data", "content" or "bytes" fields, or a data: URI) are an error.
[[nodiscard]] std::optional<boost::json::object> read_attachment(Fields& attachment);

/// The attachment object at `key` of `parent`.
[[nodiscard]] std::optional<boost::json::object> read_attachment(Fields& parent,
                                                                 std::string_view key, Need need);

/// The array of attachments at `key` of `parent` (absent: empty); bad entries are reported and
/// left out.
[[nodiscard]] boost::json::array read_attachments(Fields& parent, std::string_view key);

}  // namespace coachkit::records
