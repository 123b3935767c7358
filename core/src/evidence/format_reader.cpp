#include "evidence/format_reader.hpp"

#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

FormatReader::~FormatReader() = default;

bool CueLines::next() {
    if (pushed_back_) {
        pushed_back_ = false;
        return true;
    }
    return lines_.next(line_);
}

void CueLines::skip_block() {
    while (next() && !is_blank(line_)) {
    }
}

bool has_cue_arrow(std::string_view line) {
    return line.find("-->") != std::string_view::npos;
}

bool append_cue_text(Utterance& out, std::string_view text, DiagnosticSink& sink,
                     std::size_t start_line) {
    append_words(out.text, text);
    if (out.text.size() <= max_utterance_bytes)
        return true;
    sink.error(start_line, 1,
               "utterance longer than " + std::to_string(max_utterance_bytes) +
                   " bytes: expected a blank line or a new speaker before this much text");
    return false;
}

void warn_malformed_timing(DiagnosticSink& sink, std::size_t line, std::string_view timing,
                           std::string_view expected) {
    sink.warning("malformed-timestamp", line, 1,
                 "malformed timing '" + clipped(trim(timing), 60) + "': expected '" +
                     std::string(expected) + "'; the utterance is kept without times");
}

bool parse_cue_timing(std::string_view line, CueTiming& timing) {
    const std::size_t arrow = line.find("-->");
    if (arrow == std::string_view::npos)
        return false;
    std::string_view after = trim(line.substr(arrow + 3));
    // Cue settings ("align:start", SRT's "X1:…") follow the end time after white space.
    after = after.substr(0, after.find_first_of(" \t"));
    timing.start = parse_timestamp(line.substr(0, arrow));
    timing.end = parse_timestamp(after);
    return true;
}

void begin_cue(Utterance& out, std::size_t line, std::string_view timing_line,
               std::string_view expected, DiagnosticSink& sink) {
    out.line = line;
    out.speaker.clear();
    out.text.clear();
    out.fields.clear();
    out.start.reset();
    out.end.reset();
    CueTiming timing;
    parse_cue_timing(timing_line, timing);
    if (timing.start && timing.end) {
        out.start = timing.start;
        out.end = timing.end;
    } else {
        warn_malformed_timing(sink, line, timing_line, expected);
    }
}

COACHKIT_NAMESPACE_END
