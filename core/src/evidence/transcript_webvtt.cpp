// WebVTT (https://www.w3.org/TR/webvtt1/) as captioning tools and meeting recorders write it: a
// WEBVTT line, then cues of an optional identifier, a timing line and text. Speakers come from
// voice tags or a `Speaker: ` prefix; NOTE, STYLE and REGION blocks carry no talk.
#include "evidence/format_reader.hpp"
#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view vtt_timing = "HH:MM:SS.mmm --> HH:MM:SS.mmm";

// "NOTE", "NOTE this", but not "NOTES".
bool starts_block(std::string_view line, std::string_view word) {
    return line.substr(0, word.size()) == word &&
           (line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t');
}

class WebVttReader final : public FormatReader {
public:
    WebVttReader(ByteSource& input, DiagnosticSink& sink) : lines_(input, sink), sink_(sink) {}

    bool read(Utterance& out) override;
    [[nodiscard]] std::uint64_t bytes_read() const override { return lines_.bytes_read(); }
    [[nodiscard]] std::string_view expected() const override {
        return "a 'WEBVTT' line, then cues: a timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm' and "
               "the cue's text";
    }
    [[nodiscard]] std::string_view speaker_hint() const override {
        return "a voice tag '<v Speaker>' or a 'Speaker: ' prefix on the cue's text";
    }

private:
    bool stop() {
        stopped_ = true;
        return false;
    }
    bool read_header();
    bool read_cue_text(Utterance& out);

    CueLines lines_;
    DiagnosticSink& sink_;
    bool header_read_ = false;
    bool stopped_ = false;
    std::string clean_;  // one line of cue text without markup
    std::string voice_;
};

bool WebVttReader::read_header() {
    if (!lines_.next())
        return false;  // an empty input: the caller reports "no utterances"
    const std::string_view first = lines_.line();
    if (!starts_block(first, "WEBVTT")) {
        const bool srt_like = is_blank(first) || has_cue_arrow(first) ||
                              first.find_first_not_of("0123456789 \t") == std::string_view::npos;
        sink_.error(1, 1,
                    "expected 'WEBVTT' on the first line, found '" + clipped(first) + "'" +
                        (srt_like ? " (if this is an SRT file, read it as format 'srt')" : ""));
        return false;
    }
    // Header lines ("Kind: captions") run to the first blank line.
    while (lines_.next()) {
        if (is_blank(lines_.line()))
            return true;
        if (has_cue_arrow(lines_.line())) {
            lines_.put_back();  // a cue with no blank line before it
            return true;
        }
    }
    return !lines_.failed();
}

bool WebVttReader::read_cue_text(Utterance& out) {
    voice_.clear();
    bool other_voice = false;
    while (lines_.next() && !is_blank(lines_.line())) {
        if (has_cue_arrow(lines_.line())) {
            lines_.put_back();  // the next cue, with no blank line before it
            break;
        }
        strip_markup(lines_.line(), Markup::webvtt, clean_, voice_, other_voice);
        if (!append_cue_text(out, clean_, sink_, out.line))
            return false;
    }
    if (lines_.failed())
        return false;
    if (!voice_.empty()) {
        out.speaker = voice_;
        if (other_voice) {
            sink_.warning("several-voices", out.line, 1,
                          "cue has voice tags for more than one speaker: expected one voice per "
                          "cue; the utterance is given to '" +
                              voice_ + "'");
        }
    } else if (const auto prefix = split_speaker(out.text)) {
        out.speaker = std::string(prefix->speaker);
        out.text.erase(0, static_cast<std::size_t>(prefix->rest.data() - out.text.data()));
    }
    return true;
}

bool WebVttReader::read(Utterance& out) {
    if (stopped_)
        return false;
    if (!header_read_) {
        header_read_ = true;
        if (!read_header())
            return stop();
    }
    for (;;) {
        do {
            if (!lines_.next())
                return stop();
        } while (is_blank(lines_.line()));
        if (starts_block(lines_.line(), "NOTE") || starts_block(lines_.line(), "STYLE") ||
            starts_block(lines_.line(), "REGION")) {
            lines_.skip_block();
            continue;
        }
        if (!has_cue_arrow(lines_.line())) {
            // A cue identifier; the timing line must follow it.
            const std::size_t id_line = lines_.line_number();
            const std::string id = clipped(lines_.line());
            if (!lines_.next() || is_blank(lines_.line()) || !has_cue_arrow(lines_.line())) {
                if (lines_.failed())
                    return stop();
                sink_.warning("cue-without-timing", id_line, 1,
                              "expected a cue timing line '" + std::string(vtt_timing) +
                                  "' after '" + id + "'; the block is skipped");
                if (!is_blank(lines_.line()))
                    lines_.skip_block();
                continue;
            }
        }
        begin_cue(out, lines_.line_number(), lines_.line(), vtt_timing, sink_);
        if (!read_cue_text(out))
            return stop();
        if (out.text.empty()) {
            sink_.warning("empty-cue", out.line, 1, "cue has no text; skipped");
            continue;
        }
        return true;
    }
}

}  // namespace

std::unique_ptr<FormatReader> make_webvtt_reader(ByteSource& input, DiagnosticSink& sink) {
    return std::make_unique<WebVttReader>(input, sink);
}

COACHKIT_NAMESPACE_END
