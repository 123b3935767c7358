// Private: the SQLite store's audit log, kept in the store's `audit` table (schema version 2).
#pragma once

#include <memory>

#include "coachkit/privacy/audit.hpp"
#include "journal/sqlite_connection.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The audit log in `connection`'s `audit` table. It shares the store's connection and mutex, so
/// it must not outlive the connection; each append is one transaction.
[[nodiscard]] std::unique_ptr<AuditLog> make_sqlite_audit_log(const sqlite::Connection& connection);

COACHKIT_NAMESPACE_END
