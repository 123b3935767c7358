// A programme's cycles in their cells (aggregate_cells.hpp): what each cycle counts towards and
// which values of the five dimensions it has.
#include "privacy/aggregate_cells.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <map>

#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace aggregate_detail {

IndexSet& IndexSet::operator|=(const IndexSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i)
        words_[i] |= other.words_[i];
    return *this;
}

IndexSet& IndexSet::operator-=(const IndexSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i)
        words_[i] &= ~other.words_[i];
    return *this;
}

bool IndexSet::subset_of(const IndexSet& other) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
        if ((words_[i] & ~other.words_[i]) != 0)
            return false;
    }
    return true;
}

bool IndexSet::empty() const {
    return std::all_of(words_.begin(), words_.end(), [](std::uint64_t w) { return w == 0; });
}

std::size_t IndexSet::count() const {
    std::size_t n = 0;
    for (const auto w : words_)
        n += static_cast<std::size_t>(std::popcount(w));
    return n;
}

std::vector<std::size_t> IndexSet::members() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < words_.size() * 64; ++i) {
        if (contains(i))
            out.push_back(i);
    }
    return out;
}

std::string term_of(std::string_view started_at) {
    const auto digits = [&](std::size_t from, std::size_t n) {
        if (started_at.size() < from + n)
            return false;
        return std::all_of(started_at.begin() + static_cast<std::ptrdiff_t>(from),
                           started_at.begin() + static_cast<std::ptrdiff_t>(from + n),
                           [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    };
    if (!digits(0, 4) || started_at[4] != '-' || !digits(5, 2))
        return "unknown";
    const std::string year(started_at.substr(0, 4));
    const int month = (started_at[5] - '0') * 10 + (started_at[6] - '0');
    if (month >= 9 && month <= 12)
        return year + "-autumn";
    if (month >= 1 && month <= 3)
        return year + "-spring";
    if (month >= 4 && month <= 8)
        return year + "-summer";
    return "unknown";
}

namespace {

/// The cell a cycle falls in. Values that cannot be found (a partnership or person the state does
/// not hold, which replay rules out) are "unknown" rather than an error: a report never fails
/// because of one odd record, and "unknown" is a group like any other, suppressed when small.
CellKey key_of(const ProgrammeState& state, const Cycle& cycle) {
    CellKey key;
    const Partnership* partnership = state.partnership(cycle.partnership);
    const Person* learner = state.person(cycle.learner);
    key[static_cast<std::size_t>(AggregateDimension::mode)] =
        partnership != nullptr ? partnership->mode : "unknown";
    key[static_cast<std::size_t>(AggregateDimension::workflow)] =
        cycle.workflow.empty() ? "unknown" : cycle.workflow;
    key[static_cast<std::size_t>(AggregateDimension::purpose)] = partnership == nullptr ? "unknown"
                                                                 : partnership->purpose.empty()
                                                                     ? "none"
                                                                     : partnership->purpose;
    key[static_cast<std::size_t>(AggregateDimension::post)] =
        learner != nullptr ? std::string(to_string(learner->role)) : "unknown";
    key[static_cast<std::size_t>(AggregateDimension::term)] = term_of(cycle.started_at);
    return key;
}

/// The position of `id` in `ids`, adding it if new.
std::size_t index_of(std::map<std::string, std::size_t>& ids, const std::string& id) {
    return ids.emplace(id, ids.size()).first->second;
}

}  // namespace

CellUniverse cells_of(const ProgrammeState& state) {
    std::map<std::string, std::size_t> learners;
    std::map<std::string, std::size_t> partnerships;
    for (const auto& cycle : state.cycles()) {
        index_of(learners, cycle.learner);
        index_of(partnerships, cycle.partnership);
    }

    std::map<CellKey, Cell> cells;
    for (const auto& cycle : state.cycles()) {
        const CellKey key = key_of(state, cycle);
        auto [at, added] = cells.try_emplace(key);
        Cell& cell = at->second;
        if (added) {
            cell.key = key;
            cell.learners = IndexSet(learners.size());
            cell.partnerships = IndexSet(partnerships.size());
        }
        cell.learners.insert(learners.at(cycle.learner));
        cell.partnerships.insert(partnerships.at(cycle.partnership));
        AggregateFigures& sums = cell.sums;
        ++sums.cycles_started;
        if (cycle.status == CycleStatus::closed)
            ++sums.cycles_completed;
        if (cycle.status == CycleStatus::abandoned)
            ++sums.cycles_abandoned;
        sums.stages_completed += static_cast<int>(std::count_if(
            cycle.stages.begin(), cycle.stages.end(),
            [](const StageProgress& s) { return s.status == StageStatus::completed; }));
        sums.evidence_items += static_cast<int>(state.evidence_of(cycle.id).size());
    }

    CellUniverse out;
    out.learners.resize(learners.size());
    for (const auto& [id, i] : learners)
        out.learners[i] = id;
    out.partnerships.resize(partnerships.size());
    for (const auto& [id, i] : partnerships)
        out.partnerships[i] = id;
    for (auto& [key, cell] : cells)
        out.cells.push_back(std::move(cell));
    return out;
}

}  // namespace aggregate_detail

COACHKIT_NAMESPACE_END
