// The store in memory, and what every store shares: the exceptions and the interface's anchors.
#include <algorithm>
#include <mutex>

#include "coachkit/journal/store.hpp"
#include "journal/erase_check.hpp"
#include "journal/event_check.hpp"

COACHKIT_NAMESPACE_BEGIN

// Out-of-line destructors anchor the vtables and type_info in this library, so a StoreError
// thrown here is caught by type in a plugin or in the Python module, and an integrator's store
// derives from one EventStore.
StoreError::~StoreError() = default;
ConcurrencyError::~ConcurrencyError() = default;
EventStore::~EventStore() = default;

namespace {

constexpr std::string_view kName = "memory store";

class MemoryStore final : public EventStore {
public:
    std::vector<Event> append(std::vector<Event> events,
                              std::optional<std::int64_t> expected_last) override {
        require_storable(events, kName);
        const std::lock_guard lock(mutex_);
        const auto last = static_cast<std::int64_t>(events_.size());
        require_expected_last(expected_last, last);
        // Reserve first (growing geometrically), so that nothing after this point can fail
        // half-way through the batch.
        const std::size_t needed = events_.size() + events.size();
        if (needed > events_.capacity())
            events_.reserve(std::max(needed, 2 * events_.capacity()));
        std::int64_t sequence = last;
        for (auto& event : events)
            event.sequence = ++sequence;
        events_.insert(events_.end(), events.begin(), events.end());
        return events;
    }

    [[nodiscard]] std::vector<Event> read(std::int64_t after,
                                          std::optional<std::size_t> limit) const override {
        const std::lock_guard lock(mutex_);
        // Sequences are 1..n, so event k is at index k - 1.
        const auto size = static_cast<std::int64_t>(events_.size());
        const std::int64_t first = std::clamp<std::int64_t>(after, 0, size);
        auto count = static_cast<std::size_t>(size - first);
        if (limit)
            count = std::min(count, *limit);
        const auto begin = events_.begin() + static_cast<std::ptrdiff_t>(first);
        return {begin, begin + static_cast<std::ptrdiff_t>(count)};
    }

    [[nodiscard]] std::int64_t last_sequence() const override {
        const std::lock_guard lock(mutex_);
        return static_cast<std::int64_t>(events_.size());
    }

    Event erase(std::vector<DataRewrite> rewrites, Event tombstone,
                std::optional<std::int64_t> expected_last) override {
        require_erasable(rewrites, tombstone, kName);
        const std::lock_guard lock(mutex_);
        const auto last = static_cast<std::int64_t>(events_.size());
        require_expected_last(expected_last, last);
        require_rewrites_exist(rewrites, last, kName);
        // Everything that can fail (copying, growing) comes first; then only moves, which do not
        // throw, so the rewrites and the tombstone happen together or not at all.
        tombstone.sequence = last + 1;
        Event stored = tombstone;
        if (events_.size() == events_.capacity())
            events_.reserve(2 * events_.capacity() + 1);
        for (auto& rewrite : rewrites)
            events_[static_cast<std::size_t>(rewrite.sequence - 1)].data = std::move(rewrite.data);
        events_.push_back(std::move(stored));
        return tombstone;
    }

    [[nodiscard]] AuditLog& audit() override { return *audit_; }
    [[nodiscard]] const AuditLog& audit() const override { return *audit_; }

private:
    static void require_expected_last(std::optional<std::int64_t> expected_last,
                                      std::int64_t last) {
        if (expected_last && *expected_last != last) {
            throw ConcurrencyError(std::string(kName) +
                                   ": another writer appended first (expected " +
                                   "the last sequence to be " + std::to_string(*expected_last) +
                                   ", it is " + std::to_string(last) + "); nothing was written");
        }
    }

    mutable std::mutex mutex_;
    std::vector<Event> events_;
    std::unique_ptr<AuditLog> audit_ = make_memory_audit_log();
};

}  // namespace

std::unique_ptr<EventStore> make_memory_store() {
    return std::make_unique<MemoryStore>();
}

COACHKIT_NAMESPACE_END
