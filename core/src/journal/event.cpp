// Events as `coachkit.event/1` documents, and the rules every stored event follows.
#include "coachkit/journal/event.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <map>

#include "coachkit/json/document.hpp"
#include "journal/event_check.hpp"
#include "json/field_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kFamily = "coachkit.event";
constexpr int kCurrentVersion = 1;
constexpr std::string_view kExampleTime = "2026-11-22T14:05:00Z";

const std::map<int, UpgradeStep>& upgrade_steps() {
    static const std::map<int, UpgradeStep> steps;  // none yet: /1 is the first version
    return steps;
}

/// The top level of an event is closed (see docs/journal.md); its own facts go in `data`.
const std::vector<std::string_view>& known_fields() {
    static const std::vector<std::string_view> known = {
        "schema", "sequence", "type", "at", "actor", "programme", "partnership", "cycle", "data"};
    return known;
}

bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_type_word(std::string_view word) {
    if (word.empty() || !is_lower(word.front()) || word.back() == '-')
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        if (c == '-') {
            if (word[i + 1] == '-')
                return false;
        } else if (!is_lower(c) && !is_digit(c)) {
            return false;
        }
    }
    return true;
}

/// The number written in `text` (digits only), or -1.
int digits(std::string_view text) {
    int value = 0;
    for (const char c : text) {
        if (!is_digit(c))
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

/// "" if `text` is a valid timestamp, else the reason.
std::string check_timestamp(std::string_view text) {
    const std::string quoted = "'" + std::string(text) + "'";
    const std::string form =
        "use ISO 8601 UTC to the second, e.g. '" + std::string(kExampleTime) + "'";
    // YYYY-MM-DDTHH:MM:SSZ: separators at 4, 7, 10, 13, 16 and 19, digits everywhere else.
    const bool shaped = text.size() == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' &&
                        text[13] == ':' && text[16] == ':' && text[19] == 'Z';
    const int year = shaped ? digits(text.substr(0, 4)) : -1;
    const int month = shaped ? digits(text.substr(5, 2)) : -1;
    const int day = shaped ? digits(text.substr(8, 2)) : -1;
    const int hour = shaped ? digits(text.substr(11, 2)) : -1;
    const int minute = shaped ? digits(text.substr(14, 2)) : -1;
    const int second = shaped ? digits(text.substr(17, 2)) : -1;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return "invalid time " + quoted + ": " + form;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return "invalid time " + quoted + ": " + std::string(text.substr(0, 10)) + " is not a date";
    if (hour > 23 || minute > 59 || second > 59)
        return "invalid time " + quoted + ": " + std::string(text.substr(11, 8)) +
               " is not a time of day";
    return {};
}

Diagnostic error_at(std::string_view file, std::string pointer, std::string message) {
    return Diagnostic{Severity::error,   std::string(file), std::move(pointer), 0, 0,
                      std::move(message)};
}

/// `sequence`: absent is 0 (not yet appended); otherwise a whole number from 0.
std::int64_t read_sequence(const boost::json::object& document, std::string_view file,
                           const std::string& pointer, Diagnostics& out) {
    const auto* value = document.if_contains("sequence");
    if (value == nullptr)
        return 0;
    const std::string at = pointer_append(pointer, "sequence");
    std::int64_t number = 0;
    if (value->is_int64()) {
        number = value->get_int64();
    } else if (value->is_uint64()) {
        out.push_back(error_at(file, at, "'sequence' is too large"));
        return 0;
    } else if (value->is_double() && std::trunc(value->get_double()) == value->get_double() &&
               std::abs(value->get_double()) < 9e15) {
        number = static_cast<std::int64_t>(value->get_double());  // 12.0 is the whole number 12
    } else {
        out.push_back(error_at(
            file, at,
            std::string("'sequence' must be a whole number, not ") + json_type_name(*value)));
        return 0;
    }
    if (number < 0) {
        out.push_back(error_at(
            file, at,
            "'sequence' must be 0 (not yet appended) or more, not " + std::to_string(number)));
        return 0;
    }
    return number;
}

bool is_event_type(std::string_view text) {
    std::size_t words = 0;
    while (true) {
        const auto dot = text.find('.');
        if (!is_type_word(text.substr(0, dot)))
            return false;
        ++words;
        if (dot == std::string_view::npos)
            break;
        text.remove_prefix(dot + 1);
    }
    return words >= 2;
}

std::string event_type_problem(std::string_view text) {
    return "invalid event type '" + std::string(text) +
           "': use lower-case words joined by '.', e.g. 'cycle.started' (letters, digits and "
           "'-' within a word)";
}

}  // namespace

void require_storable(const std::vector<Event>& events, std::string_view store) {
    Diagnostics problems;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        const std::string at = pointer_append("", i);
        auto missing = [&](std::string_view field) {
            problems.push_back(error_at(store, pointer_append(at, field),
                                        "'" + std::string(field) + "' must not be empty"));
        };
        if (e.type.empty()) {
            missing("type");
        } else if (!is_event_type(e.type)) {
            problems.push_back(
                error_at(store, pointer_append(at, "type"), event_type_problem(e.type)));
        }
        if (e.at.empty()) {
            missing("at");
        } else if (auto problem = check_timestamp(e.at); !problem.empty()) {
            problems.push_back(error_at(store, pointer_append(at, "at"), std::move(problem)));
        }
        if (e.actor.empty())
            missing("actor");
        if (e.programme.empty())
            missing("programme");
    }
    if (!problems.empty())
        throw InvalidDocumentError(std::move(problems));
}

boost::json::object to_json(const Event& event) {
    boost::json::object out;
    out["schema"] = SchemaTag{std::string(kFamily), kCurrentVersion}.to_string();
    out["sequence"] = event.sequence;
    out["type"] = event.type;
    out["at"] = event.at;
    out["actor"] = event.actor;
    out["programme"] = event.programme;
    if (!event.partnership.empty())
        out["partnership"] = event.partnership;
    if (!event.cycle.empty())
        out["cycle"] = event.cycle;
    out["data"] = event.data;
    return out;
}

std::optional<Event> event_from_json(const boost::json::value& value, std::string_view origin,
                                     std::string_view pointer, Diagnostics& out) {
    const std::size_t errors_before = out.size();
    const std::string base(pointer);
    const auto* input = value.if_object();
    if (input == nullptr) {
        out.push_back(
            error_at(origin, base,
                     std::string("an event must be a JSON object, not ") + json_type_name(value)));
        return std::nullopt;
    }
    // upgrade_document works in place and reports at "/schema": work on a copy, and put the
    // event's own pointer in front of what it reports.
    boost::json::object document = *input;
    Diagnostics schema_problems;
    if (!upgrade_document(document, kFamily, kCurrentVersion, upgrade_steps(), origin,
                          schema_problems)) {
        for (auto& d : schema_problems) {
            d.pointer = base + d.pointer;
            out.push_back(std::move(d));
        }
        return std::nullopt;
    }

    Event event;
    FieldReader r(document, Origin{std::string(origin), base}, out);
    event.sequence = read_sequence(document, origin, base, out);
    event.type = r.text("type", Required::yes);
    if (!event.type.empty() && !is_event_type(event.type))
        r.error("/type", event_type_problem(event.type));
    event.at = r.text("at", Required::yes);
    if (!event.at.empty()) {
        if (auto problem = check_timestamp(event.at); !problem.empty())
            r.error("/at", std::move(problem));
    }
    event.actor = r.text("actor", Required::yes);
    event.programme = r.text("programme", Required::yes);
    event.partnership = r.text("partnership", Required::no);
    event.cycle = r.text("cycle", Required::no);
    if (const auto* data = r.object("data", Required::no))
        event.data = *data;
    for (const auto& [key, unused] : r.unknown_fields(known_fields())) {
        (void)unused;
        r.error(pointer_append("", key),
                "unknown field '" + std::string(key) +
                    "': an event's own facts go in 'data' (the top level of " +
                    std::string(kFamily) + "/" + std::to_string(kCurrentVersion) + " is fixed)");
    }
    if (errors_since(out, errors_before))
        return std::nullopt;
    return event;
}

std::string utc_now() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return std::string(text, length);
}

COACHKIT_NAMESPACE_END
