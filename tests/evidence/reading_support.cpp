#include "reading_support.hpp"

#include <algorithm>
#include <cstring>

namespace coachkit::testing {

FailingByteSource::FailingByteSource(std::string good) : good_(std::move(good)) {}

FailingByteSource::~FailingByteSource() = default;

std::size_t FailingByteSource::read(char* buffer, std::size_t size) {
    if (served_)
        throw Error("failing: input/output error");
    served_ = true;
    const std::size_t n = std::min(size, good_.size());
    std::memcpy(buffer, good_.data(), n);
    return n;
}

std::size_t ReadResult::warnings() const {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

std::string ReadResult::text() const {
    std::string all;
    for (const auto& d : diagnostics)
        all += d.to_string() + "\n";
    return all;
}

ReadResult read_transcript_bytes(TranscriptFormat format, std::string_view bytes,
                                 std::size_t chunk) {
    ChunkedByteSource input(bytes, chunk == 0 ? bytes.size() + 1 : chunk);
    ReadResult result;
    DiagnosticSink sink(result.diagnostics, "input");
    read_transcript(format, input, sink,
                    [&](const Utterance& u) { result.utterances.push_back(u); });
    return result;
}

ReadResult read_lines(std::string_view bytes, std::size_t chunk) {
    ChunkedByteSource input(bytes, chunk == 0 ? bytes.size() + 1 : chunk);
    ReadResult result;
    DiagnosticSink sink(result.diagnostics, "input");
    LineReader reader(input, sink);
    std::string line;
    while (reader.next(line))
        result.lines.push_back(line);
    return result;
}

bool has_diagnostic(const Diagnostics& diagnostics, Severity severity, std::size_t line,
                    std::string_view fragment) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
        return d.severity == severity && (line == 0 || d.line == line) &&
               d.message.find(fragment) != std::string::npos;
    });
}

bool same_utterance(const Utterance& a, const Utterance& b) {
    return a.index == b.index && a.line == b.line && a.speaker == b.speaker && a.text == b.text &&
           a.start == b.start && a.end == b.end && a.fields == b.fields;
}

}  // namespace coachkit::testing
