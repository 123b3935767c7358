// What the engine writes to the audit log: a "read" for every confidential record a view shows to
// someone who does not own it, nothing for an owner's own reads, a "denied" for a refused scope,
// and an entry for each consent change and erasure; the chain stays intact and holds no content.
// (The chain itself, and tampering: audit_test.cpp.)
#include <map>
#include <set>

#include "privacy/privacy_programme.hpp"

namespace coachkit::testing {
namespace {

class ReadAudit : public ::testing::Test {
protected:
    PrivacyProgramme programme{make_memory_store()};
    ProgrammeEngine& engine = *programme.engine;
    std::size_t seen_ = programme.store->audit().read().size();

    /// The entries appended since the last call.
    std::vector<AuditEntry> new_entries() {
        auto all = programme.store->audit().read();
        std::vector<AuditEntry> out(all.begin() + static_cast<std::ptrdiff_t>(seen_), all.end());
        seen_ = all.size();
        return out;
    }

    std::string grant(const ConsentScope& scope) {
        const auto result = engine.grant_consent(scope, by("lea", programme.next_time()));
        return std::string(result.events.at(0).data.at("id").as_string());
    }
};

TEST_F(ReadAudit, ACoachsViewWritesAReadForEachRecordTheyDoNotOwn) {
    (void)engine.view("coach", {"test via", "", ""});
    const auto entries = new_entries();
    std::set<std::string> records;
    for (const auto& e : entries) {
        EXPECT_EQ(e.action, "read");
        EXPECT_EQ(e.actor, "coach");
        EXPECT_EQ(e.via, "test via");
        EXPECT_EQ(e.access, "allow") << e.record;
        EXPECT_EQ(e.detail.at("relation"), "partner") << e.record;
        EXPECT_FALSE(e.record.starts_with("person:")) << "people are not confidential";
        records.insert(e.record);
    }
    std::set<std::string> expected;
    for (const auto& r : PrivacyProgramme::records())
        expected.insert(r.id);
    EXPECT_EQ(records, expected);
    EXPECT_EQ(entries.size(), expected.size()) << "one entry per record";
}

TEST_F(ReadAudit, TheOwnersOwnViewWritesNothing) {
    (void)engine.view("lea", {"test", "", ""});
    (void)engine.view("lea", {"test", "cycle:pair-1", ""});
    EXPECT_TRUE(new_entries().empty());
}

TEST_F(ReadAudit, RedactedReadsSayRedactedAndDeniedRecordsAreNotRead) {
    const ProgrammeView view = engine.view("coord", {"test", "", ""});
    std::map<std::string, std::string> access;
    for (const auto& e : new_entries())
        access[e.record] = e.access;
    EXPECT_EQ(access, (std::map<std::string, std::string>{{"partnership:pair", "allow"},
                                                          {"agreement:pair", "redacted"},
                                                          {"cycle:pair-1", "redacted"}}));
    (void)engine.view("ben", {"test", "", ""});
    EXPECT_TRUE(new_entries().empty()) << "ben was shown nothing confidential";
}

TEST_F(ReadAudit, ARefusedScopeIsWrittenAsDenied) {
    EXPECT_THROW((void)engine.view("ben", {"test", "note:pair-1/lesson/1", ""}), AccessDeniedError);
    const auto entries = new_entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "denied");
    EXPECT_EQ(entries[0].actor, "ben");
    EXPECT_EQ(entries[0].record, "note:pair-1/lesson/1");
    try {
        (void)engine.view("nobody", {"test", "", ""});
        ADD_FAILURE() << "an unknown viewer was given a view";
    } catch (const AccessDeniedError& e) {
        EXPECT_EQ(e.rule(), "unknown-viewer");
    }
    EXPECT_THROW((void)engine.view("coach", {"test", "note:pair-1/lesson/7", ""}), NotFoundError);
}

TEST_F(ReadAudit, AnExcerptShownIsARead) {
    grant(PrivacyProgramme::training_excerpt());
    new_entries();
    (void)engine.view("head", {"test", "", ""});
    bool found = false;
    for (const auto& e : new_entries()) {
        if (e.record == "evidence:lesson-talk") {
            found = true;
            EXPECT_EQ(e.access, "redacted");
            EXPECT_EQ(e.detail.at("excerpt"), true);
        }
    }
    EXPECT_TRUE(found) << "the excerpt read was not written to the audit log";
}

TEST_F(ReadAudit, ConsentChangesAndErasureAreWritten) {
    const std::string id = grant(PrivacyProgramme::share_with_coordinator());
    auto entries = new_entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "consent.granted");
    EXPECT_EQ(entries[0].actor, "lea");
    EXPECT_EQ(entries[0].record, "partnership:pair");
    EXPECT_EQ(entries[0].detail.at("consent"), boost::json::value(id));
    EXPECT_EQ(entries[0].detail.at("kind"), "share-with-coordinator");

    engine.withdraw_consent(id, by("lea", programme.next_time()));
    entries = new_entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "consent.withdrawn");
    EXPECT_EQ(entries[0].detail.at("consent"), boost::json::value(id));

    engine.erase("note:pair-1/lesson/1", by("lea", programme.next_time()));
    entries = new_entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "erased");
    EXPECT_EQ(entries[0].actor, "lea");
    EXPECT_EQ(entries[0].record, "note:pair-1/lesson/1");
}

TEST_F(ReadAudit, TheChainIsIntactAndHoldsNoContent) {
    grant(PrivacyProgramme::training_excerpt());
    for (const auto& viewer : PrivacyProgramme::viewers())
        (void)engine.view(viewer.id, {"test", "", ""});
    EXPECT_THROW((void)engine.view("ben", {"test", "cycle:pair-1", ""}), AccessDeniedError);
    engine.erase("evidence:pair-1/lesson/1", by("lea", programme.next_time()));

    const auto entries = programme.store->audit().read();
    ASSERT_FALSE(entries.empty());
    const AuditVerification v = verify_audit(programme.store->audit(), entries.back().hash);
    EXPECT_TRUE(v.intact) << v.problem;
    EXPECT_EQ(v.entries, static_cast<std::int64_t>(entries.size()));
    EXPECT_EQ(v.head, entries.back().hash);
    std::string all;
    for (const auto& e : entries)
        all += text_of(to_json(e));
    for (const auto& m : PrivacyProgramme::all_markers())
        EXPECT_FALSE(holds(all, m)) << "the audit log holds " << m;
}

}  // namespace
}  // namespace coachkit::testing
