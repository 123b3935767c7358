// Shared by the reading tests: byte sources that misbehave on purpose, and a transcript or its
// lines read in one call.
#pragma once

#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chunked_byte_source.hpp"

namespace coachkit::testing {

/// Serves `good` bytes, then throws Error as a vanished file would.
class FailingByteSource final : public ByteSource {
public:
    explicit FailingByteSource(std::string good);
    ~FailingByteSource() override;
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override;
    [[nodiscard]] bool rewind() override { return false; }
    [[nodiscard]] std::optional<std::uint64_t> size() const override { return std::nullopt; }
    [[nodiscard]] const std::string& name() const override { return name_; }

private:
    std::string good_;
    bool served_ = false;
    std::string name_ = "failing";
};

/// What reading one input produced.
struct ReadResult {
    std::vector<Utterance> utterances;
    std::vector<std::string> lines;
    Diagnostics diagnostics;
    [[nodiscard]] bool ok() const { return !has_errors(diagnostics); }
    [[nodiscard]] std::size_t warnings() const;
    /// Every diagnostic, one per line (for failure messages).
    [[nodiscard]] std::string text() const;
};

/// The transcript in `bytes`, read with read_transcript; `chunk` 0 reads it in one piece.
[[nodiscard]] ReadResult read_transcript_bytes(TranscriptFormat format, std::string_view bytes,
                                               std::size_t chunk = 0);
/// The lines in `bytes`, read with LineReader.
[[nodiscard]] ReadResult read_lines(std::string_view bytes, std::size_t chunk = 0);

/// Whether `diagnostics` holds one of `severity` on `line` (0: any line) whose message contains
/// `fragment`.
[[nodiscard]] bool has_diagnostic(const Diagnostics& diagnostics, Severity severity,
                                  std::size_t line, std::string_view fragment);

/// The same utterance, field by field (index, line, speaker, text, times, fields).
[[nodiscard]] bool same_utterance(const Utterance& a, const Utterance& b);

}  // namespace coachkit::testing
