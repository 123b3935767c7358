// Erasure: the owner erases a note, an evidence item, an agreement or a whole cycle, and its
// content is gone from every view, from the journal's events and (SQLite) from the file's bytes,
// while counts, the tombstone and replay survive; an engine that had the content follows on
// refresh; anyone but the owner is refused. Each test runs on the memory and the SQLite store.
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "privacy/privacy_programme.hpp"

namespace coachkit::testing {
namespace {

enum class StoreKind { memory, sqlite };

std::string store_name(const ::testing::TestParamInfo<StoreKind>& info) {
    return info.param == StoreKind::memory ? "memory" : "sqlite";
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

class Erasure : public ::testing::TestWithParam<StoreKind> {
protected:
    void SetUp() override {
        if (GetParam() == StoreKind::sqlite) {
            std::string pattern =
                (std::filesystem::temp_directory_path() / "coachkit-erasure-XXXXXX").string();
            ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
            dir_ = pattern;
            path_ = dir_ / "school.coachkit";
            programme = std::make_unique<PrivacyProgramme>(open_sqlite_store(path_));
            // A second reader of the same file, as another process would be.
            other_store_ = open_sqlite_store(path_);
            other_ = std::make_unique<ProgrammeEngine>(*other_store_, programme->registry);
        } else {
            programme = std::make_unique<PrivacyProgramme>(make_memory_store());
            other_ = std::make_unique<ProgrammeEngine>(*programme->store, programme->registry);
        }
        ASSERT_EQ(other_->state().last_sequence(), programme->store->last_sequence());
    }

    void TearDown() override {
        other_.reset();
        other_store_.reset();
        programme.reset();
        if (!dir_.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(dir_, ignored);
        }
    }

    ProgrammeEngine& engine() { return *programme->engine; }

    CommandResult erase(const std::string& record, const std::string& owner = "lea") {
        return engine().erase(record, by(owner, programme->next_time()));
    }

    /// Every event of the journal as stored, as JSON text.
    std::string journal() const {
        std::string out;
        for (const auto& e : programme->store->read())
            out += text_of(to_json(e)) + "\n";
        return out;
    }

    /// The store's bytes on disk (file and write-ahead log); empty for the memory store.
    std::string file_bytes() const {
        if (path_.empty())
            return {};
        std::string out = read_file(path_);
        for (const char* suffix : {"-wal", "-journal"}) {
            const std::filesystem::path extra = path_.string() + suffix;
            if (std::filesystem::exists(extra))
                out += read_file(extra);
        }
        return out;
    }

    /// `marker` is in the journal (and the file) now: the later "gone" checks can fail.
    void expect_stored(const std::string& marker) const {
        EXPECT_TRUE(holds(journal(), marker)) << marker;
        if (!path_.empty()) {
            EXPECT_TRUE(holds(file_bytes(), marker)) << marker << " is not in the store file";
        }
    }

    /// `marker` is nowhere: not in any person's view, the engine's state, the events, the file.
    void expect_gone(const std::string& marker) {
        for (const auto& person : engine().state().people()) {
            EXPECT_FALSE(holds(text_of(to_json(engine().view(person.id))), marker))
                << marker << " in the view of " << person.id;
        }
        EXPECT_FALSE(holds(text_of(to_json(engine().state())), marker)) << marker;
        EXPECT_FALSE(holds(journal(), marker)) << marker << " is still in the journal's events";
        if (!path_.empty()) {
            EXPECT_FALSE(holds(file_bytes(), marker))
                << marker << " is still in the bytes of " << path_;
        }
    }

    /// The tombstone is last, and the reader that loaded the content before catches up to exactly
    /// what a fresh replay of the rewritten journal gives.
    void expect_tombstone_and_replay(const CommandResult& result, const std::string& record) {
        ASSERT_EQ(result.events.size(), 1u);
        const Event& tombstone = result.events.front();
        EXPECT_EQ(tombstone.type, "record.erased");
        EXPECT_EQ(tombstone.data.at("record"), boost::json::value(record));
        EXPECT_FALSE(tombstone.data.at("rewritten").as_array().empty());
        const auto events = programme->store->read();
        ASSERT_FALSE(events.empty());
        EXPECT_EQ(events.back().type, "record.erased");
        EXPECT_EQ(events.back().sequence, tombstone.sequence);
        ASSERT_FALSE(engine().state().erasures().empty());
        EXPECT_EQ(engine().state().erasures().back().record, record);
        EXPECT_EQ(engine().state().erasures().back().by, "lea");

        const auto replayed = to_json(ProgrammeState::replay(events));
        EXPECT_EQ(to_json(engine().state()), replayed);
        other_->refresh();
        EXPECT_EQ(to_json(other_->state()), replayed)
            << "an engine that had the content before differs from a fresh replay";
    }

    /// How many notes, actions, references and items the learner's cycle holds.
    [[nodiscard]] std::vector<std::size_t> counts() const {
        const ProgrammeState& s = programme->engine->state();
        const Cycle* c = s.cycle("pair-1");
        if (c == nullptr)
            return {};
        return {c->stages.size(),          c->stage("lesson")->notes.size(),
                c->actions.size(),         c->stage("lesson")->evidence.size(),
                s.evidence_items().size(), s.event_count() - s.erasures().size()};
    }

    std::unique_ptr<PrivacyProgramme> programme;

private:
    std::filesystem::path dir_;
    std::filesystem::path path_;
    std::unique_ptr<EventStore> other_store_;
    std::unique_ptr<ProgrammeEngine> other_;
};

TEST_P(Erasure, TheOwnerErasesANote) {
    expect_stored("NOTE-SECRET-1");
    const auto before = counts();
    const auto result = erase("note:pair-1/lesson/1");
    expect_gone("NOTE-SECRET-1");
    EXPECT_EQ(counts(), before) << "counts survive an erasure";
    const Note& note = programme->engine->state().cycle("pair-1")->stage("lesson")->notes.at(0);
    EXPECT_EQ(note.text, kErasedText);
    EXPECT_EQ(note.by, "coach") << "who wrote it and when stay";
    // Only that record: the rest of the cycle is untouched.
    for (const char* kept : {"ACTION-SECRET-1", "STAGE-SECRET-RECORD", "TRANSCRIPT-SECRET-CONTENT"})
        expect_stored(kept);
    expect_tombstone_and_replay(result, "note:pair-1/lesson/1");
}

TEST_P(Erasure, TheOwnerErasesAStoredEvidenceItem) {
    const auto& markers = PrivacyProgramme::record("evidence:lesson-talk").markers;
    for (const auto& m : markers)
        expect_stored(m);
    const auto before = counts();
    const auto result = erase("evidence:lesson-talk");
    for (const auto& m : markers)
        expect_gone(m);
    EXPECT_EQ(counts(), before);
    const EvidenceItem* item = programme->engine->state().evidence_item("lesson-talk");
    ASSERT_NE(item, nullptr);
    EXPECT_TRUE(item->content.is_null());
    EXPECT_TRUE(item->metrics.empty());
    EXPECT_EQ(item->summary, kErasedText);
    EXPECT_EQ(item->kind, "lesson-transcript");
    expect_stored("VIDEO-SECRET-LOCATION");
    expect_tombstone_and_replay(result, "evidence:lesson-talk");
}

TEST_P(Erasure, TheOwnerErasesAVideoAndAReference) {
    erase("evidence:lesson-video");
    const auto result = erase("evidence:pair-1/lesson/1");
    for (const char* id : {"evidence:lesson-video", "evidence:pair-1/lesson/1"}) {
        for (const auto& m : PrivacyProgramme::record(id).markers)
            expect_gone(m);
    }
    expect_stored("VIDEOREF-SECRET-PATH");
    expect_tombstone_and_replay(result, "evidence:pair-1/lesson/1");
}

TEST_P(Erasure, TheOwnerErasesAWholeCycle) {
    const auto before = counts();
    const auto result = erase("cycle:pair-1");
    for (const auto& record : PrivacyProgramme::records()) {
        const bool in_cycle =
            record.kind != RecordKind::partnership && record.kind != RecordKind::agreement;
        for (const auto& m : record.markers) {
            if (in_cycle)
                expect_gone(m);
            else
                expect_stored(m);
        }
    }
    EXPECT_EQ(counts(), before);
    expect_tombstone_and_replay(result, "cycle:pair-1");
    EXPECT_EQ(programme->engine->state().cycle("pair-1")->abandon_reason, kErasedText);
}

TEST_P(Erasure, TheOwnerErasesTheAgreement) {
    const auto result = erase("agreement:pair");
    expect_gone("AGREEMENT-SECRET-GOAL");
    expect_gone("AGREEMENT-SECRET-RULE");
    const LearningAgreement* a = programme->engine->state().agreement("pair");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->goals.size(), 1u);
    EXPECT_EQ(a->acknowledgements.size(), 3u) << "the signatures stay";
    expect_tombstone_and_replay(result, "agreement:pair");
}

TEST_P(Erasure, OnlyTheOwnerErases) {
    const auto refused = [&](const std::string& rule, const std::string& record,
                             const std::string& who) {
        SCOPED_TRACE(who + " erasing " + record);
        const auto before = programme->store->last_sequence();
        try {
            erase(record, who);
            ADD_FAILURE() << "expected a refusal by rule '" << rule << "'";
        } catch (const RefusedError& e) {
            EXPECT_EQ(e.rule(), rule) << e.what();
        }
        EXPECT_EQ(programme->store->last_sequence(), before);
    };
    for (const auto& viewer : PrivacyProgramme::viewers()) {
        if (viewer.relation == Relation::owner)
            continue;
        refused("erase-owner", "note:pair-1/lesson/1", viewer.id);
        refused("erase-owner", "cycle:pair-1", viewer.id);
        refused("erase-owner", "evidence:lesson-video", viewer.id);
    }
    expect_stored("NOTE-SECRET-1");
    refused("invalid-input", "person:lea", "lea");
    refused("invalid-input", "partnership:pair", "lea");
    refused("unknown-record", "note:pair-1/lesson/9", "lea");
    refused("unknown-record", "diary:1", "lea");
    erase("note:pair-1/lesson/1");
    refused("already-erased", "note:pair-1/lesson/1", "lea");
}

INSTANTIATE_TEST_SUITE_P(Stores, Erasure, ::testing::Values(StoreKind::memory, StoreKind::sqlite),
                         store_name);

}  // namespace
}  // namespace coachkit::testing
