// The three practice-record evidence sources of the practice-records plugin: pupil work, pupil
// voice and the lesson plan. Each is a structured JSON record whose files are attachments by
// reference.
#pragma once

#include <coachkit/plugin/component.hpp>
#include <memory>

namespace coachkit::records {

[[nodiscard]] std::shared_ptr<Component> make_pupil_work_source();
[[nodiscard]] std::shared_ptr<Component> make_pupil_voice_source();
[[nodiscard]] std::shared_ptr<Component> make_lesson_plan_source();

}  // namespace coachkit::records
