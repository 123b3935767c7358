// Consent kinds and their spellings.
#include "coachkit/privacy/consent.hpp"

COACHKIT_NAMESPACE_BEGIN

std::string_view to_string(ConsentKind kind) {
    switch (kind) {
        case ConsentKind::share_with_coordinator:
            return "share-with-coordinator";
        case ConsentKind::performance_management:
            return "performance-management";
        case ConsentKind::video_viewer:
            return "video-viewer";
        case ConsentKind::training_excerpt:
            return "training-excerpt";
    }
    return "unknown";
}

const std::vector<ConsentKind>& all_consent_kinds() {
    static const std::vector<ConsentKind> kinds{
        ConsentKind::share_with_coordinator, ConsentKind::performance_management,
        ConsentKind::video_viewer, ConsentKind::training_excerpt};
    return kinds;
}

std::optional<ConsentKind> parse_consent_kind(std::string_view text) {
    for (const ConsentKind kind : all_consent_kinds()) {
        if (to_string(kind) == text)
            return kind;
    }
    return std::nullopt;
}

COACHKIT_NAMESPACE_END
