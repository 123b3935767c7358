// Which groups an aggregate may show (aggregate_suppression.hpp). The rules:
//
// 1. Primary. A group's size is its number of distinct learners. A group of fewer than k learners
//    is suppressed ("fewer than k learners"). A group of no cycles does not exist, so it is never
//    listed. The total has fewer than k learners only when the whole programme has, and then so
//    has every group.
//
// 2. Secondary: differencing. Every table carries the total, a two-dimension table also both
//    dimensions' subtotals, and any of the sixteen queries may be asked; so what an attacker works
//    out by subtracting shown figures must not isolate a small group. For every shown group P
//    (the parent) and every grouping L, subtract from P the shown groups of L that lie strictly
//    inside it. What is left, the residue, is a set of cycles whose additive figures (cycles,
//    stages, evidence) are now known. It must
//      - hold no cycles, or cycles of at least k distinct learners, and
//      - not be exactly a suppressed group: that group would then be known, and could be
//        subtracted in turn (a row minus its shown cells gives its one suppressed cell, which that
//        cell's column minus it then turns into the next).
//    The residue is known as a set, so the same is done to it, and to what that leaves, up to
//    kResidueSteps deep: the total minus the shown rows, minus the shown cells of the rows left.
//    When a residue breaks the rule, one more of the groups subtracted on the way to it is
//    suppressed ("protects a suppressed group"): the one at the finest grouping (a cell before a
//    subtotal, since it costs the reader least), then the one with fewest learners, then the
//    earliest grouping and key; among the groups of one partition that is "smallest first". When
//    the choice falls on a subtotal, the first kLookAheadCandidates are each tried (the rules
//    applied to the end, without looking further ahead) and the one that leaves most subtotals
//    shown is kept: through the dimensions' overlaps one suppressed subtotal can force others,
//    and at k = 5 a greedy choice alone hid half or more of the groups big enough to show in one
//    generated programme in ten (with the look-ahead: a fifth or more). Then the
//    parent is checked again; once nothing is left to subtract there is no residue, so this ends.
//    Passes repeat until one changes nothing (a cell suppressed for its column can force more in
//    its row). Nothing suppressed is ever shown again.
//
//    "Inside" is by cycles, not by names. A dimension's groups partition the total and a pair's
//    cells partition each subtotal row and column (the rows, columns and totals of one table),
//    but a group of one dimension can also lie inside a group of another: every workflow belongs
//    to one mode, all of a triad's cycles may fall in one term, every learner in coaching may be
//    a teacher. "Teachers" minus "coaching" is the differencing of two overlapping queries, and
//    it is caught the same way. A parent is never suppressed for its children's sake: one whose
//    children are all suppressed and hold fewer than k learners has fewer than k itself, and
//    already fails rule 1.
//
// 3. Groups of the same cycles are one group (a workflow and its mode-by-workflow cell): they
//    are suppressed together, or one would give the other away.
//
// The decision is made once, for every group of every grouping, whatever the query: a group is
// shown with the same figures, or suppressed, in every table that holds it, so no pair of
// queries can disagree about it.
//
// Learners in several groups. A learner with cycles in two terms, or in two partnerships of
// different modes, belongs to a group of each. Sizes are always counted on sets of cycles: a
// group's learners and a residue's learners are the distinct learners among its cycles, never a
// difference of learner counts. What subtraction reveals is exactly the residue's additive
// figures, and they describe exactly those learners, so the argument holds: one spring cycle by
// someone also seen in autumn is a residue of one learner and is protected, although "total
// learners − autumn learners" is 0. What overlap does let out is head-counts: learners are not
// additive, so |A| + |B| − |A ∪ B| is how many learners are in both A and B when all three are
// shown (how many had cycles in both terms). That is a number of people, never their figures;
// these rules do not suppress for it.
//
// Limits. The attacks covered are subtraction: a shown group minus shown groups inside it,
// repeated. Sums of several rows minus columns of a two-dimension table (row 1 + row 2 −
// column 2, when the suppressed cells form a cycle through rows and columns) are linear
// combinations these rules do not track; a full audit would need linear programming over the
// cells, as statistical offices' cell-suppression tools do.
#include "privacy/aggregate_suppression.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <tuple>

#include "coachkit/privacy/policy.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace aggregate_detail {

const std::vector<Level>& all_levels() {
    static const std::vector<Level> levels = [] {
        std::vector<Level> out{0};
        for (std::size_t d = 0; d < kDimensionCount; ++d)
            out.push_back(Level{1} << d);
        for (std::size_t d = 0; d < kDimensionCount; ++d) {
            for (std::size_t e = d + 1; e < kDimensionCount; ++e)
                out.push_back((Level{1} << d) | (Level{1} << e));
        }
        return out;
    }();
    return levels;
}

namespace {

/// How many subtractions deep a residue is followed.
constexpr int kResidueSteps = 3;
/// How many subtotals a choice looks ahead at.
constexpr std::size_t kLookAheadCandidates = 3;

std::vector<Group> all_groups(const CellUniverse& universe) {
    std::vector<Group> out;
    for (const Level level : all_levels()) {
        std::map<CellKey, Group> groups;
        std::map<CellKey, std::pair<IndexSet, IndexSet>> people;  // learners, partnerships
        for (std::size_t i = 0; i < universe.cells.size(); ++i) {
            const Cell& cell = universe.cells[i];
            CellKey key;
            for (std::size_t d = 0; d < kDimensionCount; ++d) {
                if ((level >> d & 1U) != 0)
                    key[d] = cell.key[d];
            }
            auto [at, added] = groups.try_emplace(key);
            Group& g = at->second;
            auto& [learners, partnerships] = people[key];
            if (added) {
                g.level = level;
                g.key = key;
                g.cells = IndexSet(universe.cells.size());
                learners = IndexSet(universe.learners.size());
                partnerships = IndexSet(universe.partnerships.size());
            }
            g.cells.insert(i);
            learners |= cell.learners;
            partnerships |= cell.partnerships;
            g.figures.cycles_started += cell.sums.cycles_started;
            g.figures.cycles_completed += cell.sums.cycles_completed;
            g.figures.cycles_abandoned += cell.sums.cycles_abandoned;
            g.figures.stages_completed += cell.sums.stages_completed;
            g.figures.evidence_items += cell.sums.evidence_items;
        }
        for (auto& [key, g] : groups) {
            g.figures.learners = static_cast<int>(people[key].first.count());
            g.figures.partnerships = static_cast<int>(people[key].second.count());
            out.push_back(std::move(g));
        }
    }
    return out;
}

/// What the rules read and never change: the groups, which lie inside which, which are the same.
struct Lattice {
    Lattice(const CellUniverse& of_cells, const std::vector<Group>& all, int anonymity_k)
        : universe(of_cells), groups(all), k(anonymity_k) {
        const auto& levels = all_levels();
        inside.assign(groups.size(), std::vector<std::vector<std::size_t>>(levels.size()));
        for (std::size_t p = 0; p < groups.size(); ++p) {
            same_cells[groups[p].cells.words()].push_back(p);
            for (std::size_t q = 0; q < groups.size(); ++q) {
                if (groups[q].cells.subset_of(groups[p].cells) &&
                    !(groups[q].cells == groups[p].cells)) {
                    const auto level = std::find(levels.begin(), levels.end(), groups[q].level);
                    inside[p][static_cast<std::size_t>(level - levels.begin())].push_back(q);
                }
            }
        }
    }

    [[nodiscard]] std::size_t learners_in(const IndexSet& cells) const {
        IndexSet learners(universe.learners.size());
        for (const auto i : cells.members())
            learners |= universe.cells[i].learners;
        return learners.count();
    }

    const CellUniverse& universe;
    const std::vector<Group>& groups;
    int k;
    /// [group][level index]: the groups of that level strictly inside the group, by cycles.
    std::vector<std::vector<std::vector<std::size_t>>> inside;
    /// Groups by their cells (rule 3); the first of each list stands for them all.
    std::map<std::vector<std::uint64_t>, std::vector<std::size_t>> same_cells;
};

/// Applies the rules to a release of every group (a copy of it, to look ahead).
class Suppressor {
public:
    /// With `look_ahead`, a choice between subtotals or totals to suppress is made by trying each
    /// and keeping the one that leaves most shown (suppressing one can force others through rule
    /// 2's second test); the tries themselves do not look ahead.
    Suppressor(const Lattice& lattice, std::vector<Release> release, bool look_ahead)
        : lattice_(lattice), release_(std::move(release)), look_ahead_(look_ahead) {}

    /// Applies rules 2 and 3 until a pass changes nothing.
    void settle() {
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t p = 0; p < release_.size(); ++p) {
                while (shown(p) && protect(p))
                    changed = true;
            }
        }
    }

    [[nodiscard]] const std::vector<Release>& release() const { return release_; }

private:
    [[nodiscard]] const Group& group(std::size_t g) const { return lattice_.groups[g]; }
    [[nodiscard]] bool shown(std::size_t g) const { return release_[g] == Release::shown; }

    /// Rule 2's test of a residue.
    [[nodiscard]] bool unsafe(const IndexSet& residue) const {
        if (residue.empty())
            return false;
        if (lattice_.learners_in(residue) < static_cast<std::size_t>(lattice_.k))
            return true;
        const auto same = lattice_.same_cells.find(residue.words());
        return same != lattice_.same_cells.end() && !shown(same->second.front());
    }

    /// Suppresses `g` and every group of the same cycles (rule 3).
    void suppress(std::size_t g) {
        for (const auto twin : lattice_.same_cells.at(group(g).cells.words())) {
            release_[twin] =
                group(twin).figures.learners < lattice_.k ? Release::too_few : Release::protects;
        }
    }

    /// The candidates in the order they are preferred: the finest grouping first (a cell before
    /// a subtotal: it costs the reader least), then fewest learners, then the first listed.
    [[nodiscard]] std::vector<std::size_t> ranked(std::vector<std::size_t> candidates) const {
        const auto rank = [&](std::size_t g) {
            return std::tuple(-std::popcount(group(g).level), group(g).figures.learners, g);
        };
        std::sort(candidates.begin(), candidates.end(),
                  [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        return candidates;
    }

    /// How much a release shows: a total or subtotal counts for more than any number of cells.
    [[nodiscard]] std::size_t worth(const std::vector<Release>& release) const {
        std::size_t sum = 0;
        for (std::size_t g = 0; g < release.size(); ++g) {
            if (release[g] == Release::shown)
                sum += std::popcount(group(g).level) == 2 ? 1 : 10000;
        }
        return sum;
    }

    /// Which of `candidates` to suppress.
    [[nodiscard]] std::size_t choose(const std::vector<std::size_t>& candidates) const {
        const auto order = ranked(candidates);
        if (!look_ahead_ || order.size() == 1 || std::popcount(group(order.front()).level) == 2)
            return order.front();
        std::size_t best = order.front();
        std::size_t best_worth = 0;
        for (std::size_t i = 0; i < order.size() && i < kLookAheadCandidates; ++i) {
            Suppressor trial(lattice_, release_, false);
            trial.suppress(order[i]);
            trial.settle();
            const std::size_t w = worth(trial.release());
            if (i == 0 || w > best_worth) {
                best = order[i];
                best_worth = w;
            }
        }
        return best;
    }

    /// Follows the residues of the shown parent `p` (rule 2). At the first residue that breaks
    /// the rule, suppresses one of the groups subtracted on the way to it and returns true;
    /// returns false when every residue is safe.
    bool protect(std::size_t p) {
        const auto& levels = all_levels();
        struct Known {
            IndexSet cells;
            std::vector<std::size_t> subtracted;  // every group taken away on the way here
        };
        std::vector<Known> known{{group(p).cells, {}}};
        std::set<std::vector<std::uint64_t>> seen;
        for (int step = 0; step < kResidueSteps && !known.empty(); ++step) {
            std::vector<Known> next;
            for (const auto& whole : known) {
                for (std::size_t l = 0; l < levels.size(); ++l) {
                    Known residue = whole;
                    bool took = false;
                    for (const auto q : lattice_.inside[p][l]) {
                        const IndexSet& cells = group(q).cells;
                        if (shown(q) && cells.subset_of(whole.cells) && !(cells == whole.cells)) {
                            residue.subtracted.push_back(q);
                            residue.cells -= cells;
                            took = true;
                        }
                    }
                    if (!took)
                        continue;
                    if (unsafe(residue.cells)) {
                        suppress(choose(residue.subtracted));
                        return true;
                    }
                    if (!residue.cells.empty() && seen.insert(residue.cells.words()).second)
                        next.push_back(std::move(residue));
                }
            }
            known = std::move(next);
        }
        return false;
    }

    const Lattice& lattice_;
    std::vector<Release> release_;
    bool look_ahead_;
};

}  // namespace

std::vector<Group> release_groups(const CellUniverse& universe, int k) {
    std::vector<Group> groups = all_groups(universe);
    const Lattice lattice(universe, groups, std::max(k, kMinimumAnonymityK));
    std::vector<Release> primary;  // rule 1
    primary.reserve(groups.size());
    for (const auto& g : groups)
        primary.push_back(g.figures.learners < lattice.k ? Release::too_few : Release::shown);
    Suppressor suppressor(lattice, std::move(primary), true);
    suppressor.settle();
    for (std::size_t g = 0; g < groups.size(); ++g)
        groups[g].release = suppressor.release()[g];
    return groups;
}

}  // namespace aggregate_detail

COACHKIT_NAMESPACE_END
