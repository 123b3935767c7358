// Private to aggregates: every group any query can show, and whether it is shown. The decision is
// made once for all sixteen groupings (the total, each dimension, each pair), whatever the query,
// so a group is shown with the same figures, or suppressed, in every table that holds it; the
// rules are in aggregate_suppression.cpp.
#pragma once

#include <vector>

#include "privacy/aggregate_cells.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace aggregate_detail {

/// A grouping: the set of dimensions a group has values on, as bits (1 << dimension). 0 is the
/// total; at most two bits are set.
using Level = unsigned;

/// Every grouping a query can ask for, the total first, then each dimension, then each pair.
[[nodiscard]] const std::vector<Level>& all_levels();

enum class Release {
    shown,
    too_few,   ///< primary: fewer than k learners
    protects,  ///< secondary: shown, it would let a suppressed group be worked out
};

struct Group {
    Level level = 0;
    CellKey key;  ///< values on the level's dimensions; empty elsewhere
    IndexSet cells;
    AggregateFigures figures;  ///< complete, learners and partnerships counted as distinct
    Release release = Release::shown;
};

/// Every non-empty group of every level, in order of all_levels() and then key, each with its
/// release decided for `k` (at least kMinimumAnonymityK).
[[nodiscard]] std::vector<Group> release_groups(const CellUniverse& universe, int k);

}  // namespace aggregate_detail

COACHKIT_NAMESPACE_END
