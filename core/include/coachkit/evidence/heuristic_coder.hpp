// The heuristic coder of coaching talk: codes for the turns of an uncoded coaching conversation
// (initiation, stimulus, scale, time, interaction function; source: 002_4b16babbfb4ecaf5.txt),
// assigned from the words of each turn and of the turn before it. Every code carries the rule
// that gave it and the words that triggered it, so a researcher can see why. The rules are tables
// of cue phrases, listed by heuristic_rules() and documented one by one in
// docs/heuristic-coder.md, with the coder's measured agreement with people.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/evidence/coaching_codes.hpp"
#include "coachkit/evidence/talk_metrics.hpp"
#include "coachkit/evidence/transcript.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Why a turn got one code.
struct COACHKIT_API CodeReason {
    std::string dimension;  ///< "function"
    std::string value;      ///< "challenge"
    std::string rule;       ///< the rule's id in heuristic_rules(): "challenge-probe"
    std::string cue;        ///< the words of the turn that triggered it, as written
};

/// One turn's codes and the reason for each (one per code, in the order of `codes`).
struct COACHKIT_API CodedTurnResult {
    TurnCodeSet codes;
    std::vector<CodeReason> reasons;
};

/// How a rule decides.
enum class RuleKind {
    cue,       ///< fires when one of its cue phrases occurs in the turn
    fallback,  ///< a cue rule that fires only when no other rule gave its dimension a value
    compound,  ///< fires when a cue and, later in the same sentence, a `with` phrase occur
    computed,  ///< decided by code, as its description says (question form, lexical uptake…)
};
[[nodiscard]] COACHKIT_API std::string_view to_string(RuleKind kind);

/// Where in the turn a cue counts.
enum class CueScope {
    anywhere,
    statements,  ///< in a sentence that is not a question
    questions,   ///< in a question (a sentence ending in '?')
    /// at a sentence's first word, after any discourse markers ("So, describe…")
    sentence_start,
};
[[nodiscard]] COACHKIT_API std::string_view to_string(CueScope scope);

/// One rule of the coder, as data. Cue phrases are lower-case words separated by spaces and
/// matched on whole words ("the plan" does not match "the planet"); a word ending in '*' matches
/// any word it begins ("hypothes*"), and one starting with '*' any word it ends ("*'ll").
struct COACHKIT_API HeuristicRule {
    std::string id;  ///< "stimulus-video"
    std::string dimension;
    /// The value it gives; "=role" for the speaker's role (coach or learner), "=previous" for the
    /// value the previous turn had (stimulus-carried).
    std::string value;
    RuleKind kind = RuleKind::cue;
    CueScope scope = CueScope::anywhere;
    /// Only after the partner's turn carried function `challenge` (the answers to a challenge).
    bool after_challenge = false;
    std::vector<std::string> cues;
    /// Compound rules: the phrases one of which must follow a cue in the same sentence.
    std::vector<std::string> with;
    /// Compound rules: the cue and the `with` phrase must be in the same sentence (else
    /// anywhere in the turn).
    bool same_sentence = true;
    /// Words that, right after a `with` phrase, stop it counting ("would" before "have").
    std::vector<std::string> not_followed_by;
    std::string description;  ///< what it catches and why, in one or two sentences
};

/// A list of words the computed rules use (back-channels, idioms masked before matching…).
struct COACHKIT_API HeuristicWordList {
    std::string id;
    std::string description;
    std::vector<std::string> words;
};

/// Every rule, in the order the coder applies them.
[[nodiscard]] COACHKIT_API const std::vector<HeuristicRule>& heuristic_rules();
/// Every word list the computed rules use.
[[nodiscard]] COACHKIT_API const std::vector<HeuristicWordList>& heuristic_word_lists();

/// The turn before the one being coded, as the coder sees it.
struct COACHKIT_API PreviousTurn {
    std::string_view text;
    std::string_view role;  ///< a coaching role: coach, learner, observer, other
    /// Its codes (given by people or by the coder), or null when none are known.
    const TurnCodeSet* codes = nullptr;
    /// The coder's reasons for them, when the coder gave them: a value that turn only carried
    /// over from the turn before it is not carried again (carrying goes one turn, no further).
    const std::vector<CodeReason>* reasons = nullptr;
};

/// Thresholds of the computed rules (docs/heuristic-coder.md#co-construct-uptake).
struct COACHKIT_API HeuristicCoderOptions {
    /// A turn builds on its partner's only when both are short: at most this many words each.
    std::size_t co_construct_max_words = 30;
    /// …and it takes up at least this many of the partner's content words (lexical_uptake), or
    /// one when it opens with a building word ("and", "so", "or"…).
    std::size_t co_construct_min_uptake = 2;
};

/// Assigns codes to turns of a coaching conversation. Immutable once built, so one coder may be
/// used from many threads at once.
class COACHKIT_API HeuristicCoder {
public:
    /// The name the coaching-transcript source's option `coder` and the CLI know it by.
    static constexpr std::string_view name = "heuristic";

    explicit HeuristicCoder(HeuristicCoderOptions options = {});

    /// The codes of one turn by someone in `role` (coach, learner, observer, other; initiation is
    /// only ever coach, learner or shared), given the turn before it when there is one. Text that
    /// says nothing (empty, or only back-channels such as "Mm.") gets no codes.
    [[nodiscard]] CodedTurnResult code(std::string_view text, std::string_view role,
                                       const PreviousTurn* previous = nullptr) const;

    /// The codes of every turn of a transcript, in order, each turn coded after the one before it
    /// (with the coder's codes for that one). Roles from `roles`.
    [[nodiscard]] std::vector<CodedTurnResult> code_turns(const std::vector<Utterance>& turns,
                                                          const SpeakerRoles& roles) const;

    [[nodiscard]] const HeuristicCoderOptions& options() const { return options_; }

private:
    HeuristicCoderOptions options_;
};

/// Codes a transcript as it is read, holding one turn at a time: each turn with its speaker's
/// role (an unmapped speaker is warned about once, at the first line they speak, as
/// analyse_coaching does) and the coder's result goes to `each`. Reader problems go to `sink`;
/// calls sink.finish(). Returns the number of turns.
COACHKIT_API std::size_t code_transcript(
    TranscriptFormat format, ByteSource& input, const SpeakerRoles& roles,
    const HeuristicCoder& coder, DiagnosticSink& sink,
    const std::function<void(const Utterance&, const std::string& role, const CodedTurnResult&)>&
        each);

/// analyse_coaching() where a turn that neither its CSV columns nor the sidecar coded gets the
/// coder's codes (turns people coded keep theirs). The same diagnostics as analyse_coaching.
/// `coded_by_coder`, when given, receives how many turns the coder coded.
[[nodiscard]] COACHKIT_API CoachingTalkMetrics
analyse_coaching_with_coder(TranscriptFormat format, ByteSource& input, const SpeakerRoles& roles,
                            const TurnCodes* sidecar, const HeuristicCoder& coder, Diagnostics& out,
                            std::string_view origin = {}, std::size_t* coded_by_coder = nullptr);

/// The same over turns in memory. `codes` (when given) receives each turn's codes, and
/// `by_coder` whether the coder gave them.
[[nodiscard]] COACHKIT_API CoachingTalkMetrics analyse_coaching_with_coder(
    const std::vector<Utterance>& turns, const SpeakerRoles& roles, const TurnCodes* sidecar,
    const HeuristicCoder& coder, std::string_view origin, Diagnostics& out,
    std::vector<TurnCodeSet>* codes = nullptr, std::vector<bool>* by_coder = nullptr);

COACHKIT_NAMESPACE_END
