#include "json/field_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

bool is_slug(std::string_view text) {
    if (text.empty() || text.front() == '-' || text.back() == '-')
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && text[i + 1] == '-'))
            return false;
    }
    return true;
}

}  // namespace

const char* json_type_name(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
            return "an integer";
        case boost::json::kind::double_:
            return "a number";
        case boost::json::kind::string:
            return "a string";
        case boost::json::kind::array:
            return "an array";
        case boost::json::kind::object:
            return "an object";
    }
    return "a value";
}

bool errors_since(const Diagnostics& diagnostics, std::size_t since) {
    return std::any_of(diagnostics.begin() + static_cast<std::ptrdiff_t>(since), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

FieldReader::FieldReader(const boost::json::object& object, Origin origin, Diagnostics& out)
    : object_(object), origin_(std::move(origin)), out_(out) {}

void FieldReader::error(std::string_view suffix, std::string message) {
    out_.push_back(Diagnostic{Severity::error, origin_.file, origin_.pointer + std::string(suffix),
                              0, 0, std::move(message)});
}

const boost::json::value* FieldReader::field(std::string_view key, Required required,
                                             std::string_view expected) {
    const auto* value = object_.if_contains(key);
    if (value == nullptr) {
        if (required == Required::yes)
            error("", "missing required field '" + std::string(key) + "'");
        return nullptr;
    }
    (void)expected;
    return value;
}

std::string FieldReader::id() {
    const auto* value = field("id", Required::yes, "a string");
    if (value == nullptr)
        return {};
    if (!value->is_string()) {
        error("/id", std::string("'id' must be a string, not ") + json_type_name(*value));
        return {};
    }
    std::string id(value->as_string());
    if (!is_slug(id)) {
        error("/id", "invalid id '" + id +
                         "': use lower-case letters and digits, words joined by '-' (e.g. "
                         "'team-coaching')");
        return {};
    }
    return id;
}

std::string FieldReader::text(std::string_view key, Required required) {
    const auto* value = field(key, required, "a string");
    if (value == nullptr)
        return {};
    if (!value->is_string()) {
        error(pointer_append("", key),
              "'" + std::string(key) + "' must be a string, not " + json_type_name(*value));
        return {};
    }
    if (required == Required::yes && value->as_string().empty()) {
        error(pointer_append("", key), "'" + std::string(key) + "' must not be empty");
        return {};
    }
    return std::string(value->as_string());
}

std::optional<int> FieldReader::integer(std::string_view key, Required required, int minimum) {
    const auto* value = field(key, required, "a whole number");
    if (value == nullptr)
        return std::nullopt;
    std::int64_t number = 0;
    if (value->is_int64()) {
        number = value->as_int64();
    } else if (value->is_uint64()) {
        error(pointer_append("", key), "'" + std::string(key) + "' must be a whole number from " +
                                           std::to_string(minimum) + " to 1000000, not " +
                                           std::to_string(value->as_uint64()));
        return std::nullopt;
    } else if (value->is_double() && std::trunc(value->as_double()) == value->as_double() &&
               std::abs(value->as_double()) < 1e15) {
        // JSON has one number type: 30.0 is the whole number 30 (as JSON Schema also counts it).
        number = static_cast<std::int64_t>(value->as_double());
    } else {
        error(pointer_append("", key),
              "'" + std::string(key) + "' must be a whole number, not " + json_type_name(*value));
        return std::nullopt;
    }
    if (number < minimum || number > 1'000'000) {
        error(pointer_append("", key), "'" + std::string(key) + "' must be a whole number from " +
                                           std::to_string(minimum) + " to 1000000, not " +
                                           std::to_string(number));
        return std::nullopt;
    }
    return static_cast<int>(number);
}

const boost::json::object* FieldReader::object(std::string_view key, Required required) {
    const auto* value = field(key, required, "an object");
    if (value == nullptr)
        return nullptr;
    if (!value->is_object()) {
        error(pointer_append("", key),
              "'" + std::string(key) + "' must be an object, not " + json_type_name(*value));
        return nullptr;
    }
    return &value->as_object();
}

const boost::json::array* FieldReader::array(std::string_view key, Required required) {
    const auto* value = field(key, required, "an array");
    if (value == nullptr)
        return nullptr;
    if (!value->is_array()) {
        error(pointer_append("", key),
              "'" + std::string(key) + "' must be an array, not " + json_type_name(*value));
        return nullptr;
    }
    return &value->as_array();
}

std::vector<std::string> FieldReader::string_list(std::string_view key, Required required) {
    std::vector<std::string> out;
    const auto* items = array(key, required);
    if (items == nullptr)
        return out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        if (!(*items)[i].is_string()) {
            error(pointer_append(pointer_append("", key), i),
                  std::string("expected a string, not ") + json_type_name((*items)[i]));
            continue;
        }
        out.emplace_back((*items)[i].as_string());
    }
    return out;
}

std::optional<bool> FieldReader::boolean(std::string_view key, Required required) {
    const auto* value = field(key, required, "true or false");
    if (value == nullptr)
        return std::nullopt;
    if (!value->is_bool()) {
        error(pointer_append("", key),
              "'" + std::string(key) + "' must be true or false, not " + json_type_name(*value));
        return std::nullopt;
    }
    return value->as_bool();
}

boost::json::object FieldReader::unknown_fields(const std::vector<std::string_view>& known) const {
    boost::json::object extra;
    for (const auto& [key, value] : object_) {
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
            extra[key] = value;
        }
    }
    return extra;
}

Origin FieldReader::child_origin(std::string_view key) const {
    return Origin{origin_.file, pointer_append(origin_.pointer, key)};
}

Origin FieldReader::child_origin(std::string_view key, std::size_t index) const {
    return Origin{origin_.file, pointer_append(pointer_append(origin_.pointer, key), index)};
}

Origin FieldReader::child_origin(std::string_view key, std::string_view member) const {
    return Origin{origin_.file, pointer_append(pointer_append(origin_.pointer, key), member)};
}

COACHKIT_NAMESPACE_END
