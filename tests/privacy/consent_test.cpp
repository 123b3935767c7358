// Consent: what an owner opens holds from the next read and stops at the next read after it is
// withdrawn; only the owner grants and withdraws; signing an agreement whose terms share is
// consent, and a redraft voids it. (Which cells each consent opens: matrix_test.cpp.)
#include <functional>

#include "privacy/privacy_programme.hpp"

namespace coachkit::testing {
namespace {

class Consents : public ::testing::Test {
protected:
    PrivacyProgramme programme{make_memory_store()};
    ProgrammeEngine& engine = *programme.engine;

    /// Everything `viewer` gets from a full view, as JSON text.
    std::string seen_by(const std::string& viewer) {
        return text_of(to_json(engine.view(viewer, {"test", "", ""})));
    }

    std::string grant(const ConsentScope& scope, const std::string& owner = "lea") {
        const auto result = engine.grant_consent(scope, by(owner, programme.next_time()));
        return std::string(result.events.at(0).data.at("id").as_string());
    }

    void withdraw(const std::string& id, const std::string& owner = "lea") {
        engine.withdraw_consent(id, by(owner, programme.next_time()));
    }

    /// `command` is refused by `rule` and writes nothing.
    void expect_refused(const std::string& rule, const std::function<void()>& command) {
        const auto before = programme.store->last_sequence();
        const auto audited = programme.store->audit().read().size();
        try {
            command();
            ADD_FAILURE() << "expected a refusal by rule '" << rule << "'";
        } catch (const RefusedError& e) {
            EXPECT_EQ(e.rule(), rule) << e.what();
        }
        EXPECT_EQ(programme.store->last_sequence(), before) << "a refused command wrote events";
        EXPECT_EQ(programme.store->audit().read().size(), audited)
            << "a refused command wrote to the audit log";
    }

    const Consent& consent(const std::string& id) {
        for (const auto& c : engine.state().consents()) {
            if (c.id == id)
                return c;
        }
        throw std::out_of_range("no consent " + id);
    }

    /// The agreement as drafted in the fixture, with terms that share beyond the partnership.
    static LearningAgreement sharing_terms(bool coordinator, bool performance_management) {
        LearningAgreement a;
        a.partnership = "pair";
        a.goals = {Goal{"AGREEMENT-SECRET-GOAL", ""}};
        a.ground_rules = {"AGREEMENT-SECRET-RULE"};
        a.planned_cycles = 2;
        if (coordinator)
            a.confidentiality = Confidentiality::summary_to_coordinator;
        a.performance_management_link = performance_management;
        return a;
    }
};

TEST_F(Consents, WithdrawalTakesEffectOnTheNextRead) {
    EXPECT_FALSE(holds(seen_by("coord"), "STAGE-SECRET-RECORD"));
    const std::string id = grant(PrivacyProgramme::share_with_coordinator());
    EXPECT_TRUE(holds(seen_by("coord"), "STAGE-SECRET-RECORD"));
    EXPECT_TRUE(holds(seen_by("coord"), "ACTION-SECRET-1"));
    EXPECT_FALSE(holds(seen_by("coord"), "NOTE-SECRET-1")) << "notes stay in the partnership";
    const ProgrammeView taken_while_it_held = engine.view("coord");

    withdraw(id);
    EXPECT_FALSE(holds(seen_by("coord"), "STAGE-SECRET-RECORD"));
    EXPECT_FALSE(holds(seen_by("coord"), "ACTION-SECRET-1"));
    const auto record = find_record(engine.state(), "stage-record:pair-1/plan");
    ASSERT_TRUE(record);
    EXPECT_EQ(decide(engine.state(), "coord", *record).access, Access::deny);
    EXPECT_FALSE(consent(id).active());
    EXPECT_EQ(consent(id).withdrawn_by, "lea");
    // A view is a copy: what was read while the consent held is not reached into afterwards
    // (docs/privacy.md says so under "Withdrawal takes effect on the next read").
    EXPECT_TRUE(holds(text_of(to_json(taken_while_it_held)), "STAGE-SECRET-RECORD"));
}

TEST_F(Consents, AVideoViewerWithoutAnItemSeesEveryVideoOfTheOwnerThere) {
    ConsentScope every_video = PrivacyProgramme::video_viewer();
    every_video.item.clear();
    const std::string id = grant(every_video);
    const std::string seen = seen_by("vv");
    EXPECT_TRUE(holds(seen, "VIDEO-SECRET-LOCATION"));
    // A reference to video kept elsewhere is not opened by the consent: it lives inside its
    // cycle, which a video viewer does not see, so the policy denies it and the view agrees.
    const auto reference = find_record(engine.state(), "evidence:pair-1/lesson/4");
    ASSERT_TRUE(reference);
    const Decision d = decide(engine.state(), "vv", *reference);
    EXPECT_EQ(d.access, Access::deny) << d.reason;
    EXPECT_FALSE(holds(seen, "VIDEOREF-SECRET-PATH"));
    for (const char* marker : {"TRANSCRIPT-SECRET-CONTENT", "NOTE-SECRET-1", "OBSREF-SECRET-PATH"})
        EXPECT_FALSE(holds(seen, marker)) << marker;
    EXPECT_FALSE(holds(seen_by("ben"), "VIDEO-SECRET-LOCATION")) << "only the person named";
    withdraw(id);
    EXPECT_FALSE(holds(seen_by("vv"), "VIDEO-SECRET-LOCATION"));
}

TEST_F(Consents, OnlyTheOwnerGrants) {
    for (const char* someone : {"coach", "obs", "coord", "head", "lm", "mis", "vv", "ben"}) {
        SCOPED_TRACE(someone);
        expect_refused("consent-owner",
                       [&] { grant(PrivacyProgramme::share_with_coordinator(), someone); });
        expect_refused("consent-owner",
                       [&] { grant(PrivacyProgramme::training_excerpt(), someone); });
        ConsentScope self_viewer = PrivacyProgramme::video_viewer();
        self_viewer.viewer = someone;
        expect_refused("consent-owner", [&] { grant(self_viewer, someone); });
    }
}

TEST_F(Consents, OnlyTheGiverWithdraws) {
    const std::string id = grant(PrivacyProgramme::performance_management());
    for (const char* someone : {"coach", "obs", "coord", "head", "lm", "mis", "ben"}) {
        SCOPED_TRACE(someone);
        expect_refused("consent-owner", [&] { withdraw(id, someone); });
    }
    EXPECT_TRUE(consent(id).active());
    EXPECT_TRUE(holds(seen_by("lm"), "STAGE-SECRET-RECORD"));
}

TEST_F(Consents, RefusalsNameTheirRule) {
    const std::string id = grant(PrivacyProgramme::share_with_coordinator());
    expect_refused("consent-exists", [&] { grant(PrivacyProgramme::share_with_coordinator()); });
    withdraw(id);
    expect_refused("consent-withdrawn", [&] { withdraw(id); });
    expect_refused("unknown-consent", [&] { withdraw("consent-99"); });

    ConsentScope scope = PrivacyProgramme::training_excerpt();
    scope.item = "no-such-item";
    expect_refused("unknown-evidence", [&] { grant(scope); });
    scope = PrivacyProgramme::training_excerpt();
    scope.item = "lesson-video";
    expect_refused("invalid-input", [&] { grant(scope); });  // video is never excerpted
    scope = PrivacyProgramme::training_excerpt();
    scope.item.clear();
    scope.partnership = "pair";
    expect_refused("invalid-input", [&] { grant(scope); });  // an excerpt names its item
    for (const char* turns : {"2-1", "0-3", "3", "a-b", "-"}) {
        scope = PrivacyProgramme::training_excerpt();
        scope.turns = turns;
        expect_refused("invalid-input", [&] { grant(scope); });
    }
    scope = PrivacyProgramme::video_viewer();
    scope.item = "lesson-talk";
    expect_refused("invalid-input", [&] { grant(scope); });  // not a video
    scope = PrivacyProgramme::video_viewer();
    scope.viewer.clear();
    expect_refused("invalid-input", [&] { grant(scope); });
    scope.viewer = "nobody";
    expect_refused("unknown-person", [&] { grant(scope); });
    scope = PrivacyProgramme::share_with_coordinator();
    scope.viewer = "vv";
    expect_refused("invalid-input", [&] { grant(scope); });  // only video viewers are named
    scope = PrivacyProgramme::share_with_coordinator();
    scope.partnership.clear();
    expect_refused("invalid-input", [&] { grant(scope); });
}

TEST_F(Consents, SigningSharingTermsIsTheLearnersConsent) {
    // The learner redrafts with terms that share; a redraft clears every signature.
    engine.draft_agreement(sharing_terms(true, true), by("lea", programme.next_time()));
    engine.sign_agreement("pair", by("coach", programme.next_time()));
    EXPECT_TRUE(engine.state().active_consents().empty()) << "a coach's signature opens nothing";
    EXPECT_FALSE(holds(seen_by("coord"), "STAGE-SECRET-RECORD"));

    engine.sign_agreement("pair", by("lea", programme.next_time()));
    const auto active = engine.state().active_consents();
    ASSERT_EQ(active.size(), 2u);
    for (const Consent* c : active) {
        EXPECT_EQ(c->owner, "lea");
        EXPECT_EQ(c->source, "agreement");
        EXPECT_EQ(c->scope.partnership, "pair");
    }
    EXPECT_TRUE(holds(seen_by("coord"), "STAGE-SECRET-RECORD"));
    EXPECT_TRUE(holds(seen_by("lm"), "STAGE-SECRET-RECORD"));
    EXPECT_FALSE(holds(seen_by("head"), "STAGE-SECRET-RECORD")) << "leaders are not named";

    // A redraft voids them: the new terms must be signed again. (The coach may keep the link the
    // learner set.)
    engine.draft_agreement(sharing_terms(true, true), by("coach", programme.next_time()));
    EXPECT_TRUE(engine.state().active_consents().empty());
    EXPECT_FALSE(holds(seen_by("coord"), "STAGE-SECRET-RECORD"));
    EXPECT_FALSE(holds(seen_by("lm"), "STAGE-SECRET-RECORD"));
}

TEST_F(Consents, ConsentFromAnAgreementIsWithdrawnLikeAnyOther) {
    engine.draft_agreement(sharing_terms(true, false), by("lea", programme.next_time()));
    engine.sign_agreement("pair", by("lea", programme.next_time()));
    const auto active = engine.state().active_consents();
    ASSERT_EQ(active.size(), 1u);
    const std::string id = active.front()->id;
    EXPECT_EQ(active.front()->scope.kind, ConsentKind::share_with_coordinator);
    expect_refused("consent-owner", [&] { withdraw(id, "coach"); });
    withdraw(id);
    EXPECT_FALSE(holds(seen_by("coord"), "STAGE-SECRET-RECORD"));
}

TEST_F(Consents, SwitchingThePerformanceManagementLinkOffWithdrawsIt) {
    engine.set_performance_management_link("pair", true, by("lea", programme.next_time()));
    EXPECT_TRUE(holds(seen_by("lm"), "STAGE-SECRET-RECORD"));
    engine.set_performance_management_link("pair", false, by("lea", programme.next_time()));
    EXPECT_TRUE(engine.state().active_consents().empty());
    EXPECT_FALSE(holds(seen_by("lm"), "STAGE-SECRET-RECORD"));
}

TEST_F(Consents, ATrainingExcerptIsAnonymisedAndCutToItsTurns) {
    grant(PrivacyProgramme::training_excerpt());
    const ProgrammeView view = engine.view("head");
    ASSERT_EQ(view.excerpts.size(), 1u);
    const std::string excerpt = text_of(view.excerpts);
    EXPECT_TRUE(holds(excerpt, "TRANSCRIPT-SECRET-CONTENT"))
        << "turns 1-2 were shared but the excerpt holds none of them: " << excerpt;
    EXPECT_FALSE(holds(excerpt, "Lea Learner"))
        << "LEAK: the anonymised excerpt names its owner: " << excerpt;
    EXPECT_FALSE(holds(excerpt, "TRANSCRIPT-SECRET-TURN3")) << "turn 3 is outside 1-2";
    EXPECT_EQ(view.state.evidence_item("lesson-talk"), nullptr);
    // Everyone in the partnership still sees the item as before; the consent opens nothing else.
    EXPECT_TRUE(holds(seen_by("coach"), "TRANSCRIPT-SECRET-SUMMARY"));
    EXPECT_FALSE(holds(seen_by("lm"), "TRANSCRIPT-SECRET-CONTENT"));
    EXPECT_FALSE(holds(seen_by("mis"), "TRANSCRIPT-SECRET-CONTENT"));
}

}  // namespace
}  // namespace coachkit::testing
