// Events as `coachkit.event/1` documents, and the rules every stored event follows.
#include "coachkit/journal/event.hpp"

#include <cmath>
#include <map>

#include "coachkit/journal/time.hpp"
#include "coachkit/json/document.hpp"
#include "journal/event_check.hpp"
#include "json/field_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kFamily = "coachkit.event";
constexpr int kCurrentVersion = 1;

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
        } else if (auto problem = utc_time_problem(e.at); !problem.empty()) {
            problems.push_back(error_at(store, pointer_append(at, "at"), std::move(problem)));
        }
        if (e.actor.empty())
            missing("actor");
        if (e.programme.empty())
            missing("programme");
        // NaN and infinities are not JSON: stored, they would make the journal unreadable.
        if (auto where = find_non_finite_number(e.data, pointer_append(at, "data"))) {
            problems.push_back(error_at(store, *where,
                                        "a number that is not finite (NaN or infinity) cannot be "
                                        "stored: JSON has no way to write it"));
        }
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
        if (auto problem = utc_time_problem(event.at); !problem.empty())
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

COACHKIT_NAMESPACE_END
