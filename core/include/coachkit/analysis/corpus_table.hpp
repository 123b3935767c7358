// A scored corpus as tables: one row per transcript, one per turn. The CLI writes them as CSV
// and Python turns them into pandas DataFrames, so both give the same columns
// (docs/rubrics.md#tables).
#pragma once

#include <boost/json/value.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "coachkit/analysis/corpus.hpp"

COACHKIT_NAMESPACE_BEGIN

struct COACHKIT_API CorpusTable {
    std::vector<std::string> columns;
    /// Cells are strings, numbers, booleans or null (a transcript that failed has no level).
    std::vector<std::vector<boost::json::value>> rows;
};

/// file, ok, turns, coded_turns, level, overall, one `<criterion>` column per criterion of the
/// rubric (its level), rationale, cited_turns ("3;7;12"), errors.
[[nodiscard]] COACHKIT_API CorpusTable
transcript_table(const std::vector<ScoredTranscript>& results);
/// file, turn, speaker, role, words, one column per dimension of coaching talk (values joined by
/// ';'), cited (whether the assessment cites the turn).
[[nodiscard]] COACHKIT_API CorpusTable turn_table(const std::vector<ScoredTranscript>& results);

/// RFC 4180 CSV: a header row, fields quoted when they hold a comma, quote or line break.
COACHKIT_API void write_csv(const CorpusTable& table, std::ostream& out);

COACHKIT_NAMESPACE_END
