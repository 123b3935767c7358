// The figures of a skills profile: for each skill of the mode, each perspective's first and latest
// rating in the window and its growth, the perspectives combined, and where they differ.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skill_ratings.hpp"

namespace coachkit::skills {

/// One perspective's ratings of one skill within the window. Several raters on the same date
/// (two observers, say) count as one reading: their mean.
struct Track {
    Perspective perspective = Perspective::self;
    std::string first_date;
    std::string latest_date;
    double first = 0;
    double latest = 0;
    std::optional<double> growth;      ///< latest - first; absent with ratings on one date only
    std::vector<std::size_t> ratings;  ///< document indices of every rating in the window
    std::vector<std::size_t> latest_ratings;  ///< those on the latest date
};

/// Two perspectives' latest readings of one skill, the higher first.
struct Gap {
    Perspective higher = Perspective::self;
    Perspective lower = Perspective::observer;
    double difference = 0;
    bool worth_a_conversation = false;  ///< at least the profile's gap threshold
};

struct SkillProfile {
    std::string skill;
    std::string name;              ///< the skill's wording in the mode
    int number = 0;                ///< its number in the mode (1-10)
    std::vector<Track> tracks;     ///< one per perspective that rated it, in perspective order
    double latest = 0;             ///< the perspectives' latest readings, each perspective once
    std::optional<double> growth;  ///< the mean of the perspectives' growths, where they have one
    std::vector<Gap> gaps;         ///< every pair of perspectives, in perspective order
};

struct Profile {
    std::vector<SkillProfile> skills;  ///< the rated skills, in the mode's order
    std::vector<std::string> unrated;  ///< the mode's skills with no rating in the window
    std::size_t outside_window = 0;    ///< valid ratings dated before `from` or after `to`
    /// A quarter of the scale's range, and at least one point: a gap this wide between two
    /// perspectives is worth talking about.
    double gap_threshold = 1;
};

[[nodiscard]] Profile build_profile(const SkillRatings& ratings);

}  // namespace coachkit::skills
