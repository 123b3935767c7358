// A coaching cycle as the journal records it: one run of a workflow by one partnership.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/plugin/rubric.hpp"
#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Evidence attached to a stage: a stored evidence item (`item`), or a reference to something
/// held elsewhere (a path or URI in `ref`).
struct COACHKIT_API EvidenceRef {
    std::string source;   ///< evidence-source id ("observation-record", "video", …)
    std::string ref;      ///< where it is: a path, URI or item id
    std::string summary;  ///< what it shows, in a few words
    std::string item;     ///< the stored evidence item's id; empty for a reference only
    std::string by;       ///< who attached it
    std::string at;
};

struct COACHKIT_API Note {
    std::string text;
    std::string by;
    std::string at;
};

/// Something the partners agreed to do next.
struct COACHKIT_API AgreedAction {
    std::string text;
    std::string owner;  ///< person id; empty: the learner
    std::string due;    ///< ISO 8601 date, if any
    std::string by;
    std::string at;
};

enum class StageStatus { pending, scheduled, started, completed };
[[nodiscard]] COACHKIT_API std::string_view to_string(StageStatus status);

/// Where one stage of one cycle stands.
struct COACHKIT_API StageProgress {
    std::string id;
    StageStatus status = StageStatus::pending;
    std::string scheduled_for;
    std::string scheduled_by;
    std::string started_at;
    std::string completed_at;
    std::string completed_by;
    std::string record;     ///< the stage's written record
    std::string record_by;  ///< who wrote it
    std::string grade;      ///< only where the workflow allows grades
    std::vector<EvidenceRef> evidence;
    std::vector<Note> notes;
};

/// A rubric's assessment recorded against a cycle: of one of its evidence items (a coaching
/// conversation scored against the levels of coaching practice) or of the cycle as a whole.
/// Its privacy id is `assessment:<cycle>/<n>`, n counting from 1 in the order recorded.
struct COACHKIT_API RecordedAssessment {
    std::string rubric;
    std::string subject;  ///< the evidence item assessed; empty for the cycle as a whole
    Assessment result;
    std::string by;
    std::string at;
};

enum class CycleStatus { open, closed, abandoned };
[[nodiscard]] COACHKIT_API std::string_view to_string(CycleStatus status);

struct COACHKIT_API Cycle {
    std::string id;
    std::string partnership;
    std::string workflow;
    std::string workflow_version;  ///< the workflow plugin's version when the cycle started
    int number = 1;                ///< 1, 2, 3… within the partnership
    std::string learner;           ///< whose practice the cycle is about
    bool formal = false;           ///< a formal observation (grades possible where allowed)
    CycleStatus status = CycleStatus::open;
    std::string started_at;
    std::string started_by;
    std::string ended_at;
    std::string abandon_reason;
    /// The workflow's stages as they were when the cycle started (first-cycle-only stages left out
    /// of later cycles), so a cycle replays the same even after the plugin changes.
    std::vector<StageProgress> stages;
    std::vector<AgreedAction> actions;
    std::vector<RecordedAssessment> assessments;

    /// The first stage not yet completed, or nothing when all are.
    [[nodiscard]] const StageProgress* current_stage() const;
    [[nodiscard]] const StageProgress* stage(std::string_view stage_id) const;
    [[nodiscard]] bool all_stages_completed() const { return current_stage() == nullptr; }
};

COACHKIT_NAMESPACE_END
