// RFC 4180 CSV records from a ByteSource: quoted fields may hold commas, doubled quotes and line
// breaks. Ragged rows are warnings (missing cells read as empty, extra cells are dropped); an
// unclosed quote is an error naming the line where it opened. Details in
// docs/transcript-formats.md#csv-records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/evidence/line_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The most bytes one record may span, line breaks inside quotes included (4 MiB): a quote left
/// open near the top of a large file is reported instead of swallowing the rest of it.
inline constexpr std::size_t max_csv_record_bytes = std::size_t{1} << 22;
/// The most columns a header may have.
inline constexpr std::size_t max_csv_columns = 1024;

struct COACHKIT_API CsvRecord {
    std::size_t line = 0;             ///< where the record starts (1-based)
    std::vector<std::string> fields;  ///< always as many as the header has columns
};

class COACHKIT_API CsvReader {
public:
    /// Reads the header row at once (an empty input is an error). Header names are trimmed and
    /// compared case-insensitively by column().
    CsvReader(ByteSource& input, DiagnosticSink& sink);
    [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
    /// Index of the column named `name` (case-insensitive), if there is one.
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
    /// The next record that has a non-empty cell (blank lines and rows of empty cells are
    /// skipped); false at the end or after an error. Line breaks inside quotes read as "\n".
    [[nodiscard]] bool next(CsvRecord& record);
    /// Line of the header row (0 when there is none).
    [[nodiscard]] std::size_t header_line() const { return header_line_; }
    /// True once reading stopped on an error (reported to the sink).
    [[nodiscard]] bool failed() const { return failed_; }
    /// Bytes consumed so far.
    [[nodiscard]] std::uint64_t bytes_read() const { return lines_.bytes_read(); }

private:
    /// Parses one record into cells_ (at most `keep` cells stored; the rest counted).
    bool read_record(std::size_t keep);
    bool fail(std::size_t line, std::size_t column, std::string message);
    LineReader lines_;
    DiagnosticSink& sink_;
    std::vector<std::string> header_;
    std::size_t header_line_ = 0;
    std::string line_;
    std::vector<std::string> cells_;  // the record being read, reused to keep allocations down
    std::size_t cell_count_ = 0;      // cells in the record, stored or not
    bool dropped_text_ = false;       // a cell past `keep` had text
    bool has_text_ = false;           // some cell is non-empty or quoted
    std::size_t record_line_ = 0;
    bool failed_ = false;
};

COACHKIT_NAMESPACE_END
