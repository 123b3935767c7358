// The thresholds of the levels rubric, read from its data file (levels.json beside the library,
// or a researcher's own file): which figures of the dimension profile each level needs.
#pragma once

#include <boost/json/value.hpp>
#include <coachkit/analysis/coaching_profile.hpp>
#include <coachkit/diagnostics/diagnostic.hpp>
#include <coachkit/plugin/rubric.hpp>
#include <optional>
#include <string>
#include <vector>

namespace coaching_levels {

/// One figure compared with a bound: `feature` ≥ at_least and/or ≤ at_most.
struct Condition {
    std::string criterion;  ///< which criterion (dimension) it speaks for
    std::string feature;    ///< a name CoachingProfile::feature knows
    std::optional<double> at_least;
    std::optional<double> at_most;
    std::string shows;  ///< what meeting it shows, in words
    /// The level's defining feature (Table 1): the level is not reached without it, however
    /// many other conditions hold.
    bool required = false;
};

struct LevelRule {
    coachkit::RubricLevel level;
    std::string descriptor;
    std::size_t requires_met = 0;  ///< how many conditions must hold
    std::vector<Condition> conditions;
};

struct Thresholds {
    std::string origin;  ///< the file it came from, for messages
    coachkit::ProfileOptions profile;
    std::vector<coachkit::RubricCriterion> criteria;
    /// Ascending by value. Every conversation reaches the first: its conditions, if any, only
    /// describe (and cite) what is typical of it.
    std::vector<LevelRule> levels;
};

/// Reads a `coachkit.coaching-levels/1` document. Every problem goes to `out` at its pointer in
/// `origin`; the result is only meaningful when none is an error.
[[nodiscard]] Thresholds read_thresholds(const boost::json::value& document,
                                         const std::string& origin, coachkit::Diagnostics& out);

/// Whether `condition` holds for a figure of `value`.
[[nodiscard]] bool holds(const Condition& condition, double value);

}  // namespace coaching_levels
