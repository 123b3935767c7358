// The turns of a coaching-transcript content, read back for scoring. The content may come from
// a store written by an older build or edited by hand, so every field is checked and each
// problem named by its pointer.
#include <boost/json.hpp>

#include "coachkit/analysis/coaching_profile.hpp"
#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

class TurnReader {
public:
    TurnReader(std::string_view origin, Diagnostics& out) : origin_(origin), out_(out) {}

    void error(const std::string& pointer, std::string message) const {
        out_.push_back({Severity::error, origin_, pointer, 0, 0, std::move(message)});
    }

    /// The string at `key`, or empty (a missing required one, or one of another type, reported).
    std::string text(const boost::json::object& turn, std::string_view key,
                     const std::string& pointer, bool required) const {
        const auto* value = turn.if_contains(key);
        if (value == nullptr) {
            if (required)
                error(pointer, "a turn needs \"" + std::string(key) + "\"");
            return {};
        }
        if (!value->is_string()) {
            error(pointer_append(pointer, key), "expected a string");
            return {};
        }
        return std::string(value->get_string());
    }

    std::size_t number(const boost::json::object& turn, const std::string& pointer) const {
        const auto* value = turn.if_contains("n");
        if (value == nullptr) {
            error(pointer, "a turn needs \"n\", its number from 1");
            return 0;
        }
        if (const auto* n = value->if_int64(); n != nullptr && *n >= 1)
            return static_cast<std::size_t>(*n);
        if (const auto* n = value->if_uint64(); n != nullptr && *n >= 1)
            return static_cast<std::size_t>(*n);
        error(pointer_append(pointer, "n"), "expected a whole number from 1");
        return 0;
    }

    TurnCodeSet codes(const boost::json::object& turn, const std::string& pointer) const {
        TurnCodeSet codes;
        const auto* value = turn.if_contains("codes");
        if (value == nullptr)
            return codes;
        const std::string at = pointer_append(pointer, "codes");
        const auto* object = value->if_object();
        if (object == nullptr) {
            error(at, "expected an object of dimension → [values]");
            return codes;
        }
        for (const auto& [key, list] : *object) {
            const std::string dimension(key);
            const std::string dim_at = pointer_append(at, dimension);
            if (find_coaching_dimension(dimension) == nullptr) {
                error(dim_at, "unknown dimension '" + dimension + "'");
                continue;
            }
            const auto* values = list.if_array();
            if (values == nullptr) {
                error(dim_at, "expected an array of values");
                continue;
            }
            std::vector<std::string> valid;
            for (std::size_t i = 0; i < values->size(); ++i) {
                const auto* v = (*values)[i].if_string();
                if (v == nullptr || !is_valid(dimension, *v)) {
                    error(pointer_append(dim_at, i),
                          "not a value of " + dimension + " (docs/evidence-metrics.md)");
                    continue;
                }
                valid.emplace_back(*v);
            }
            merge_codes(codes, dimension, valid);
        }
        return codes;
    }

private:
    std::string origin_;
    Diagnostics& out_;
};

}  // namespace

std::vector<CodedTurn> coded_turns_from_content(const boost::json::value& content,
                                                std::string_view origin, Diagnostics& out) {
    const TurnReader reader(origin, out);
    std::vector<CodedTurn> turns;
    const auto* object = content.if_object();
    const auto* list = object ? object->if_contains("turns") : nullptr;
    if (list == nullptr || !list->is_array()) {
        reader.error(object ? "/turns" : "",
                     "expected a coaching-transcript content: an object with \"turns\", an array");
        return turns;
    }
    const auto& items = list->get_array();
    turns.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string pointer = pointer_append("/turns", i);
        const auto* turn = items[i].if_object();
        if (turn == nullptr) {
            reader.error(pointer, "a turn must be an object");
            continue;
        }
        CodedTurn coded;
        coded.turn = reader.number(*turn, pointer);
        coded.speaker = reader.text(*turn, "speaker", pointer, false);
        coded.role = reader.text(*turn, "role", pointer, false);
        if (coded.role.empty())
            coded.role = "other";
        coded.text = reader.text(*turn, "text", pointer, true);
        coded.codes = reader.codes(*turn, pointer);
        if (coded.turn != 0)
            turns.push_back(std::move(coded));
    }
    return turns;
}

COACHKIT_NAMESPACE_END
