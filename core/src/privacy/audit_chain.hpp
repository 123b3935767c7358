// Private: what every AuditLog does on append, whatever keeps the entries (memory, SQLite).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/privacy/audit.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Checks entries before a log appends them: `at` is an ISO 8601 UTC time to the second, `actor`
/// and `action` are not empty, and `detail` holds no NaN or infinity (JSON cannot write them, so
/// the entry could not be stored or hashed the same way twice). Problems name `log` as the file and
/// `/<index in the batch>/<field>` as the pointer; if there are any, throws InvalidDocumentError
/// carrying them all.
void require_appendable(const std::vector<AuditEntry>& entries, std::string_view log);

/// Gives each entry the next sequence after `last_sequence`, the hash before it as `previous`
/// (`last_hash` for the first) and its own hash. `last_hash` is the genesis hash for an empty log.
void chain_entries(std::vector<AuditEntry>& entries, std::int64_t last_sequence,
                   const std::string& last_hash);

COACHKIT_NAMESPACE_END
