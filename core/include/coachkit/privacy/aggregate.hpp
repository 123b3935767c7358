// Aggregates for co-ordinators and leaders: counts over the programme's cycles grouped by fixed
// dimensions, with every group of fewer than k learners suppressed, and enough further groups
// suppressed that no suppressed group can be recovered by subtraction (docs/privacy.md,
// "Aggregates").
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

class ProgrammeState;

/// What a table may be grouped by. There are no free filters or date ranges: every query's groups
/// are unions of the same fixed cells, which is what keeps differencing from isolating a person.
enum class AggregateDimension {
    mode,      ///< the partnership's mode
    workflow,  ///< the workflow its cycles follow
    purpose,   ///< the mentoring purpose ("induction", …; "none" for the other modes)
    post,      ///< the learner's post (staff role)
    term,  ///< the school term the cycle started in: "2026-autumn", "2027-spring", "2027-summer"
};
/// "mode", "workflow", "purpose", "post", "term".
[[nodiscard]] COACHKIT_API std::string_view to_string(AggregateDimension dimension);
[[nodiscard]] COACHKIT_API std::optional<AggregateDimension> parse_aggregate_dimension(
    std::string_view text);

/// The figures each group reports. A group's size is its number of distinct learners.
struct COACHKIT_API AggregateFigures {
    int learners = 0;
    int partnerships = 0;
    int cycles_started = 0;
    int cycles_completed = 0;  ///< closed with every stage complete
    int cycles_abandoned = 0;
    int stages_completed = 0;
    int evidence_items = 0;
};

struct COACHKIT_API AggregateRow {
    std::map<std::string, std::string> group;  ///< dimension → value; empty for the total row
    /// Figures, or nothing when the row is suppressed.
    std::optional<AggregateFigures> figures;
    /// Why it is suppressed: "fewer than k learners" (primary) or "protects a suppressed group"
    /// (secondary: shown, it would let a group of fewer than k learners, or a suppressed group,
    /// be worked out by subtracting shown groups from a shown group). Empty when shown.
    std::string suppressed_because;
};

struct COACHKIT_API AggregateTable {
    std::vector<AggregateDimension> by;
    int k = 5;
    /// Sorted by the query's dimensions in the order asked, a subtotal after the values it adds
    /// up; so the total row (every cycle) is last. A group with no cycles is not listed; the
    /// total always is (all zeros in a programme with no cycles yet).
    std::vector<AggregateRow> rows;
    [[nodiscard]] std::size_t suppressed() const;
};

/// The table for `viewer`. Only the coaching co-ordinator, senior leaders and integrations may
/// ask (AccessDeniedError "aggregate-viewer" otherwise; "unknown-viewer" for an id that is not a
/// person in the programme; checked before anything else). At most two dimensions, each once
/// (Error otherwise). k is the programme's setting (ProgrammeState::anonymity_k). Which groups are
/// shown is decided for every query at once, so a group is shown with the same figures, or
/// suppressed, in every table that holds it (the rules:
/// core/src/privacy/aggregate_suppression.cpp).
[[nodiscard]] COACHKIT_API AggregateTable aggregate(const ProgrammeState& state,
                                                    std::string_view viewer,
                                                    const std::vector<AggregateDimension>& by);

/// The table as JSON (`report --json`): suppressed figures are absent, never zero.
[[nodiscard]] COACHKIT_API boost::json::object to_json(const AggregateTable& table);

COACHKIT_NAMESPACE_END
