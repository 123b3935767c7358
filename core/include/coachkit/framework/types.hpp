// The items of a mentoring and coaching framework, as a model pack describes them.
// See docs/framework-pack.md for the meaning of each field.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Fields every framework item carries. `extra` keeps the fields coachkit does not know, so a
/// school's own annotations survive loading and export.
struct COACHKIT_API FrameworkItem {
    std::string id;
    std::string name;
    std::string summary;
    std::string source;  ///< the document the item comes from, e.g. "001_02d9a7e25f685ada.txt"
    boost::json::object extra;
};

/// One of the framework's principles (CUREE has ten).
struct COACHKIT_API Principle : FrameworkItem {
    int number = 0;
};

/// The why, who, what, where and when of a mode.
struct COACHKIT_API CoreConcepts {
    std::string why;
    std::string who;
    std::string what;
    std::string where;
    std::string when;
};

/// A purpose a mode can serve, such as mentoring for induction.
struct COACHKIT_API Purpose : FrameworkItem {};

/// A mode of support: mentoring, specialist coaching, co-coaching, or a school's own.
struct COACHKIT_API Mode : FrameworkItem {
    std::string definition;
    std::string practitioner_role;  ///< role id of the one who supports (mentor, specialist-coach…)
    std::string learner_role;       ///< role id of the one who learns (professional-learner)
    std::optional<CoreConcepts> concepts;
    std::vector<Purpose> purposes;
};

/// A role people take in the framework (mentor, professional learner, coaching co-ordinator…).
struct COACHKIT_API FrameworkRole : FrameworkItem {
    std::vector<std::string> modes;  ///< the modes the role takes part in; empty if none
};

/// A numbered thread that runs through the activities of every mode (theme 1: setting goals).
struct COACHKIT_API Theme : FrameworkItem {
    int number = 0;
};

/// Where a skill or ability sits in one mode: its number there and, if the mode words it
/// differently, that wording.
struct COACHKIT_API Placement {
    std::optional<int> number;
    std::string wording;
};

/// A practitioner skill or a professional learner's ability. One item may belong to several modes;
/// that is what makes it "shared".
struct COACHKIT_API Competence : FrameworkItem {
    std::map<std::string, Placement> modes;  ///< mode id -> placement

    [[nodiscard]] bool in_mode(const std::string& mode) const { return modes.count(mode) != 0; }
    /// The wording used in `mode`: the placement's own wording, else the item's name.
    [[nodiscard]] const std::string& label_in(const std::string& mode) const;
};

using Skill = Competence;    ///< what mentors and coaches learn
using Ability = Competence;  ///< what professional learners develop

/// A numbered activity of one mode, on one theme.
struct COACHKIT_API Activity : FrameworkItem {
    std::string mode;
    int number = 0;
    int theme = 0;
};

COACHKIT_NAMESPACE_END
