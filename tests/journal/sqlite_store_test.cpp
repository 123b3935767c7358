// What only the SQLite store does: the file's settings and layout, reopening, two connections on
// one file, waiting for another writer, a failure inside a batch, and the files it must refuse.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

#include "journal_support.hpp"

using namespace coachkit;
using namespace coachkit::test;
namespace fs = std::filesystem;

namespace {

std::string file_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Opening `file` throws a StoreError that starts with the file's name and gives `reason`; and
/// nothing is left broken: a good store opens and works right after.
void expect_refused(const fs::path& file, const std::string& reason) {
    try {
        auto store = open_sqlite_store(file);
        ADD_FAILURE() << file << " was opened; expected: " << reason;
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(file.string() + ": ", 0), 0u) << message;
        EXPECT_NE(message.find(reason), std::string::npos) << message;
    }
    TempFolder other;
    auto good = open_sqlite_store(other / "good.coachkit");
    good->append({sample_event()});
    EXPECT_EQ(good->read().size(), 1u);
}

/// Counts syncs of WAL files by every SQLite connection in this process, the store's included, by
/// wrapping the default VFS. What synchronous=FULL adds in WAL mode is a sync of the WAL at every
/// commit; the setting belongs to the store's own connection and cannot be read from another, so
/// the test watches what the connection does instead.
class WalSyncCounter {
public:
    WalSyncCounter() {
        base_ = sqlite3_vfs_find(nullptr);
        vfs_ = *base_;
        vfs_.zName = "coachkit-test-wal-sync-counter";
        vfs_.xOpen = &open;
        syncs_ = 0;
        sqlite3_vfs_register(&vfs_, 1);
    }
    WalSyncCounter(const WalSyncCounter&) = delete;
    WalSyncCounter& operator=(const WalSyncCounter&) = delete;
    ~WalSyncCounter() { sqlite3_vfs_unregister(&vfs_); }

    [[nodiscard]] int syncs() const { return syncs_.load(); }

private:
    // The unix VFS keeps its state in the file object, so a WAL file is opened by it, into the
    // buffer SQLite gave us, and only its method table is swapped for a copy with a counting xSync.
    static int open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out) {
        const int rc = base_->xOpen(base_, name, file, flags, out);
        if (rc == SQLITE_OK && file->pMethods != nullptr && (flags & SQLITE_OPEN_WAL) != 0) {
            if (original_ == nullptr) {
                original_ = file->pMethods;
                counting_ = *original_;
                counting_.xSync = &sync;
            }
            if (file->pMethods == original_)
                file->pMethods = &counting_;
        }
        return rc;
    }

    static int sync(sqlite3_file* file, int flags) {
        ++syncs_;
        return original_->xSync(file, flags);
    }

    static inline sqlite3_vfs* base_ = nullptr;
    static inline sqlite3_vfs vfs_{};
    static inline const sqlite3_io_methods* original_ = nullptr;
    static inline sqlite3_io_methods counting_{};
    static inline std::atomic<int> syncs_{0};
};

}  // namespace

TEST(SqliteStore, TheFileIsACoachkitStoreInWalMode) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    auto store = open_sqlite_store(file);
    store->append(sample_batch(2));

    RawDatabase db(file);
    EXPECT_EQ(db.value("PRAGMA journal_mode"), "wal");  // persistent: every connection sees it
    EXPECT_EQ(db.value("PRAGMA application_id"), std::to_string(0x434B4A4E));
    EXPECT_EQ(db.value("SELECT value FROM meta WHERE key = 'schema_version'"), "2");
    EXPECT_EQ(db.value("SELECT value FROM meta WHERE key = 'application'"), "coachkit journal");
    EXPECT_EQ(db.column("SELECT name FROM pragma_table_info('events') ORDER BY cid"),
              (std::vector<std::string>{"sequence", "type", "at", "actor", "programme",
                                        "partnership", "cycle", "data"}));
    EXPECT_EQ(db.column("SELECT sequence FROM events ORDER BY sequence"),
              (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(db.value("SELECT data FROM events WHERE sequence = 1"),
              boost::json::serialize(sample_event().data));
    EXPECT_EQ(integrity_check(file), "ok");
}

TEST(SqliteStore, EveryCommitIsSyncedToDisk) {
    TempFolder folder;
    WalSyncCounter counter;
    {
        auto store = open_sqlite_store(folder / "journal.coachkit");
        store->append({sample_event()});
        for (int i = 0; i < 3; ++i) {
            const int before = counter.syncs();
            store->append({sample_event()});
            EXPECT_GE(counter.syncs(), before + 1) << "append " << i << " did not sync the WAL";
        }
    }
    // The control: the same kind of commit with synchronous=NORMAL syncs nothing, so what is
    // counted above is what synchronous=FULL does.
    RawDatabase control(folder / "control.db");
    control.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (x);");
    control.exec("INSERT INTO t VALUES (1)");
    const int before = counter.syncs();
    control.exec("INSERT INTO t VALUES (2)");
    EXPECT_EQ(counter.syncs(), before);
}

TEST(SqliteStore, ReopeningReadsEverythingBackIdentical) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    std::vector<Event> appended;
    {
        auto store = open_sqlite_store(file);
        for (int b = 0; b < 5; ++b) {
            auto batch = sample_batch(b + 1, b * 10);
            batch.front().partnership.clear();
            batch.back().data["batch"] = b;
            for (auto& e : store->append(batch))
                appended.push_back(std::move(e));
        }
    }
    auto store = open_sqlite_store(file);
    EXPECT_EQ(store->last_sequence(), 15);
    const auto read = store->read();
    ASSERT_EQ(read.size(), appended.size());
    for (std::size_t i = 0; i < read.size(); ++i)
        EXPECT_EQ(dump(read[i]), dump(appended[i]));
    EXPECT_EQ(sequences(store->append({sample_event()})), std::vector<std::int64_t>{16});
}

TEST(SqliteStore, TwoStoresOnOneFileTakeTurnsWithoutGaps) {
    TempFolder folder;
    const auto file = folder / "shared.coachkit";
    auto a = open_sqlite_store(file);
    auto b = open_sqlite_store(file);
    for (int i = 0; i < 10; ++i) {
        EventStore& writer = i % 2 == 0 ? *a : *b;
        EXPECT_EQ(sequences(writer.append(sample_batch(2), i * 2)),
                  (std::vector<std::int64_t>{i * 2 + 1, i * 2 + 2}));
    }
    EXPECT_EQ(a->last_sequence(), 20);
    EXPECT_EQ(b->last_sequence(), 20);
    EXPECT_EQ(sequences(a->read()), one_to(20));
    EXPECT_EQ(sequences(b->read()), one_to(20));
    // a decided on what it saw at 20; b appends first; a's append is refused.
    const std::int64_t seen_by_a = a->last_sequence();
    b->append({sample_event()});
    EXPECT_THROW(a->append({sample_event()}, seen_by_a), ConcurrencyError);
    EXPECT_EQ(sequences(a->read()), one_to(21));
}

TEST(SqliteStore, AnAppendWaitsForAnotherWritersTransaction) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    auto store = open_sqlite_store(file);
    RawDatabase other(file);
    other.exec("BEGIN IMMEDIATE");  // the write lock, as another process's append would hold it
    std::atomic<bool> releasing{false};
    std::thread holder([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        releasing = true;
        other.exec("COMMIT");
    });
    const auto appended = store->append({sample_event()});  // waits instead of failing at once
    EXPECT_TRUE(releasing.load());
    holder.join();
    EXPECT_EQ(sequences(appended), std::vector<std::int64_t>{1});
}

// A batch is one SQLite transaction: a failure inside SQLite at the third of four inserts (a
// trigger planted through another connection) leaves none of the four behind.
TEST(SqliteStore, AFailureInsideABatchRollsBackTheWholeBatch) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    auto store = open_sqlite_store(file);
    store->append(sample_batch(2));
    RawDatabase db(file);
    db.exec(
        "CREATE TRIGGER fail_fifth BEFORE INSERT ON events WHEN NEW.sequence = 5 "
        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    try {
        store->append(sample_batch(4));
        FAIL() << "the batch was appended";
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(file.string() + ": cannot append event 5: ", 0), 0u) << message;
        EXPECT_NE(message.find("injected failure"), std::string::npos) << message;
    }
    EXPECT_EQ(store->last_sequence(), 2);
    EXPECT_EQ(db.value("SELECT count(*) FROM events"), "2");
    db.exec("DROP TRIGGER fail_fifth");
    EXPECT_EQ(sequences(store->append(sample_batch(4))), (std::vector<std::int64_t>{3, 4, 5, 6}));
}

TEST(SqliteStore, DamagedEventDataIsReportedWithItsSequence) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    auto store = open_sqlite_store(file);
    store->append(sample_batch(1));
    RawDatabase(file).exec(
        "INSERT INTO events (sequence, type, at, actor, programme, data) VALUES "
        "(2, 'cycle.started', '2026-11-22T14:05:00Z', 'system', 'p', '{not json'), "
        "(3, 'cycle.started', '2026-11-22T14:05:00Z', 'system', 'p', '{}')");
    try {
        (void)store->read();
        FAIL() << "damaged data was read";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), file.string() +
                                             ": the store is damaged: the data of event 2 is not "
                                             "a JSON object");
    }
    EXPECT_EQ(sequences(store->read(2)), std::vector<std::int64_t>{3});
}

TEST(SqliteStore, AnEmptyFileBecomesAStore) {
    TempFolder folder;
    const auto file = folder / "empty.coachkit";
    std::ofstream{file};
    auto store = open_sqlite_store(file);
    EXPECT_EQ(sequences(store->append(sample_batch(1))), std::vector<std::int64_t>{1});
}

TEST(SqliteStore, AnOlderStoreIsMigrated) {
    TempFolder folder;
    const auto file = folder / "old.coachkit";
    {
        // A store as an earlier build would have left it: identified, at schema version 0.
        RawDatabase db(file);
        db.exec(
            "PRAGMA application_id = 1129007694;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);"
            "INSERT INTO meta VALUES ('application', 'coachkit journal'), ('schema_version', 0);");
    }
    auto store = open_sqlite_store(file);
    store->append(sample_batch(2));
    RawDatabase db(file);
    EXPECT_EQ(db.value("SELECT value FROM meta WHERE key = 'schema_version'"),
              "2");  // every migration applied: events (1), audit (2)
    EXPECT_EQ(db.value("SELECT count(*) FROM events"), "2");
}

// ---- files that are refused ------------------------------------------------------------------

TEST(SqliteStoreRefuses, AFileThatIsNotSqlite) {
    TempFolder folder;
    const auto file = folder / "staff.csv";
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "name,role\nAna Okafor,teacher\n";
    std::ofstream(file, std::ios::binary) << text;
    expect_refused(file, "not a coachkit store (the file is not an SQLite database)");
    EXPECT_EQ(file_bytes(file), text);  // untouched
}

TEST(SqliteStoreRefuses, AnotherApplicationsSqliteFile) {
    TempFolder folder;
    const auto file = folder / "timetable.db";
    {
        RawDatabase db(file);
        db.exec(
            "CREATE TABLE lessons (room TEXT, period INTEGER); INSERT INTO lessons VALUES "
            "('B12', 3);");
    }
    const std::string before = file_bytes(file);
    expect_refused(file, "not a coachkit store (an SQLite database of another application)");
    EXPECT_EQ(file_bytes(file), before);  // not even switched to WAL
    EXPECT_EQ(RawDatabase(file).value("PRAGMA journal_mode"), "delete");
}

TEST(SqliteStoreRefuses, AnEmptySqliteFileOfAnotherApplication) {
    TempFolder folder;
    const auto file = folder / "other.db";
    RawDatabase(file).exec("PRAGMA application_id = 42; CREATE TABLE t (x); DROP TABLE t;");
    expect_refused(file,
                   "not a coachkit store (an SQLite database of another application, "
                   "application id 0x0000002A)");
}

TEST(SqliteStoreRefuses, AStoreFromANewerCoachkit) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    open_sqlite_store(file)->append(sample_batch(3));
    RawDatabase(file).exec("UPDATE meta SET value = 99 WHERE key = 'schema_version'");
    expect_refused(file,
                   "the store was written by a newer coachkit (store schema version 99; this "
                   "build reads up to version 2); upgrade coachkit to open it");
    // Refusing changed nothing.
    RawDatabase(file).exec("UPDATE meta SET value = 2 WHERE key = 'schema_version'");
    EXPECT_EQ(sequences(open_sqlite_store(file)->read()), one_to(3));
}

TEST(SqliteStoreRefuses, ACorruptStore) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    {
        auto store = open_sqlite_store(file);
        for (int b = 0; b < 20; ++b) {
            auto batch = sample_batch(100, b * 100);
            for (auto& e : batch)
                e.data["padding"] = std::string(200, 'p');
            store->append(batch);
        }
        // Everything into the main file, so that the damage below is not hidden behind the WAL.
        RawDatabase(file).exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    ASSERT_EQ(integrity_check(file), "ok");
    const auto page_size = static_cast<std::uintmax_t>(
        std::stoul(RawDatabase(file, SQLITE_OPEN_READWRITE).value("PRAGMA page_size")));
    const auto pages = fs::file_size(file) / page_size;
    ASSERT_GE(pages, 40u);
    {
        std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
        out.seekp(static_cast<std::streamoff>((pages / 2) * page_size));
        const std::string garbage(page_size, '\xFF');
        out.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    ASSERT_NE(integrity_check(file), "ok");
    expect_refused(file, "the store is corrupt");
}

TEST(SqliteStoreRefuses, AStoreWithoutItsMetaTable) {
    TempFolder folder;
    const auto file = folder / "journal.coachkit";
    RawDatabase(file).exec("PRAGMA application_id = 1129007694; CREATE TABLE notes (text);");
    expect_refused(file,
                   "the store is damaged: it has coachkit's application id but no meta table");
}

TEST(SqliteStoreRefuses, AFolder) {
    TempFolder folder;
    expect_refused(folder.path(), "cannot open the store: it is a folder, not a file");
}

TEST(SqliteStoreRefuses, AFileInAFolderThatDoesNotExist) {
    TempFolder folder;
    const auto file = folder / "no" / "such" / "journal.coachkit";
    expect_refused(file, "cannot open the store: the folder '" + (folder / "no" / "such").string() +
                             "' does not exist");
}
