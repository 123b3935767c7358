// The audit log: who read a confidential record they do not own, and every consent change,
// erasure and journal export, in entries chained by SHA-256 so that an edited, inserted or deleted
// entry shows. It lives beside the journal in the same store (docs/privacy.md, "Audit").
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One entry. `sequence`, `previous` and `hash` are set by AuditLog::append.
struct COACHKIT_API AuditEntry {
    std::int64_t sequence = 0;   ///< 1, 2, 3… with no gaps
    std::string at;              ///< ISO 8601 UTC to the second
    std::string actor;           ///< the viewer or the person acting ("system" for the custodian)
    std::string action;          ///< "read", "consent.granted", "consent.withdrawn", "erased",
                                 ///< "journal.exported", "aggregate", "k.set", "denied"
    std::string record;          ///< the record concerned ("note:c-1/observe/1"), if any
    std::string access;          ///< for reads: "allow" or "redacted"; empty otherwise
    std::string via;             ///< the read path: "cli programme show", "python view", …
    boost::json::object detail;  ///< anything else worth keeping (the consent's scope, say)
    std::string previous;  ///< the previous entry's hash (64 hex digits; 64 zeros for the first)
    std::string hash;      ///< SHA-256 of this entry's canonical form, lowercase hex
};

/// The canonical bytes an entry's hash covers: every field but `hash`, as compact JSON with the
/// keys in the order sequence, at, actor, action, record, access, via, detail, previous (all
/// always present), `detail`'s keys sorted at every depth. core/src/privacy/audit.cpp and
/// docs/privacy.md give the exact form, so another tool can check a chain.
[[nodiscard]] COACHKIT_API std::string audit_canonical_form(const AuditEntry& entry);
/// SHA-256 of `bytes`, 64 lowercase hex digits.
[[nodiscard]] COACHKIT_API std::string sha256_hex(std::string_view bytes);
/// The hash of the (empty) entry before the first: 64 zeros.
[[nodiscard]] COACHKIT_API const std::string& audit_genesis_hash();

class COACHKIT_API AuditLog {
public:
    AuditLog() = default;
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;
    virtual ~AuditLog();

    /// Appends `entries` all together or not at all, each chained to the one before (the last
    /// stored entry's hash for the first), and returns them with sequence, previous and hash set.
    /// Whatever those three fields carried is replaced. A durable log has them on disk first.
    /// Each entry needs `at` (ISO 8601 UTC to the second), `actor` and `action`, and no NaN or
    /// infinity in `detail`; otherwise InvalidDocumentError (pointers `/<index>/<field>`) and
    /// nothing is written. Safe to call from several threads.
    virtual std::vector<AuditEntry> append(std::vector<AuditEntry> entries) = 0;

    /// Entries with sequence > `after`, in order, at most `limit`, exactly as stored (a tampered
    /// entry is returned as it now is: verify_audit is what judges it).
    [[nodiscard]] virtual std::vector<AuditEntry> read(
        std::int64_t after = 0, std::optional<std::size_t> limit = std::nullopt) const = 0;
};

/// What verify_audit found.
struct COACHKIT_API AuditVerification {
    bool intact = true;
    std::int64_t entries = 0;  ///< how many were checked
    std::string head;          ///< the last entry's hash (genesis for an empty log)
    /// The first problem, if any: the sequence where the chain breaks and why ("entry 7 was
    /// edited: its hash does not match its contents", "entry 12 is missing: entry 11 is followed
    /// by entry 13", "entry 9's previous hash is not entry 8's hash: …", "entry 1 is not chained
    /// to the start of the log: …", and for an `expected_head` found nowhere, at the sequence
    /// after the last, "the log was cut after entry 40: no entry has the head hash you gave …").
    std::optional<std::int64_t> broken_at;
    std::string problem;
};

/// Checks the whole chain: sequences 1, 2, 3… with no gaps, each `hash` equal to SHA-256 of the
/// entry's canonical form, each `previous` equal to the hash before (the genesis hash for entry
/// 1), and reports the first problem. Deleting entries from the end leaves a valid shorter chain;
/// to catch that, give the head hash recorded earlier (`audit show --head`) as `expected_head`
/// (hex, either case): it must be the hash of some entry in the log (or genesis), since the log
/// may have grown since. Reads the log a page at a time.
[[nodiscard]] COACHKIT_API AuditVerification
verify_audit(const AuditLog& log, const std::optional<std::string>& expected_head = std::nullopt);

/// An audit log in memory (the memory store's); thread safe.
[[nodiscard]] COACHKIT_API std::unique_ptr<AuditLog> make_memory_audit_log();

/// The audit entry as JSON (`audit show --json`, one object per entry).
[[nodiscard]] COACHKIT_API boost::json::object to_json(const AuditEntry& entry);

COACHKIT_NAMESPACE_END
