// Tables of a scored corpus, and CSV.
#include "coachkit/analysis/corpus_table.hpp"

#include <boost/json.hpp>
#include <set>
#include <sstream>

#include "coachkit/evidence/talk_metrics.hpp"
#include "coachkit/plugin/assessment_json.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Every turn an assessment cites, overall or for a criterion.
std::set<std::size_t> cited_turns(const Assessment& assessment) {
    std::set<std::size_t> turns;
    const auto take = [&](const std::vector<Citation>& citations) {
        for (const auto& c : citations) {
            if (const auto turn = cited_turn(c))
                turns.insert(*turn);
        }
    };
    take(assessment.citations);
    for (const auto& criterion : assessment.criteria)
        take(criterion.citations);
    return turns;
}

std::string joined(const std::vector<std::string>& values, const char* separator) {
    std::string out;
    for (const auto& v : values)
        out += (out.empty() ? "" : separator) + v;
    return out;
}

std::string cell_text(const boost::json::value& cell) {
    if (cell.is_null())
        return "";
    if (const auto* s = cell.if_string())
        return std::string(*s);
    if (const auto* b = cell.if_bool())
        return *b ? "true" : "false";
    if (cell.is_double()) {
        std::ostringstream out;
        out.precision(6);
        out << cell.get_double();
        return out.str();
    }
    return boost::json::serialize(cell);
}

void write_field(std::ostream& out, const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        out << text;
        return;
    }
    out << '"';
    for (const char c : text)
        out << (c == '"' ? "\"\"" : std::string(1, c));
    out << '"';
}

}  // namespace

CorpusTable transcript_table(const std::vector<ScoredTranscript>& results) {
    CorpusTable table;
    table.columns = {"file", "ok", "turns", "coded_turns", "level", "overall"};
    // The criteria of the first scored transcript: one rubric scores the whole corpus.
    std::vector<std::string> criteria;
    for (const auto& r : results) {
        if (r.ok) {
            for (const auto& c : r.assessment.criteria)
                criteria.push_back(c.criterion);
            break;
        }
    }
    table.columns.insert(table.columns.end(), criteria.begin(), criteria.end());
    table.columns.insert(table.columns.end(), {"rationale", "cited_turns", "errors"});
    for (const auto& r : results) {
        std::vector<boost::json::value> row;
        std::size_t coded = 0;
        for (const auto& t : r.turns)
            coded += t.codes.empty() ? 0 : 1;
        row.emplace_back(r.file);
        row.emplace_back(r.ok);
        row.emplace_back(r.turns.size());
        row.emplace_back(coded);
        row.emplace_back(r.ok ? boost::json::value(r.assessment.level) : nullptr);
        row.emplace_back(r.ok ? boost::json::value(r.assessment.overall) : nullptr);
        for (const auto& id : criteria) {
            boost::json::value level = nullptr;
            for (const auto& c : r.assessment.criteria) {
                if (c.criterion == id)
                    level = boost::json::value(c.level);
            }
            row.push_back(std::move(level));
        }
        row.emplace_back(r.assessment.rationale);
        std::vector<std::string> turns;
        for (const auto t : cited_turns(r.assessment))
            turns.push_back(std::to_string(t));
        row.emplace_back(joined(turns, ";"));
        std::vector<std::string> errors;
        for (const auto& d : r.diagnostics) {
            if (d.severity == Severity::error)
                errors.push_back(d.to_string());
        }
        row.emplace_back(joined(errors, " | "));
        table.rows.push_back(std::move(row));
    }
    return table;
}

CorpusTable turn_table(const std::vector<ScoredTranscript>& results) {
    CorpusTable table;
    table.columns = {"file", "turn", "speaker", "role", "words"};
    for (const auto& dimension : coaching_dimensions())
        table.columns.push_back(dimension.id);
    table.columns.emplace_back("cited");
    for (const auto& r : results) {
        const auto cited = cited_turns(r.assessment);
        for (const auto& t : r.turns) {
            std::vector<boost::json::value> row{boost::json::value(r.file), t.turn,
                                                boost::json::value(t.speaker),
                                                boost::json::value(t.role), count_words(t.text)};
            for (const auto& dimension : coaching_dimensions()) {
                const auto found = t.codes.find(dimension.id);
                row.emplace_back(found == t.codes.end() ? "" : joined(found->second, ";"));
            }
            row.emplace_back(cited.count(t.turn) != 0);
            table.rows.push_back(std::move(row));
        }
    }
    return table;
}

void write_csv(const CorpusTable& table, std::ostream& out) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i > 0)
            out << ',';
        write_field(out, table.columns[i]);
    }
    out << "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0)
                out << ',';
            write_field(out, cell_text(row[i]));
        }
        out << "\r\n";
    }
}

COACHKIT_NAMESPACE_END
