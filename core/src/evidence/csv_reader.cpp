#include "coachkit/evidence/csv_reader.hpp"

#include <algorithm>
#include <cstring>

#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

enum class State {
    field_start,  // nothing read of this cell yet (but maybe spaces)
    unquoted,
    quoted,
    after_quote,  // a quoted cell closed; only spaces and a comma may follow
};

}  // namespace

bool CsvReader::fail(std::size_t line, std::size_t column, std::string message) {
    failed_ = true;
    sink_.error(line, column, std::move(message));
    return false;
}

CsvReader::CsvReader(ByteSource& input, DiagnosticSink& sink) : lines_(input, sink), sink_(sink) {
    do {
        if (!read_record(max_csv_columns + 1)) {
            if (!failed_) {
                fail(1, 1,
                     "empty input: expected a header row of column names separated by commas");
            }
            return;
        }
    } while (!has_text_);
    header_line_ = record_line_;
    if (cell_count_ > max_csv_columns) {
        fail(header_line_, 1,
             "the header row has more than " + std::to_string(max_csv_columns) +
                 " columns: expected a header row of column names separated by commas");
        return;
    }
    header_.resize(cell_count_);
    for (std::size_t i = 0; i < cell_count_; ++i) {
        header_[i] = std::string(trim(cells_[i]));
        if (header_[i].empty())
            continue;
        for (std::size_t j = 0; j < i; ++j) {
            if (equals_ignoring_case(header_[i], header_[j])) {
                sink_.warning("csv-duplicate-column", header_line_, 1,
                              "column '" + header_[i] + "' appears twice (columns " +
                                  std::to_string(j + 1) + " and " + std::to_string(i + 1) +
                                  "): the first is used");
                break;
            }
        }
    }
}

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
    name = trim(name);
    for (std::size_t i = 0; i < header_.size(); ++i) {
        if (equals_ignoring_case(header_[i], name))
            return i;
    }
    return std::nullopt;
}

bool CsvReader::next(CsvRecord& record) {
    if (failed_ || header_.empty())
        return false;
    do {
        if (!read_record(header_.size()))
            return false;
    } while (!has_text_);
    const std::size_t columns = header_.size();
    if (cell_count_ < columns) {
        sink_.warning("csv-ragged-row", record_line_, 1,
                      "row has " + std::to_string(cell_count_) + " fields, the header has " +
                          std::to_string(columns) + ": the missing ones read as empty");
    } else if (cell_count_ > columns && dropped_text_) {
        sink_.warning("csv-ragged-row", record_line_, 1,
                      "row has " + std::to_string(cell_count_) + " fields, the header has " +
                          std::to_string(columns) + ": the extra ones are dropped");
    }
    record.line = record_line_;
    record.fields.resize(columns);
    for (std::size_t i = 0; i < columns; ++i) {
        if (i < cell_count_)
            std::swap(record.fields[i], cells_[i]);  // swapping keeps both sets of buffers alive
        else
            record.fields[i].clear();
    }
    return true;
}

bool CsvReader::read_record(std::size_t keep) {
    if (failed_)
        return false;
    do {
        if (!lines_.next(line_)) {
            failed_ = lines_.failed();
            return false;
        }
    } while (is_blank(line_));

    record_line_ = lines_.line_number();
    cell_count_ = 0;
    dropped_text_ = false;
    has_text_ = false;
    std::size_t record_bytes = line_.size();
    std::size_t quote_line = 0, quote_column = 0;
    bool warned_after_quote = false;

    // The cell being read: stored while cell_count_ < keep, otherwise only looked at.
    std::string* cell = nullptr;
    const auto begin_cell = [&] {
        cell = nullptr;
        if (cell_count_ < keep) {
            if (cells_.size() <= cell_count_)
                cells_.resize(cell_count_ + 1);
            cell = &cells_[cell_count_];
            cell->clear();
        }
    };
    const auto append = [&](std::string_view text) {
        if (cell != nullptr)
            cell->append(text);
        else if (!is_blank(text))
            dropped_text_ = true;
        if (!has_text_ && !is_blank(text))
            has_text_ = true;
    };
    const auto end_cell = [&] { ++cell_count_; };

    State state = State::field_start;
    begin_cell();
    for (;;) {
        const std::string_view text = line_;
        std::size_t i = 0;
        while (i < text.size()) {
            const char c = text[i];
            switch (state) {
                case State::field_start:
                    if (c == '"') {
                        // Spaces before an opening quote are dropped (a common hand-written
                        // form: `Ms Khan, "Well, yes"`).
                        if (cell != nullptr)
                            cell->clear();
                        state = State::quoted;
                        has_text_ = true;
                        quote_line = lines_.line_number();
                        quote_column = character_column(text, i);
                        ++i;
                    } else if (c == ',') {
                        end_cell();
                        begin_cell();
                        ++i;
                    } else if (c == ' ' || c == '\t') {
                        append(text.substr(i, 1));
                        ++i;
                    } else {
                        state = State::unquoted;
                    }
                    break;
                case State::unquoted: {
                    // A quote inside an unquoted cell is kept as written (`a 5" ruler`).
                    const std::size_t comma = std::min(text.find(',', i), text.size());
                    append(text.substr(i, comma - i));
                    i = comma;
                    if (i < text.size()) {
                        end_cell();
                        begin_cell();
                        state = State::field_start;
                        ++i;
                    }
                    break;
                }
                case State::quoted: {
                    const std::size_t quote = std::min(text.find('"', i), text.size());
                    append(text.substr(i, quote - i));
                    i = quote;
                    if (i < text.size()) {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            append("\"");
                            i += 2;
                        } else {
                            state = State::after_quote;
                            ++i;
                        }
                    }
                    break;
                }
                case State::after_quote:
                    if (c == ',') {
                        end_cell();
                        begin_cell();
                        state = State::field_start;
                    } else if (c != ' ' && c != '\t') {
                        if (!warned_after_quote) {
                            sink_.warning("csv-text-after-quote", lines_.line_number(),
                                          character_column(text, i),
                                          "text after a closing quote: expected a comma; the "
                                          "text is kept in the cell");
                            warned_after_quote = true;
                        }
                        state = State::unquoted;  // which reads this character on
                        continue;
                    }
                    ++i;
                    break;
            }
        }
        if (state != State::quoted)
            break;
        // A line break inside quotes belongs to the cell: read on.
        if (!lines_.next(line_)) {
            if (lines_.failed()) {
                failed_ = true;
                return false;
            }
            return fail(quote_line, quote_column,
                        "unclosed quote: the quoted field opened on line " +
                            std::to_string(quote_line) + " never closes; expected a closing '\"'");
        }
        record_bytes += line_.size() + 1;
        if (record_bytes > max_csv_record_bytes) {
            return fail(quote_line, quote_column,
                        "record starting on line " + std::to_string(record_line_) +
                            " is longer than " + std::to_string(max_csv_record_bytes) +
                            " bytes: the quote opened on line " + std::to_string(quote_line) +
                            " is probably never closed");
        }
        append("\n");
    }
    end_cell();
    return true;
}

COACHKIT_NAMESPACE_END
