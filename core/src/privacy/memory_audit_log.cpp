// The audit log in memory: the memory store's, and a throw-away log for tests.
#include <algorithm>
#include <mutex>

#include "privacy/audit_chain.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kName = "memory audit log";

class MemoryAuditLog final : public AuditLog {
public:
    std::vector<AuditEntry> append(std::vector<AuditEntry> entries) override {
        require_appendable(entries, kName);
        const std::lock_guard lock(mutex_);
        if (entries.empty())
            return entries;
        chain_entries(entries, static_cast<std::int64_t>(entries_.size()),
                      entries_.empty() ? audit_genesis_hash() : entries_.back().hash);
        // Reserve first, so that nothing after this point can fail half-way through the batch.
        entries_.reserve(entries_.size() + entries.size());
        entries_.insert(entries_.end(), entries.begin(), entries.end());
        return entries;
    }

    [[nodiscard]] std::vector<AuditEntry> read(std::int64_t after,
                                               std::optional<std::size_t> limit) const override {
        const std::lock_guard lock(mutex_);
        // Sequences are 1..n, so entry k is at index k - 1.
        const auto size = static_cast<std::int64_t>(entries_.size());
        const std::int64_t first = std::clamp<std::int64_t>(after, 0, size);
        auto count = static_cast<std::size_t>(size - first);
        if (limit)
            count = std::min(count, *limit);
        const auto begin = entries_.begin() + static_cast<std::ptrdiff_t>(first);
        return {begin, begin + static_cast<std::ptrdiff_t>(count)};
    }

private:
    mutable std::mutex mutex_;
    std::vector<AuditEntry> entries_;
};

}  // namespace

std::unique_ptr<AuditLog> make_memory_audit_log() {
    return std::make_unique<MemoryAuditLog>();
}

COACHKIT_NAMESPACE_END
