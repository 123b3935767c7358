// Induction mentoring: an experienced colleague mentors a teacher who is new to the school or, as
// an early-career teacher, new to the profession. Written as a compiled workflow plugin, the way a
// school would write one when it wants its cycle in code rather than in JSON.
//
// What it follows (facts restated, sources cited by file name):
// - 001_02d9a7e25f685ada.txt: mentoring supports professional learners through significant career
//   transitions, induction being one purpose; mentors model expertise, relate guidance to evidence,
//   broker access to other opportunities, observe, give information and feedback, build the
//   learner's control, and relate practice to assessment and accreditation frameworks; mentoring
//   activities include identifying learning goals, shared observation (in other people's
//   classrooms too), feedback with direction when needed, review and action planning, and
//   assessing practice.
// - 000_03436bf4eb73f4b1.txt: the same skills summarised per role, and that observation for
//   learning with a debrief is among the features of professional learning with positive effects.
// - 003_98a7227453ded210.txt: practitioners saw the mentor's dual role, confidant and assessor,
//   as a key difficulty, and mentoring as a relationship sustained over time. So this workflow
//   keeps grading out of ordinary cycles: a grade can be recorded only in a cycle started as a
//   formal assessment point, and the induction agreement says which is which.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>
#include <string>
#include <utility>
#include <vector>

namespace {

using coachkit::CyclePlan;
using coachkit::Grading;
using coachkit::WorkflowStage;

const std::string mentor = "mentor";
const std::string learner = "professional-learner";
const std::string guide = "curee-question-phases";

WorkflowStage make_stage(std::string id, std::string name, std::string summary,
                         std::vector<std::string> roles) {
    WorkflowStage stage;
    stage.id = std::move(id);
    stage.name = std::move(name);
    stage.summary = std::move(summary);
    stage.roles = std::move(roles);
    return stage;
}

class InductionMentoring final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "mentoring"; }

    [[nodiscard]] std::vector<WorkflowStage> stages() const override {
        WorkflowStage agreement = make_stage(
            "induction-agreement", "Induction agreement",
            "Mentor and new teacher agree the goals for induction (the school's and the "
            "teacher's own), ground rules, and where the line runs between confidential "
            "mentoring conversations and the records that feed the formal induction assessment.",
            {mentor, learner});
        agreement.first_cycle_only = true;
        agreement.concludes_agreement = true;
        agreement.prompts = {guide + "#identify-focus"};

        WorkflowStage goal = make_stage(
            "set-learning-goal", "Set a learning goal",
            "They choose what this cycle works on, building on what the teacher can already do; "
            "as induction goes on the teacher takes more of the lead in choosing.",
            {mentor, learner});
        goal.prompts = {guide + "#identify-focus", guide + "#pace"};

        WorkflowStage watch = make_stage(
            "observe-for-learning", "Observation for learning",
            "The new teacher watches the mentor, or a colleague the mentor arranges, teach with "
            "the goal in mind, and notes what they saw and what they would try.",
            {learner, mentor});
        watch.evidence = {"learner-reflection"};

        WorkflowStage lesson = make_stage(
            "observed-lesson", "Observed lesson",
            "The new teacher teaches and the mentor observes, collecting evidence on the goal; "
            "video may be used where the teacher has agreed to it.",
            {learner, mentor});
        lesson.evidence = {"observation-record", "video-recording", "pupil-work"};

        WorkflowStage review = make_stage(
            "review-and-action-planning", "Review and action planning",
            "The mentor asks open questions, listens, and gives feedback tied to the evidence, "
            "with direction where the teacher needs it; together they agree next actions and any "
            "other support to seek. In a cycle started as a formal assessment point they also "
            "relate the teacher's practice to the induction standards and may record a judgement; "
            "other cycles stay developmental.",
            {mentor, learner});
        review.prompts = {guide + "#explore-why", guide + "#explore-alternatives",
                          guide + "#plan-next-steps", guide + "#pace"};
        review.grading = Grading::formal_only;

        return {agreement, goal, watch, lesson, review};
    }

    [[nodiscard]] CyclePlan cycle_plan() const override {
        // Mentoring is a sustained relationship (003_98a7227453ded210.txt): cycles repeat for as
        // long as induction lasts. The sources give no number of cycles or weeks, so none is set;
        // a school that has one sets min_cycles, max_cycles or span_weeks here.
        CyclePlan plan;
        plan.repeats = true;
        plan.roles_alternate = false;  // the new teacher is the learner in every cycle
        return plan;
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<InductionMentoring>("induction-mentoring");
}

}  // namespace

COACHKIT_PLUGIN("induction-mentoring", "1.0.0", register_components)
