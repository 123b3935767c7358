// verify_audit: walks the chain from the genesis hash and reports the first place it breaks.
#include <algorithm>
#include <cctype>

#include "coachkit/privacy/audit.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Entries read at a time, so a long log is checked in bounded memory.
constexpr std::size_t kPage = 1000;

std::string entry_name(std::int64_t sequence) {
    return "entry " + std::to_string(sequence);
}

bool is_sha256_hex(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c)) != 0;
           });
}

std::string lower(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

/// The walk along the chain, one entry at a time.
class ChainWalk {
public:
    explicit ChainWalk(std::optional<std::string> expected_head)
        : expected_head_(expected_head ? std::optional(lower(*expected_head)) : std::nullopt) {
        result_.head = audit_genesis_hash();
        head_seen_ = expected_head_ && *expected_head_ == audit_genesis_hash();
    }

    /// Checks the next entry; false once the chain is broken (the result says where).
    bool check(const AuditEntry& entry) {
        const std::int64_t expected = last_sequence_ + 1;
        if (entry.sequence > expected) {
            return broken(
                expected,
                last_sequence_ == 0
                    ? entry_name(1) + " is missing: the log starts at " + entry_name(entry.sequence)
                    : entry_name(expected) + " is missing: " + entry_name(last_sequence_) +
                          " is followed by " + entry_name(entry.sequence));
        }
        if (entry.sequence < expected) {
            return broken(entry.sequence, entry_name(entry.sequence) +
                                              " is out of order: it comes after " +
                                              entry_name(last_sequence_));
        }
        if (sha256_hex(audit_canonical_form(entry)) != entry.hash) {
            return broken(entry.sequence, entry_name(entry.sequence) +
                                              " was edited: its hash does not match its contents");
        }
        if (entry.previous != result_.head) {
            return broken(entry.sequence,
                          entry.sequence == 1
                              ? entry_name(1) +
                                    " is not chained to the start of the log: its previous hash "
                                    "is not the genesis hash (64 zeros)"
                              : entry_name(entry.sequence) + "'s previous hash is not " +
                                    entry_name(last_sequence_) +
                                    "'s hash: an entry was inserted, removed or reordered here, "
                                    "or " +
                                    entry_name(last_sequence_) +
                                    " was edited and its hash recomputed");
        }
        last_sequence_ = entry.sequence;
        result_.head = entry.hash;
        result_.entries = entry.sequence;
        if (expected_head_ && *expected_head_ == entry.hash)
            head_seen_ = true;
        return true;
    }

    /// The result, once every entry has been checked.
    AuditVerification finish() {
        if (result_.intact && expected_head_ && !head_seen_) {
            const std::string given = expected_head_->substr(0, 64);
            broken(last_sequence_ + 1,
                   is_sha256_hex(*expected_head_)
                       ? (last_sequence_ == 0
                              ? std::string("the log was emptied: it has no entries, but the "
                                            "head you gave (") +
                                    given + ") is an entry's hash"
                              : "the log was cut after " + entry_name(last_sequence_) +
                                    ": no entry has the head hash you gave (" + given + ")")
                       : "the head you gave ('" + given +
                             "') is not a SHA-256 hash (64 hex digits); give the head that "
                             "`coachkit audit show --head` printed");
        }
        return std::move(result_);
    }

private:
    bool broken(std::int64_t where, std::string problem) {
        result_.intact = false;
        result_.broken_at = where;
        result_.problem = std::move(problem);
        return false;
    }

    std::optional<std::string> expected_head_;
    bool head_seen_ = false;
    std::int64_t last_sequence_ = 0;
    AuditVerification result_;
};

}  // namespace

AuditVerification verify_audit(const AuditLog& log,
                               const std::optional<std::string>& expected_head) {
    ChainWalk walk(expected_head);
    std::int64_t after = 0;
    while (true) {
        const auto page = log.read(after, kPage);
        for (const auto& entry : page) {
            if (!walk.check(entry))
                return walk.finish();
        }
        if (page.size() < kPage)
            break;
        // Page on from the last entry read, even if it was out of order (a broken chain has
        // already returned above).
        after = page.back().sequence;
    }
    return walk.finish();
}

COACHKIT_NAMESPACE_END
