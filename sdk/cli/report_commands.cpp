// `coachkit report`: k-anonymous aggregates of a programme's cycles for the coaching co-ordinator,
// senior leaders and integrations (docs/privacy.md, "Aggregates"). The engine asks the privacy
// rules (who may ask, which groups are suppressed) and writes the read to the audit log; this
// verb only prints the table. A refused viewer is reported by main() like any other denial.
#include <iostream>
#include <memory>

#include "coachkit/json/document.hpp"
#include "coachkit/privacy/aggregate.hpp"
#include "commands.hpp"
#include "programme_support.hpp"

namespace coachkit::cli {

namespace {

constexpr std::size_t kGap = 2;

const std::vector<std::string>& figure_headers() {
    static const std::vector<std::string> headers{
        "learners", "partnerships", "cycles", "completed", "abandoned", "stages", "evidence"};
    return headers;
}

std::vector<std::string> figure_cells(const AggregateFigures& f) {
    return {std::to_string(f.learners),         std::to_string(f.partnerships),
            std::to_string(f.cycles_started),   std::to_string(f.cycles_completed),
            std::to_string(f.cycles_abandoned), std::to_string(f.stages_completed),
            std::to_string(f.evidence_items)};
}

std::string padded(const std::string& text, std::size_t width) {
    return text + std::string(width > text.size() ? width - text.size() : 0, ' ') +
           std::string(kGap, ' ');
}

/// The table: a column per dimension ("all" in a subtotal or the total), then the figures; a
/// suppressed row says why across the figure columns. Laid out here rather than by TextTable so
/// that the reason is one line however narrow the figure columns are.
void print_table(std::ostream& out, const AggregateTable& table) {
    std::vector<std::string> headers;
    for (const auto d : table.by)
        headers.emplace_back(to_string(d));
    const std::size_t dimensions = headers.size();
    for (const auto& h : figure_headers())
        headers.push_back(h);

    std::vector<std::vector<std::string>> lines;
    for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        for (const auto d : table.by) {
            const auto value = row.group.find(std::string(to_string(d)));
            cells.push_back(value == row.group.end() ? "all" : value->second);
        }
        if (row.figures) {
            for (auto& cell : figure_cells(*row.figures))
                cells.push_back(std::move(cell));
        } else {
            cells.push_back("suppressed (" + row.suppressed_because + ")");
        }
        lines.push_back(std::move(cells));
    }

    std::vector<std::size_t> widths;
    widths.reserve(headers.size());
    for (const auto& h : headers)
        widths.push_back(h.size());
    for (const auto& cells : lines) {
        // A suppression note spans the figure columns, so it does not widen the first of them.
        const std::size_t counted = cells.size() == headers.size() ? cells.size() : dimensions;
        for (std::size_t c = 0; c < counted; ++c)
            widths[c] = std::max(widths[c], cells[c].size());
    }
    auto print_line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c)
            text += c + 1 < cells.size() ? padded(cells[c], widths[c]) : cells[c];
        out << text << '\n';
    };
    print_line(headers);
    for (const auto& cells : lines)
        print_line(cells);
}

}  // namespace

void add_report_commands(CLI::App& app, Dispatch& dispatch) {
    auto* report = app.add_subcommand(
        "report",
        "counts of cycles by mode, workflow, purpose, post or term, for the co-ordinator and "
        "leaders; groups of fewer than k learners are suppressed");
    auto store = std::make_shared<StoreOption>();
    store->add_to(*report);
    auto viewer = std::make_shared<ViewerOption>();
    viewer->add_to(*report);
    auto by = std::make_shared<std::vector<std::string>>();
    report
        ->add_option("--by", *by,
                     "group by this dimension (mode, workflow, purpose, post, term); give it at "
                     "most twice; none: the total only")
        ->check(CLI::IsMember({"mode", "workflow", "purpose", "post", "term"}))
        ->allow_extra_args(false);
    auto json = std::make_shared<bool>(false);
    report->add_flag("--json", *json, "print the table as JSON (coachkit.aggregate/1)");

    report->callback([&dispatch, store, viewer, by, json] {
        dispatch.action = [store, viewer, by, json] {
            std::vector<AggregateDimension> dimensions;
            for (const auto& name : *by)
                dimensions.push_back(*parse_aggregate_dimension(name));
            Session session(store->path, Session::Create::no);
            const AggregateTable table =
                session.engine().report(viewer->as, dimensions, ReadRequest{"cli report", {}, {}});
            if (*json) {
                std::cout << to_pretty_json(to_json(table));
                return 0;
            }
            std::cout << "Programme " << session.state().id() << ": cycles";
            for (std::size_t i = 0; i < table.by.size(); ++i)
                std::cout << (i == 0 ? " by " : " and ") << to_string(table.by[i]);
            std::cout << ", as seen by " << viewer->as << "\n\n";
            print_table(std::cout, table);
            std::cout
                << "\ncycles: cycles started, of which completed and abandoned; stages: stages "
                   "completed; evidence: evidence items stored\n";
            std::cout << "k = " << table.k << ": groups of fewer than " << table.k
                      << " learners are not shown\n";
            return 0;
        };
    });
}

}  // namespace coachkit::cli
