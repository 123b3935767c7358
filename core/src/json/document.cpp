#include "coachkit/json/document.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "coachkit/text/utf8.hpp"
#include "json/exact_json.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

struct LineColumn {
    std::size_t line = 1;
    std::size_t column = 1;
};

// Columns count bytes, as compilers do; that is what editors' "go to column" expects for ASCII and
// stays well defined for any byte sequence, including invalid UTF-8.
LineColumn locate(std::string_view text, std::size_t offset) {
    LineColumn at;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
        } else {
            ++at.column;
        }
    }
    return at;
}

void add_syntax_error(Diagnostics& out, std::string_view origin, std::string_view text,
                      std::size_t offset, const boost::system::error_code& ec) {
    const LineColumn at = locate(text, offset);
    Diagnostic d;
    d.file = std::string(origin);
    d.line = at.line;
    d.column = at.column;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        d.message = "invalid JSON: the document is empty";
    } else if (offset < text.size() && static_cast<unsigned char>(text[offset]) >= 0x80 &&
               utf8_sequence_length(text, offset) == 0) {
        // Boost.JSON calls bad UTF-8 a plain syntax error; say what it is and where.
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[offset]));
        d.message = "invalid JSON: invalid UTF-8 (byte " + std::string(hex) + " at byte offset " +
                    std::to_string(offset) + ")";
    } else if (offset < text.size() && static_cast<unsigned char>(text[offset]) >= 0x80) {
        d.message = "invalid JSON: unexpected character (text outside quotes must be JSON syntax)";
    } else {
        d.message = "invalid JSON: " + ec.message();
    }
    out.push_back(std::move(d));
}

}  // namespace

std::optional<boost::json::value> parse_json(std::string_view text, std::string_view origin,
                                             Diagnostics& out) {
    // Editors on Windows often save UTF-8 with a byte order mark; it carries no meaning, so skip it
    // (and count columns from after it, as those editors display them).
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark)
        text.remove_prefix(kByteOrderMark.size());
    // Exact: doubles read back as they were written (see exact_json.hpp); the offset where parsing
    // stopped gives the line and column of an error.
    ExactParse parsed = parse_json_exact(text);
    if (parsed.error) {
        add_syntax_error(out, origin, text, parsed.consumed, parsed.error);
        return std::nullopt;
    }
    return std::move(parsed.value);
}

std::optional<boost::json::value> read_json_file(const std::filesystem::path& path,
                                                 Diagnostics& out) {
    std::error_code kind_error;
    if (std::filesystem::is_directory(path, kind_error)) {
        out.push_back(Diagnostic{Severity::error, path.string(), "", 0, 0,
                                 "cannot read: it is a folder, not a file"});
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        const bool exists = std::filesystem::exists(path, ec);
        out.push_back(Diagnostic{Severity::error, path.string(), "", 0, 0,
                                 exists ? "cannot read file" : "file not found"});
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse_json(buffer.str(), path.string(), out);
}

namespace {

void write_pretty(std::string& out, const boost::json::value& value, std::size_t indent) {
    const std::string pad(indent, ' ');
    const std::string inner(indent + 2, ' ');
    if (const auto* object = value.if_object(); object && !object->empty()) {
        out += "{\n";
        std::size_t i = 0;
        for (const auto& [key, item] : *object) {
            out += inner + boost::json::serialize(boost::json::string_view(key)) + ": ";
            write_pretty(out, item, indent + 2);
            out += ++i < object->size() ? ",\n" : "\n";
        }
        out += pad + "}";
    } else if (const auto* array = value.if_array(); array && !array->empty()) {
        out += "[\n";
        for (std::size_t i = 0; i < array->size(); ++i) {
            out += inner;
            write_pretty(out, (*array)[i], indent + 2);
            out += i + 1 < array->size() ? ",\n" : "\n";
        }
        out += pad + "]";
    } else if (const auto* number = value.if_double(); number && std::isfinite(*number)) {
        // People read this output: 0.75 and 21.0, not Boost.JSON's 7.5E-1 and 2.1E1. Shortest
        // form that reads back to the same double; ".0" keeps a whole number a double.
        char text[32];
        const auto end = std::to_chars(text, text + sizeof text, *number).ptr;
        const std::string_view written(text, static_cast<std::size_t>(end - text));
        out += written;
        if (written.find_first_of(".e") == std::string_view::npos)
            out += ".0";
    } else {
        out += boost::json::serialize(value);
    }
}

}  // namespace

std::string to_pretty_json(const boost::json::value& value) {
    std::string out;
    write_pretty(out, value, 0);
    out += '\n';
    return out;
}

std::string pointer_append(std::string_view pointer, std::string_view token) {
    std::string out(pointer);
    out += '/';
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string pointer_append(std::string_view pointer, std::size_t index) {
    return pointer_append(pointer, std::to_string(index));
}

std::optional<std::string> find_non_finite_number(const boost::json::value& value,
                                                  std::string_view pointer) {
    if (const auto* number = value.if_double())
        return std::isfinite(*number) ? std::nullopt : std::optional<std::string>(pointer);
    if (const auto* object = value.if_object()) {
        for (const auto& [key, item] : *object) {
            if (auto found = find_non_finite_number(item, pointer_append(pointer, key)))
                return found;
        }
    } else if (const auto* array = value.if_array()) {
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (auto found = find_non_finite_number((*array)[i], pointer_append(pointer, i)))
                return found;
        }
    }
    return std::nullopt;
}

std::optional<SchemaTag> SchemaTag::parse(std::string_view text) {
    const auto slash = text.rfind('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size()) {
        return std::nullopt;
    }
    const std::string_view digits = text.substr(slash + 1);
    int version = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (ec != std::errc{} || end != digits.data() + digits.size() || version < 1) {
        return std::nullopt;
    }
    return SchemaTag{std::string(text.substr(0, slash)), version};
}

std::string SchemaTag::to_string() const {
    return family + '/' + std::to_string(version);
}

bool upgrade_document(boost::json::object& document, std::string_view family, int current_version,
                      const std::map<int, UpgradeStep>& steps, std::string_view origin,
                      Diagnostics& out) {
    const SchemaTag wanted{std::string(family), current_version};
    auto fail = [&](std::string message) {
        out.push_back(
            Diagnostic{Severity::error, std::string(origin), "/schema", 0, 0, std::move(message)});
        return false;
    };
    const auto* tag_value = document.if_contains("schema");
    if (tag_value == nullptr) {
        return fail("missing required field 'schema' (expected '" + wanted.to_string() + "')");
    }
    if (!tag_value->is_string()) {
        return fail("'schema' must be a string such as '" + wanted.to_string() + "'");
    }
    const std::string_view tag_text = tag_value->get_string();
    const auto tag = SchemaTag::parse(tag_text);
    if (!tag || tag->family != family) {
        return fail("unsupported schema '" + std::string(tag_text) + "' (expected '" +
                    wanted.to_string() + "')");
    }
    if (tag->version > current_version) {
        return fail("unsupported schema '" + std::string(tag_text) + "' (this build reads up to '" +
                    wanted.to_string() + "'; upgrade coachkit)");
    }
    for (int version = tag->version; version < current_version; ++version) {
        const auto step = steps.find(version);
        if (step == steps.end()) {
            return fail("no upgrade from '" + SchemaTag{wanted.family, version}.to_string() +
                        "' to version " + std::to_string(version + 1));
        }
        step->second(document);
        document["schema"] = SchemaTag{wanted.family, version + 1}.to_string();
    }
    return true;
}

COACHKIT_NAMESPACE_END
