// The dimension profile of a coded coaching conversation: who leads, what the talk draws on, at
// what scale and in what time it is, what its turns do, how challenges are answered and where the
// partners build on each other in runs of short turns (source: 002_4b16babbfb4ecaf5.txt, sections
// 7 and 8). The levels-of-coaching-practice rubric (plugins/coaching-levels) maps a profile to a
// level by thresholds it reads as data; every figure and feature name is in docs/rubrics.md.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/evidence/coaching_codes.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One turn of a coaching conversation with its codes.
struct COACHKIT_API CodedTurn {
    std::size_t turn = 0;  ///< 1-based, as the transcript and the sidecar number them
    std::string speaker;
    std::string role;  ///< coach, learner, observer, other
    std::string text;
    TurnCodeSet codes;
};

/// The turns of a `coaching-transcript` evidence content (`{"turns": [{"n", "speaker", "role",
/// "text", "codes"}]}`). A turn that is not an object, lacks "n" or "text", or carries a code
/// that is not in the vocabulary is an error at its pointer under `origin`; what could be read
/// is returned.
[[nodiscard]] COACHKIT_API std::vector<CodedTurn> coded_turns_from_content(
    const boost::json::value& content, std::string_view origin, Diagnostics& out);

/// How runs of co-construction are found (docs/rubrics.md#runs-of-co-construction).
struct COACHKIT_API ProfileOptions {
    /// A turn longer than this is not "short": it ends a run.
    std::size_t run_max_words = 30;
    /// The fewest turns a run needs.
    std::size_t run_min_turns = 4;
    /// How many turns after a challenge an answer to it (defend, accept, dissonance) may come.
    std::size_t challenge_window = 2;
};

/// Short alternating turns by coach and learner, each after the first taking up a content word
/// of the turn before it or coded `co-construct`.
struct COACHKIT_API CoConstructionRun {
    std::size_t first = 0;  ///< turn numbers, inclusive
    std::size_t last = 0;
    [[nodiscard]] std::size_t length() const { return last - first + 1; }
};

struct COACHKIT_API CoachingProfile {
    std::size_t turns = 0;
    std::size_t coded_turns = 0;  ///< turns with at least one code
    std::map<std::string, std::size_t> words_by_role;
    /// dimension → value → the turns carrying it, in order.
    std::map<std::string, std::map<std::string, std::vector<std::size_t>>> turns_with;
    /// dimension → how many turns carry a value of it.
    std::map<std::string, std::size_t> turns_coded_on;
    /// Turns answering a challenge (defend, accept, dissonance) within the window after one.
    std::vector<std::size_t> challenge_responses;
    std::vector<CoConstructionRun> runs;

    /// A named figure (docs/rubrics.md#features), or nullopt when the name means nothing:
    /// `share.DIM.V1+V2…` (of the turns coded on DIM, the fraction carrying any of the values;
    /// 0 when none is coded on DIM), `turns.DIM.V1+V2…` (how many), `distinct.DIM` (values used),
    /// `share.words.ROLE`, `co-construction.runs`, `co-construction.longest`,
    /// `co-construction.turns`, `challenge.responses`, `coded.share`.
    [[nodiscard]] std::optional<double> feature(std::string_view name) const;
    /// The turns behind a feature (those carrying the values, in the runs, answering a
    /// challenge), in order; empty for a feature about words or counts of values.
    [[nodiscard]] std::vector<std::size_t> turns_for(std::string_view name) const;

    /// {"turns", "coded_turns", "words": {role: n}, "dimensions": {dim: {"coded": n, "values":
    /// {value: {"turns": n, "share": x}}}}, "challenge_responses": [turn…], "runs": [{"first",
    /// "last"}…]}.
    [[nodiscard]] boost::json::object to_json() const;
};

/// The profile of `turns` (in order).
[[nodiscard]] COACHKIT_API CoachingProfile profile_coaching(const std::vector<CodedTurn>& turns,
                                                            const ProfileOptions& options = {});

COACHKIT_NAMESPACE_END
