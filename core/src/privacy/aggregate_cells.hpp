// Private to aggregates: a programme's cycles reduced to the finest cells every table is made of.
// A cell is one combination of values on all five dimensions; each cycle falls in exactly one, so
// every group of every query is a union of cells, and two groups made of the same cells are the
// same group whatever they are called.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/privacy/aggregate.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace aggregate_detail {

inline constexpr std::size_t kDimensionCount = 5;

/// A set of small indices (of cells, learners or partnerships), as a bit set.
class IndexSet {
public:
    IndexSet() = default;
    explicit IndexSet(std::size_t universe) : words_((universe + 63) / 64, 0) {}

    void insert(std::size_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
    [[nodiscard]] bool contains(std::size_t i) const {
        return (words_[i / 64] >> (i % 64) & 1U) != 0;
    }
    IndexSet& operator|=(const IndexSet& other);
    /// Removes every member of `other`.
    IndexSet& operator-=(const IndexSet& other);
    [[nodiscard]] bool subset_of(const IndexSet& other) const;
    [[nodiscard]] bool empty() const;
    [[nodiscard]] std::size_t count() const;
    [[nodiscard]] std::vector<std::size_t> members() const;
    [[nodiscard]] const std::vector<std::uint64_t>& words() const { return words_; }
    bool operator==(const IndexSet& other) const = default;

private:
    std::vector<std::uint64_t> words_;
};

/// Values on the five dimensions, indexed by AggregateDimension.
using CellKey = std::array<std::string, kDimensionCount>;

/// The cycles with one combination of values.
struct Cell {
    CellKey key;
    IndexSet learners;      ///< indices into CellUniverse::learners
    IndexSet partnerships;  ///< indices into CellUniverse::partnerships
    /// The additive figures (cycles, stages, evidence); learners and partnerships are left 0,
    /// since they are counted as distinct over a group's cells, never added up.
    AggregateFigures sums;
};

struct CellUniverse {
    std::vector<std::string> learners;
    std::vector<std::string> partnerships;
    std::vector<Cell> cells;  ///< sorted by key
};

/// The school term a cycle that started at `started_at` (ISO 8601) falls in: September to
/// December "<year>-autumn", January to March "<year>-spring", April to August "<year>-summer";
/// "unknown" for a time that does not start with a date.
[[nodiscard]] std::string term_of(std::string_view started_at);

/// Every cycle of `state`, in its cell.
[[nodiscard]] CellUniverse cells_of(const ProgrammeState& state);

}  // namespace aggregate_detail

COACHKIT_NAMESPACE_END
