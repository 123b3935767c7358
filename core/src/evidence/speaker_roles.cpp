// Who is speaking: speakers' names to roles, by the user's mapping or by the names transcripts
// usually give (docs/evidence-metrics.md#speaker-roles lists every default).
#include <algorithm>
#include <array>

#include "coachkit/evidence/talk_metrics.hpp"
#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// How a default name may be written: alone ("Teacher"), numbered or lettered ("Student 3",
/// "S3", "Group B"), or either.
enum class Form { alone, numbered, either };

struct NamePattern {
    std::string_view stem;
    Form form;
    std::string_view role;
};

// A single first name ("Sam") is deliberately absent: it may be a pupil, a teaching assistant or a
// co-teacher, and guessing wrong would silently move talk between roles. It counts as "other"
// with a warning that says how to map it.
constexpr std::array lesson_patterns{
    NamePattern{"teacher", Form::either, "teacher"},
    NamePattern{"t", Form::either, "teacher"},
    NamePattern{"tchr", Form::either, "teacher"},
    NamePattern{"class teacher", Form::alone, "teacher"},
    NamePattern{"lead teacher", Form::alone, "teacher"},
    NamePattern{"instructor", Form::either, "teacher"},
    NamePattern{"sir", Form::alone, "teacher"},
    NamePattern{"miss", Form::alone, "teacher"},
    NamePattern{"student", Form::either, "pupil"},
    NamePattern{"pupil", Form::either, "pupil"},
    NamePattern{"learner", Form::either, "pupil"},
    NamePattern{"child", Form::either, "pupil"},
    NamePattern{"boy", Form::either, "pupil"},
    NamePattern{"girl", Form::either, "pupil"},
    NamePattern{"s", Form::either, "pupil"},
    NamePattern{"p", Form::numbered, "pupil"},
    NamePattern{"class", Form::alone, "group"},
    NamePattern{"whole class", Form::alone, "group"},
    NamePattern{"students", Form::alone, "group"},
    NamePattern{"pupils", Form::alone, "group"},
    NamePattern{"learners", Form::alone, "group"},
    NamePattern{"children", Form::alone, "group"},
    NamePattern{"boys", Form::alone, "group"},
    NamePattern{"girls", Form::alone, "group"},
    NamePattern{"ss", Form::alone, "group"},
    NamePattern{"group", Form::either, "group"},
    NamePattern{"table", Form::numbered, "group"},
    NamePattern{"pair", Form::numbered, "group"},
    NamePattern{"all", Form::alone, "group"},
    NamePattern{"everyone", Form::alone, "group"},
    NamePattern{"everybody", Form::alone, "group"},
    NamePattern{"chorus", Form::alone, "group"},
    NamePattern{"several students", Form::alone, "group"},
    NamePattern{"multiple students", Form::alone, "group"},
    NamePattern{"many students", Form::alone, "group"},
    NamePattern{"some students", Form::alone, "group"},
    NamePattern{"several pupils", Form::alone, "group"},
    // Adults other than the teacher, and transcribers' placeholders: "other", but known, so no
    // warning.
    NamePattern{"ta", Form::either, "other"},
    NamePattern{"teaching assistant", Form::either, "other"},
    NamePattern{"lsa", Form::either, "other"},
    NamePattern{"visitor", Form::either, "other"},
    NamePattern{"observer", Form::either, "other"},
    NamePattern{"unknown", Form::either, "other"},
    NamePattern{"inaudible", Form::alone, "other"},
    NamePattern{"narrator", Form::alone, "other"},
};

constexpr std::array coaching_patterns{
    NamePattern{"coach", Form::either, "coach"},
    NamePattern{"mentor", Form::either, "coach"},
    NamePattern{"instructional coach", Form::alone, "coach"},
    NamePattern{"c", Form::either, "coach"},
    NamePattern{"m", Form::either, "coach"},
    NamePattern{"teacher", Form::either, "learner"},
    NamePattern{"coachee", Form::either, "learner"},
    NamePattern{"mentee", Form::either, "learner"},
    NamePattern{"learner", Form::either, "learner"},
    NamePattern{"professional learner", Form::alone, "learner"},
    NamePattern{"trainee", Form::either, "learner"},
    NamePattern{"student teacher", Form::alone, "learner"},
    NamePattern{"ect", Form::alone, "learner"},
    NamePattern{"nqt", Form::alone, "learner"},
    NamePattern{"t", Form::either, "learner"},
    NamePattern{"l", Form::either, "learner"},
    NamePattern{"observer", Form::either, "observer"},
    NamePattern{"triad observer", Form::alone, "observer"},
    NamePattern{"o", Form::either, "observer"},
    NamePattern{"unknown", Form::either, "other"},
    NamePattern{"inaudible", Form::alone, "other"},
};

/// Titles that, followed by a name, make a lesson's speaker the teacher ("Ms Khan", "Mr. Ade").
constexpr std::array teacher_titles{std::string_view("ms"),   std::string_view("mr"),
                                    std::string_view("mrs"),  std::string_view("miss"),
                                    std::string_view("mx"),   std::string_view("dr"),
                                    std::string_view("prof"), std::string_view("sir")};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// Lower case, single spaces, no surrounding space, brackets or trailing ':' ("[Teacher]:" →
/// "teacher"), and no '.' after a leading title ("Mr. Ade" → "mr ade").
std::string normalise_speaker(std::string_view speaker) {
    while (!speaker.empty() &&
           (is_space(speaker.front()) || speaker.front() == '[' || speaker.front() == '('))
        speaker.remove_prefix(1);
    while (!speaker.empty() && (is_space(speaker.back()) || speaker.back() == ']' ||
                                speaker.back() == ')' || speaker.back() == ':'))
        speaker.remove_suffix(1);
    std::string out;
    bool space = false;
    for (const char c : speaker) {
        if (is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const auto first_space = out.find(' ');
    const std::string_view first = std::string_view(out).substr(0, first_space);
    if (first.size() > 1 && first.back() == '.' &&
        std::find(teacher_titles.begin(), teacher_titles.end(),
                  first.substr(0, first.size() - 1)) != teacher_titles.end())
        out.erase(first.size() - 1, 1);
    return out;
}

bool all_digits(std::string_view text) {
    return !text.empty() && text.size() <= 4 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "student 3", "student3", "s_3", "group b": the stem, then a number (a separator optional) or
/// a single letter (after a separator).
bool matches(std::string_view name, const NamePattern& pattern) {
    if (name == pattern.stem)
        return pattern.form != Form::numbered;
    if (pattern.form == Form::alone || !name.starts_with(pattern.stem))
        return false;
    std::string_view rest = name.substr(pattern.stem.size());
    const bool separated = !rest.empty() && (rest.front() == ' ' || rest.front() == '_' ||
                                             rest.front() == '-' || rest.front() == '#');
    if (separated)
        rest.remove_prefix(1);
    if (all_digits(rest))
        return true;
    return separated && rest.size() == 1 && rest.front() >= 'a' && rest.front() <= 'z';
}

template <std::size_t N>
std::string match_any(std::string_view name, const std::array<NamePattern, N>& patterns) {
    for (const auto& pattern : patterns) {
        if (matches(name, pattern))
            return std::string(pattern.role);
    }
    return {};
}

std::string role_list(const std::vector<std::string>& roles) {
    std::string text;
    for (const auto& r : roles)
        text += (text.empty() ? "" : ", ") + r;
    return text;
}

}  // namespace

SpeakerRoles::SpeakerRoles(Set set) : set_(set) {
    roles_ = set == Set::lesson ? std::vector<std::string>{"teacher", "pupil", "group", "other"}
                                : std::vector<std::string>{"coach", "learner", "observer", "other"};
}

SpeakerRoles SpeakerRoles::lesson() {
    return SpeakerRoles(Set::lesson);
}

SpeakerRoles SpeakerRoles::coaching() {
    return SpeakerRoles(Set::coaching);
}

bool SpeakerRoles::has_role(std::string_view role) const {
    return std::find(roles_.begin(), roles_.end(), role) != roles_.end();
}

void SpeakerRoles::assign(std::string_view speaker, std::string_view role) {
    if (!has_role(role))
        throw Error("unknown role '" + std::string(role) + "' (roles: " + role_list(roles_) + ")");
    explicit_[normalise_speaker(speaker)] = std::string(role);
}

void SpeakerRoles::assign_all(const boost::json::object& mapping, std::string_view origin,
                              std::string_view pointer, Diagnostics& out) {
    for (const auto& member : mapping) {
        const std::string at = pointer_append(pointer, member.key());
        auto error = [&](std::string message) {
            out.push_back(
                Diagnostic{Severity::error, std::string(origin), at, 0, 0, std::move(message)});
        };
        if (normalise_speaker(member.key()).empty()) {
            error("a speaker's name cannot be empty");
            continue;
        }
        const auto* role = member.value().if_string();
        if (role == nullptr) {
            error("the role of '" + std::string(member.key()) +
                  "' must be a string, one of: " + role_list(roles_));
            continue;
        }
        if (!has_role(*role)) {
            error("unknown role '" + std::string(*role) + "' for speaker '" +
                  std::string(member.key()) + "' (roles: " + role_list(roles_) + ")");
            continue;
        }
        assign(member.key(), *role);
    }
}

std::string SpeakerRoles::default_role(std::string_view name) const {
    if (set_ == Set::coaching)
        return match_any(name, coaching_patterns);
    if (auto role = match_any(name, lesson_patterns); !role.empty())
        return role;
    const auto space = name.find(' ');
    if (space != std::string_view::npos && std::find(teacher_titles.begin(), teacher_titles.end(),
                                                     name.substr(0, space)) != teacher_titles.end())
        return "teacher";
    return {};
}

std::string SpeakerRoles::role_for(std::string_view speaker) const {
    const std::string name = normalise_speaker(speaker);
    if (const auto it = explicit_.find(name); it != explicit_.end())
        return it->second;
    if (auto role = default_role(name); !role.empty())
        return role;
    return "other";
}

bool SpeakerRoles::is_unmapped(std::string_view speaker) const {
    const std::string name = normalise_speaker(speaker);
    return !name.empty() && !explicit_.contains(name) && default_role(name).empty();
}

COACHKIT_NAMESPACE_END
