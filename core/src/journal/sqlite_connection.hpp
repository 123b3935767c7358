// Private: one SQLite connection, shared by the journal store and its audit log (same file, same
// lock), with what both need: prepared statements, transactions, and errors in words a user can
// act on.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace sqlite {

/// How long a writer waits for another connection's transaction before giving up.
inline constexpr int kBusyTimeoutMs = 10'000;

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

/// A column as text ("" for NULL).
[[nodiscard]] std::string column_text(sqlite3_stmt* statement, int column);
int bind_text(sqlite3_stmt* statement, int index, const std::string& text);
/// An empty text is bound as NULL: "none", not an id.
int bind_optional_text(sqlite3_stmt* statement, int index, const std::string& text);
/// Binds ?1 to `after` and ?2 to `limit` for "WHERE sequence > ?1 … LIMIT ?2" (no limit: -1,
/// which SQLite reads as none). The journal and the audit log page through rows the same way.
int bind_after_and_limit(sqlite3_stmt* statement, std::int64_t after,
                         std::optional<std::size_t> limit);

/// The connection. Every use of it holds mutex() (it is opened without SQLite's own mutex).
class Connection {
public:
    /// Opens `path` for reading and writing, creating it if it does not exist: created here
    /// first, readable and writable by its owner only (0600), because the journal holds
    /// confidential records; SQLite gives its -wal and -shm files the same permissions.
    explicit Connection(const std::filesystem::path& path);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    [[nodiscard]] const std::string& file() const noexcept { return file_; }
    [[nodiscard]] sqlite3* get() const noexcept { return db_.get(); }
    [[nodiscard]] std::mutex& mutex() const noexcept { return mutex_; }

    /// Throws StoreError "FILE: reason".
    [[noreturn]] void fail(const std::string& reason) const;
    /// A SQLite error while `doing` something, as a StoreError a user can act on.
    [[noreturn]] void fail_sqlite(const std::string& doing, int rc) const;

    void exec(const std::string& sql, const std::string& doing) const;
    /// Rolls back the open transaction, if there is one.
    void rollback() const noexcept;
    /// Prepares `statement` (once: it is kept for the connection's life) and returns it.
    sqlite3_stmt* prepare(Statement& statement, const char* sql) const;

    /// Runs a one-off query and calls `row` with the statement for each row.
    template <typename Row>
    void query(const std::string& sql, const Row& row, const std::string& doing) const {
        Statement statement;
        int rc = sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, statement.receive(), nullptr);
        if (rc != SQLITE_OK)
            fail_sqlite(doing, rc);
        while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
            row(statement.get());
        if (rc != SQLITE_DONE)
            fail_sqlite(doing, rc);
    }
    [[nodiscard]] std::int64_t query_int(const std::string& sql, const std::string& doing) const;

private:
    struct Close {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    std::string file_;
    std::unique_ptr<sqlite3, Close> db_;
    mutable std::mutex mutex_;
};

/// A write transaction: BEGIN IMMEDIATE, which takes the write lock at once (waiting up to the
/// busy timeout for another writer), so what is read inside cannot change before commit(). Rolled
/// back if the scope is left without commit(). The caller holds the connection's mutex.
class WriteTransaction {
public:
    WriteTransaction(const Connection& connection, std::string doing);
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    ~WriteTransaction();

    void commit();

private:
    const Connection& connection_;
    std::string doing_;
    bool done_ = false;
};

}  // namespace sqlite

COACHKIT_NAMESPACE_END
