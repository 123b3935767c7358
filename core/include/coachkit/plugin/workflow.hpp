// The workflow kind: a school's coaching cycle as ordered stages, with the rules the programme
// engine enforces when a cycle moves through them (see docs/workflows.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// When a stage may happen, measured from the completion of an earlier stage.
struct COACHKIT_API StageTiming {
    std::string after;  ///< the earlier stage's id; empty means no timing rule
    /// At least this many minutes after `after` completed ("not straight after the lesson").
    std::optional<int> min_minutes_after;
    /// At most this many calendar days (UTC) after `after` completed: 0 is the same day, 1 the
    /// same or the next day.
    std::optional<int> max_days_after;
    /// The partnership role that chooses the time (at Swiss Cottage the teacher, i.e.
    /// "professional-learner"). Empty: anyone in the stage may schedule it.
    std::string scheduled_by;
};

/// Whether grades may be recorded when a stage completes.
enum class Grading {
    none,         ///< never (the default: coaching is not grading)
    formal_only,  ///< only in a cycle started as a formal observation
    allowed,      ///< in any cycle
};

[[nodiscard]] COACHKIT_API std::string_view to_string(Grading grading);
[[nodiscard]] COACHKIT_API std::optional<Grading> parse_grading(std::string_view text);

/// One stage of a coaching cycle (a pre-lesson meeting, the observed lesson, …).
struct COACHKIT_API WorkflowStage {
    std::string id;
    std::string name;
    std::string summary;
    std::vector<std::string> roles;  ///< partnership roles present at this stage
    std::optional<int> typical_minutes;
    std::vector<std::string> evidence;  ///< evidence-source ids the stage expects
    /// The partnership roles allowed to write the stage's record. Empty: anyone present.
    std::vector<std::string> record_writers;
    StageTiming timing;
    /// Prompts offered during the stage: a coaching-guide id ("curee-question-phases") or one of
    /// its phases ("curee-question-phases#identifying-a-focus").
    std::vector<std::string> prompts;
    Grading grading = Grading::none;
    /// Held in a partnership's first cycle only (a contracting conversation).
    bool first_cycle_only = false;
    /// The learning agreement is made in this stage: a cycle may start before the agreement is
    /// signed, and this stage cannot complete until every member has signed it.
    bool concludes_agreement = false;
    boost::json::object extra;  ///< stage facts this version does not interpret yet
};

/// How a partnership's cycles repeat.
struct COACHKIT_API CyclePlan {
    bool repeats = true;            ///< false: one cycle per partnership
    std::optional<int> min_cycles;  ///< fewer is reported by the programme summary
    std::optional<int> max_cycles;  ///< starting one more is refused
    std::optional<int> span_weeks;  ///< the programme's planned length
    bool roles_alternate = false;   ///< co-coaching: the learner changes every cycle
};

/// A coaching cycle. The programme engine drives cycles through these stages.
class COACHKIT_API Workflow : public Component {
public:
    ~Workflow() override;
    static constexpr ComponentKind component_kind = ComponentKind::workflow;
    [[nodiscard]] ComponentKind kind() const final { return component_kind; }
    /// The mode this workflow serves (a framework mode id, such as "specialist-coaching").
    [[nodiscard]] virtual std::string mode() const = 0;
    /// The stages, in order.
    [[nodiscard]] virtual std::vector<WorkflowStage> stages() const = 0;
    /// How cycles repeat. The default: they repeat, with no limits.
    [[nodiscard]] virtual CyclePlan cycle_plan() const;
};

COACHKIT_NAMESPACE_END
