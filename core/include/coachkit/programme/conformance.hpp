// Checks of a programme against the framework: not errors, but warnings a co-ordinator should
// see, each with its reason and the source it rests on.
#pragma once

#include <string>
#include <vector>

#include "coachkit/programme/model.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One departure from the framework's guidance.
struct COACHKIT_API Finding {
    std::string rule;         ///< a stable id, e.g. "buffer-zones"
    std::string partnership;  ///< the partnership it concerns
    std::string message;      ///< what is wrong, in words
    std::string source;       ///< the source document the rule comes from
};

/// What the checks look at: the people, partnerships and agreements of one programme.
struct COACHKIT_API ConformanceInput {
    std::vector<Person> people;
    std::vector<Partnership> partnerships;
    std::vector<LearningAgreement> agreements;
};

/// Runs every check (see docs/programme.md for the list and their sources):
/// - buffer-zones: a specialist coach is the learner's line manager;
/// - co-coaching-cycles: a co-coaching agreement plans fewer than four cycles;
/// - co-coaching-specialist-input: a co-coaching partnership names no specialist input;
/// - mentoring-purpose: a mentoring partnership has no purpose (induction, progression, challenge);
/// - learner-chosen-focus: a coaching partnership's focus is missing or not chosen by the learner.
[[nodiscard]] COACHKIT_API std::vector<Finding> check_conformance(const ConformanceInput& input);

COACHKIT_NAMESPACE_END
