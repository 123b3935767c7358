// Private: reading fields of one JSON object, reporting each problem with its file and pointer.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Where an object came from: its file and its JSON pointer in that file.
struct Origin {
    std::string file;
    std::string pointer;
};

enum class Required { no, yes };

/// "a string", "an integer", "an object"…: a value's JSON type, for messages.
const char* json_type_name(const boost::json::value& value);

/// True if diagnostics added after position `since` include an error.
bool errors_since(const Diagnostics& diagnostics, std::size_t since);

/// Reads typed fields from one object. A missing required field or a field of the wrong type adds
/// an error and yields an empty value, so the caller can go on and find further problems.
class FieldReader {
public:
    FieldReader(const boost::json::object& object, Origin origin, Diagnostics& out);

    /// The `id` field: required, lower-case words joined by '-'. Empty if missing or malformed.
    std::string id();
    std::string text(std::string_view key, Required required);
    /// A whole number from `minimum` to 1000000 (counts, minutes, days).
    std::optional<int> integer(std::string_view key, Required required, int minimum = 1);
    const boost::json::object* object(std::string_view key, Required required);
    const boost::json::array* array(std::string_view key, Required required);
    std::vector<std::string> string_list(std::string_view key, Required required);
    std::optional<bool> boolean(std::string_view key, Required required);

    /// Calls `read(FieldReader&)` for each object in the array at `key`; an entry that is not an
    /// object is reported at its own pointer and skipped. Returns the array (null if absent or
    /// not an array), for checks on the whole of it.
    template <typename Read>
    const boost::json::array* each_object(std::string_view key, Required required, Read read) {
        const auto* items = array(key, required);
        if (items == nullptr)
            return nullptr;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const Origin origin = child_origin(key, i);
            const auto* entry = (*items)[i].if_object();
            if (entry == nullptr) {
                out_.push_back({Severity::error, origin.file, origin.pointer, 0, 0,
                                "an entry must be a JSON object"});
                continue;
            }
            FieldReader reader(*entry, origin, out_);
            read(reader);
        }
        return items;
    }

    /// The fields not named in `known`, kept so that nothing a school adds is lost.
    [[nodiscard]] boost::json::object unknown_fields(
        const std::vector<std::string_view>& known) const;

    [[nodiscard]] Origin child_origin(std::string_view key) const;
    [[nodiscard]] Origin child_origin(std::string_view key, std::size_t index) const;
    [[nodiscard]] Origin child_origin(std::string_view key, std::string_view member) const;

    /// Reports a problem at `suffix` (a pointer relative to this object, "" for the object).
    void error(std::string_view suffix, std::string message);

private:
    const boost::json::value* field(std::string_view key, Required required,
                                    std::string_view expected);

    const boost::json::object& object_;
    Origin origin_;
    Diagnostics& out_;
};

COACHKIT_NAMESPACE_END
