// Speakers to roles: the documented defaults of a lesson and of a coaching conversation, and the
// user's mapping, which comes first.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <coachkit/coachkit.hpp>

using namespace coachkit;

namespace {

void expect_roles(const SpeakerRoles& roles, std::initializer_list<const char*> speakers,
                  const std::string& role) {
    for (const char* speaker : speakers) {
        EXPECT_EQ(roles.role_for(speaker), role) << "'" << speaker << "'";
        EXPECT_FALSE(roles.is_unmapped(speaker)) << "'" << speaker << "'";
    }
}

void expect_unmapped(const SpeakerRoles& roles, std::initializer_list<const char*> speakers) {
    for (const char* speaker : speakers) {
        EXPECT_EQ(roles.role_for(speaker), "other") << "'" << speaker << "'";
        EXPECT_TRUE(roles.is_unmapped(speaker)) << "'" << speaker << "'";
    }
}

TEST(SpeakerRoles, LessonDefaults) {
    const auto roles = SpeakerRoles::lesson();
    EXPECT_EQ(roles.roles(), (std::vector<std::string>{"teacher", "pupil", "group", "other"}));
    expect_roles(roles,
                 {"Teacher", "teacher", "T", "T2", "Teacher 2", "Ms Khan", "Mr. Ade", "Mrs Lee",
                  "Miss Patel", "Dr Okafor", "Mx Rowe", "Sir", "Miss", " [Teacher]: "},
                 "teacher");
    expect_roles(roles,
                 {"Student", "Student 3", "student3", "Student_12", "Student B", "S", "S3", "Pupil",
                  "Pupil 4", "P7", "Learner 2", "Boy 1", "Girl"},
                 "pupil");
    expect_roles(roles,
                 {"Class", "Whole class", "Students", "Pupils", "Ss", "Group", "Group 2", "Group B",
                  "Table 3", "All", "Everyone", "Several students"},
                 "group");
    expect_roles(roles, {"TA", "Teaching Assistant", "Unknown", "Inaudible", "Visitor"}, "other");
    // A first name alone could be anyone: other, with a warning from the metrics.
    expect_unmapped(roles, {"Sam", "Priya", "Coach", "Ms", "P", "Students 3", "Student three"});
    // A speaker with no name is not "unmapped": the reader has already said it is missing.
    EXPECT_EQ(roles.role_for(""), "other");
    EXPECT_FALSE(roles.is_unmapped(""));
}

TEST(SpeakerRoles, CoachingDefaults) {
    const auto roles = SpeakerRoles::coaching();
    EXPECT_EQ(roles.roles(), (std::vector<std::string>{"coach", "learner", "observer", "other"}));
    expect_roles(roles, {"Coach", "coach 1", "Mentor", "C", "M", "Instructional coach"}, "coach");
    expect_roles(
        roles,
        {"Teacher", "T", "Coachee", "Mentee", "Learner", "L", "Trainee", "ECT", "Student teacher"},
        "learner");
    expect_roles(roles, {"Observer", "O", "Observer 2"}, "observer");
    // Titles make a lesson's teacher, but in a coaching conversation either party has one.
    expect_unmapped(roles, {"Ms Khan", "Ana", "Student 1", "Class"});
}

TEST(SpeakerRoles, ExplicitMappingComesFirstAndIgnoresCaseAndSpacing) {
    auto roles = SpeakerRoles::lesson();
    roles.assign("Teacher", "other");  // overrides the default
    roles.assign("sam", "pupil");
    roles.assign("Ms  Khan ", "teacher");
    EXPECT_EQ(roles.role_for("TEACHER"), "other");
    EXPECT_EQ(roles.role_for("Sam"), "pupil");
    EXPECT_FALSE(roles.is_unmapped("SAM"));
    EXPECT_EQ(roles.role_for("ms khan"), "teacher");
    EXPECT_THROW(roles.assign("Sam", "coach"), Error);
}

TEST(SpeakerRoles, ReadsTheSpeakersOptionAndNamesEachBadEntry) {
    auto roles = SpeakerRoles::coaching();
    const auto mapping = boost::json::parse(
                             R"({"Ana": "coach", "Ms Khan": "teacher", "Ben": 3, "": "coach",
                                 "a/b": "nobody"})")
                             .as_object();
    Diagnostics out;
    roles.assign_all(mapping, "request", "/options/speakers", out);
    EXPECT_EQ(roles.role_for("ana"), "coach");
    ASSERT_EQ(out.size(), 4u);
    for (const auto& d : out) {
        EXPECT_EQ(d.severity, Severity::error);
        EXPECT_EQ(d.file, "request");
    }
    EXPECT_EQ(out[0].pointer, "/options/speakers/Ms Khan");
    EXPECT_NE(out[0].message.find("unknown role 'teacher'"), std::string::npos) << out[0].message;
    EXPECT_NE(out[0].message.find("coach, learner, observer, other"), std::string::npos);
    EXPECT_EQ(out[1].pointer, "/options/speakers/Ben");
    EXPECT_NE(out[1].message.find("must be a string"), std::string::npos);
    EXPECT_EQ(out[2].pointer, "/options/speakers/");
    EXPECT_EQ(out[3].pointer, "/options/speakers/a~1b");
}

}  // namespace
