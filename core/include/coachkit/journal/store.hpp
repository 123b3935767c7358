// The journal's storage: an append-only sequence of events. SQLite is the embedded default; an
// integrator may supply another (PostgreSQL is planned) by implementing EventStore.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "coachkit/journal/event.hpp"
#include "coachkit/privacy/audit.hpp"

COACHKIT_NAMESPACE_BEGIN

/// A store could not be opened, read or written. what() names the file and the reason.
class COACHKIT_API StoreError : public Error {
public:
    using Error::Error;
    ~StoreError() override;
};

/// Another writer appended first: the events were checked against a state that is no longer the
/// latest. Nothing was written; reload and try again.
class COACHKIT_API ConcurrencyError : public StoreError {
public:
    using StoreError::StoreError;
    ~ConcurrencyError() override;
};

class COACHKIT_API EventStore {
public:
    EventStore() = default;
    EventStore(const EventStore&) = delete;
    EventStore& operator=(const EventStore&) = delete;
    virtual ~EventStore();

    /// Appends `events` all together or not at all (one transaction), giving them the next
    /// sequence numbers, and returns them with their sequences set. A durable store has them on
    /// disk before it returns. If `expected_last` is given and the journal's last sequence is not
    /// that, throws ConcurrencyError and writes nothing.
    ///
    /// Whatever sequence the events carry is replaced. Each event is checked first, by the rules
    /// event_from_json applies (`type`, `at`, `actor`, `programme`, and no NaN or infinity in
    /// `data`, which JSON cannot hold); a bad one throws
    /// InvalidDocumentError, with pointers `/<index in the batch>/<field>`, and nothing is
    /// written. An empty batch writes nothing but still checks `expected_last`.
    virtual std::vector<Event> append(std::vector<Event> events,
                                      std::optional<std::int64_t> expected_last = std::nullopt) = 0;

    /// Events with sequence > `after`, in order, at most `limit` of them.
    [[nodiscard]] virtual std::vector<Event> read(
        std::int64_t after = 0, std::optional<std::size_t> limit = std::nullopt) const = 0;

    /// The last sequence appended (0 for an empty journal).
    [[nodiscard]] virtual std::int64_t last_sequence() const = 0;

    /// Erasure (docs/privacy.md, "Erasure"): replaces the `data` of earlier events with the
    /// rewritten data given, and appends `tombstone`, in one transaction; returns the tombstone
    /// with its sequence. The only change ever made to a stored event. Sequences, types, times
    /// and actors stay, so the journal still replays and counts survive; the old bytes are
    /// overwritten in the file (SQLite's secure_delete, then a WAL checkpoint) so the content is
    /// gone, not just hidden. Each rewrite must name an existing sequence (once) and pass the same
    /// checks as append, and so must the tombstone; otherwise InvalidDocumentError (pointers
    /// `/rewrites/<index>/<field>`, `/tombstone/<field>`) and nothing changes. `expected_last` as
    /// append. (If another process is reading the SQLite file at that moment, the checkpoint may
    /// not finish: the erasure stands, and the old page images leave the WAL at the next one.)
    struct DataRewrite {
        std::int64_t sequence = 0;
        boost::json::object data;
    };
    virtual Event erase(std::vector<DataRewrite> rewrites, Event tombstone,
                        std::optional<std::int64_t> expected_last = std::nullopt) = 0;

    /// The store's audit log (docs/privacy.md, "Audit"): kept beside the journal, in the same file
    /// for the SQLite store (its `audit` table), in memory for the memory store. It lives as long
    /// as the store.
    [[nodiscard]] virtual AuditLog& audit() = 0;
    [[nodiscard]] virtual const AuditLog& audit() const = 0;
};

/// A store in memory, for tests and throw-away programmes.
[[nodiscard]] COACHKIT_API std::unique_ptr<EventStore> make_memory_store();

/// The embedded default: a SQLite file in WAL mode with synchronous=FULL and secure_delete, one
/// transaction per append, versioned schema migrations, and an integrity check on open. Creates
/// the file if it does not exist, readable and writable by its owner only (0600). Throws StoreError
/// naming the file for a file that is not a coachkit store, is corrupt, or was written by a newer
/// coachkit.
[[nodiscard]] COACHKIT_API std::unique_ptr<EventStore> open_sqlite_store(
    const std::filesystem::path& path);

COACHKIT_NAMESPACE_END
