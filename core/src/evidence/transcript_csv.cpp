// A transcript as a spreadsheet: a header row, then one row per utterance. `speaker` and `text`
// are required (`utterance` or `content` may stand for `text`), `start` and `end` optional, and
// every other named column is kept in Utterance::fields: the codes a researcher adds to a
// coaching conversation (initiation, stimulus, scale, time, function).
#include <algorithm>
#include <vector>

#include "coachkit/evidence/csv_reader.hpp"
#include "evidence/format_reader.hpp"
#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view csv_time = "seconds (12.5) or HH:MM:SS(.mmm)";

class CsvTranscriptReader final : public FormatReader {
public:
    CsvTranscriptReader(ByteSource& input, DiagnosticSink& sink);

    bool read(Utterance& out) override;
    [[nodiscard]] std::uint64_t bytes_read() const override { return csv_.bytes_read(); }
    [[nodiscard]] std::string_view expected() const override {
        return "rows of speaker and text under the header row";
    }
    [[nodiscard]] std::string_view speaker_hint() const override {
        return "a name in the 'speaker' column";
    }

private:
    std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const;
    std::optional<double> read_time(std::size_t column, std::size_t line, bool& malformed);

    CsvReader csv_;
    DiagnosticSink& sink_;
    bool usable_ = false;
    std::size_t speaker_ = 0;
    std::size_t text_ = 0;
    std::optional<std::size_t> start_;
    std::optional<std::size_t> end_;
    std::vector<std::pair<std::size_t, std::string>> codes_;  // column, lower-case name
    CsvRecord record_;
};

std::optional<std::size_t> CsvTranscriptReader::find(
    std::initializer_list<std::string_view> names) const {
    for (const auto name : names) {
        if (const auto column = csv_.column(name))
            return column;
    }
    return std::nullopt;
}

CsvTranscriptReader::CsvTranscriptReader(ByteSource& input, DiagnosticSink& sink)
    : csv_(input, sink), sink_(sink) {
    if (csv_.failed() || csv_.header().empty())
        return;
    const auto speaker = find({"speaker"});
    const auto text = find({"text", "utterance", "content"});
    start_ = find({"start", "start_time"});
    end_ = find({"end", "end_time"});
    if (!speaker || !text) {
        std::string missing;
        if (!speaker)
            missing = "'speaker'";
        if (!text)
            missing += std::string(missing.empty() ? "" : " and ") +
                       "'text' (or 'utterance' or 'content')";
        std::string found;
        for (const auto& name : csv_.header())
            found += (found.empty() ? "" : ", ") + (name.empty() ? std::string("(unnamed)") : name);
        sink_.error(
            csv_.header_line(), 1,
            "missing required column " + missing + ": the header has " + clipped(found, 200));
        return;
    }
    speaker_ = *speaker;
    text_ = *text;
    for (std::size_t i = 0; i < csv_.header().size(); ++i) {
        const std::string& name = csv_.header()[i];
        if (name.empty() || i == speaker_ || i == text_ || i == start_ || i == end_)
            continue;
        std::string key = lower_case(name);
        const bool repeated = std::any_of(codes_.begin(), codes_.end(),
                                          [&](const auto& code) { return code.second == key; });
        if (!repeated)
            codes_.emplace_back(i, std::move(key));
    }
    usable_ = true;
}

std::optional<double> CsvTranscriptReader::read_time(std::size_t column, std::size_t line,
                                                     bool& malformed) {
    const std::string_view cell = trim(record_.fields[column]);
    if (cell.empty())
        return std::nullopt;
    const auto seconds = parse_timestamp(cell);
    if (!seconds) {
        sink_.warning("malformed-timestamp", line, 1,
                      "malformed time '" + clipped(cell) + "' in column '" + csv_.header()[column] +
                          "': expected " + std::string(csv_time) +
                          "; the utterance is kept without times");
        malformed = true;
    }
    return seconds;
}

bool CsvTranscriptReader::read(Utterance& out) {
    if (!usable_)
        return false;
    while (csv_.next(record_)) {
        out.line = record_.line;
        out.text.clear();
        append_words(out.text, record_.fields[text_]);  // line breaks in a cell become spaces
        if (out.text.empty()) {
            sink_.warning("empty-text", out.line, 1,
                          "row has no text in column '" + csv_.header()[text_] + "'; skipped");
            continue;
        }
        out.speaker = std::string(trim(record_.fields[speaker_]));
        bool malformed = false;
        out.start = start_ ? read_time(*start_, out.line, malformed) : std::nullopt;
        out.end = end_ ? read_time(*end_, out.line, malformed) : std::nullopt;
        if (malformed) {
            out.start.reset();
            out.end.reset();
        }
        out.fields.clear();
        for (const auto& [column, name] : codes_) {
            const std::string_view value = trim(record_.fields[column]);
            if (!value.empty())
                out.fields.emplace(name, value);
        }
        return true;
    }
    return false;
}

}  // namespace

std::unique_ptr<FormatReader> make_csv_transcript_reader(ByteSource& input, DiagnosticSink& sink) {
    return std::make_unique<CsvTranscriptReader>(input, sink);
}

COACHKIT_NAMESPACE_END
