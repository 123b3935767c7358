// The phases of a lesson that a running record tags and a lesson plan plans, so that planned
// minutes and observed time can be set side by side. The five are those a coach is advised to time
// when watching a lesson back: teacher talk, whole-class discussion, group work, independent work
// (source: 002_4b16babbfb4ecaf5.txt), plus the transitions between them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coachkit::records {

/// The phase ids, in lesson-flow order: teacher-talk, whole-class-discussion, group-work,
/// independent-work, transition.
[[nodiscard]] const std::vector<std::string>& lesson_phases();

/// The phase `text` names, accepting a few spellings case-insensitively ("Group work",
/// "group_work", "whole class", "independent"); nothing for anything else.
[[nodiscard]] std::optional<std::string> parse_lesson_phase(std::string_view text);

/// "unknown phase 'x' (expected one of: teacher-talk, …)".
[[nodiscard]] std::string unknown_phase_message(std::string_view text);

}  // namespace coachkit::records
