// Reading JSON documents so that every problem can name its file and place.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "coachkit/diagnostics/diagnostic.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Parses JSON text. A syntax error (including invalid UTF-8) is added to `out` with the line and
/// column where parsing stopped, and nothing is returned.
COACHKIT_API std::optional<boost::json::value> parse_json(std::string_view text,
                                                          std::string_view origin,
                                                          Diagnostics& out);

/// Reads and parses a JSON file; a missing or unreadable file is a diagnostic, not an exception.
COACHKIT_API std::optional<boost::json::value> read_json_file(const std::filesystem::path& path,
                                                              Diagnostics& out);

/// Serialises `value` with two-space indentation and a final newline, for people to read.
COACHKIT_API std::string to_pretty_json(const boost::json::value& value);

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 requires.
COACHKIT_API std::string pointer_append(std::string_view pointer, std::string_view token);
COACHKIT_API std::string pointer_append(std::string_view pointer, std::size_t index);

/// The JSON pointer (under `pointer`) of the first number in `value` that is not finite (NaN or an
/// infinity, which a double can hold but JSON cannot write), or nullopt when there is none.
COACHKIT_API std::optional<std::string> find_non_finite_number(const boost::json::value& value,
                                                               std::string_view pointer = "");

/// A schema tag such as `coachkit.framework/1`: a document family and an integer version.
struct COACHKIT_API SchemaTag {
    std::string family;
    int version = 0;

    [[nodiscard]] static std::optional<SchemaTag> parse(std::string_view text);
    [[nodiscard]] std::string to_string() const;
};

/// One upgrade step: rewrites, in place, a document of version N into version N+1.
using UpgradeStep = std::function<void(boost::json::object&)>;

/// Checks the `schema` field of `document` against `family` and brings it to `current_version` by
/// applying `steps` (keyed by the version each upgrades from) one after another. A missing tag, a
/// foreign family, a version newer than `current_version` or a gap in the steps is added to `out`
/// and false returned. On success the document's tag reads `family/current_version`.
COACHKIT_API bool upgrade_document(boost::json::object& document, std::string_view family,
                                   int current_version, const std::map<int, UpgradeStep>& steps,
                                   std::string_view origin, Diagnostics& out);

COACHKIT_NAMESPACE_END
