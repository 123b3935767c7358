// The rubric kind: criteria and levels, evaluated into an assessment.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

struct COACHKIT_API RubricLevel {
    int value = 0;  ///< ordinal, 1 = lowest
    std::string id;
    std::string name;
};

struct COACHKIT_API RubricCriterion {
    std::string id;
    std::string name;
    std::string summary;
    std::vector<std::string> descriptors;  ///< what each level looks like, lowest first
};

/// What supports a finding: a turn of a transcript ("turn:12") or a programme record by its
/// privacy id ("note:c-1/reflect/2", "agreement:p-1"; docs/privacy.md#records), and what it
/// shows there, in words.
struct COACHKIT_API Citation {
    std::string ref;
    std::string note;
};

/// One criterion's result, with the reason in words and what supports it.
struct COACHKIT_API CriterionResult {
    std::string criterion;
    double score = 0;   ///< on the level scale
    std::string level;  ///< id of the level the score rounds to
    std::string rationale;
    std::vector<Citation> citations;
};

struct COACHKIT_API Assessment {
    std::string rubric;
    std::vector<CriterionResult> criteria;
    double overall = 0;
    std::string level;
    std::string rationale;
    std::vector<Citation> citations;  ///< what supports the overall level
    /// Figures the rubric measured on the way (a transcript's dimension profile, a skill's
    /// growth), for tables and plots; shape documented by each rubric.
    boost::json::object details;
};

class COACHKIT_API Rubric : public Component {
public:
    ~Rubric() override;
    static constexpr ComponentKind component_kind = ComponentKind::rubric;
    [[nodiscard]] ComponentKind kind() const final { return component_kind; }
    /// What it evaluates: "ratings" (people's scores), "coaching-transcript", "programme".
    [[nodiscard]] virtual std::string applies_to() const = 0;
    [[nodiscard]] virtual std::vector<RubricCriterion> criteria() const = 0;
    [[nodiscard]] virtual std::vector<RubricLevel> levels() const = 0;
    /// Evaluates `input` (its shape depends on applies_to()). Problems go to `out`.
    [[nodiscard]] virtual Assessment evaluate(const boost::json::value& input,
                                              Diagnostics& out) const = 0;
};

COACHKIT_NAMESPACE_END
