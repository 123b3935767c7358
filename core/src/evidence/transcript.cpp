#include "coachkit/evidence/transcript.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "evidence/format_reader.hpp"
#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

TranscriptReader::~TranscriptReader() = default;

std::string_view to_string(TranscriptFormat format) {
    switch (format) {
        case TranscriptFormat::webvtt:
            return "webvtt";
        case TranscriptFormat::srt:
            return "srt";
        case TranscriptFormat::csv:
            return "csv";
        case TranscriptFormat::text:
            return "text";
    }
    return "unknown";
}

std::optional<TranscriptFormat> parse_transcript_format(std::string_view text) {
    for (const auto format : {TranscriptFormat::webvtt, TranscriptFormat::srt,
                              TranscriptFormat::csv, TranscriptFormat::text}) {
        if (equals_ignoring_case(text, to_string(format)))
            return format;
    }
    if (equals_ignoring_case(text, "vtt"))
        return TranscriptFormat::webvtt;
    if (equals_ignoring_case(text, "txt"))
        return TranscriptFormat::text;
    return std::nullopt;
}

std::optional<TranscriptFormat> transcript_format_for_path(std::string_view path) {
    const std::size_t dot = path.rfind('.');
    const std::size_t slash = path.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return std::nullopt;
    const std::string_view extension = path.substr(dot + 1);
    if (equals_ignoring_case(extension, "vtt"))
        return TranscriptFormat::webvtt;
    if (equals_ignoring_case(extension, "srt"))
        return TranscriptFormat::srt;
    if (equals_ignoring_case(extension, "csv"))
        return TranscriptFormat::csv;
    if (equals_ignoring_case(extension, "txt"))
        return TranscriptFormat::text;
    return std::nullopt;
}

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Adds the digits of `text` to `value`; false if one is not a digit.
bool read_number(std::string_view text, double& value) {
    if (!all_digits(text))
        return false;
    for (const char c : text)
        value = value * 10 + (c - '0');
    return true;
}

}  // namespace

std::optional<double> parse_timestamp(std::string_view text) {
    text = trim(text);
    if (text.empty() || text.size() > 32)
        return std::nullopt;
    const std::size_t last_colon = text.rfind(':');
    const std::size_t separator = text.find_first_of(".,");
    double fraction = 0;
    if (separator != std::string_view::npos) {
        // A comma separates milliseconds only in SRT's `00:00:01,500`, never in plain seconds.
        if (last_colon == std::string_view::npos ? text[separator] == ',' : separator < last_colon)
            return std::nullopt;
        const std::string_view digits = text.substr(separator + 1);
        if (digits.empty() || digits.size() > 9 || !read_number(digits, fraction))
            return std::nullopt;
        static constexpr double powers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
        fraction /= powers[digits.size()];
        text = text.substr(0, separator);
    }
    double seconds = 0;
    std::size_t fields = 0;
    while (true) {
        const std::size_t colon = text.find(':');
        const std::string_view field = text.substr(0, colon);
        double value = 0;
        if (fields == 0 ? field.size() > 9 : field.size() != 2)
            return std::nullopt;
        if (!read_number(field, value) || (fields > 0 && value >= 60))
            return std::nullopt;
        seconds = seconds * 60 + value;
        ++fields;
        if (colon == std::string_view::npos)
            break;
        if (fields == 3)
            return std::nullopt;
        text = text.substr(colon + 1);
    }
    return seconds + fraction;
}

std::string format_timestamp(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0)
        return "?";
    const auto millis = std::llround(seconds * 1000);
    char text[48];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld.%03lld", millis / 3600000,
                  millis / 60000 % 60, millis / 1000 % 60, millis % 1000);
    return text;
}

namespace {

// The checks every format shares, around the format's own reader.
class CheckedReader final : public TranscriptReader {
public:
    CheckedReader(std::unique_ptr<FormatReader> reader, DiagnosticSink& sink)
        : reader_(std::move(reader)), sink_(sink) {}

    bool next(Utterance& out) override {
        if (done_)
            return false;
        if (!reader_->read(out)) {
            done_ = true;
            if (count_ == 0 && !sink_.failed()) {
                sink_.error(1, 1,
                            std::string(reader_->bytes_read() == 0 ? "empty input: " : "") +
                                "no utterances: expected " + std::string(reader_->expected()));
            }
            return false;
        }
        out.index = count_++;
        check_times(out);
        if (out.speaker.empty()) {
            sink_.warning("missing-speaker", out.line, 1,
                          "no speaker: expected " + std::string(reader_->speaker_hint()));
        }
        return true;
    }

private:
    void check_times(Utterance& out) {
        if (out.start && out.end && *out.end < *out.start) {
            sink_.warning("end-before-start", out.line, 1,
                          "ends at " + format_timestamp(*out.end) + ", before it starts at " +
                              format_timestamp(*out.start) + ": its times are dropped");
            out.start.reset();
            out.end.reset();
        }
        if (!out.start)
            return;
        if (previous_start_ && *out.start < *previous_start_) {
            sink_.warning("timestamps-out-of-order", out.line, 1,
                          "starts at " + format_timestamp(*out.start) +
                              ", before the previous utterance (line " +
                              std::to_string(previous_line_) + ") starts at " +
                              format_timestamp(*previous_start_) + ": expected times in order");
        } else if (previous_end_ && *out.start < *previous_end_) {
            // Pupils talk over each other and over the teacher: kept, but said.
            sink_.warning("overlapping-utterances", out.line, 1,
                          "starts at " + format_timestamp(*out.start) +
                              ", before the previous utterance (line " +
                              std::to_string(previous_line_) + ") ends at " +
                              format_timestamp(*previous_end_) + ": overlapping talk is kept");
        }
        previous_start_ = out.start;
        previous_end_ = out.end;
        previous_line_ = out.line;
    }

    std::unique_ptr<FormatReader> reader_;
    DiagnosticSink& sink_;
    std::size_t count_ = 0;
    bool done_ = false;
    std::optional<double> previous_start_;
    std::optional<double> previous_end_;
    std::size_t previous_line_ = 0;
};

}  // namespace

std::unique_ptr<TranscriptReader> make_transcript_reader(TranscriptFormat format, ByteSource& input,
                                                         DiagnosticSink& sink) {
    std::unique_ptr<FormatReader> reader;
    switch (format) {
        case TranscriptFormat::webvtt:
            reader = make_webvtt_reader(input, sink);
            break;
        case TranscriptFormat::srt:
            reader = make_srt_reader(input, sink);
            break;
        case TranscriptFormat::csv:
            reader = make_csv_transcript_reader(input, sink);
            break;
        case TranscriptFormat::text:
            reader = make_text_transcript_reader(input, sink);
            break;
    }
    if (!reader)  // a value cast to TranscriptFormat that names no format: a caller's bug
        throw Error("make_transcript_reader: unknown transcript format");
    return std::make_unique<CheckedReader>(std::move(reader), sink);
}

std::size_t read_transcript(TranscriptFormat format, ByteSource& input, DiagnosticSink& sink,
                            const std::function<void(const Utterance&)>& each) {
    const auto reader = make_transcript_reader(format, input, sink);
    Utterance utterance;
    std::size_t count = 0;
    while (reader->next(utterance)) {
        each(utterance);
        ++count;
    }
    sink.finish();
    return count;
}

COACHKIT_NAMESPACE_END
