#include "coachkit/evidence/line_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>

#include "coachkit/text/utf8.hpp"

COACHKIT_NAMESPACE_BEGIN

DiagnosticSink::DiagnosticSink(Diagnostics& out, std::string origin, std::size_t limit)
    : out_(out), origin_(std::move(origin)), limit_(limit) {}

void DiagnosticSink::warning(std::string_view kind, std::size_t line, std::size_t column,
                             std::string message) {
    auto found =
        std::find_if(kinds_.begin(), kinds_.end(), [&](const Kind& k) { return k.name == kind; });
    if (found == kinds_.end()) {
        kinds_.push_back(Kind{std::string(kind)});
        found = std::prev(kinds_.end());
    }
    if (++found->seen > limit_) {
        if (found->first_dropped_line == 0)
            found->first_dropped_line = line;
        return;
    }
    out_.push_back({Severity::warning, origin_, "", line, column, std::move(message)});
}

void DiagnosticSink::error(std::size_t line, std::size_t column, std::string message) {
    failed_ = true;
    out_.push_back({Severity::error, origin_, "", line, column, std::move(message)});
}

void DiagnosticSink::finish() {
    for (auto& kind : kinds_) {
        if (kind.seen <= limit_)
            continue;
        const std::size_t dropped = kind.seen - limit_;
        if (dropped == kind.summarised)
            continue;
        out_.push_back({Severity::warning, origin_, "", kind.first_dropped_line, 1,
                        "and " + std::to_string(dropped - kind.summarised) +
                            " more warnings of this kind (" + kind.name +
                            ") not listed, from this line on"});
        kind.summarised = dropped;
    }
}

std::size_t DiagnosticSink::warnings_of(std::string_view kind) const {
    const auto found =
        std::find_if(kinds_.begin(), kinds_.end(), [&](const Kind& k) { return k.name == kind; });
    return found == kinds_.end() ? 0 : found->seen;
}

std::size_t character_column(std::string_view line, std::size_t byte) {
    byte = std::min(byte, line.size());
    std::size_t column = 1;
    for (std::size_t i = 0; i < byte; ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
            ++column;
    }
    return column;
}

namespace {

// Big enough that a read call costs little per byte, small enough to keep memory flat.
constexpr std::size_t chunk_bytes = 64 * 1024;

std::string hex_byte(char c) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(c)));
    return text;
}

// Index of the first byte of `text` that is not ASCII, or text.size(). Most transcripts are
// nearly all ASCII, so this skips the full UTF-8 check for most lines.
std::size_t first_non_ascii(std::string_view text) {
    std::size_t i = 0;
    const std::size_t words = text.size() / 8 * 8;
    for (; i < words; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        if ((word & 0x8080808080808080ULL) != 0)
            break;
    }
    for (; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) >= 0x80)
            return i;
    }
    return text.size();
}

}  // namespace

LineReader::LineReader(ByteSource& input, DiagnosticSink& sink) : input_(input), sink_(sink) {}

bool LineReader::fail(std::size_t line, std::size_t column, std::string message) {
    failed_ = true;
    sink_.error(line, column, std::move(message));
    return false;
}

bool LineReader::fill() {
    if (start_ > 0) {
        // Keep only the unfinished line: the buffer never holds more than one line and a chunk.
        buffer_.erase(0, start_);
        base_ += start_;
        start_ = 0;
    }
    // Read into a chunk of its own, not into spare room at the buffer's end: a source that gives
    // one byte at a time must not cost a chunk's worth of work per byte.
    // A small file needs no 64 KiB chunk: zero-filling it was a quarter of the time of scoring a
    // corpus of short transcripts (docs/benchmarks.md). 4 KiB at least, in case the file grows.
    if (chunk_.empty()) {
        const std::uint64_t known = input_.size().value_or(chunk_bytes);
        chunk_.resize(static_cast<std::size_t>(std::clamp<std::uint64_t>(
            known + 1, std::min<std::uint64_t>(4096, chunk_bytes), chunk_bytes)));
    }
    std::size_t got = 0;
    try {
        got = input_.read(chunk_.data(), chunk_.size());
    } catch (const std::exception& e) {
        // A vanished file or a disk error is not bad input, but a reader still never throws.
        return fail(line_number_ + 1, 1, std::string("cannot read the input: ") + e.what());
    }
    buffer_.append(chunk_.data(), std::min(got, chunk_.size()));
    if (got == 0)
        at_end_ = true;
    return true;
}

bool LineReader::check_start() {
    started_ = true;
    while (buffer_.size() < 3 && !at_end_) {
        if (!fill())
            return false;
    }
    const auto byte = [&](std::size_t i) {
        return i < buffer_.size() ? static_cast<unsigned char>(buffer_[i]) : 0x100u;
    };
    if ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF)) {
        const char* order = byte(0) == 0xFF ? "little-endian" : "big-endian";
        return fail(1, 1,
                    std::string("UTF-16 is not supported: save as UTF-8 (the file starts with a "
                                "UTF-16 ") +
                        order + " byte-order mark)");
    }
    if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF)
        start_ = 3;  // a UTF-8 byte-order mark says nothing a reader needs
    return true;
}

bool LineReader::check_text(std::string_view line) {
    const std::uint64_t offset = line_offset_;
    const std::size_t ascii = first_non_ascii(line);
    if (ascii < line.size()) {
        if (const auto bad = find_invalid_utf8(line.substr(ascii))) {
            const std::size_t at = ascii + *bad;
            return fail(line_number_, character_column(line, at),
                        "invalid UTF-8 at byte offset " + std::to_string(offset + at) + " (byte " +
                            hex_byte(line[at]) + "): expected UTF-8 text; save the file as UTF-8");
        }
    }
    if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
        const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - line.data());
        return fail(line_number_, character_column(line, at),
                    "NUL byte at byte offset " + std::to_string(offset + at) +
                        ": expected UTF-8 text, found binary data (or UTF-16 without a "
                        "byte-order mark)");
    }
    return true;
}

bool LineReader::next(std::string& line) {
    if (failed_)
        return false;
    if (!started_ && !check_start())
        return false;
    std::size_t end = 0;    // one past the line's last byte
    std::size_t after = 0;  // first byte of the following line
    for (;;) {
        const char* from = buffer_.data() + start_ + scanned_;
        const char* to = buffer_.data() + buffer_.size();
        const char* found = std::find_if(from, to, [](char c) { return c == '\n' || c == '\r'; });
        if (found != to) {
            const auto at = static_cast<std::size_t>(found - buffer_.data());
            if (*found == '\r' && at + 1 == buffer_.size() && !at_end_) {
                // Is it \r\n split across two chunks? Read on before deciding.
                scanned_ = at - start_;
                if (!fill())
                    return false;
                continue;
            }
            end = at;
            after = at + 1;
            if (*found == '\r' && after < buffer_.size() && buffer_[after] == '\n')
                ++after;
            break;
        }
        scanned_ = buffer_.size() - start_;
        if (scanned_ > max_line_bytes)
            break;  // reported below, with the line's number
        if (at_end_) {
            if (start_ == buffer_.size())
                return false;
            end = after = buffer_.size();
            break;
        }
        if (!fill())
            return false;
    }
    ++line_number_;
    line_offset_ = base_ + start_;
    if (scanned_ > max_line_bytes || end - start_ > max_line_bytes) {
        return fail(line_number_, 1,
                    "line longer than " + std::to_string(max_line_bytes) +
                        " bytes (the most one line may hold): expected text with line breaks");
    }
    line.assign(buffer_, start_, end - start_);
    start_ = after;
    scanned_ = 0;
    return check_text(line);
}

COACHKIT_NAMESPACE_END
