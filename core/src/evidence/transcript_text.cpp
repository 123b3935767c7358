// Plain `Speaker: text` lines, as people type a transcript. A line that does not start with a
// speaker continues the utterance before it; a leading `[HH:MM:SS]` gives the start. Which text
// before a colon counts as a speaker is the rule in is_speaker_label (text_rules.hpp).
#include "evidence/format_reader.hpp"
#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view text_time = "[HH:MM:SS] or [MM:SS], optionally with .mmm";

bool is_time_character(char c) {
    return (c >= '0' && c <= '9') || c == ':' || c == '.' || c == ',';
}

bool looks_like_time(std::string_view token) {
    return !token.empty() && token.find_first_not_of("0123456789:.,") == std::string_view::npos &&
           token.find(':') != std::string_view::npos && token.back() >= '0' && token.back() <= '9';
}

// A time at the start of a line: `[00:01:02]`, `(01:02.5)` or `00:01:02 ` (each needs a colon,
// so "3 pupils" is not a time). Sets `token` and removes it, and a dash after it, from
// `text`.
bool take_leading_time(std::string_view& text, std::string_view& token) {
    std::string_view rest;
    if (text.front() == '[' || text.front() == '(') {
        const char closing = text.front() == '[' ? ']' : ')';
        const std::size_t close = text.find(closing);
        if (close == std::string_view::npos)
            return false;
        const std::string_view inner = trim(text.substr(1, close - 1));
        // A digit first and a colon: "[00:01:02]", or "[00:7x:02]" to be reported as malformed;
        // "[inaudible]" is text.
        if (inner.empty() || inner.front() < '0' || inner.front() > '9' ||
            inner.find(':') == std::string_view::npos)
            return false;
        token = inner;
        rest = text.substr(close + 1);
    } else {
        std::size_t end = 0;
        while (end < text.size() && is_time_character(text[end]))
            ++end;
        if (end < text.size() && text[end] != ' ' && text[end] != '\t')
            return false;
        if (!looks_like_time(text.substr(0, end)))
            return false;
        token = text.substr(0, end);
        rest = text.substr(end);
    }
    rest = trim(rest);
    if (rest.substr(0, 1) == "-")
        rest = trim(rest.substr(1));
    else if (rest.substr(0, 3) == "\xE2\x80\x93")  // an en dash
        rest = trim(rest.substr(3));
    text = rest;
    return true;
}

class TextTranscriptReader final : public FormatReader {
public:
    TextTranscriptReader(ByteSource& input, DiagnosticSink& sink)
        : lines_(input, sink), sink_(sink) {}

    bool read(Utterance& out) override;
    [[nodiscard]] std::uint64_t bytes_read() const override { return lines_.bytes_read(); }
    [[nodiscard]] std::string_view expected() const override { return "lines of 'Speaker: text'"; }
    [[nodiscard]] std::string_view speaker_hint() const override {
        return "'Speaker: text', with a short name before the colon (see the speaker rule in "
               "docs/transcript-formats.md)";
    }

private:
    bool stop() {
        stopped_ = true;
        return false;
    }
    /// Whether the utterance gathered so far has words; warns if not ("Ms Khan:" and nothing).
    bool pending_has_text() {
        if (!has_pending_)
            return false;
        if (pending_.text.empty()) {
            sink_.warning("empty-text", pending_.line, 1,
                          "'" + clipped(pending_.speaker) + ":' has no text; skipped");
            has_pending_ = false;
        }
        return has_pending_;
    }

    LineReader lines_;
    DiagnosticSink& sink_;
    std::string line_;
    Utterance pending_;  // gathered until a line starts the next utterance
    bool has_pending_ = false;
    bool stopped_ = false;
    std::optional<double> next_start_;  // from a line that holds only a time
};

bool TextTranscriptReader::read(Utterance& out) {
    if (stopped_)
        return false;
    for (;;) {
        if (!lines_.next(line_)) {
            if (!lines_.failed() && pending_has_text()) {
                std::swap(out, pending_);  // swapping reuses both utterances' buffers
                has_pending_ = false;
                return true;
            }
            return stop();
        }
        std::string_view text = trim(line_);
        if (text.empty())
            continue;  // blank lines separate nothing: a continuation may follow one
        std::string_view token;
        const bool timed = take_leading_time(text, token);
        std::optional<double> start;
        if (timed) {
            start = parse_timestamp(token);
            if (!start)
                warn_malformed_timing(sink_, lines_.line_number(), token, text_time);
            if (text.empty()) {
                next_start_ = start;  // "[00:01:00]" on its own line times the next utterance
                continue;
            }
        }
        const auto prefix = split_speaker(text);
        if (!prefix && !timed && has_pending_) {
            if (!append_cue_text(pending_, text, sink_, pending_.line))
                return stop();
            continue;
        }
        // This line starts an utterance: hand over the one gathered so far, if any.
        const bool handing_over = pending_has_text();
        if (handing_over)
            std::swap(out, pending_);
        pending_.line = lines_.line_number();
        pending_.speaker = prefix ? std::string(prefix->speaker) : std::string();
        pending_.text.clear();
        pending_.fields.clear();
        pending_.start = timed ? start : next_start_;
        pending_.end.reset();
        next_start_.reset();
        has_pending_ = true;
        if (!append_cue_text(pending_, prefix ? prefix->rest : text, sink_, pending_.line))
            return stop();
        if (handing_over)
            return true;
    }
}

}  // namespace

std::unique_ptr<FormatReader> make_text_transcript_reader(ByteSource& input, DiagnosticSink& sink) {
    return std::make_unique<TextTranscriptReader>(input, sink);
}

COACHKIT_NAMESPACE_END
