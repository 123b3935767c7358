// Consent: what the owner of coaching records has chosen to open beyond the partnership. Only the
// owner grants or withdraws; withdrawal takes effect on the next read (docs/privacy.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

enum class ConsentKind {
    share_with_coordinator,  ///< the coaching co-ordinator reads the cycle, stage records, actions
    performance_management,  ///< the owner's line manager reads them (the PM link)
    video_viewer,            ///< one more person may watch the owner's video (one item or all)
    training_excerpt,        ///< an anonymised excerpt of one item may be used in training
};

/// "share-with-coordinator", "performance-management", "video-viewer", "training-excerpt".
[[nodiscard]] COACHKIT_API std::string_view to_string(ConsentKind kind);
[[nodiscard]] COACHKIT_API std::optional<ConsentKind> parse_consent_kind(std::string_view text);
[[nodiscard]] COACHKIT_API const std::vector<ConsentKind>& all_consent_kinds();

/// What a consent covers. Which fields apply depends on the kind:
/// share-with-coordinator and performance-management: `partnership`;
/// video-viewer: `partnership`, `viewer`, and `item` (empty: every video of the owner there);
/// training-excerpt: `item` (its partnership is filled in), and `turns` "FROM-TO" (1-based,
/// inclusive; empty: the whole item).
struct COACHKIT_API ConsentScope {
    ConsentKind kind = ConsentKind::share_with_coordinator;
    std::string partnership;
    std::string item;
    std::string viewer;
    std::string turns;
};

/// A training excerpt's turns: "FROM-TO" with 1 <= FROM <= TO (digits only), or nothing when the
/// text is not that. The engine refuses a consent whose turns do not parse; the view cuts by them.
struct COACHKIT_API TurnRange {
    std::int64_t from = 1;
    std::int64_t to = 1;
};
[[nodiscard]] COACHKIT_API std::optional<TurnRange> parse_turns(std::string_view text);

/// A consent as the journal records it.
struct COACHKIT_API Consent {
    std::string id;     ///< "consent-<n>", in the order granted
    std::string owner;  ///< who granted it: the owner of the records it opens
    ConsentScope scope;
    std::string granted_at;
    /// "consent" for a consent.granted event; "agreement" when it came from the learner signing
    /// an agreement whose terms share with the co-ordinator or link to performance management
    /// (withdrawn by the owner like any other, and by a redraft, which voids the signatures).
    std::string source = "consent";
    std::string withdrawn_at;  ///< empty while it holds
    std::string withdrawn_by;
    [[nodiscard]] bool active() const { return withdrawn_at.empty(); }
};

COACHKIT_NAMESPACE_END
