// The embedded default store: one SQLite file in WAL mode. docs/journal.md describes the file.
#include <sqlite3.h>

#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

#include "coachkit/journal/store.hpp"
#include "journal/event_check.hpp"
#include "json/exact_json.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// `PRAGMA application_id` of every coachkit store: "CKJN" (CoachKit JourNal) in ASCII. A SQLite
/// file with another id belongs to another application and is refused, never modified.
constexpr int kApplicationId = 0x434B4A4E;

/// How long a writer waits for another connection's transaction before giving up.
constexpr int kBusyTimeoutMs = 10'000;

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
};

/// The newest store schema this build knows: a store with a higher version is refused.
constexpr std::int64_t kSchemaVersion = std::end(kMigrations)[-1].version;

struct CloseConnection {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};

/// A prepared statement, finalised with its owner.
class Statement {
public:
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(statement_); }

    [[nodiscard]] sqlite3_stmt* get() const noexcept { return statement_; }
    sqlite3_stmt** receive() noexcept { return &statement_; }

private:
    sqlite3_stmt* statement_ = nullptr;
};

/// Resets a statement on leaving the scope, on success or on error: a statement left stepping
/// would keep its read transaction open and hold back checkpoints.
class ResetOnExit {
public:
    explicit ResetOnExit(sqlite3_stmt* statement) noexcept : statement_(statement) {}
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;
    ~ResetOnExit() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }

private:
    sqlite3_stmt* statement_;
};

std::string column_text(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    if (text == nullptr)
        return {};
    const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
    return std::string(reinterpret_cast<const char*>(text), bytes);
}

class SqliteStore final : public EventStore {
public:
    explicit SqliteStore(const std::filesystem::path& path) : file_(path.string()) {
        open_connection(path);
        // Both read in one transaction: another process may be creating the store right now.
        exec("BEGIN");
        std::int64_t application = 0;
        bool empty = false;
        try {
            application = query_int("PRAGMA application_id");
            empty = query_int("SELECT count(*) FROM sqlite_master") == 0;
            exec("COMMIT");
        } catch (...) {
            rollback();
            throw;
        }
        if (application != kApplicationId && !(application == 0 && empty))
            refuse_foreign(application);
        // From here on the file is (or becomes) ours.
        const std::string mode = switch_to_wal();
        if (mode != "wal") {
            fail("cannot use write-ahead logging (the journal mode stays '" + mode +
                 "'); keep the store on a local disk");
        }
        exec("PRAGMA synchronous = FULL");
        exec("PRAGMA foreign_keys = ON");
        check_integrity();
        bring_schema_up_to_date(empty);
    }

    std::vector<Event> append(std::vector<Event> events,
                              std::optional<std::int64_t> expected_last) override {
        require_storable(events, file_);
        const std::lock_guard lock(mutex_);
        if (events.empty() && !expected_last)
            return events;
        // IMMEDIATE takes the write lock now (waiting up to the busy timeout for another
        // writer), so the last sequence read below cannot change before COMMIT.
        exec("BEGIN IMMEDIATE", "cannot append");
        try {
            const std::int64_t last = last_sequence_locked();
            if (expected_last && *expected_last != last) {
                throw ConcurrencyError(file_ +
                                       ": another writer appended first (expected the "
                                       "last sequence to be " +
                                       std::to_string(*expected_last) + ", it is " +
                                       std::to_string(last) + "); nothing was written");
            }
            sqlite3_stmt* insert = prepare(insert_,
                                           "INSERT INTO events (sequence, type, at, actor, "
                                           "programme, partnership, cycle, data) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            std::int64_t sequence = last;
            std::string data;
            for (auto& event : events) {
                event.sequence = ++sequence;
                data = boost::json::serialize(event.data);
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
                    fail_sqlite("cannot append event " + std::to_string(event.sequence), rc);
            }
            exec("COMMIT", "cannot append");
        } catch (...) {
            rollback();
            throw;
        }
        return events;
    }

    [[nodiscard]] std::vector<Event> read(std::int64_t after,
                                          std::optional<std::size_t> limit) const override {
        const std::lock_guard lock(mutex_);
        sqlite3_stmt* select = prepare(read_,
                                       "SELECT sequence, type, at, actor, programme, partnership, "
                                       "cycle, data FROM events WHERE sequence > ?1 "
                                       "ORDER BY sequence LIMIT ?2");
        const ResetOnExit reset(select);
        constexpr auto kMaxLimit =
            static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
        // LIMIT -1 is no limit.
        const std::int64_t rows =
            limit && *limit <= kMaxLimit ? static_cast<std::int64_t>(*limit) : -1;
        int rc = sqlite3_bind_int64(select, 1, after);
        rc = rc == SQLITE_OK ? sqlite3_bind_int64(select, 2, rows) : rc;
        if (rc != SQLITE_OK)
            fail_sqlite("cannot read", rc);
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
                fail("the store is damaged: the data of event " + std::to_string(event.sequence) +
                     " is not a JSON object");
            }
            event.data = std::move(value->get_object());
            events.push_back(std::move(event));
        }
        if (rc != SQLITE_DONE)
            fail_sqlite("cannot read", rc);
        return events;
    }

    [[nodiscard]] std::int64_t last_sequence() const override {
        const std::lock_guard lock(mutex_);
        return last_sequence_locked();
    }

private:
    [[noreturn]] void fail(const std::string& reason) const {
        throw StoreError(file_ + ": " + reason);
    }

    /// A SQLite error while `doing` something, in words a user can act on.
    [[noreturn]] void fail_sqlite(const std::string& doing, int rc) const {
        const std::string detail = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc);
        switch (rc & 0xFF) {
            case SQLITE_NOTADB:
                fail("not a coachkit store (the file is not an SQLite database)");
            case SQLITE_CORRUPT:
                fail("the store is corrupt (" + detail + "); restore it from a backup");
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                fail(doing + ": another process kept the store locked for more than " +
                     std::to_string(kBusyTimeoutMs / 1000) + " s (" + detail + ")");
            default:
                fail(doing + ": " + detail);
        }
    }

    [[noreturn]] void refuse_foreign(std::int64_t application) const {
        std::string reason = "not a coachkit store (an SQLite database of another application";
        if (application != 0) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "0x%08llX",
                          static_cast<unsigned long long>(application & 0xFFFFFFFF));
            reason += std::string(", application id ") + hex;
        }
        fail(reason + ")");
    }

    void open_connection(const std::filesystem::path& path) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            fail("cannot open the store: it is a folder, not a file");
        const auto folder = path.parent_path();
        if (!folder.empty() && !std::filesystem::is_directory(folder, ec))
            fail("cannot open the store: the folder '" + folder.string() + "' does not exist");
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(
            file_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
            nullptr);
        db_.reset(db);
        if (rc != SQLITE_OK)
            fail_sqlite("cannot open the store", rc);
        sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
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
                fail_sqlite("cannot switch the store to write-ahead logging", rc);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }

    void exec(const std::string& sql, const std::string& doing = "cannot open the store") const {
        const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK)
            fail_sqlite(doing, rc);
    }

    void rollback() const noexcept {
        if (sqlite3_get_autocommit(db_.get()) == 0)
            sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }

    sqlite3_stmt* prepare(Statement& statement, const char* sql) const {
        if (statement.get() == nullptr) {
            const int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT,
                                              statement.receive(), nullptr);
            if (rc != SQLITE_OK)
                fail_sqlite("cannot prepare a query", rc);
        }
        return statement.get();
    }

    /// Runs a one-off query and calls `row` with the statement for each row.
    template <typename Row>
    void query(const std::string& sql, const Row& row) const {
        Statement statement;
        int rc = sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, statement.receive(), nullptr);
        if (rc != SQLITE_OK)
            fail_sqlite("cannot open the store", rc);
        while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
            row(statement.get());
        if (rc != SQLITE_DONE)
            fail_sqlite("cannot open the store", rc);
    }

    std::int64_t query_int(const std::string& sql) const {
        std::int64_t value = 0;
        query(sql, [&](sqlite3_stmt* s) { value = sqlite3_column_int64(s, 0); });
        return value;
    }

    std::string query_text(const std::string& sql) const {
        std::string value;
        query(sql, [&](sqlite3_stmt* s) { value = column_text(s, 0); });
        return value;
    }

    /// `PRAGMA quick_check`: every page and b-tree is well formed (it skips only the slower
    /// cross-checks of indexes against tables that integrity_check adds).
    void check_integrity() const {
        std::string problems;
        int count = 0;
        query("PRAGMA quick_check(5)", [&](sqlite3_stmt* s) {
            const std::string line = column_text(s, 0);
            if (line != "ok") {
                problems += (count++ > 0 ? "; " : "") + line;
            }
        });
        if (!problems.empty())
            fail("the store is corrupt (integrity check: " + problems +
                 "); restore it from a backup");
    }

    /// The version recorded in `meta` (0 for a store that has not had its first migration).
    std::int64_t stored_version() const {
        if (query_int(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") == 0) {
            fail("the store is damaged: it has coachkit's application id but no meta table");
        }
        std::optional<std::int64_t> version;
        query("SELECT value FROM meta WHERE key = 'schema_version'", [&](sqlite3_stmt* s) {
            if (sqlite3_column_type(s, 0) == SQLITE_INTEGER)
                version = sqlite3_column_int64(s, 0);
        });
        if (!version)
            fail("the store is damaged: its meta table has no whole-number schema_version");
        return *version;
    }

    void refuse_newer(std::int64_t version) const {
        if (version > kSchemaVersion) {
            fail("the store was written by a newer coachkit (store schema version " +
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
        exec("BEGIN IMMEDIATE", doing);
        try {
            // Another process may have created or upgraded the store since we looked.
            const std::int64_t application = query_int("PRAGMA application_id");
            if (application == 0 && query_int("SELECT count(*) FROM sqlite_master") == 0) {
                exec("PRAGMA application_id = " + std::to_string(kApplicationId), doing);
                exec(
                    "CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);"
                    "INSERT INTO meta (key, value) VALUES ('application', 'coachkit journal'),"
                    " ('schema_version', 0), ('created_by', 'coachkit " COACHKIT_VERSION_STRING
                    "');",
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
                exec(step.sql,
                     "cannot upgrade the store to schema version " + std::to_string(step.version));
                exec("UPDATE meta SET value = " + std::to_string(step.version) +
                         " WHERE key = 'schema_version'",
                     doing);
                version = step.version;
            }
            exec("COMMIT", doing);
        } catch (...) {
            rollback();
            throw;
        }
    }

    std::int64_t last_sequence_locked() const {
        sqlite3_stmt* select = prepare(last_, "SELECT coalesce(max(sequence), 0) FROM events");
        const ResetOnExit reset(select);
        const int rc = sqlite3_step(select);
        if (rc != SQLITE_ROW)
            fail_sqlite("cannot read the last sequence", rc);
        return sqlite3_column_int64(select, 0);
    }

    static int bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
        return sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_STATIC,
                                   SQLITE_UTF8);
    }

    /// An empty partnership or cycle is stored as NULL: "none", not an id.
    static int bind_optional_text(sqlite3_stmt* statement, int index, const std::string& text) {
        return text.empty() ? sqlite3_bind_null(statement, index)
                            : bind_text(statement, index, text);
    }

    std::string file_;
    std::unique_ptr<sqlite3, CloseConnection> db_;  // declared first: closed after the statements
    mutable std::mutex mutex_;
    mutable Statement insert_;
    mutable Statement last_;
    mutable Statement read_;
};

}  // namespace

std::unique_ptr<EventStore> open_sqlite_store(const std::filesystem::path& path) {
    return std::make_unique<SqliteStore>(path);
}

COACHKIT_NAMESPACE_END
