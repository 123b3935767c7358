#include "text_table.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <sstream>

namespace coachkit::cli {

namespace {

// Terminal columns taken by a UTF-8 string: one per code point (enough for the Latin text we
// print).
std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

constexpr std::size_t kGap = 2;

}  // namespace

std::vector<std::string> wrap(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word, line;
    while (words >> word) {
        if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty() || lines.empty())
        lines.push_back(line);
    return lines;
}

std::size_t terminal_width() {
    if (const char* columns = std::getenv("COLUMNS")) {
        const long value = std::strtol(columns, nullptr, 10);
        if (value >= 40)
            return static_cast<std::size_t>(value);
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
        size.ws_col >= 40) {
        return size.ws_col;
    }
    return 100;
}

TextTable::TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out, std::size_t width) const {
    const std::size_t columns = headers_.size();
    std::vector<std::size_t> widths(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        widths[c] = display_width(headers_[c]);
        for (const auto& row : rows_)
            widths[c] = std::max(widths[c], display_width(row[c]));
    }
    // Shrink the widest column until the table fits, but never below a readable minimum nor
    // below its longest word: words are not broken, so a narrower column would push the columns
    // after it out of line.
    std::vector<std::size_t> floor(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        auto longest_word = [&](const std::string& cell) {
            for (const auto& word : wrap(cell, 1))
                floor[c] = std::max(floor[c], display_width(word));
        };
        longest_word(headers_[c]);
        for (const auto& row : rows_)
            longest_word(row[c]);
        floor[c] = std::max(floor[c], std::min<std::size_t>(widths[c], 12));
    }
    const std::size_t gaps = kGap * (columns - 1);
    auto total = [&] { return std::accumulate(widths.begin(), widths.end(), gaps); };
    while (total() > width) {
        std::size_t widest = columns;
        for (std::size_t c = 0; c < columns; ++c) {
            if (widths[c] > floor[c] && (widest == columns || widths[c] > widths[widest]))
                widest = c;
        }
        if (widest == columns)
            break;
        --widths[widest];
    }

    auto print_row = [&](const std::vector<std::string>& cells) {
        std::vector<std::vector<std::string>> wrapped(columns);
        std::size_t height = 1;
        for (std::size_t c = 0; c < columns; ++c) {
            wrapped[c] = wrap(cells[c], widths[c]);
            height = std::max(height, wrapped[c].size());
        }
        for (std::size_t line = 0; line < height; ++line) {
            std::string text;
            for (std::size_t c = 0; c < columns; ++c) {
                const std::string part = line < wrapped[c].size() ? wrapped[c][line] : "";
                text += part;
                if (c + 1 < columns)
                    text += std::string(widths[c] - std::min(widths[c], display_width(part)) + kGap,
                                        ' ');
            }
            text.erase(text.find_last_not_of(' ') + 1);
            out << text << '\n';
        }
    };
    print_row(headers_);
    std::vector<std::string> rule;
    for (const auto w : widths)
        rule.emplace_back(w, '-');
    print_row(rule);
    for (const auto& row : rows_)
        print_row(row);
}

}  // namespace coachkit::cli
