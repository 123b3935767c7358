// Lines of UTF-8 text from a ByteSource, in bounded memory, each with its line number and byte
// offset, for every text format coachkit reads (transcripts, CSV records). Shared by the built-in
// evidence sources and available to a school's own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/evidence/byte_source.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The longest line a reader accepts (1 MiB): a longer one is an error, so a file without line
/// breaks cannot make a reader hold gigabytes.
inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

/// Collects diagnostics for one input, keeping at most `limit` warnings of each message kind
/// (the rest are counted, and summarised by finish()), so a file with a problem on every line
/// still yields a bounded list. Errors are always kept.
class COACHKIT_API DiagnosticSink {
public:
    DiagnosticSink(Diagnostics& out, std::string origin, std::size_t limit = 20);
    /// `kind` groups similar warnings ("timestamps-out-of-order"); the first `limit` of a kind are
    /// kept.
    void warning(std::string_view kind, std::size_t line, std::size_t column, std::string message);
    void error(std::size_t line, std::size_t column, std::string message);
    /// Adds one "N more warnings of this kind" line for each kind that went over the limit since
    /// the last call, so calling it twice adds nothing new.
    void finish();
    [[nodiscard]] bool failed() const { return failed_; }
    [[nodiscard]] const std::string& origin() const { return origin_; }
    /// Warnings of `kind` seen so far, kept or not.
    [[nodiscard]] std::size_t warnings_of(std::string_view kind) const;

private:
    struct Kind {
        std::string name;
        std::size_t seen = 0;
        std::size_t summarised = 0;  // warnings over the limit already counted by finish()
        std::size_t first_dropped_line = 0;
    };
    Diagnostics& out_;
    std::string origin_;
    std::size_t limit_;
    bool failed_ = false;
    std::vector<Kind> kinds_;  // few: one per kind of problem a reader can find
};

/// Reads lines; strips the line end (\n, \r\n, or a lone \r, which also ends a line) and a UTF-8
/// byte-order mark at the start. Errors, after which reading stops: invalid UTF-8 (naming the
/// line, column and absolute byte offset), a NUL byte, a UTF-16 byte-order mark, a line over
/// max_line_bytes, and a ByteSource that fails to read. Columns count characters, not bytes.
class COACHKIT_API LineReader {
public:
    LineReader(ByteSource& input, DiagnosticSink& sink);
    /// The next line into `line`; false at the end of input or after an error.
    [[nodiscard]] bool next(std::string& line);
    /// 1-based number of the line last returned.
    [[nodiscard]] std::size_t line_number() const { return line_number_; }
    /// Byte offset of the first byte of the line last returned (after a byte-order mark).
    [[nodiscard]] std::uint64_t line_offset() const { return line_offset_; }
    /// Bytes consumed so far, line ends included.
    [[nodiscard]] std::uint64_t bytes_read() const { return base_ + start_; }
    /// True once reading stopped on an error (reported to the sink).
    [[nodiscard]] bool failed() const { return failed_; }

private:
    bool fill();
    bool check_start();
    bool check_text(std::string_view line);
    bool fail(std::size_t line, std::size_t column, std::string message);
    ByteSource& input_;
    DiagnosticSink& sink_;
    std::vector<char> chunk_;  // what one read gives
    std::string buffer_;       // buffer_[0] is the input's byte base_
    std::uint64_t base_ = 0;
    std::size_t start_ = 0;    // first byte of the next line in buffer_
    std::size_t scanned_ = 0;  // bytes after start_ known to hold no line end
    bool started_ = false;
    bool at_end_ = false;
    bool failed_ = false;
    std::size_t line_number_ = 0;
    std::uint64_t line_offset_ = 0;
};

/// 1-based column of byte `byte` in `line`, counting UTF-8 characters (the bytes before it must be
/// valid UTF-8).
[[nodiscard]] COACHKIT_API std::size_t character_column(std::string_view line, std::size_t byte);

COACHKIT_NAMESPACE_END
