#include "record_reading.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>
#include <coachkit/evidence/transcript.hpp>
#include <coachkit/journal/time.hpp>
#include <coachkit/json/document.hpp>
#include <cstdio>

namespace coachkit::records {

bool Reporter::failed() const {
    return std::any_of(out_.begin() + static_cast<std::ptrdiff_t>(first_), out_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void Reporter::error(const Where& where, std::string message) {
    out_.push_back(Diagnostic{Severity::error, origin_, where.pointer, where.line, where.column,
                              std::move(message)});
}

void Reporter::warning(const Where& where, std::string message) {
    out_.push_back(Diagnostic{Severity::warning, origin_, where.pointer, where.line, where.column,
                              std::move(message)});
}

BoundedByteSource::~BoundedByteSource() = default;

std::size_t BoundedByteSource::read(char* buffer, std::size_t size) {
    if (left_ == 0) {
        // One byte more tells a file of exactly the limit from a longer one.
        char probe = 0;
        exceeded_ = exceeded_ || input_.read(&probe, 1) > 0;
        return 0;
    }
    const std::size_t got = input_.read(buffer, std::min(size, left_));
    left_ -= got;
    return got;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

std::vector<std::pair<std::size_t, std::string>> extra_csv_columns(
    const CsvReader& csv, std::initializer_list<std::optional<std::size_t>> known) {
    std::vector<std::pair<std::size_t, std::string>> extra;
    for (std::size_t i = 0; i < csv.header().size(); ++i) {
        std::string name = trimmed(csv.header()[i]);
        if (name.empty() || std::find(known.begin(), known.end(), i) != known.end())
            continue;
        for (auto& c : name) {
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        }
        extra.emplace_back(i, std::move(name));
    }
    return extra;
}

std::vector<std::string> split_cell_list(std::string_view cell) {
    std::vector<std::string> items;
    for (std::size_t from = 0; from <= cell.size();) {
        const auto to = std::min(cell.find(';', from), cell.size());
        if (std::string item = trimmed(cell.substr(from, to - from)); !item.empty())
            items.push_back(std::move(item));
        from = to + 1;
    }
    return items;
}

void report_too_large(Reporter& report) {
    report.error(Where{}, "the input is larger than " + std::to_string(max_document_bytes >> 20) +
                              " MiB; a record is expected to be far smaller");
}

std::optional<boost::json::object> read_tagged_document(ByteSource& input, std::string_view family,
                                                        Reporter& report) {
    const auto bytes = input.read_all(max_document_bytes);
    if (!bytes) {
        report_too_large(report);
        return std::nullopt;
    }
    auto parsed = parse_json(*bytes, report.origin(), report.diagnostics());
    if (!parsed)
        return std::nullopt;  // parse_json has said where and why
    auto* document = parsed->if_object();
    if (document == nullptr) {
        report.error(
            Where::at_pointer(""),
            std::string("the document must be a JSON object, not ") + json_kind_name(*parsed));
        return std::nullopt;
    }
    // Version 1 is the only one so far; later versions add their upgrade steps here.
    if (!upgrade_document(*document, family, 1, {}, report.origin(), report.diagnostics()))
        return std::nullopt;
    return std::move(*document);
}

const char* json_kind_name(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
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

bool is_record_id(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

std::optional<double> parse_offset(const boost::json::value& value) {
    std::optional<double> seconds;
    if (value.is_number()) {
        seconds = value.to_number<double>();
    } else if (const auto* text = value.if_string()) {
        seconds = parse_timestamp(std::string_view(*text));
    }
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0)
        return std::nullopt;
    return seconds;
}

std::optional<double> parse_offset_text(std::string_view text) {
    const auto seconds = parse_timestamp(text);
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0)
        return std::nullopt;
    return seconds;
}

std::string format_offset(double seconds) {
    const double whole = std::floor(seconds);
    const auto total = static_cast<long long>(whole);
    char text[64];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", total / 3600, (total / 60) % 60,
                  total % 60);
    std::string out = text;
    if (const double fraction = seconds - whole; fraction > 0) {
        std::snprintf(text, sizeof text, "%.3f", fraction);
        std::string digits = text + 1;  // ".250"
        while (digits.back() == '0')
            digits.pop_back();
        if (digits != ".")
            out += digits;
    }
    return out;
}

std::string Fields::pointer(std::string_view key) const {
    return pointer_append(pointer_, key);
}

std::string Fields::pointer(std::string_view key, std::size_t index) const {
    return pointer_append(pointer_append(pointer_, key), index);
}

void Fields::error(std::string_view key, std::string message) {
    report_.error(Where::at_pointer(key.empty() ? pointer_ : pointer(key)), std::move(message));
}

void Fields::warning(std::string_view key, std::string message) {
    report_.warning(Where::at_pointer(key.empty() ? pointer_ : pointer(key)), std::move(message));
}

const boost::json::value* Fields::value(std::string_view key, Need need) {
    const auto* found = object_.if_contains(key);
    if (found == nullptr && need == Need::required)
        error("", "missing required field '" + std::string(key) + "'");
    return found;
}

std::optional<std::string> Fields::text(std::string_view key, Need need) {
    const auto* found = value(key, need);
    if (found == nullptr)
        return std::nullopt;
    const auto* text = found->if_string();
    if (text == nullptr) {
        error(key, "'" + std::string(key) + "' must be a string, not " + json_kind_name(*found));
        return std::nullopt;
    }
    if (text->find_first_not_of(" \t\r\n") == boost::json::string::npos) {
        error(key, "'" + std::string(key) + "' must not be empty");
        return std::nullopt;
    }
    return std::string(*text);
}

std::optional<std::string> Fields::id(std::string_view key, Need need) {
    auto text = this->text(key, need);
    if (text && !is_record_id(*text)) {
        error(key, "invalid id '" + *text +
                       "' (expected letters, digits, '-', '_' or '.', without spaces)");
        return std::nullopt;
    }
    return text;
}

std::optional<double> Fields::offset(std::string_view key, Need need) {
    const auto* found = value(key, need);
    if (found == nullptr)
        return std::nullopt;
    const auto seconds = parse_offset(*found);
    if (!seconds) {
        const std::string shown = found->is_string() ? "'" + std::string(found->get_string()) + "'"
                                                     : json_kind_name(*found);
        error(key, "invalid time " + shown +
                       " (expected \"HH:MM:SS\", \"MM:SS\" or a number of seconds from the start)");
    }
    return seconds;
}

std::optional<std::string> Fields::utc_time(std::string_view key, Need need) {
    auto text = this->text(key, need);
    if (text && !parse_utc_time(*text)) {
        error(key, "invalid time '" + *text +
                       "' (expected ISO 8601 UTC such as \"2026-03-04T10:15:00Z\")");
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> Fields::date(std::string_view key, Need need) {
    auto text = this->text(key, need);
    if (text && !is_calendar_date(*text)) {
        error(key, "invalid date '" + *text + "' (expected YYYY-MM-DD, e.g. \"2026-03-04\")");
        return std::nullopt;
    }
    return text;
}

std::optional<double> Fields::number(std::string_view key, Need need, double minimum) {
    const auto* found = value(key, need);
    if (found == nullptr)
        return std::nullopt;
    if (!found->is_number()) {
        error(key, "'" + std::string(key) + "' must be a number, not " + json_kind_name(*found));
        return std::nullopt;
    }
    const double number = found->to_number<double>();
    if (!std::isfinite(number) || number < minimum) {
        error(key, "'" + std::string(key) + "' must be at least " + format_number(minimum));
        return std::nullopt;
    }
    return number;
}

std::optional<bool> Fields::boolean(std::string_view key, Need need) {
    const auto* found = value(key, need);
    if (found == nullptr)
        return std::nullopt;
    if (!found->is_bool()) {
        error(key,
              "'" + std::string(key) + "' must be true or false, not " + json_kind_name(*found));
        return std::nullopt;
    }
    return found->get_bool();
}

const boost::json::array* Fields::array(std::string_view key, Need need) {
    const auto* found = value(key, need);
    if (found == nullptr)
        return nullptr;
    if (!found->is_array()) {
        error(key, "'" + std::string(key) + "' must be an array, not " + json_kind_name(*found));
        return nullptr;
    }
    return &found->get_array();
}

const boost::json::object* Fields::object(std::string_view key, Need need) {
    const auto* found = value(key, need);
    if (found == nullptr)
        return nullptr;
    if (!found->is_object()) {
        error(key, "'" + std::string(key) + "' must be an object, not " + json_kind_name(*found));
        return nullptr;
    }
    return &found->get_object();
}

std::vector<std::string> Fields::texts(std::string_view key, Need need) {
    std::vector<std::string> out;
    const auto* items = array(key, need);
    if (items == nullptr)
        return out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto* text = (*items)[i].if_string();
        if (text == nullptr || text->find_first_not_of(" \t\r\n") == boost::json::string::npos) {
            report_.error(Where::at_pointer(pointer(key, i)),
                          text == nullptr
                              ? std::string("expected a string, not ") + json_kind_name((*items)[i])
                              : std::string("expected text, not an empty string"));
            continue;
        }
        out.emplace_back(*text);
    }
    return out;
}

std::vector<std::string> Fields::ids(std::string_view key, Need need) {
    std::vector<std::string> out;
    const auto* items = array(key, need);
    if (items == nullptr)
        return out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto* text = (*items)[i].if_string();
        if (text == nullptr || !is_record_id(*text)) {
            report_.error(
                Where::at_pointer(pointer(key, i)),
                text == nullptr
                    ? std::string("expected an id string, not ") + json_kind_name((*items)[i])
                    : "invalid id '" + std::string(*text) +
                          "' (expected letters, digits, '-', '_' or '.', without spaces)");
            continue;
        }
        out.emplace_back(*text);
    }
    return out;
}

void Fields::keep_unknown(boost::json::object& into,
                          std::initializer_list<std::string_view> known) const {
    for (const auto& [key, item] : object_) {
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
            into[key] = item;
    }
}

void check_options(const IngestRequest& request, std::initializer_list<std::string_view> known,
                   Reporter& report) {
    std::string names;
    for (const auto name : known)
        names += (names.empty() ? "" : ", ") + std::string(name);
    for (const auto& [key, item] : request.options) {
        (void)item;
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
            report.warning(Where{}, "option '" + std::string(key) +
                                        "' is not used (this source takes: " +
                                        (names.empty() ? "none" : names) + ")");
        }
    }
}

std::optional<double> positive_number_option(const IngestRequest& request, std::string_view key,
                                             double fallback, Reporter& report) {
    const auto* found = request.options.if_contains(key);
    if (found == nullptr)
        return fallback;
    if (found->is_number()) {
        const double number = found->to_number<double>();
        if (std::isfinite(number) && number > 0)
            return number;
    }
    report.error(Where{}, "option '" + std::string(key) + "' must be a number above zero");
    return std::nullopt;
}

bool check_format(const IngestRequest& request, const std::vector<std::string>& formats,
                  Reporter& report) {
    if (std::find(formats.begin(), formats.end(), request.format) != formats.end())
        return true;
    std::string names;
    for (const auto& name : formats)
        names += (names.empty() ? "" : ", ") + name;
    report.error(Where{},
                 "unsupported format '" + request.format + "' (this source reads: " + names + ")");
    return false;
}

std::string format_number(double number) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", number);
    return text;
}

boost::json::object schema_from_text(std::string_view text) {
    return boost::json::parse(text).as_object();
}

}  // namespace coachkit::records
