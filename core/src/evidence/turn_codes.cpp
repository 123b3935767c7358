// The coachkit.turn-codes/1 sidecar: codes for a transcript's turns kept beside it, for
// transcripts whose format has no room for them (WebVTT, SRT, plain text).
#include <cmath>
#include <optional>

#include "coachkit/evidence/coaching_codes.hpp"
#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view schema_tag = "coachkit.turn-codes/1";

std::string known_dimensions() {
    std::string text;
    for (const auto& d : coaching_dimensions())
        text += (text.empty() ? "" : ", ") + d.id;
    return text;
}

std::string known_values(const CodingDimension& dimension) {
    std::string text;
    for (const auto& v : dimension.values)
        text += (text.empty() ? "" : ", ") + v.id;
    return text;
}

/// A turn number: a whole number ≥ 1 (1.0 is accepted, as JSON writers may give it).
std::optional<std::size_t> turn_number(const boost::json::value& value) {
    if (const auto* i = value.if_int64(); i != nullptr && *i >= 1)
        return static_cast<std::size_t>(*i);
    if (const auto* u = value.if_uint64(); u != nullptr && *u >= 1)
        return static_cast<std::size_t>(*u);
    if (const auto* d = value.if_double();
        d != nullptr && *d >= 1 && *d < 1e15 && std::floor(*d) == *d)
        return static_cast<std::size_t>(*d);
    return std::nullopt;
}

}  // namespace

TurnCodes TurnCodes::read(const boost::json::value& document, std::string origin,
                          std::string pointer, Diagnostics& out) {
    TurnCodes result;
    result.origin_ = origin;
    auto report = [&](Severity severity, const std::string& at, std::string message) {
        out.push_back(Diagnostic{severity, origin, at, 0, 0, std::move(message)});
    };
    const auto* object = document.if_object();
    if (object == nullptr) {
        report(Severity::error, pointer,
               "the turn codes must be a JSON object {\"schema\": \"coachkit.turn-codes/1\", "
               "\"turns\": [...]}");
        return result;
    }
    const auto* tag = object->if_contains("schema");
    if (tag == nullptr) {
        report(Severity::error, pointer,
               "missing required field 'schema' (expected \"coachkit.turn-codes/1\")");
    } else if (!tag->is_string() || tag->as_string() != schema_tag) {
        report(Severity::error, pointer_append(pointer, "schema"),
               "expected \"coachkit.turn-codes/1\" (a sidecar of codes for a transcript's turns)");
    }
    for (const auto& member : *object) {
        if (member.key() != "schema" && member.key() != "turns")
            report(Severity::warning, pointer_append(pointer, member.key()),
                   "unknown field '" + std::string(member.key()) + "' ignored");
    }
    const std::string turns_pointer = pointer_append(pointer, "turns");
    const auto* turns = object->if_contains("turns");
    if (turns == nullptr) {
        report(Severity::error, pointer, "missing required field 'turns' (an array of turns)");
        return result;
    }
    if (!turns->is_array()) {
        report(Severity::error, turns_pointer, "'turns' must be an array of turns");
        return result;
    }
    const auto& entries = turns->as_array();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string at = pointer_append(turns_pointer, i);
        const auto* entry = entries[i].if_object();
        if (entry == nullptr) {
            report(Severity::error, at,
                   "each turn must be an object such as {\"turn\": 3, \"function\": \"explain\"}");
            continue;
        }
        const auto* number_value = entry->if_contains("turn");
        const auto number = number_value ? turn_number(*number_value) : std::nullopt;
        if (number_value == nullptr) {
            report(Severity::error, at,
                   "missing required field 'turn' (the turn's number, from 1)");
            continue;
        }
        if (!number) {
            report(Severity::error, pointer_append(at, "turn"),
                   "'turn' must be a whole number from 1 (the turn's place in the transcript)");
            continue;
        }
        TurnCodeSet codes;
        for (const auto& member : *entry) {
            if (member.key() == "turn")
                continue;
            const std::string key(member.key());
            const std::string member_at = pointer_append(at, key);
            const auto* dimension = find_coaching_dimension(key);
            if (dimension == nullptr) {
                report(Severity::warning, member_at,
                       "unknown dimension '" + key +
                           "' ignored (dimensions: " + known_dimensions() + ")");
                continue;
            }
            std::vector<std::pair<std::string, std::string>> given;  // value, its pointer
            if (member.value().is_string()) {
                for (auto& v : split_code_values(member.value().as_string()))
                    given.emplace_back(std::move(v), member_at);
            } else if (const auto* list = member.value().if_array()) {
                for (std::size_t j = 0; j < list->size(); ++j) {
                    const std::string value_at = pointer_append(member_at, j);
                    if (!(*list)[j].is_string()) {
                        report(Severity::warning, value_at, "a code must be a string; ignored");
                        continue;
                    }
                    for (auto& v : split_code_values((*list)[j].as_string()))
                        given.emplace_back(std::move(v), value_at);
                }
            } else {
                report(Severity::warning, member_at,
                       "'" + key + "' must be a string or an array of strings; ignored");
                continue;
            }
            std::vector<std::string> valid;
            for (const auto& [value, value_at] : given) {
                if (auto id = resolve_code(key, value); !id.empty())
                    valid.push_back(std::move(id));
                else
                    report(Severity::warning, value_at,
                           "unknown " + key + " '" + value +
                               "' ignored (values: " + known_values(*dimension) + ")");
            }
            merge_codes(codes, key, valid);
        }
        auto [it, inserted] = result.turns_.try_emplace(*number, Entry{{}, at});
        if (!inserted)
            report(Severity::warning, at,
                   "turn " + std::to_string(*number) + " is also given at " + it->second.pointer +
                       "; the codes are merged");
        for (const auto& [dimension, values] : codes)
            merge_codes(it->second.codes, dimension, values);
    }
    return result;
}

std::vector<std::size_t> TurnCodes::turns() const {
    std::vector<std::size_t> numbers;
    numbers.reserve(turns_.size());
    for (const auto& [turn, entry] : turns_)
        numbers.push_back(turn);
    return numbers;
}

const TurnCodeSet* TurnCodes::codes_for(std::size_t turn) const {
    const auto it = turns_.find(turn);
    return it == turns_.end() ? nullptr : &it->second.codes;
}

void TurnCodes::check_turns(std::size_t turn_count, Diagnostics& out) const {
    for (auto it = turns_.upper_bound(turn_count); it != turns_.end(); ++it)
        out.push_back(Diagnostic{
            Severity::warning, origin_, pointer_append(it->second.pointer, "turn"), 0, 0,
            "turn " + std::to_string(it->first) + " is beyond the transcript, which has " +
                std::to_string(turn_count) + " turns; its codes are unused"});
}

COACHKIT_NAMESPACE_END
