// A school's coaching programme: its people, their partnerships and learning agreements.
// These are values; the programme's state is built from them by replaying its journal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// A person's post in school (not their role in a partnership, which is a framework role).
enum class StaffRole {
    teacher,
    trainee,
    early_career_teacher,
    teaching_assistant,
    hlta,  ///< higher level teaching assistant
    middle_leader,
    senior_leader,
    coaching_coordinator,
    external_specialist,
    /// Not a person: a service account through which a school system (an MIS) reads the
    /// programme. The privacy policy gives it the least of any post (docs/privacy.md).
    integration,
};

/// "teacher", "early-career-teacher", "hlta", …: the spelling used in documents and the CLI.
[[nodiscard]] COACHKIT_API std::string_view to_string(StaffRole role);
[[nodiscard]] COACHKIT_API std::optional<StaffRole> parse_staff_role(std::string_view text);
[[nodiscard]] COACHKIT_API const std::vector<StaffRole>& all_staff_roles();

struct COACHKIT_API Person {
    std::string id;
    std::string name;
    StaffRole role = StaffRole::teacher;
    std::string line_manager;  ///< the person id of their line manager, where known
};

/// Someone's place in a partnership: a framework role id ("mentor", "specialist-coach",
/// "co-coach", "professional-learner") or "observer" (the third member of a triad).
/// The roles a member can hold in a partnership: mentor, specialist-coach, co-coach,
/// professional-learner, observer.
[[nodiscard]] COACHKIT_API const std::vector<std::string>& partnership_roles();
[[nodiscard]] COACHKIT_API bool is_partnership_role(std::string_view role);
/// "mentor, specialist-coach, …", for messages.
[[nodiscard]] COACHKIT_API std::string partnership_roles_text();

struct COACHKIT_API Member {
    std::string person;
    std::string role;
};

/// A relationship in one mode between people in roles: a pair, a triad with an observer, two
/// mentor-coaches with one teacher (the Swiss Cottage pattern), or co-coaches.
struct COACHKIT_API Partnership {
    std::string id;
    std::string mode;      ///< framework mode id
    std::string purpose;   ///< for mentoring: a purpose id (induction, progression, challenge)
    std::string workflow;  ///< the workflow component its cycles follow
    std::string focus;     ///< the aspect of practice worked on
    std::string focus_chosen_by;   ///< person id of whoever chose the focus
    std::string specialist_input;  ///< for co-coaching: where the specialist input comes from
    std::vector<Member> members;

    /// Person ids of the members in `role`.
    [[nodiscard]] std::vector<std::string> people_in(std::string_view role) const;
    [[nodiscard]] bool has_member(std::string_view person) const;
    /// The members who are learners: its professional learners, and in co-coaching every co-coach
    /// (they take the learner's role in turn).
    [[nodiscard]] std::vector<std::string> learners() const;
};

struct COACHKIT_API Goal {
    std::string text;
    std::string school_priority;  ///< the school priority it serves, if any
};

/// Who may read the partnership's records beyond its members (the privacy policy enforces it).
enum class Confidentiality {
    partnership_only,        ///< the members alone
    summary_to_coordinator,  ///< a summary to the coaching co-ordinator, by the learner's consent
};

[[nodiscard]] COACHKIT_API std::string_view to_string(Confidentiality level);
[[nodiscard]] COACHKIT_API std::optional<Confidentiality> parse_confidentiality(
    std::string_view text);

struct COACHKIT_API Acknowledgement {
    std::string person;
    std::string at;  ///< ISO 8601 UTC
};

/// The contract a partnership agrees before it starts.
struct COACHKIT_API LearningAgreement {
    std::string partnership;
    std::vector<Goal> goals;
    std::vector<std::string> ground_rules;  ///< the rules the partners add
    Confidentiality confidentiality = Confidentiality::partnership_only;
    /// Whether the records may inform performance management. Only the learner can switch it on.
    bool performance_management_link = false;
    bool video_consent = false;
    std::optional<int> planned_weeks;
    std::optional<int> planned_cycles;
    std::vector<std::string> review_dates;  ///< ISO 8601 dates
    std::vector<Acknowledgement> acknowledgements;
};

COACHKIT_NAMESPACE_END
