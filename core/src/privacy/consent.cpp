// Consent kinds and their spellings.
#include "coachkit/privacy/consent.hpp"

#include <charconv>

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

std::optional<TurnRange> parse_turns(std::string_view text) {
    const auto dash = text.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    // At most 9 digits a side: the numbers fit, and no turn count comes near.
    const auto number = [](std::string_view digits) -> std::optional<std::int64_t> {
        std::int64_t n = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (digits.empty() || digits.size() >= 10 || digits.front() == '-' ||
            error != std::errc{} || end != digits.data() + digits.size())
            return std::nullopt;
        return n;
    };
    const auto from = number(text.substr(0, dash));
    const auto to = number(text.substr(dash + 1));
    if (!from || !to || *from < 1 || *from > *to)
        return std::nullopt;
    return TurnRange{*from, *to};
}

COACHKIT_NAMESPACE_END
