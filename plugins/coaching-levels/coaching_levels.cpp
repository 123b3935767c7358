// The levels of coaching practice development as a rubric: from a coded coaching conversation's
// dimension profile to one of the guide's four levels (source: 002_4b16babbfb4ecaf5.txt, section 8
// and Table 1), with the reasons and the turns that show them. The thresholds are data
// (levels.json beside this library, or "thresholds" in the input) so that researchers can
// recalibrate them without recompiling; docs/rubrics.md describes every figure and rule.
#include <boost/json.hpp>
#include <cmath>
#include <coachkit/analysis/coaching_profile.hpp>
#include <coachkit/json/document.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/plugin_data.hpp>
#include <coachkit/plugin/rubric.hpp>
#include <sstream>

#include "level_thresholds.hpp"

namespace {

using coaching_levels::Condition;
using coaching_levels::LevelRule;
using coaching_levels::Thresholds;
using coachkit::Assessment;
using coachkit::Citation;
using coachkit::CriterionResult;
using coachkit::Diagnostics;
using coachkit::Severity;

/// The most turns cited for one condition: enough to find the talk, few enough to read. The
/// overall level cites fewer per condition, as it cites every condition that holds.
constexpr std::size_t kCitedTurns = 4;
constexpr std::size_t kCitedTurnsOverall = 2;

std::string figure(double value) {
    std::ostringstream out;
    out.precision(value == std::floor(value) ? 0 : 2);
    out << std::fixed << value;
    return out.str();
}

std::string bound_text(const Condition& c) {
    std::string text;
    if (c.at_least)
        text += "≥ " + figure(*c.at_least);
    if (c.at_most)
        text += std::string(text.empty() ? "" : " and ") + "≤ " + figure(*c.at_most);
    return text;
}

std::shared_ptr<const Thresholds> load_default_thresholds() {
    const auto path = coachkit::plugin_folder() / "levels.json";
    Diagnostics problems;
    auto document = coachkit::read_json_file(path, problems);
    auto thresholds = std::make_shared<Thresholds>();
    if (document)
        *thresholds = coaching_levels::read_thresholds(*document, path.string(), problems);
    if (coachkit::has_errors(problems)) {
        std::string message = "the coaching-levels thresholds cannot be read:";
        for (const auto& d : problems)
            message += "\n  " + d.to_string();
        throw std::runtime_error(message);
    }
    return thresholds;
}

/// One condition measured on a profile.
struct Measured {
    const Condition* condition = nullptr;
    double value = 0;
    bool met = false;
};

struct LevelOutcome {
    const LevelRule* rule = nullptr;
    std::vector<Measured> measured;
    std::size_t met = 0;
    bool required_met = true;  // every required condition holds
    bool reached = false;
};

std::vector<Citation> cite(const coachkit::CoachingProfile& profile, const Measured& m,
                           std::size_t most = kCitedTurns) {
    std::vector<Citation> citations;
    const auto turns = profile.turns_for(m.condition->feature);
    for (std::size_t i = 0; i < turns.size() && i < most; ++i) {
        citations.push_back({"turn:" + std::to_string(turns[i]), m.condition->shows.empty()
                                                                     ? m.condition->feature
                                                                     : m.condition->shows});
    }
    return citations;
}

std::string condition_line(const Measured& m) {
    return m.condition->feature + " = " + figure(m.value) + (m.met ? " meets " : " misses ") +
           bound_text(*m.condition) + (m.condition->required ? ", required" : "") +
           (m.condition->shows.empty() ? "" : " (" + m.condition->shows + ")");
}

class CoachingLevels final : public coachkit::Rubric {
public:
    CoachingLevels() : defaults_(load_default_thresholds()) {}

    [[nodiscard]] std::string applies_to() const override { return "coaching-transcript"; }
    [[nodiscard]] std::vector<coachkit::RubricCriterion> criteria() const override {
        return defaults_->criteria;
    }
    [[nodiscard]] std::vector<coachkit::RubricLevel> levels() const override {
        std::vector<coachkit::RubricLevel> out;
        for (const auto& rule : defaults_->levels)
            out.push_back(rule.level);
        return out;
    }

    /// `input`: a coaching-transcript content ({"turns": [...]}), optionally with "thresholds",
    /// a coachkit.coaching-levels/1 object to use instead of levels.json.
    [[nodiscard]] Assessment evaluate(const boost::json::value& input,
                                      Diagnostics& out) const override {
        Assessment result;
        result.rubric = "coaching-levels";
        const std::size_t before = out.size();
        Thresholds given;
        const Thresholds* thresholds = defaults_.get();
        if (const auto* object = input.if_object()) {
            if (const auto* own = object->if_contains("thresholds")) {
                given = coaching_levels::read_thresholds(*own, "input /thresholds", out);
                thresholds = &given;
            }
        }
        const auto turns = coachkit::coded_turns_from_content(input, "input", out);
        if (errors_since(out, before))
            return result;
        const auto profile = coachkit::profile_coaching(turns, thresholds->profile);
        if (profile.coded_turns == 0) {
            out.push_back({Severity::error, "input", "/turns", 0, 0,
                           "no turn is coded: give codes (CSV columns or a coachkit.turn-codes/1 "
                           "sidecar) or read it with the option \"coder\": \"heuristic\""});
            return result;
        }
        const auto outcomes = measure(*thresholds, profile);
        fill(result, *thresholds, profile, outcomes);
        result.details = boost::json::object{{"profile", profile.to_json()},
                                             {"levels", outcomes_json(outcomes)},
                                             {"thresholds", thresholds->origin}};
        return result;
    }

private:
    static bool errors_since(const Diagnostics& out, std::size_t before) {
        for (std::size_t i = before; i < out.size(); ++i) {
            if (out[i].severity == Severity::error)
                return true;
        }
        return false;
    }

    static std::vector<LevelOutcome> measure(const Thresholds& t,
                                             const coachkit::CoachingProfile& profile) {
        std::vector<LevelOutcome> outcomes;
        bool below_reached = true;
        for (const auto& rule : t.levels) {
            LevelOutcome o;
            o.rule = &rule;
            for (const auto& c : rule.conditions) {
                const double value = profile.feature(c.feature).value_or(0);
                const bool met = coaching_levels::holds(c, value);
                o.measured.push_back({&c, value, met});
                o.met += met ? 1 : 0;
                o.required_met = o.required_met && (met || !c.required);
            }
            // The lowest level is where every conversation starts.
            o.reached =
                outcomes.empty() || (below_reached && o.required_met && o.met >= rule.requires_met);
            below_reached = o.reached;
            outcomes.push_back(std::move(o));
        }
        return outcomes;
    }

    static void fill(Assessment& result, const Thresholds& t,
                     const coachkit::CoachingProfile& profile,
                     const std::vector<LevelOutcome>& outcomes) {
        const LevelOutcome* top = &outcomes.front();
        for (const auto& o : outcomes) {
            if (o.reached)
                top = &o;
        }
        result.level = top->rule->level.id;
        result.overall = top->rule->level.value;

        // The rationale: what the level reached shows, and what the next one lacks.
        std::string why =
            top->rule->level.name + " (level " + std::to_string(top->rule->level.value) + ")";
        if (top != &outcomes.front()) {
            why += ": " + std::to_string(top->met) + " of " + std::to_string(top->measured.size()) +
                   " of its conditions hold (needs " + std::to_string(top->rule->requires_met) +
                   ")";
        } else if (top->met > 0) {
            std::string typical;
            for (const auto& m : top->measured) {
                if (m.met)
                    typical += (typical.empty() ? "" : "; ") + condition_line(m);
            }
            why += ": " + typical;
        }
        const auto next = static_cast<std::size_t>(top - outcomes.data()) + 1;
        if (next < outcomes.size()) {
            const auto& n = outcomes[next];
            why += "; " + n.rule->level.name + " needs " + std::to_string(n.rule->requires_met) +
                   " of " + std::to_string(n.measured.size()) + " with every required one, " +
                   std::to_string(n.met) + " hold" +
                   (n.required_met ? "" : " but a required one does not");
            std::string missing;
            for (const auto& m : n.measured) {
                if (!m.met)
                    missing += (missing.empty() ? "" : "; ") + condition_line(m);
            }
            if (!missing.empty())
                why += " (missing: " + missing + ")";
        }
        result.rationale = why;
        for (const auto& m : top->measured) {
            if (!m.met)
                continue;
            for (auto& c : cite(profile, m, kCitedTurnsOverall))
                result.citations.push_back(std::move(c));
        }

        // Each criterion: the highest level at which all its conditions hold, with the figures.
        for (const auto& criterion : t.criteria) {
            CriterionResult r;
            r.criterion = criterion.id;
            r.score = outcomes.front().rule->level.value;
            r.level = outcomes.front().rule->level.id;
            std::string lines;
            for (const auto& o : outcomes) {
                std::vector<const Measured*> own;
                for (const auto& m : o.measured) {
                    if (m.condition->criterion == criterion.id)
                        own.push_back(&m);
                }
                if (own.empty())
                    continue;
                const bool all =
                    std::all_of(own.begin(), own.end(), [](const Measured* m) { return m->met; });
                for (const auto* m : own)
                    lines +=
                        (lines.empty() ? "" : "; ") + o.rule->level.id + ": " + condition_line(*m);
                if (all && o.rule->level.value > r.score) {
                    r.score = o.rule->level.value;
                    r.level = o.rule->level.id;
                    r.citations.clear();
                    for (const auto* m : own) {
                        for (auto& c : cite(profile, *m))
                            r.citations.push_back(std::move(c));
                    }
                }
            }
            r.rationale = lines.empty() ? "no condition speaks for it" : lines;
            result.criteria.push_back(std::move(r));
        }
    }

    static boost::json::array outcomes_json(const std::vector<LevelOutcome>& outcomes) {
        boost::json::array list;
        for (const auto& o : outcomes) {
            boost::json::array conditions;
            for (const auto& m : o.measured) {
                boost::json::object c{{"criterion", m.condition->criterion},
                                      {"feature", m.condition->feature},
                                      {"value", m.value},
                                      {"met", m.met},
                                      {"required", m.condition->required}};
                if (m.condition->at_least)
                    c["at_least"] = *m.condition->at_least;
                if (m.condition->at_most)
                    c["at_most"] = *m.condition->at_most;
                conditions.push_back(std::move(c));
            }
            list.push_back(boost::json::object{{"level", o.rule->level.id},
                                               {"value", o.rule->level.value},
                                               {"requires", o.rule->requires_met},
                                               {"met", o.met},
                                               {"reached", o.reached},
                                               {"conditions", std::move(conditions)}});
        }
        return list;
    }

    std::shared_ptr<const Thresholds> defaults_;
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<CoachingLevels>("coaching-levels");
}

}  // namespace

COACHKIT_PLUGIN("coaching-levels", "1.0.0", register_components)
