#include "coachkit/programme/model.hpp"

#include <algorithm>

COACHKIT_NAMESPACE_BEGIN

namespace {

template <typename Enum, typename Names>
std::optional<Enum> parse_by_name(std::string_view text, const std::vector<Enum>& all, Names name) {
    for (const auto value : all) {
        if (name(value) == text)
            return value;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(StaffRole role) {
    switch (role) {
        case StaffRole::teacher:
            return "teacher";
        case StaffRole::trainee:
            return "trainee";
        case StaffRole::early_career_teacher:
            return "early-career-teacher";
        case StaffRole::teaching_assistant:
            return "teaching-assistant";
        case StaffRole::hlta:
            return "hlta";
        case StaffRole::middle_leader:
            return "middle-leader";
        case StaffRole::senior_leader:
            return "senior-leader";
        case StaffRole::coaching_coordinator:
            return "coaching-co-ordinator";
        case StaffRole::external_specialist:
            return "external-specialist";
        case StaffRole::integration:
            return "integration";
    }
    return "unknown";
}

const std::vector<StaffRole>& all_staff_roles() {
    static const std::vector<StaffRole> roles{StaffRole::teacher,
                                              StaffRole::trainee,
                                              StaffRole::early_career_teacher,
                                              StaffRole::teaching_assistant,
                                              StaffRole::hlta,
                                              StaffRole::middle_leader,
                                              StaffRole::senior_leader,
                                              StaffRole::coaching_coordinator,
                                              StaffRole::external_specialist,
                                              StaffRole::integration};
    return roles;
}

std::optional<StaffRole> parse_staff_role(std::string_view text) {
    return parse_by_name(text, all_staff_roles(), [](StaffRole r) { return to_string(r); });
}

std::string_view to_string(Confidentiality level) {
    switch (level) {
        case Confidentiality::partnership_only:
            return "partnership-only";
        case Confidentiality::summary_to_coordinator:
            return "summary-to-co-ordinator";
    }
    return "unknown";
}

std::optional<Confidentiality> parse_confidentiality(std::string_view text) {
    static const std::vector<Confidentiality> all{Confidentiality::partnership_only,
                                                  Confidentiality::summary_to_coordinator};
    return parse_by_name(text, all, [](Confidentiality c) { return to_string(c); });
}

const std::vector<std::string>& partnership_roles() {
    static const std::vector<std::string> roles{"mentor", "specialist-coach", "co-coach",
                                                "professional-learner", "observer"};
    return roles;
}

bool is_partnership_role(std::string_view role) {
    const auto& roles = partnership_roles();
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string partnership_roles_text() {
    std::string text;
    for (const auto& role : partnership_roles())
        text += (text.empty() ? "" : ", ") + role;
    return text;
}

std::vector<std::string> Partnership::people_in(std::string_view role) const {
    std::vector<std::string> out;
    for (const auto& member : members) {
        if (member.role == role)
            out.push_back(member.person);
    }
    return out;
}

bool Partnership::has_member(std::string_view person) const {
    return std::any_of(members.begin(), members.end(),
                       [&](const Member& m) { return m.person == person; });
}

std::vector<std::string> Partnership::learners() const {
    auto out = people_in("professional-learner");
    if (mode == "co-coaching") {
        const auto co_coaches = people_in("co-coach");
        out.insert(out.end(), co_coaches.begin(), co_coaches.end());
    }
    return out;
}

COACHKIT_NAMESPACE_END
