// Lexical uptake: the content words a turn takes up from the turn before it. Both the heuristic
// coder (a turn that builds on its partner's words) and the coaching profile (runs of
// co-construction) use it, so they agree on what "building on the partner's contribution" means
// (source: 002_4b16babbfb4ecaf5.txt; the rule is ours, docs/rubrics.md#lexical-uptake).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The content words of `text`, each once, in order of first use: runs of letters, digits and
/// apostrophes (bytes of multi-byte UTF-8 count as letters), lower-cased (ASCII), "'s" and a
/// plural "s" dropped ("pupils'" and "pupils" → "pupil"), at least three letters, and not one of
/// the function words of English (the, and, you, think, …) that every turn shares.
[[nodiscard]] COACHKIT_API std::vector<std::string> content_words(std::string_view text);

/// The content words of `turn` that `previous` used too, in `turn`'s order.
[[nodiscard]] COACHKIT_API std::vector<std::string> lexical_uptake(std::string_view previous,
                                                                   std::string_view turn);

COACHKIT_NAMESPACE_END
