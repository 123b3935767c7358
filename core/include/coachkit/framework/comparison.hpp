// Comparing modes: what they share, what is particular to each, how their activities line up.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coachkit/framework/types.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One theme and the activity each compared mode has on it (absent where a mode has none).
struct COACHKIT_API ThemeRow {
    Theme theme;
    std::map<std::string, std::optional<Activity>> activities;  ///< mode id -> its activity
};

/// Competences (skills or abilities) sorted by how the compared modes share them.
struct COACHKIT_API CompetenceComparison {
    std::vector<Competence> shared_by_all;   ///< in every compared mode
    std::vector<Competence> shared_by_some;  ///< in more than one, not all (3+ modes)
    std::map<std::string, std::vector<Competence>> unique;  ///< mode id -> only in that mode
};

/// The result of Framework::compare().
struct COACHKIT_API ModeComparison {
    std::vector<std::string> modes;  ///< the compared mode ids, in the order asked
    CompetenceComparison skills;
    CompetenceComparison abilities;
    std::vector<ThemeRow>
        themes;  ///< every theme on which at least one compared mode has an activity
};

COACHKIT_NAMESPACE_END
