// Transcripts of talk (a lesson, a coaching conversation) read as a stream of utterances from
// WebVTT, SRT, CSV or plain `Speaker: text` lines. Readers hold one utterance at a time, so a
// transcript of any size is read in bounded memory. Every format, rule and diagnostic is described
// in docs/transcript-formats.md.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/evidence/line_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

enum class TranscriptFormat { webvtt, srt, csv, text };

/// The most bytes of text one utterance may gather (1 MiB): a cue or a run of continuation lines
/// longer than that is an error, so a file missing its blank lines cannot grow one utterance
/// without bound.
inline constexpr std::size_t max_utterance_bytes = std::size_t{1} << 20;

/// "webvtt", "srt", "csv", "text".
[[nodiscard]] COACHKIT_API std::string_view to_string(TranscriptFormat format);
/// The names to_string gives, and "vtt" and "txt"; case-insensitive.
[[nodiscard]] COACHKIT_API std::optional<TranscriptFormat> parse_transcript_format(
    std::string_view text);
/// The format a file name suggests (.vtt, .srt, .csv, .txt; case-insensitive), if any.
[[nodiscard]] COACHKIT_API std::optional<TranscriptFormat> transcript_format_for_path(
    std::string_view path);

/// One turn of talk.
struct COACHKIT_API Utterance {
    std::size_t index = 0;        ///< 0-based position in the transcript
    std::size_t line = 0;         ///< 1-based line where it starts (for a cue, its timing line)
    std::string speaker;          ///< as written; empty when the transcript names nobody
    std::string text;             ///< the words, a cue's lines joined by one space
    std::optional<double> start;  ///< seconds from the transcript's zero
    std::optional<double> end;
    /// Extra CSV columns by lower-case header name (codes such as "function"), empty cells left
    /// out.
    std::map<std::string, std::string> fields;
};

/// Reads utterances one at a time. Problems go to the sink: errors (invalid UTF-8, an unclosed
/// quote, a file with no utterance) stop reading; warnings (a missing speaker, a malformed or
/// out-of-order timestamp, an overlap) name the line and reading goes on.
class COACHKIT_API TranscriptReader {
public:
    virtual ~TranscriptReader();
    /// The next utterance into `out`; false at the end or after an error.
    [[nodiscard]] virtual bool next(Utterance& out) = 0;
};

/// A reader for `format` over `input`. The reader keeps references to both.
[[nodiscard]] COACHKIT_API std::unique_ptr<TranscriptReader> make_transcript_reader(
    TranscriptFormat format, ByteSource& input, DiagnosticSink& sink);

/// Reads a whole transcript, calling `each` per utterance; returns how many were read. An input
/// with no utterance at all gets the error "no utterances". Calls sink.finish() before returning.
COACHKIT_API std::size_t read_transcript(TranscriptFormat format, ByteSource& input,
                                         DiagnosticSink& sink,
                                         const std::function<void(const Utterance&)>& each);

/// Parses a timestamp as the formats write it: `HH:MM:SS.mmm`, `MM:SS.mmm`, `HH:MM:SS,mmm` (SRT),
/// `HH:MM:SS`, `MM:SS`, or plain seconds (`12.5`, CSV). Minutes and seconds after the first
/// field are two digits below 60; surrounding spaces are ignored. Seconds, or nullopt when
/// malformed.
[[nodiscard]] COACHKIT_API std::optional<double> parse_timestamp(std::string_view text);

/// `HH:MM:SS.mmm`, as messages and exports write a time in seconds.
[[nodiscard]] COACHKIT_API std::string format_timestamp(double seconds);

COACHKIT_NAMESPACE_END
