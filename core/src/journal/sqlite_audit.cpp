// The SQLite store's audit log: the `audit` table, one row per entry, chained by hash.
#include "journal/sqlite_audit.hpp"

#include <boost/json/serialize.hpp>
#include <limits>

#include "json/exact_json.hpp"
#include "privacy/audit_chain.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

using sqlite::bind_after_and_limit;
using sqlite::bind_text;
using sqlite::column_text;
using sqlite::ResetOnExit;
using sqlite::Statement;

/// The key under which read() returns a `detail` column that is no longer a JSON object (the file
/// was edited by hand): the entry's hash then no longer matches, and verify_audit says so, instead
/// of the log becoming unreadable.
constexpr std::string_view kUnreadableDetail = "unreadable detail";

class SqliteAuditLog final : public AuditLog {
public:
    explicit SqliteAuditLog(const sqlite::Connection& connection) : connection_(connection) {}

    std::vector<AuditEntry> append(std::vector<AuditEntry> entries) override {
        require_appendable(entries, connection_.file());
        const std::lock_guard lock(connection_.mutex());
        if (entries.empty())
            return entries;
        const std::string doing = "cannot append to the audit log";
        sqlite::WriteTransaction transaction(connection_, doing);
        std::int64_t last = 0;
        std::string last_hash = audit_genesis_hash();
        {
            sqlite3_stmt* select = connection_.prepare(
                last_, "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1");
            const ResetOnExit reset(select);
            int rc = sqlite3_step(select);
            if (rc == SQLITE_ROW) {
                last = sqlite3_column_int64(select, 0);
                last_hash = column_text(select, 1);
                rc = sqlite3_step(select);
            }
            if (rc != SQLITE_DONE)
                connection_.fail_sqlite(doing, rc);
        }
        chain_entries(entries, last, last_hash);
        sqlite3_stmt* insert = connection_.prepare(
            insert_,
            "INSERT INTO audit (sequence, at, actor, action, record, access, via, detail, "
            "previous, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        std::string detail;
        for (const auto& entry : entries) {
            detail = boost::json::serialize(entry.detail);
            const ResetOnExit reset(insert);
            int rc = sqlite3_bind_int64(insert, 1, entry.sequence);
            rc = rc == SQLITE_OK ? bind_text(insert, 2, entry.at) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 3, entry.actor) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 4, entry.action) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 5, entry.record) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 6, entry.access) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 7, entry.via) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 8, detail) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 9, entry.previous) : rc;
            rc = rc == SQLITE_OK ? bind_text(insert, 10, entry.hash) : rc;
            rc = rc == SQLITE_OK ? sqlite3_step(insert) : rc;
            if (rc != SQLITE_DONE)
                connection_.fail_sqlite(
                    "cannot append audit entry " + std::to_string(entry.sequence), rc);
        }
        transaction.commit();
        return entries;
    }

    [[nodiscard]] std::vector<AuditEntry> read(std::int64_t after,
                                               std::optional<std::size_t> limit) const override {
        const std::lock_guard lock(connection_.mutex());
        sqlite3_stmt* select = connection_.prepare(
            read_,
            "SELECT sequence, at, actor, action, record, access, via, detail, previous, hash "
            "FROM audit WHERE sequence > ?1 ORDER BY sequence LIMIT ?2");
        const ResetOnExit reset(select);
        int rc = bind_after_and_limit(select, after, limit);
        if (rc != SQLITE_OK)
            connection_.fail_sqlite("cannot read the audit log", rc);
        std::vector<AuditEntry> entries;
        while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
            AuditEntry entry;
            entry.sequence = sqlite3_column_int64(select, 0);
            entry.at = column_text(select, 1);
            entry.actor = column_text(select, 2);
            entry.action = column_text(select, 3);
            entry.record = column_text(select, 4);
            entry.access = column_text(select, 5);
            entry.via = column_text(select, 6);
            const std::string detail = column_text(select, 7);
            if (auto value = parse_json_exact(detail).value; value && value->is_object())
                entry.detail = std::move(value->get_object());
            else
                entry.detail[kUnreadableDetail] = detail;
            entry.previous = column_text(select, 8);
            entry.hash = column_text(select, 9);
            entries.push_back(std::move(entry));
        }
        if (rc != SQLITE_DONE)
            connection_.fail_sqlite("cannot read the audit log", rc);
        return entries;
    }

private:
    const sqlite::Connection& connection_;
    mutable Statement insert_;
    mutable Statement last_;
    mutable Statement read_;
};

}  // namespace

std::unique_ptr<AuditLog> make_sqlite_audit_log(const sqlite::Connection& connection) {
    return std::make_unique<SqliteAuditLog>(connection);
}

COACHKIT_NAMESPACE_END
