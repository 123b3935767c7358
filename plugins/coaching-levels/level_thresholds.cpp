// Reading levels.json. Every bound and feature is checked before any transcript is scored, so a
// typo in a recalibrated file is reported at its place instead of silently scoring nothing.
#include "level_thresholds.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <coachkit/json/document.hpp>
#include <set>

namespace coaching_levels {

namespace {

using coachkit::Diagnostics;
using coachkit::pointer_append;
using coachkit::Severity;

class Reader {
public:
    Reader(std::string origin, Diagnostics& out) : origin_(std::move(origin)), out_(out) {}

    void error(const std::string& pointer, std::string message) {
        out_.push_back({Severity::error, origin_, pointer, 0, 0, std::move(message)});
    }

    std::string text(const boost::json::object& o, std::string_view key, const std::string& at,
                     bool required) {
        const auto* v = o.if_contains(key);
        if (v == nullptr) {
            if (required)
                error(at, "missing \"" + std::string(key) + "\"");
            return {};
        }
        if (!v->is_string()) {
            error(pointer_append(at, key), "expected a string");
            return {};
        }
        return std::string(v->get_string());
    }

    std::optional<double> number(const boost::json::object& o, std::string_view key,
                                 const std::string& at) {
        const auto* v = o.if_contains(key);
        if (v == nullptr)
            return std::nullopt;
        if (!v->is_number()) {
            error(pointer_append(at, key), "expected a number");
            return std::nullopt;
        }
        return v->to_number<double>();
    }

    const boost::json::array* array(const boost::json::object& o, std::string_view key,
                                    const std::string& at, bool required) {
        const auto* v = o.if_contains(key);
        if (v == nullptr) {
            if (required)
                error(at, "missing \"" + std::string(key) + "\", an array");
            return nullptr;
        }
        if (!v->is_array()) {
            error(pointer_append(at, key), "expected an array");
            return nullptr;
        }
        return &v->get_array();
    }

    /// A whole number from `minimum`, or `fallback` (a wrong one reported).
    std::size_t count(const boost::json::object& o, std::string_view key, const std::string& at,
                      std::size_t fallback, std::size_t minimum) {
        const auto n = number(o, key, at);
        if (!n)
            return fallback;
        if (*n < static_cast<double>(minimum) || *n != static_cast<double>(static_cast<long>(*n))) {
            error(pointer_append(at, key),
                  "expected a whole number from " + std::to_string(minimum));
            return fallback;
        }
        return static_cast<std::size_t>(*n);
    }

private:
    std::string origin_;
    Diagnostics& out_;
};

void read_profile_options(Reader& r, const boost::json::object& doc, Thresholds& t) {
    const auto* v = doc.if_contains("profile");
    if (v == nullptr)
        return;
    if (!v->is_object()) {
        r.error("/profile", "expected an object");
        return;
    }
    const auto& o = v->get_object();
    t.profile.run_max_words = r.count(o, "run_max_words", "/profile", t.profile.run_max_words, 1);
    t.profile.run_min_turns = r.count(o, "run_min_turns", "/profile", t.profile.run_min_turns, 2);
    t.profile.challenge_window =
        r.count(o, "challenge_window", "/profile", t.profile.challenge_window, 1);
}

Condition read_condition(Reader& r, const boost::json::object& o, const std::string& at,
                         const std::set<std::string>& criteria) {
    Condition c;
    c.criterion = r.text(o, "criterion", at, true);
    if (!c.criterion.empty() && criteria.count(c.criterion) == 0)
        r.error(pointer_append(at, "criterion"), "'" + c.criterion + "' is not in /criteria");
    c.feature = r.text(o, "feature", at, true);
    // An empty profile answers for every name it knows: the cheapest check of a feature's name.
    if (!c.feature.empty() && !coachkit::CoachingProfile{}.feature(c.feature)) {
        r.error(pointer_append(at, "feature"),
                "unknown feature '" + c.feature + "' (docs/rubrics.md#features)");
    }
    c.at_least = r.number(o, "at_least", at);
    c.at_most = r.number(o, "at_most", at);
    if (!c.at_least && !c.at_most)
        r.error(at, "a condition needs \"at_least\" or \"at_most\"");
    c.shows = r.text(o, "shows", at, false);
    if (const auto* v = o.if_contains("required")) {
        if (v->is_bool())
            c.required = v->get_bool();
        else
            r.error(pointer_append(at, "required"), "expected true or false");
    }
    return c;
}

}  // namespace

bool holds(const Condition& condition, double value) {
    return (!condition.at_least || value >= *condition.at_least) &&
           (!condition.at_most || value <= *condition.at_most);
}

Thresholds read_thresholds(const boost::json::value& document, const std::string& origin,
                           Diagnostics& out) {
    Thresholds t;
    t.origin = origin;
    Reader r(origin, out);
    const auto* doc = document.if_object();
    if (doc == nullptr) {
        r.error("", "a thresholds file must be a JSON object");
        return t;
    }
    const auto tag = coachkit::SchemaTag::parse(r.text(*doc, "schema", "", true));
    if (!tag || tag->family != "coachkit.coaching-levels" || tag->version != 1)
        r.error("/schema", "expected \"coachkit.coaching-levels/1\"");
    read_profile_options(r, *doc, t);

    std::set<std::string> criterion_ids;
    if (const auto* list = r.array(*doc, "criteria", "", true)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto at = pointer_append("/criteria", i);
            const auto* o = (*list)[i].if_object();
            if (o == nullptr) {
                r.error(at, "expected an object");
                continue;
            }
            coachkit::RubricCriterion c;
            c.id = r.text(*o, "id", at, true);
            c.name = r.text(*o, "name", at, true);
            c.summary = r.text(*o, "summary", at, false);
            if (!c.id.empty() && !criterion_ids.insert(c.id).second)
                r.error(pointer_append(at, "id"), "criterion '" + c.id + "' is given twice");
            t.criteria.push_back(std::move(c));
        }
    }

    std::set<int> values;
    if (const auto* list = r.array(*doc, "levels", "", true)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto at = pointer_append("/levels", i);
            const auto* o = (*list)[i].if_object();
            if (o == nullptr) {
                r.error(at, "expected an object");
                continue;
            }
            LevelRule rule;
            rule.level.id = r.text(*o, "id", at, true);
            rule.level.name = r.text(*o, "name", at, true);
            rule.level.value = static_cast<int>(r.count(*o, "value", at, 0, 1));
            rule.descriptor = r.text(*o, "descriptor", at, false);
            if (rule.level.value != 0 && !values.insert(rule.level.value).second)
                r.error(pointer_append(at, "value"), "two levels have this value");
            if (const auto* conditions = r.array(*o, "conditions", at, false)) {
                for (std::size_t k = 0; k < conditions->size(); ++k) {
                    const auto c_at = pointer_append(pointer_append(at, "conditions"), k);
                    if (const auto* c = (*conditions)[k].if_object())
                        rule.conditions.push_back(read_condition(r, *c, c_at, criterion_ids));
                    else
                        r.error(c_at, "expected an object");
                }
            }
            rule.requires_met = r.count(*o, "requires", at, rule.conditions.size(), 1);
            if (rule.requires_met > rule.conditions.size() && !rule.conditions.empty()) {
                r.error(pointer_append(at, "requires"),
                        "requires " + std::to_string(rule.requires_met) + " of only " +
                            std::to_string(rule.conditions.size()) + " conditions");
            }
            t.levels.push_back(std::move(rule));
        }
    }
    std::sort(t.levels.begin(), t.levels.end(),
              [](const LevelRule& a, const LevelRule& b) { return a.level.value < b.level.value; });
    if (t.levels.size() < 2)
        r.error("/levels", "give at least two levels");
    for (std::size_t i = 1; i < t.levels.size(); ++i) {
        if (t.levels[i].conditions.empty())
            r.error("/levels", "level '" + t.levels[i].level.id + "' needs conditions");
    }
    // Each criterion's descriptor per level: what meeting its conditions there shows.
    for (auto& criterion : t.criteria) {
        for (const auto& rule : t.levels) {
            std::string shows;
            for (const auto& c : rule.conditions) {
                if (c.criterion == criterion.id && !c.shows.empty())
                    shows += (shows.empty() ? "" : "; ") + c.shows;
            }
            criterion.descriptors.push_back(shows.empty() ? rule.level.name : shows);
        }
    }
    return t;
}

}  // namespace coaching_levels
