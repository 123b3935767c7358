// Erasure (EventStore::erase) on every store: the data of earlier events rewritten and a tombstone
// appended, together or not at all; and, for the SQLite store, the erased bytes gone from the file
// and its WAL, and a new store file readable by its owner only.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <fstream>
#include <iterator>

#include "journal_support.hpp"

using namespace coachkit;
using namespace coachkit::test;
namespace fs = std::filesystem;

namespace {

struct MemoryKind {
    static constexpr const char* name = "Memory";
    std::unique_ptr<EventStore> open() { return make_memory_store(); }
};

struct SqliteKind {
    static constexpr const char* name = "Sqlite";
    TempFolder folder;
    std::unique_ptr<EventStore> open() { return open_sqlite_store(folder / "journal.coachkit"); }
};

template <typename Kind>
class StoreErasure : public ::testing::Test {
protected:
    Kind kind;
    std::unique_ptr<EventStore> store = kind.open();

    /// Every event, as JSON text: comparing two of these compares the whole journal.
    std::vector<std::string> journal() const {
        std::vector<std::string> out;
        for (const auto& e : store->read())
            out.push_back(dump(e));
        return out;
    }
};

struct KindNames {
    template <typename Kind>
    static std::string GetName(int) {
        return Kind::name;
    }
};

using StoreKinds = ::testing::Types<MemoryKind, SqliteKind>;
TYPED_TEST_SUITE(StoreErasure, StoreKinds, KindNames);

Event tombstone(const std::string& record = "note:cycle-2/observe/1") {
    Event event;
    event.type = "record.erased";
    event.at = "2026-12-01T09:00:00Z";
    event.actor = "ana-okafor";
    event.programme = "northfield-2026";
    event.partnership = "ana-ben";
    event.data = {{"record", record}};
    return event;
}

boost::json::object erased_data(int number) {
    return {{"number", number}, {"stage", "post-lesson-meeting"}, {"erased", true}};
}

std::vector<std::string> pointers(const InvalidDocumentError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics())
        out.push_back(d.pointer);
    return out;
}

}  // namespace

TYPED_TEST(StoreErasure, ReplacesTheDataAndAppendsTheTombstone) {
    this->store->append(sample_batch(4));
    const auto before = this->journal();
    const Event stored =
        this->store->erase({{2, erased_data(2)}, {4, erased_data(4)}}, tombstone(), std::nullopt);
    EXPECT_EQ(stored.sequence, 5);
    EXPECT_EQ(stored.type, "record.erased");
    EXPECT_EQ(this->store->last_sequence(), 5);

    const auto after = this->store->read();
    ASSERT_EQ(after.size(), 5u);
    // Untouched events are exactly as they were.
    EXPECT_EQ(dump(after[0]), before[0]);
    EXPECT_EQ(dump(after[2]), before[2]);
    // Rewritten ones keep everything but their data.
    for (const std::size_t i : {1u, 3u}) {
        Event expected = sample_event(static_cast<int>(i + 1));
        expected.sequence = static_cast<std::int64_t>(i + 1);
        expected.data = erased_data(static_cast<int>(i + 1));
        EXPECT_EQ(dump(after[i]), dump(expected)) << i;
    }
    Event expected_tombstone = tombstone();
    expected_tombstone.sequence = 5;
    EXPECT_EQ(dump(after[4]), dump(expected_tombstone));
    EXPECT_EQ(dump(stored), dump(expected_tombstone));
    // The journal goes on after the tombstone.
    EXPECT_EQ(sequences(this->store->append(sample_batch(1))), std::vector<std::int64_t>{6});
}

TYPED_TEST(StoreErasure, WithNoRewritesOnlyAppendsTheTombstone) {
    this->store->append(sample_batch(2));
    const auto before = this->journal();
    EXPECT_EQ(this->store->erase({}, tombstone(), 2).sequence, 3);
    auto after = this->journal();
    after.pop_back();
    EXPECT_EQ(after, before);
}

TYPED_TEST(StoreErasure, AMatchingExpectedLastErases) {
    this->store->append(sample_batch(3));
    EXPECT_EQ(this->store->erase({{1, erased_data(1)}}, tombstone(), 3).sequence, 4);
}

TYPED_TEST(StoreErasure, AStaleExpectedLastThrowsConcurrencyErrorAndChangesNothing) {
    this->store->append(sample_batch(3));
    const auto before = this->journal();
    EXPECT_THROW(this->store->erase({{1, erased_data(1)}}, tombstone(), 2), ConcurrencyError);
    EXPECT_THROW(this->store->erase({{1, erased_data(1)}}, tombstone(), 4), ConcurrencyError);
    EXPECT_EQ(this->journal(), before);
}

TYPED_TEST(StoreErasure, AnUnknownSequenceIsRefusedAndChangesNothing) {
    this->store->append(sample_batch(3));
    const auto before = this->journal();
    for (const std::int64_t sequence :
         {std::int64_t{4}, std::int64_t{99}, std::int64_t{0}, std::int64_t{-1}}) {
        SCOPED_TRACE(sequence);
        try {
            // The first rewrite is good: it must not be applied either.
            this->store->erase({{1, erased_data(1)}, {sequence, erased_data(0)}}, tombstone());
            ADD_FAILURE() << "erased with a rewrite of event " << sequence;
        } catch (const InvalidDocumentError& e) {
            EXPECT_EQ(pointers(e), std::vector<std::string>{"/rewrites/1/sequence"});
            EXPECT_NE(std::string(e.what()).find(std::to_string(sequence)), std::string::npos)
                << e.what();
        }
        EXPECT_EQ(this->journal(), before);
    }
}

TYPED_TEST(StoreErasure, TheTombstoneCannotBeRewritten) {
    this->store->append(sample_batch(2));
    // The tombstone will be event 3: a rewrite must name an event that exists before it.
    EXPECT_THROW(this->store->erase({{3, erased_data(3)}}, tombstone()), InvalidDocumentError);
    EXPECT_EQ(this->store->last_sequence(), 2);
}

TYPED_TEST(StoreErasure, NotFiniteDataIsRefusedAndChangesNothing) {
    this->store->append(sample_batch(3));
    const auto before = this->journal();
    auto bad = erased_data(2);
    bad["nested"] = {{"ratio", std::nan("")}};
    try {
        this->store->erase({{1, erased_data(1)}, {2, bad}}, tombstone());
        FAIL() << "NaN was stored";
    } catch (const InvalidDocumentError& e) {
        EXPECT_EQ(pointers(e), std::vector<std::string>{"/rewrites/1/data/nested/ratio"});
    }
    EXPECT_EQ(this->journal(), before);
}

TYPED_TEST(StoreErasure, ABadTombstoneIsRefusedAndChangesNothing) {
    this->store->append(sample_batch(2));
    const auto before = this->journal();
    Event bad = tombstone();
    bad.type = "Erased";
    bad.actor.clear();
    bad.data["size"] = HUGE_VAL;
    try {
        this->store->erase({{1, erased_data(1)}}, bad);
        FAIL() << "a bad tombstone was stored";
    } catch (const InvalidDocumentError& e) {
        EXPECT_EQ(pointers(e), (std::vector<std::string>{"/tombstone/type", "/tombstone/actor",
                                                         "/tombstone/data/size"}));
    }
    EXPECT_EQ(this->journal(), before);
}

TYPED_TEST(StoreErasure, AnEventRewrittenTwiceInOneErasureIsRefused) {
    this->store->append(sample_batch(2));
    const auto before = this->journal();
    try {
        this->store->erase({{1, erased_data(1)}, {1, erased_data(2)}}, tombstone());
        FAIL() << "event 1 was rewritten twice";
    } catch (const InvalidDocumentError& e) {
        EXPECT_EQ(pointers(e), std::vector<std::string>{"/rewrites/1/sequence"});
    }
    EXPECT_EQ(this->journal(), before);
}

TYPED_TEST(StoreErasure, TheStoreHasAnAuditLog) {
    const EventStore& constant = *this->store;
    EXPECT_EQ(&constant.audit(), &this->store->audit());
    AuditEntry entry;
    entry.at = "2026-12-01T09:00:00Z";
    entry.actor = "ana-okafor";
    entry.action = "erased";
    entry.record = "note:cycle-2/observe/1";
    const auto appended = this->store->audit().append({entry});
    EXPECT_EQ(appended.front().sequence, 1);
    EXPECT_EQ(constant.audit().read().size(), 1u);
    // The audit log is not the journal.
    EXPECT_EQ(this->store->last_sequence(), 0);
}

// ---- SQLite: the bytes are gone, and the file is the owner's ----------------------------------

namespace {

std::string file_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Whether `marker` is anywhere in the store file or its WAL, read as raw bytes.
bool on_disk(const fs::path& file, const std::string& marker) {
    for (const auto& part : {file, fs::path(file.string() + "-wal")}) {
        if (file_bytes(part).find(marker) != std::string::npos)
            return true;
    }
    return false;
}

unsigned permissions(const fs::path& file) {
    struct stat info {};
    EXPECT_EQ(::stat(file.c_str(), &info), 0) << file;
    return info.st_mode & 0777;
}

constexpr const char* kMarker = "ERASE-ME-7f3a";

/// Event `number` with the marker in its data: short, and long enough to need overflow pages.
Event confidential(int number) {
    Event event = sample_event(number);
    event.data["notes"] = std::string("The conversation: ") + kMarker;
    std::string long_text;
    for (int i = 0; i < 400; ++i)
        long_text += std::string(kMarker) + " ";
    event.data["transcript"] = long_text;
    return event;
}

}  // namespace

// The marker written by append is still only in the WAL when it is erased.
TEST(SqliteErasure, TheErasedBytesAreGoneFromTheWal) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    auto store = open_sqlite_store(file);
    store->append(sample_batch(2));
    store->append({confidential(3)});
    store->append(sample_batch(2, 4));
    ASSERT_TRUE(on_disk(file, kMarker)) << "the test cannot see the bytes it means to erase";
    store->erase({{3, erased_data(3)}}, tombstone());
    EXPECT_FALSE(on_disk(file, kMarker));
    EXPECT_EQ(store->read(2, 1).front().data, erased_data(3));
    EXPECT_EQ(integrity_check(file), "ok");
}

// The marker has been checkpointed into the main file (and the WAL emptied) before it is erased.
TEST(SqliteErasure, TheErasedBytesAreGoneFromTheFile) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    {
        auto store = open_sqlite_store(file);
        store->append(sample_batch(2));
        store->append({confidential(3)});
        store->append(sample_batch(2, 4));
    }
    {
        RawDatabase db(file);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    ASSERT_NE(file_bytes(file).find(kMarker), std::string::npos)
        << "the test cannot see the bytes it means to erase in the main file";
    {
        auto store = open_sqlite_store(file);
        store->erase({{3, erased_data(3)}}, tombstone());
        EXPECT_FALSE(on_disk(file, kMarker));
    }
    EXPECT_FALSE(on_disk(file, kMarker));
    auto reopened = open_sqlite_store(file);
    EXPECT_EQ(reopened->read(2, 1).front().data, erased_data(3));
    EXPECT_EQ(reopened->read(5).front().type, "record.erased");
    EXPECT_EQ(integrity_check(file), "ok");
}

TEST(SqliteErasure, ARolledBackErasureLeavesTheDataInPlace) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    auto store = open_sqlite_store(file);
    store->append({confidential(1)});
    EXPECT_THROW(store->erase({{2, erased_data(2)}}, tombstone()), InvalidDocumentError);
    EXPECT_EQ(store->read().front().data, confidential(1).data);
}

TEST(SqliteStoreFile, ANewStoreIsReadableByItsOwnerOnly) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    auto store = open_sqlite_store(file);
    store->append(sample_batch(1));
    EXPECT_EQ(permissions(file), 0600u);
    // SQLite gives the WAL and shared-memory files the database file's permissions.
    for (const char* suffix : {"-wal", "-shm"}) {
        const fs::path part = file.string() + suffix;
        if (fs::exists(part)) {
            EXPECT_EQ(permissions(part), 0600u) << part;
        }
    }
}

TEST(SqliteStoreFile, AnExistingFileKeepsItsPermissions) {
    TempFolder folder;
    const auto file = folder / "shared.coachkit";
    std::ofstream{file};
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    auto store = open_sqlite_store(file);
    store->append(sample_batch(1));
    EXPECT_EQ(permissions(file), 0640u);
}
