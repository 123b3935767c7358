// The SQLite connection the store and its audit log share.
#include "journal/sqlite_connection.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>

#include "coachkit/journal/store.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace sqlite {

std::string column_text(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    if (text == nullptr)
        return {};
    const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
    return std::string(reinterpret_cast<const char*>(text), bytes);
}

int bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    return sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_STATIC,
                               SQLITE_UTF8);
}

int bind_optional_text(sqlite3_stmt* statement, int index, const std::string& text) {
    return text.empty() ? sqlite3_bind_null(statement, index) : bind_text(statement, index, text);
}

int bind_after_and_limit(sqlite3_stmt* statement, std::int64_t after,
                         std::optional<std::size_t> limit) {
    constexpr auto kMaxLimit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    const std::int64_t rows = limit && *limit <= kMaxLimit ? static_cast<std::int64_t>(*limit) : -1;
    const int rc = sqlite3_bind_int64(statement, 1, after);
    return rc == SQLITE_OK ? sqlite3_bind_int64(statement, 2, rows) : rc;
}

Connection::Connection(const std::filesystem::path& path) : file_(path.string()) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        fail("cannot open the store: it is a folder, not a file");
    const auto folder = path.parent_path();
    if (!folder.empty() && !std::filesystem::is_directory(folder, ec))
        fail("cannot open the store: the folder '" + folder.string() + "' does not exist");
    // Created by us, owner-only, before SQLite opens it (SQLite would create it 0644 less the
    // umask). O_EXCL: if another process creates it first, theirs stands and we open it.
    const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
    } else if (errno != EEXIST) {
        fail(std::string("cannot create the store: ") + std::strerror(errno));
    }
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(file_.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(db);
    if (rc != SQLITE_OK)
        fail_sqlite("cannot open the store", rc);
    sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
}

Connection::~Connection() = default;

void Connection::fail(const std::string& reason) const {
    throw StoreError(file_ + ": " + reason);
}

void Connection::fail_sqlite(const std::string& doing, int rc) const {
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

void Connection::exec(const std::string& sql, const std::string& doing) const {
    const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        fail_sqlite(doing, rc);
}

void Connection::rollback() const noexcept {
    if (sqlite3_get_autocommit(db_.get()) == 0)
        sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

sqlite3_stmt* Connection::prepare(Statement& statement, const char* sql) const {
    if (statement.get() == nullptr) {
        const int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT,
                                          statement.receive(), nullptr);
        if (rc != SQLITE_OK)
            fail_sqlite("cannot prepare a query", rc);
    }
    return statement.get();
}

std::int64_t Connection::query_int(const std::string& sql, const std::string& doing) const {
    std::int64_t value = 0;
    query(
        sql, [&](sqlite3_stmt* s) { value = sqlite3_column_int64(s, 0); }, doing);
    return value;
}

WriteTransaction::WriteTransaction(const Connection& connection, std::string doing)
    : connection_(connection), doing_(std::move(doing)) {
    connection_.exec("BEGIN IMMEDIATE", doing_);
}

WriteTransaction::~WriteTransaction() {
    if (!done_)
        connection_.rollback();
}

void WriteTransaction::commit() {
    connection_.exec("COMMIT", doing_);
    done_ = true;
}

}  // namespace sqlite

COACHKIT_NAMESPACE_END
