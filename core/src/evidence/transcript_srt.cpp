// SRT (SubRip) subtitles: numbered blocks of a timing line `HH:MM:SS,mmm --> HH:MM:SS,mmm` and
// text, separated by blank lines. Real files lose their numbers, gain extra blank lines or lose
// the blank line between blocks; each is read as the block it was meant to be.
#include "evidence/format_reader.hpp"
#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view srt_timing = "HH:MM:SS,mmm --> HH:MM:SS,mmm";

bool is_number(std::string_view text) {
    text = trim(text);
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

class SrtReader final : public FormatReader {
public:
    SrtReader(ByteSource& input, DiagnosticSink& sink) : lines_(input, sink), sink_(sink) {}

    bool read(Utterance& out) override;
    [[nodiscard]] std::uint64_t bytes_read() const override { return lines_.bytes_read(); }
    [[nodiscard]] std::string_view expected() const override {
        return "SRT blocks: a number, a timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm' and the "
               "subtitle's text";
    }
    [[nodiscard]] std::string_view speaker_hint() const override {
        return "a 'Speaker: ' or '[Speaker]' prefix or a voice tag '<v Speaker>' on the text";
    }

private:
    bool stop() {
        stopped_ = true;
        return false;
    }
    bool read_text(Utterance& out);
    void take_speaker(Utterance& out, bool other_voice);

    CueLines lines_;
    DiagnosticSink& sink_;
    bool stopped_ = false;
    std::string clean_;
    std::string voice_;
};

bool SrtReader::read_text(Utterance& out) {
    voice_.clear();
    bool other_voice = false;
    // Where out.text ended before a line that is only a number: if a timing line follows, that
    // number belonged to the next block (whose blank line is missing), not to this text.
    std::size_t before_number = std::string::npos;
    while (lines_.next() && !is_blank(lines_.line())) {
        if (has_cue_arrow(lines_.line())) {
            lines_.put_back();
            if (before_number != std::string::npos)
                out.text.resize(before_number);
            break;
        }
        before_number = is_number(lines_.line()) ? out.text.size() : std::string::npos;
        strip_markup(lines_.line(), Markup::srt, clean_, voice_, other_voice);
        if (!append_cue_text(out, clean_, sink_, out.line))
            return false;
    }
    if (lines_.failed())
        return false;
    take_speaker(out, other_voice);
    return true;
}

void SrtReader::take_speaker(Utterance& out, bool other_voice) {
    if (!voice_.empty()) {
        out.speaker = voice_;
        if (other_voice) {
            sink_.warning("several-voices", out.line, 1,
                          "subtitle has voice tags for more than one speaker: the utterance is "
                          "given to '" +
                              voice_ + "'");
        }
        return;
    }
    const std::string_view text = out.text;
    if (!text.empty() && text.front() == '[') {
        // "[Ms Khan] Good morning" names a speaker; "[laughter]" alone describes a sound.
        const std::size_t close = text.find(']');
        if (close != std::string_view::npos) {
            const std::string_view label = trim(text.substr(1, close - 1));
            const std::string_view rest = trim(text.substr(close + 1));
            if (!rest.empty() && is_speaker_label(label)) {
                out.speaker = std::string(label);
                out.text.erase(0, static_cast<std::size_t>(rest.data() - text.data()));
                return;
            }
        }
    }
    if (const auto prefix = split_speaker(out.text)) {
        out.speaker = std::string(prefix->speaker);
        out.text.erase(0, static_cast<std::size_t>(prefix->rest.data() - out.text.data()));
    }
}

bool SrtReader::read(Utterance& out) {
    if (stopped_)
        return false;
    for (;;) {
        do {
            if (!lines_.next())
                return stop();
        } while (is_blank(lines_.line()));
        const std::size_t block_line = lines_.line_number();
        if (is_number(lines_.line())) {
            const std::string number(trim(lines_.line()));
            if (!lines_.next() || is_blank(lines_.line()) || !has_cue_arrow(lines_.line())) {
                if (lines_.failed())
                    return stop();
                sink_.warning("srt-malformed-block", block_line, 1,
                              "subtitle " + clipped(number) + " has no timing line: expected '" +
                                  std::string(srt_timing) + "' after the number; skipped");
                if (!is_blank(lines_.line()))
                    lines_.skip_block();
                continue;
            }
        } else if (!has_cue_arrow(lines_.line())) {
            sink_.warning("srt-malformed-block", block_line, 1,
                          "expected a subtitle number or a timing line '" +
                              std::string(srt_timing) + "', found '" +
                              clipped(trim(lines_.line())) + "'; the block is skipped");
            lines_.skip_block();
            continue;
        }
        begin_cue(out, lines_.line_number(), lines_.line(), srt_timing, sink_);
        if (!read_text(out))
            return stop();
        if (out.text.empty()) {
            sink_.warning("empty-cue", out.line, 1, "subtitle has no text; skipped");
            continue;
        }
        return true;
    }
}

}  // namespace

std::unique_ptr<FormatReader> make_srt_reader(ByteSource& input, DiagnosticSink& sink) {
    return std::make_unique<SrtReader>(input, sink);
}

COACHKIT_NAMESPACE_END
