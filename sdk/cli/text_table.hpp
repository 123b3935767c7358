// A plain-text table for the terminal: columns sized to their content, long cells wrapped at word
// boundaries so the table fits the terminal width.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace coachkit::cli {

class TextTable {
public:
    explicit TextTable(std::vector<std::string> headers);
    void add_row(std::vector<std::string> cells);
    /// Writes the table no wider than `width` columns (wrapping cells where needed).
    void print(std::ostream& out, std::size_t width) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

/// The width to lay text out in: $COLUMNS if set, else the terminal's, else 100.
std::size_t terminal_width();

/// Word-wraps `text` into lines of at most `width` characters (a longer word gets its own line).
std::vector<std::string> wrap(const std::string& text, std::size_t width);

}  // namespace coachkit::cli
