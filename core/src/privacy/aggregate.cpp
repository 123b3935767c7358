// Aggregates for co-ordinators and leaders (aggregate.hpp): who may ask, which groups a query
// lists, and the table as JSON. Which groups are shown is decided in aggregate_suppression.cpp,
// once for every query, from the cycles in their cells (aggregate_cells.cpp).
#include "coachkit/privacy/aggregate.hpp"

#include <algorithm>
#include <boost/json/array.hpp>

#include "coachkit/privacy/policy.hpp"
#include "coachkit/programme/state.hpp"
#include "privacy/aggregate_cells.hpp"
#include "privacy/aggregate_suppression.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

using aggregate_detail::Group;
using aggregate_detail::Level;
using aggregate_detail::Release;

constexpr std::string_view kTooFew = "fewer than k learners";
constexpr std::string_view kProtects = "protects a suppressed group";

const std::vector<AggregateDimension>& all_dimensions() {
    static const std::vector<AggregateDimension> all{
        AggregateDimension::mode, AggregateDimension::workflow, AggregateDimension::purpose,
        AggregateDimension::post, AggregateDimension::term};
    return all;
}

/// Who may ask: the posts whose work is the programme as a whole. A teacher, a mentor or a line
/// manager sees their own partnerships through the policy, never a school-wide count.
void check_viewer(const ProgrammeState& state, std::string_view viewer) {
    const Person* person = state.person(viewer);
    if (person == nullptr) {
        throw AccessDeniedError("unknown-viewer",
                                "'" + std::string(viewer) + "' is not a person in programme '" +
                                    state.id() + "'; say who is reading with a person's id");
    }
    switch (person->role) {
        case StaffRole::coaching_coordinator:
        case StaffRole::senior_leader:
        case StaffRole::integration:
            return;
        default:
            throw AccessDeniedError(
                "aggregate-viewer",
                "'" + person->id + "' (" + std::string(to_string(person->role)) +
                    ") may not see aggregates: only the coaching co-ordinator, senior leaders "
                    "and integrations do");
    }
}

void check_dimensions(const std::vector<AggregateDimension>& by) {
    std::string named;
    for (const auto d : by)
        named += (named.empty() ? "" : ", ") + std::string(to_string(d));
    if (by.size() > 2) {
        throw Error("aggregates group by at most two dimensions, not " + std::to_string(by.size()) +
                    " (" + named + ")");
    }
    if (by.size() == 2 && by[0] == by[1]) {
        throw Error("aggregates group by two different dimensions, not '" +
                    std::string(to_string(by[0])) + "' twice");
    }
}

Level level_of(const std::vector<AggregateDimension>& dimensions) {
    Level level = 0;
    for (const auto d : dimensions)
        level |= Level{1} << static_cast<unsigned>(d);
    return level;
}

/// The levels a query lists: the total, each dimension asked for, and their pair.
bool listed(Level level, Level query) {
    return (level & ~query) == 0;
}

/// The order rows are listed in: by the query's dimensions in the order asked, a subtotal after
/// the values it adds up; so the total comes last.
std::vector<std::pair<bool, std::string>> sort_key(const Group& g,
                                                   const std::vector<AggregateDimension>& by) {
    std::vector<std::pair<bool, std::string>> key;
    for (const auto d : by) {
        const auto i = static_cast<std::size_t>(d);
        const bool all = (g.level >> i & 1U) == 0;
        key.emplace_back(all, all ? "" : g.key[i]);
    }
    return key;
}

AggregateRow row_of(const Group& g) {
    AggregateRow row;
    for (const auto d : all_dimensions()) {
        const auto i = static_cast<std::size_t>(d);
        if ((g.level >> i & 1U) != 0)
            row.group.emplace(std::string(to_string(d)), g.key[i]);
    }
    switch (g.release) {
        case Release::shown:
            row.figures = g.figures;
            break;
        case Release::too_few:
            row.suppressed_because = std::string(kTooFew);
            break;
        case Release::protects:
            row.suppressed_because = std::string(kProtects);
            break;
    }
    return row;
}

}  // namespace

std::string_view to_string(AggregateDimension dimension) {
    switch (dimension) {
        case AggregateDimension::mode:
            return "mode";
        case AggregateDimension::workflow:
            return "workflow";
        case AggregateDimension::purpose:
            return "purpose";
        case AggregateDimension::post:
            return "post";
        case AggregateDimension::term:
            return "term";
    }
    return "mode";
}

std::optional<AggregateDimension> parse_aggregate_dimension(std::string_view text) {
    for (const auto d : all_dimensions()) {
        if (to_string(d) == text)
            return d;
    }
    return std::nullopt;
}

std::size_t AggregateTable::suppressed() const {
    return static_cast<std::size_t>(std::count_if(
        rows.begin(), rows.end(), [](const AggregateRow& r) { return !r.figures.has_value(); }));
}

AggregateTable aggregate(const ProgrammeState& state, std::string_view viewer,
                         const std::vector<AggregateDimension>& by) {
    check_viewer(state, viewer);
    check_dimensions(by);
    AggregateTable table;
    table.by = by;
    table.k = std::max(state.anonymity_k(), kMinimumAnonymityK);

    const auto groups =
        aggregate_detail::release_groups(aggregate_detail::cells_of(state), table.k);
    const Level query = level_of(by);
    std::vector<const Group*> rows;
    for (const auto& g : groups) {
        if (listed(g.level, query))
            rows.push_back(&g);
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const Group* a, const Group* b) {
        return sort_key(*a, by) < sort_key(*b, by);
    });
    for (const Group* g : rows)
        table.rows.push_back(row_of(*g));
    // A programme with no cycles yet: its total is all zeros, which says nothing about anyone.
    if (rows.empty() || rows.back()->level != 0)
        table.rows.push_back(AggregateRow{{}, AggregateFigures{}, ""});
    return table;
}

boost::json::object to_json(const AggregateTable& table) {
    boost::json::array by;
    for (const auto d : table.by)
        by.emplace_back(to_string(d));
    boost::json::array rows;
    for (const auto& row : table.rows) {
        boost::json::object group;
        for (const auto& [dimension, value] : row.group)
            group[dimension] = value;
        boost::json::object out{{"group", std::move(group)}};
        if (row.figures) {
            const AggregateFigures& f = *row.figures;
            out["figures"] = boost::json::object{{"learners", f.learners},
                                                 {"partnerships", f.partnerships},
                                                 {"cycles_started", f.cycles_started},
                                                 {"cycles_completed", f.cycles_completed},
                                                 {"cycles_abandoned", f.cycles_abandoned},
                                                 {"stages_completed", f.stages_completed},
                                                 {"evidence_items", f.evidence_items}};
        } else {
            out["suppressed"] = row.suppressed_because;
        }
        rows.push_back(std::move(out));
    }
    return {{"schema", "coachkit.aggregate/1"},
            {"by", std::move(by)},
            {"k", table.k},
            {"rows", std::move(rows)}};
}

COACHKIT_NAMESPACE_END
