// The practice-records plugin: pupil work, pupil voice and the lesson plan, three evidence sources
// in one library. Pupil work and the learner's own reflection are among the evidence a coached
// lesson may yield beside the observation and its video, and joint lesson planning is one of the
// things coach and coachee do together (source: 002_4b16babbfb4ecaf5.txt).
#include "practice_records.hpp"

#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/evidence_source.hpp>

namespace {

void register_components(coachkit::PluginRegistrar& registrar) {
    using coachkit::records::make_lesson_plan_source;
    using coachkit::records::make_pupil_voice_source;
    using coachkit::records::make_pupil_work_source;
    registrar.add(coachkit::ComponentKind::evidence_source, "pupil-work", make_pupil_work_source);
    registrar.add(coachkit::ComponentKind::evidence_source, "pupil-voice", make_pupil_voice_source);
    registrar.add(coachkit::ComponentKind::evidence_source, "lesson-plan", make_lesson_plan_source);
}

}  // namespace

COACHKIT_PLUGIN("practice-records", "1.0.0", register_components)
