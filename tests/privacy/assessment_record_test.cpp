// Assessments recorded against a cycle (assessment.recorded): who may record them, what is
// refused before the rubric runs, scoring a stored coaching conversation with the levels rubric,
// and that replay rebuilds them (docs/rubrics.md#recording-an-assessment). Who sees them, and
// their erasure, are covered for every viewer by matrix_test and erasure_test.
#include <gtest/gtest.h>

#include <limits>

#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/plugin/assessment_json.hpp"
#include "privacy/privacy_programme.hpp"

namespace coachkit::testing {
namespace {

constexpr const char* kConversation =
    "speaker,text,initiation,stimulus,function\n"
    "Cal Coach,What did the video show you?,coach,video,question\n"
    "Lea Learner,The pairs waited for me.,learner,video,describe\n"
    "Cal Coach,Why do you think they waited?,coach,video,question\n"
    "Lea Learner,I had not set roles because I wanted them free.,learner,reflection,justify\n";

class AssessmentRecords : public ::testing::Test {
protected:
    PrivacyProgramme p{make_memory_store()};

    /// A second cycle, open, with the coaching conversation stored on its lesson stage.
    void open_cycle_with_conversation() {
        p.engine->start_cycle("pair", {}, by("coach", p.next_time()));
        p.engine->advance("pair-2", StageCompletion{"", "planned", ""}, by("lea", p.next_time()));
        p.engine->start_stage("pair-2", "", by("lea", p.next_time()));
        EvidenceInput talk;
        talk.kind = "coaching-transcript";
        talk.format = "csv";
        talk.id = "talk";
        talk.options = {{"speakers", {{"Cal Coach", "coach"}, {"Lea Learner", "learner"}}}};
        MemoryByteSource bytes(kConversation, "talk.csv");
        p.engine->add_evidence("pair-2", "", talk, bytes, by("lea", p.next_time()));
    }

    void expect_refused(const std::string& rule, const std::function<void()>& command) {
        const auto before = p.store->last_sequence();
        try {
            command();
            ADD_FAILURE() << "expected a refusal by rule '" << rule << "'";
        } catch (const RefusedError& e) {
            EXPECT_EQ(e.rule(), rule) << e.what();
        }
        EXPECT_EQ(p.store->last_sequence(), before) << "a refused command wrote events";
    }
};

TEST_F(AssessmentRecords, TheFixtureAssessmentIsKeptWithItsCitations) {
    const Cycle& c = *p.engine->state().cycle("pair-1");
    ASSERT_EQ(c.assessments.size(), 1U);
    EXPECT_EQ(c.assessments[0].subject, "lesson-talk");
    EXPECT_EQ(c.assessments[0].by, "coach");
    EXPECT_EQ(c.assessments[0].result.level, "developing");
    ASSERT_EQ(c.assessments[0].result.citations.size(), 1U);
    EXPECT_EQ(c.assessments[0].result.citations[0].ref, "turn:1");
    EXPECT_TRUE(find_record(p.engine->state(), "assessment:pair-1/1"));
    EXPECT_FALSE(find_record(p.engine->state(), "assessment:pair-1/2"));
}

TEST_F(AssessmentRecords, OnlyTheCyclesPartnershipRecordsAndOnlyItsOwnItems) {
    Assessment a;
    a.rubric = "coaching-levels";
    a.level = "emerging";
    expect_refused("not-a-member", [&] {
        p.engine->record_assessment("pair-1", "", a, by("coord", p.next_time()));
    });
    expect_refused("unknown-cycle", [&] {
        p.engine->record_assessment("pair-9", "", a, by("coach", p.next_time()));
    });
    expect_refused("unknown-evidence", [&] {
        p.engine->record_assessment("pair-1", "no-such-item", a, by("coach", p.next_time()));
    });
    Assessment unnamed = a;
    unnamed.rubric.clear();
    expect_refused("invalid-input", [&] {
        p.engine->record_assessment("pair-1", "", unnamed, by("coach", p.next_time()));
    });
    Assessment nan = a;
    nan.overall = std::numeric_limits<double>::quiet_NaN();
    expect_refused("invalid-input", [&] {
        p.engine->record_assessment("pair-1", "", nan, by("coach", p.next_time()));
    });
}

TEST_F(AssessmentRecords, TheLevelsRubricScoresAStoredConversationAndItIsRecorded) {
    open_cycle_with_conversation();
    const auto done = p.engine->assess_evidence("pair-2", "talk", "coaching-levels", {},
                                                by("coach", p.next_time()));
    ASSERT_EQ(done.events.size(), 1U);
    EXPECT_EQ(done.events[0].type, "assessment.recorded");
    const Cycle& c = *p.engine->state().cycle("pair-2");
    ASSERT_EQ(c.assessments.size(), 1U);
    EXPECT_EQ(c.assessments[0].rubric, "coaching-levels");
    EXPECT_EQ(c.assessments[0].subject, "talk");
    EXPECT_FALSE(c.assessments[0].result.level.empty());
    EXPECT_TRUE(c.assessments[0].result.details.contains("profile"));

    // Replaying the journal gives the same assessment, field for field.
    const auto replayed = ProgrammeState::replay(p.store->read());
    EXPECT_EQ(assessment_to_json(replayed.cycle("pair-2")->assessments.at(0).result),
              assessment_to_json(c.assessments[0].result));
}

TEST_F(AssessmentRecords, ARubricForAnotherKindOfEvidenceIsRefusedBeforeItRuns) {
    // lesson-talk is a lesson transcript; the levels rubric reads coaching conversations.
    expect_refused("invalid-input", [&] {
        p.engine->assess_evidence("pair-1", "lesson-talk", "coaching-levels", {},
                                  by("coach", p.next_time()));
    });
    expect_refused("not-a-member", [&] {
        p.engine->assess_evidence("pair-1", "lesson-talk", "coaching-levels", {},
                                  by("ben", p.next_time()));
    });
}

TEST_F(AssessmentRecords, ARubricErrorRecordsNothing) {
    open_cycle_with_conversation();
    const auto before = p.store->last_sequence();
    boost::json::object bad{{"thresholds", boost::json::object{{"schema", "nonsense/1"}}}};
    EXPECT_THROW(p.engine->assess_evidence("pair-2", "talk", "coaching-levels", bad,
                                           by("coach", p.next_time())),
                 InvalidDocumentError);
    EXPECT_EQ(p.store->last_sequence(), before);
}

}  // namespace
}  // namespace coachkit::testing
