// Private: what each transcript format's reader provides. A format reader turns its syntax into
// utterances and reports its own syntax problems; make_transcript_reader wraps it with the checks
// every format shares (times in order, no overlap, a speaker, at least one utterance).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "coachkit/evidence/transcript.hpp"

COACHKIT_NAMESPACE_BEGIN

class FormatReader {
public:
    FormatReader() = default;
    FormatReader(const FormatReader&) = delete;
    FormatReader& operator=(const FormatReader&) = delete;
    virtual ~FormatReader();
    /// The next utterance (line, speaker, text, times, fields; index is set by the caller), with
    /// `out`'s buffers reused; false at the end or after an error.
    virtual bool read(Utterance& out) = 0;
    /// Bytes consumed so far (0 means the input was empty).
    [[nodiscard]] virtual std::uint64_t bytes_read() const = 0;
    /// What the format expects, for "no utterances" ("WebVTT cues: a timing line …").
    [[nodiscard]] virtual std::string_view expected() const = 0;
    /// How this format names a speaker, for "no speaker" warnings.
    [[nodiscard]] virtual std::string_view speaker_hint() const = 0;
};

std::unique_ptr<FormatReader> make_webvtt_reader(ByteSource& input, DiagnosticSink& sink);
std::unique_ptr<FormatReader> make_srt_reader(ByteSource& input, DiagnosticSink& sink);
std::unique_ptr<FormatReader> make_csv_transcript_reader(ByteSource& input, DiagnosticSink& sink);
std::unique_ptr<FormatReader> make_text_transcript_reader(ByteSource& input, DiagnosticSink& sink);

/// The lines of a cue-based format (WebVTT, SRT): a LineReader with one line of look-ahead that can
/// be put back (a cue that starts without a blank line before it is found while reading the text
/// of the one before), and skipping to the end of a block.
class CueLines {
public:
    CueLines(ByteSource& input, DiagnosticSink& sink) : lines_(input, sink) {}
    /// The next line into line(), the one put back first; false at the end or after an error.
    bool next();
    /// line() is read again by the next call to next().
    void put_back() { pushed_back_ = true; }
    /// Skips the rest of the current block, up to and including its blank line.
    void skip_block();
    [[nodiscard]] const std::string& line() const { return line_; }
    [[nodiscard]] std::size_t line_number() const { return lines_.line_number(); }
    [[nodiscard]] bool failed() const { return lines_.failed(); }
    [[nodiscard]] std::uint64_t bytes_read() const { return lines_.bytes_read(); }

private:
    LineReader lines_;
    std::string line_;
    bool pushed_back_ = false;
};

/// True when `line` is a cue timing line ("start --> end", settings after it or not).
bool has_cue_arrow(std::string_view line);

/// Adds one line of cue text to an utterance, reporting an utterance grown past
/// max_utterance_bytes (an error: false) at `start_line`.
bool append_cue_text(Utterance& out, std::string_view text, DiagnosticSink& sink,
                     std::size_t start_line);

/// The warning for a timing that does not parse; the utterance is kept without times.
void warn_malformed_timing(DiagnosticSink& sink, std::size_t line, std::string_view timing,
                           std::string_view expected);

/// Splits `start --> end [settings]` into its two times; false when there is no "-->". A time
/// that does not parse is nullopt.
struct CueTiming {
    std::optional<double> start;
    std::optional<double> end;
};
bool parse_cue_timing(std::string_view line, CueTiming& timing);

/// Starts a cue (WebVTT, SRT) at `line` from its timing line: `out` is cleared and given the times,
/// or keeps none with the malformed-timing warning (`expected` shows the format's timing line).
void begin_cue(Utterance& out, std::size_t line, std::string_view timing_line,
               std::string_view expected, DiagnosticSink& sink);

COACHKIT_NAMESPACE_END
