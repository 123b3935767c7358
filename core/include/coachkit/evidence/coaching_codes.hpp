// The codes a coaching conversation's turns can carry: the dimensions of coaching talk (who
// initiates, what stimulus is used, at what scale and in what time the talk is, and the turn's
// interaction function) and the values each allows, after Lofthouse, Leat and Towler's guide
// (source: 002_4b16babbfb4ecaf5.txt). The rubric of levels of coaching practice builds on them.
// A transcript's turns get codes from extra CSV columns or from a sidecar (coachkit.turn-codes/1,
// docs/schemas/turn-codes.schema.json).
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One value a dimension allows ("video" for stimulus).
struct COACHKIT_API CodeValue {
    std::string id;           ///< lower-case words joined by '-'
    std::string description;  ///< what a turn coded with it does, in one sentence
    /// Other spellings coders use, in normal form ("evaluation" for "evaluate"), accepted by
    /// resolve_code().
    std::vector<std::string> aliases;
};

/// One dimension of coaching talk and its values.
struct COACHKIT_API CodingDimension {
    std::string id;  ///< "initiation", "stimulus", "scale", "time", "function"
    std::string name;
    std::string description;
    std::vector<CodeValue> values;
    /// Where the dimension and its values come from (a seed file name).
    std::string source;
};

/// Every dimension, in a fixed order: initiation, stimulus, scale, time, function.
[[nodiscard]] COACHKIT_API const std::vector<CodingDimension>& coaching_dimensions();
/// The dimension `id`, or null.
[[nodiscard]] COACHKIT_API const CodingDimension* find_coaching_dimension(std::string_view id);
/// True when `value` is one of `dimension`'s values (both compared exactly: normalise first).
[[nodiscard]] COACHKIT_API bool is_valid(std::string_view dimension, std::string_view value);

/// A code as people write it ("Critical incident", "observation_notes") in the vocabulary's
/// spelling ("critical-incident", "observation-notes"): trimmed, lower case, and runs of spaces or
/// underscores as one '-'.
[[nodiscard]] COACHKIT_API std::string normalise_code(std::string_view text);
/// The value of `dimension` that `text` names: normalised, then matched against the values' ids
/// and aliases ("Evaluation" → "evaluate"). Empty when it names none.
[[nodiscard]] COACHKIT_API std::string resolve_code(std::string_view dimension,
                                                    std::string_view text);
/// The values of one cell, separated by ';' or '|', each normalised; empty ones left out.
[[nodiscard]] COACHKIT_API std::vector<std::string> split_code_values(std::string_view cell);

/// One turn's codes: dimension id → values (each valid, no duplicates, in the order given).
using TurnCodeSet = std::map<std::string, std::vector<std::string>>;

/// Adds `values` to `codes[dimension]`, skipping those already there.
COACHKIT_API void merge_codes(TurnCodeSet& codes, const std::string& dimension,
                              const std::vector<std::string>& values);

/// A sidecar of codes for a transcript's turns (numbered from 1 in reading order):
/// `{"schema": "coachkit.turn-codes/1", "turns": [{"turn": 3, "function": ["explain"]}]}`.
class COACHKIT_API TurnCodes {
public:
    /// Reads a sidecar. Errors (not an object, a wrong schema tag, "turns" not an array, a turn
    /// without a whole number ≥ 1) and warnings (an unknown dimension or value, which is dropped;
    /// a turn given twice, whose codes are merged) go to `out`, each at its pointer under
    /// `pointer` in `origin`. What could be read is kept.
    [[nodiscard]] static TurnCodes read(const boost::json::value& document, std::string origin,
                                        std::string pointer, Diagnostics& out);

    /// The codes for turn `turn` (1-based), or null.
    [[nodiscard]] const TurnCodeSet* codes_for(std::size_t turn) const;
    /// How many turns have codes.
    [[nodiscard]] std::size_t size() const { return turns_.size(); }
    /// The numbers of the turns that have codes, ascending.
    [[nodiscard]] std::vector<std::size_t> turns() const;
    /// Warns about each coded turn beyond `turn_count` (the transcript is shorter than the
    /// sidecar says), at its pointer.
    void check_turns(std::size_t turn_count, Diagnostics& out) const;

private:
    struct Entry {
        TurnCodeSet codes;
        std::string pointer;  // of the first entry for this turn
    };
    std::string origin_;
    std::map<std::size_t, Entry> turns_;
};

COACHKIT_NAMESPACE_END
