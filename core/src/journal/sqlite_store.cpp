// The embedded default store: one SQLite file in WAL mode. docs/journal.md describes the file.
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <limits>
#include <string>
#include <thread>

#include "coachkit/journal/store.hpp"
#include "journal/erase_check.hpp"
#include "journal/event_check.hpp"
#include "journal/sqlite_audit.hpp"
#include "journal/sqlite_connection.hpp"
#include "json/exact_json.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

using sqlite::bind_after_and_limit;
using sqlite::bind_optional_text;
using sqlite::bind_text;
using sqlite::column_text;
using sqlite::kBusyTimeoutMs;
using sqlite::ResetOnExit;
using sqlite::Statement;
using sqlite::WriteTransaction;

/// `PRAGMA application_id` of every coachkit store: "CKJN" (CoachKit JourNal) in ASCII. A SQLite
/// file with another id belongs to another application and is refused, never modified.
constexpr int kApplicationId = 0x434B4A4E;

struct Migration {
    std::int64_t version;  ///< the schema version of the store once this step is applied
    const char* sql;
};

// The store's schema, step by step. Each open applies the steps a store lacks, in order, in one
// transaction that also records the new version in `meta`. Never edit a released step; add one.
constexpr Migration kMigrations[] = {
    {1, R"sql(
        CREATE TABLE events (
            sequence    INTEGER PRIMARY KEY CHECK (sequence >= 1),
            type        TEXT NOT NULL CHECK (type <> ''),
            at          TEXT NOT NULL,
            actor       TEXT NOT NULL,
            programme   TEXT NOT NULL,
            partnership TEXT,
            cycle       TEXT,
            data        TEXT NOT NULL DEFAULT '{}'
        );
    )sql"},
    // The audit log (docs/privacy.md, "Audit"): one row per entry, chained by `previous` and
    // `hash` (privacy/audit.cpp gives the canonical form the hash covers). `detail` is a JSON
    // object. The triggers keep coachkit itself from ever changing or removing an entry; someone
    // editing the file by hand can drop them, which is what the hash chain is for.
    {2, R"sql(
        CREATE TABLE audit (
            sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
            at       TEXT NOT NULL,
            actor    TEXT NOT NULL,
            action   TEXT NOT NULL,
            record   TEXT NOT NULL DEFAULT '',
            access   TEXT NOT NULL DEFAULT '',
            via      TEXT NOT NULL DEFAULT '',
            detail   TEXT NOT NULL DEFAULT '{}',
            previous TEXT NOT NULL,
            hash     TEXT NOT NULL
        );
        CREATE TRIGGER audit_entries_are_never_changed BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_entries_are_never_removed BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    )sql"},
};

/// The newest store schema this build knows: a store with a higher version is refused.
constexpr std::int64_t kSchemaVersion = std::end(kMigrations)[-1].version;

const std::string kOpening = "cannot open the store";

class SqliteStore final : public EventStore {
public:
    explicit SqliteStore(const std::filesystem::path& path) : db_(path) {
        // Both read in one transaction: another process may be creating the store right now.
        db_.exec("BEGIN", kOpening);
        std::int64_t application = 0;
        bool empty = false;
        try {
            application = db_.query_int("PRAGMA application_id", kOpening);
            empty = db_.query_int("SELECT count(*) FROM sqlite_master", kOpening) == 0;
            db_.exec("COMMIT", kOpening);
        } catch (...) {
            db_.rollback();
            throw;
        }
        if (application != kApplicationId && !(application == 0 && empty))
            refuse_foreign(application);
        // From here on the file is (or becomes) ours.
        const std::string mode = switch_to_wal();
        if (mode != "wal") {
            db_.fail("cannot use write-ahead logging (the journal mode stays '" + mode +
                     "'); keep the store on a local disk");
        }
        db_.exec("PRAGMA synchronous = FULL", kOpening);
        db_.exec("PRAGMA foreign_keys = ON", kOpening);
        // Deleted and overwritten content is zeroed in the file, not left in free space: what an
        // erasure removes is gone from the disk, not just from view.
        db_.exec("PRAGMA secure_delete = ON", kOpening);
        check_integrity();
        bring_schema_up_to_date(empty);
        audit_ = make_sqlite_audit_log(db_);
    }

    std::vector<Event> append(std::vector<Event> events,
                              std::optional<std::int64_t> expected_last) override {
        require_storable(events, db_.file());
        const std::lock_guard lock(db_.mutex());
        if (events.empty() && !expected_last)
            return events;
        WriteTransaction transaction(db_, "cannot append");
        const std::int64_t last = last_sequence_locked();
        require_expected_last(expected_last, last);
        std::int64_t sequence = last;
        for (auto& event : events) {
            event.sequence = ++sequence;
            insert_locked(event);
        }
        transaction.commit();
        return events;
    }

    [[nodiscard]] std::vector<Event> read(std::int64_t after,
                                          std::optional<std::size_t> limit) const override {
        const std::lock_guard lock(db_.mutex());
        sqlite3_stmt* select = db_.prepare(read_,
                                           "SELECT sequence, type, at, actor, programme, "
                                           "partnership, cycle, data FROM events WHERE sequence > "
                                           "?1 ORDER BY sequence LIMIT ?2");
        const ResetOnExit reset(select);
        int rc = bind_after_and_limit(select, after, limit);
        if (rc != SQLITE_OK)
            db_.fail_sqlite("cannot read", rc);
        std::vector<Event> events;
        while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
            Event event;
            event.sequence = sqlite3_column_int64(select, 0);
            event.type = column_text(select, 1);
            event.at = column_text(select, 2);
            event.actor = column_text(select, 3);
            event.programme = column_text(select, 4);
            event.partnership = column_text(select, 5);
            event.cycle = column_text(select, 6);
            const std::string data = column_text(select, 7);
            auto value = parse_json_exact(data).value;
            if (!value || !value->is_object()) {
                db_.fail("the store is damaged: the data of event " +
                         std::to_string(event.sequence) + " is not a JSON object");
            }
            event.data = std::move(value->get_object());
            events.push_back(std::move(event));
        }
        if (rc != SQLITE_DONE)
            db_.fail_sqlite("cannot read", rc);
        return events;
    }

    [[nodiscard]] std::int64_t last_sequence() const override {
        const std::lock_guard lock(db_.mutex());
        return last_sequence_locked();
    }

    Event erase(std::vector<DataRewrite> rewrites, Event tombstone,
                std::optional<std::int64_t> expected_last) override {
        require_erasable(rewrites, tombstone, db_.file());
        const std::lock_guard lock(db_.mutex());
        {
            const std::string doing = "cannot erase";
            WriteTransaction transaction(db_, doing);
            const std::int64_t last = last_sequence_locked();
            require_expected_last(expected_last, last);
            require_rewrites_exist(rewrites, last, db_.file());
            sqlite3_stmt* update =
                db_.prepare(update_, "UPDATE events SET data = ?1 WHERE sequence = ?2");
            std::string data;
            for (const auto& rewrite : rewrites) {
                data = boost::json::serialize(rewrite.data);
                const ResetOnExit reset(update);
                int rc = bind_text(update, 1, data);
                rc = rc == SQLITE_OK ? sqlite3_bind_int64(update, 2, rewrite.sequence) : rc;
                rc = rc == SQLITE_OK ? sqlite3_step(update) : rc;
                if (rc != SQLITE_DONE)
                    db_.fail_sqlite(doing + " event " + std::to_string(rewrite.sequence), rc);
                if (sqlite3_changes(db_.get()) != 1) {
                    db_.fail("the store is damaged: event " + std::to_string(rewrite.sequence) +
                             " is missing, though the last sequence is " + std::to_string(last));
                }
            }
            tombstone.sequence = last + 1;
            insert_locked(tombstone);
            transaction.commit();
        }
        checkpoint_after_erasure();
        return tombstone;
    }

    [[nodiscard]] AuditLog& audit() override { return *audit_; }
    [[nodiscard]] const AuditLog& audit() const override { return *audit_; }

private:
    [[noreturn]] void refuse_foreign(std::int64_t application) const {
        std::string reason = "not a coachkit store (an SQLite database of another application";
        if (application != 0) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "0x%08llX",
                          static_cast<unsigned long long>(application & 0xFFFFFFFF));
            reason += std::string(", application id ") + hex;
        }
        db_.fail(reason + ")");
    }

    void require_expected_last(std::optional<std::int64_t> expected_last, std::int64_t last) const {
        if (expected_last && *expected_last != last) {
            throw ConcurrencyError(db_.file() +
                                   ": another writer appended first (expected the last sequence "
                                   "to be " +
                                   std::to_string(*expected_last) + ", it is " +
                                   std::to_string(last) + "); nothing was written");
        }
    }

    /// Inserts one event with its sequence set, inside the caller's transaction.
    void insert_locked(const Event& event) const {
        sqlite3_stmt* insert = db_.prepare(insert_,
                                           "INSERT INTO events (sequence, type, at, actor, "
                                           "programme, partnership, cycle, data) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        const std::string data = boost::json::serialize(event.data);
        const ResetOnExit reset(insert);
        int rc = sqlite3_bind_int64(insert, 1, event.sequence);
        rc = rc == SQLITE_OK ? bind_text(insert, 2, event.type) : rc;
        rc = rc == SQLITE_OK ? bind_text(insert, 3, event.at) : rc;
        rc = rc == SQLITE_OK ? bind_text(insert, 4, event.actor) : rc;
        rc = rc == SQLITE_OK ? bind_text(insert, 5, event.programme) : rc;
        rc = rc == SQLITE_OK ? bind_optional_text(insert, 6, event.partnership) : rc;
        rc = rc == SQLITE_OK ? bind_optional_text(insert, 7, event.cycle) : rc;
        rc = rc == SQLITE_OK ? bind_text(insert, 8, data) : rc;
        rc = rc == SQLITE_OK ? sqlite3_step(insert) : rc;
        if (rc != SQLITE_DONE)
            db_.fail_sqlite("cannot append event " + std::to_string(event.sequence), rc);
    }

    /// Copies every page into the file and empties the WAL, so the erased content's old page
    /// images, still in the WAL, are gone too (secure_delete zeroed them in the file's pages).
    /// The erasure is committed before this; if another connection's read keeps the checkpoint
    /// from finishing, the old images go at the next checkpoint that completes, and the data read
    /// back is the rewritten data either way.
    void checkpoint_after_erasure() const noexcept {
        sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    }

    /// `PRAGMA journal_mode = WAL`, returning the mode the file is in afterwards. SQLite does not
    /// call the busy handler for this pragma, so while another process is switching a new store
    /// to WAL it fails at once with SQLITE_BUSY: wait and retry, as the busy timeout would.
    std::string switch_to_wal() const {
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
        while (true) {
            std::string mode;
            Statement statement;
            int rc = sqlite3_prepare_v2(db_.get(), "PRAGMA journal_mode = WAL", -1,
                                        statement.receive(), nullptr);
            if (rc == SQLITE_OK) {
                while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
                    mode = column_text(statement.get(), 0);
            }
            if (rc == SQLITE_DONE)
                return mode;
            if ((rc & 0xFF) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline)
                db_.fail_sqlite("cannot switch the store to write-ahead logging", rc);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }

    /// `PRAGMA quick_check`: every page and b-tree is well formed (it skips only the slower
    /// cross-checks of indexes against tables that integrity_check adds).
    void check_integrity() const {
        std::string problems;
        int count = 0;
        db_.query(
            "PRAGMA quick_check(5)",
            [&](sqlite3_stmt* s) {
                const std::string line = column_text(s, 0);
                if (line != "ok") {
                    problems += (count++ > 0 ? "; " : "") + line;
                }
            },
            kOpening);
        if (!problems.empty())
            db_.fail("the store is corrupt (integrity check: " + problems +
                     "); restore it from a backup");
    }

    /// The version recorded in `meta` (0 for a store that has not had its first migration).
    std::int64_t stored_version() const {
        if (db_.query_int(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                kOpening) == 0) {
            db_.fail("the store is damaged: it has coachkit's application id but no meta table");
        }
        std::optional<std::int64_t> version;
        db_.query(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [&](sqlite3_stmt* s) {
                if (sqlite3_column_type(s, 0) == SQLITE_INTEGER)
                    version = sqlite3_column_int64(s, 0);
            },
            kOpening);
        if (!version)
            db_.fail("the store is damaged: its meta table has no whole-number schema_version");
        return *version;
    }

    void refuse_newer(std::int64_t version) const {
        if (version > kSchemaVersion) {
            db_.fail("the store was written by a newer coachkit (store schema version " +
                     std::to_string(version) + "; this build reads up to version " +
                     std::to_string(kSchemaVersion) + "); upgrade coachkit to open it");
        }
    }

    /// Creates a new store, or applies the migrations an older one lacks, in one transaction.
    void bring_schema_up_to_date(bool empty) {
        std::int64_t version = empty ? 0 : stored_version();
        refuse_newer(version);
        if (!empty && version == kSchemaVersion)
            return;
        const std::string doing = "cannot set up the store";
        WriteTransaction transaction(db_, doing);
        // Another process may have created or upgraded the store since we looked.
        const std::int64_t application = db_.query_int("PRAGMA application_id", doing);
        if (application == 0 && db_.query_int("SELECT count(*) FROM sqlite_master", doing) == 0) {
            db_.exec("PRAGMA application_id = " + std::to_string(kApplicationId), doing);
            db_.exec(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);"
                "INSERT INTO meta (key, value) VALUES ('application', 'coachkit journal'),"
                " ('schema_version', 0), ('created_by', 'coachkit " COACHKIT_VERSION_STRING "');",
                doing);
            version = 0;
        } else if (application != kApplicationId) {
            refuse_foreign(application);
        } else {
            version = stored_version();
            refuse_newer(version);
        }
        for (const auto& step : kMigrations) {
            if (step.version <= version)
                continue;
            db_.exec(step.sql,
                     "cannot upgrade the store to schema version " + std::to_string(step.version));
            db_.exec("UPDATE meta SET value = " + std::to_string(step.version) +
                         " WHERE key = 'schema_version'",
                     doing);
            version = step.version;
        }
        transaction.commit();
    }

    std::int64_t last_sequence_locked() const {
        sqlite3_stmt* select = db_.prepare(last_, "SELECT coalesce(max(sequence), 0) FROM events");
        const ResetOnExit reset(select);
        const int rc = sqlite3_step(select);
        if (rc != SQLITE_ROW)
            db_.fail_sqlite("cannot read the last sequence", rc);
        return sqlite3_column_int64(select, 0);
    }

    // Declared first, so destroyed last: the audit log and the statements use the connection.
    sqlite::Connection db_;
    std::unique_ptr<AuditLog> audit_;
    mutable Statement insert_;
    mutable Statement last_;
    mutable Statement read_;
    mutable Statement update_;
};

}  // namespace

std::unique_ptr<EventStore> open_sqlite_store(const std::filesystem::path& path) {
    return std::make_unique<SqliteStore>(path);
}

COACHKIT_NAMESPACE_END
