// The skills-profile rubric's input, `coachkit.skill-ratings/1`
// (docs/schemas/skill-ratings.schema.json): ratings of the skills of one framework mode, by
// different perspectives, on a scale the school chooses, at dates.
#pragma once

#include <boost/json/value.hpp>
#include <coachkit/diagnostics/diagnostic.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace coachkit::skills {

/// Who gives a rating, as the rubric tells them apart. Declaration order is report order.
enum class Perspective { self, partner, observer };
inline constexpr Perspective kPerspectives[] = {Perspective::self, Perspective::partner,
                                                Perspective::observer};
[[nodiscard]] const char* to_string(Perspective perspective);

/// The school's scale: whole points from `min` to `max`, optionally with a label for each.
struct Scale {
    int min = 1;
    int max = 5;
    std::vector<std::string> labels;  ///< empty, or one per point, lowest first

    [[nodiscard]] int points() const { return max - min + 1; }
    /// The label of `point` (its number when the scale has no labels).
    [[nodiscard]] std::string label(int point) const;
    /// The point nearest `value`; a value half-way between two points goes to the lower one.
    [[nodiscard]] int nearest(double value) const;
};

struct Rating {
    std::size_t index = 0;  ///< position in the document's `ratings`, for citations (/ratings/N)
    std::string skill;
    std::string rater;
    Perspective perspective = Perspective::self;
    std::string date;  ///< YYYY-MM-DD, so text order is date order
    double value = 0;
    std::string value_text;  ///< the value as a person would write it ("3", "2.5")
};

struct SkillRatings {
    std::string mode;
    Scale scale;
    std::vector<Rating> ratings;  ///< the valid ones, in document order
    std::optional<std::string> from;
    std::optional<std::string> to;
};

/// Reads and checks a `coachkit.skill-ratings/1` document against the CUREE framework. Every
/// problem goes to `out` at its JSON pointer; a rating with a problem is left out. Nothing is
/// returned when the document cannot be used at all (not an object, wrong schema, unknown mode,
/// unusable scale). Never throws for bad input.
[[nodiscard]] std::optional<SkillRatings> read_skill_ratings(const boost::json::value& input,
                                                             Diagnostics& out);

/// A number as a person would write it: "3" for a whole number, "2.5" otherwise.
[[nodiscard]] std::string number_text(double value);

/// Whether `text` is a real calendar date written YYYY-MM-DD.
[[nodiscard]] bool is_date(const std::string& text);

}  // namespace coachkit::skills
