#include "lesson_phase.hpp"

#include <array>
#include <utility>

namespace coachkit::records {

const std::vector<std::string>& lesson_phases() {
    static const std::vector<std::string> phases = {"teacher-talk", "whole-class-discussion",
                                                    "group-work", "independent-work", "transition"};
    return phases;
}

std::optional<std::string> parse_lesson_phase(std::string_view text) {
    // Spaces, underscores and case are how people write the same words; "groupwork" run together
    // is not accepted, so a typo is reported rather than guessed at.
    std::string key;
    for (const char c : text) {
        if (c == ' ' || c == '_' || c == '-') {
            if (!key.empty() && key.back() != '-')
                key += '-';
        } else {
            key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    while (!key.empty() && key.back() == '-')
        key.pop_back();
    static const std::array<std::pair<std::string_view, std::string_view>, 14> spellings = {{
        {"teacher-talk", "teacher-talk"},
        {"teacher-led", "teacher-talk"},
        {"exposition", "teacher-talk"},
        {"whole-class-discussion", "whole-class-discussion"},
        {"whole-class", "whole-class-discussion"},
        {"class-discussion", "whole-class-discussion"},
        {"group-work", "group-work"},
        {"small-group-work", "group-work"},
        {"independent-work", "independent-work"},
        {"independent", "independent-work"},
        {"individual-work", "independent-work"},
        {"transition", "transition"},
        {"transitions", "transition"},
        {"changeover", "transition"},
    }};
    for (const auto& [spelling, phase] : spellings) {
        if (key == spelling)
            return std::string(phase);
    }
    return std::nullopt;
}

std::string unknown_phase_message(std::string_view text) {
    std::string names;
    for (const auto& phase : lesson_phases())
        names += (names.empty() ? "" : ", ") + phase;
    return "unknown phase '" + std::string(text) + "' (expected one of: " + names + ")";
}

}  // namespace coachkit::records
