#include "fuzz_support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace coachkit::fuzz {

void check(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz check failed: %s\n", what);
        std::abort();
    }
}

std::size_t chunk_size_for(std::string_view input) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < input.size() && i < 8; ++i)
        sum += static_cast<unsigned char>(input[i]);
    return 1 + (sum + input.size()) % 16;
}

void check_diagnostics(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics) {
        check(d.file == "fuzz", "a diagnostic names its origin");
        check(d.line >= 1 && d.column >= 1, "a diagnostic names a line and a column");
        check(!d.message.empty(), "a diagnostic says something");
        check(!find_invalid_utf8(d.message).has_value(), "a message is valid UTF-8");
    }
}

namespace {

struct Reading {
    std::vector<Utterance> utterances;
    Diagnostics diagnostics;
};

Reading read(TranscriptFormat format, ByteSource& input) {
    Reading result;
    DiagnosticSink sink(result.diagnostics, "fuzz");
    read_transcript(format, input, sink,
                    [&](const Utterance& u) { result.utterances.push_back(u); });
    return result;
}

bool same(const Utterance& a, const Utterance& b) {
    return a.index == b.index && a.line == b.line && a.speaker == b.speaker && a.text == b.text &&
           a.start == b.start && a.end == b.end && a.fields == b.fields;
}

bool same(const Diagnostic& a, const Diagnostic& b) {
    return a.severity == b.severity && a.line == b.line && a.column == b.column &&
           a.message == b.message;
}

}  // namespace

void fuzz_transcript(TranscriptFormat format, std::string_view input) {
    MemoryByteSource whole_input(input, "fuzz");
    const Reading whole = read(format, whole_input);
    ChunkedSource chunked_input(input, chunk_size_for(input), "fuzz");
    const Reading chunked = read(format, chunked_input);

    check(whole.utterances.size() == chunked.utterances.size(), "chunking changes nothing");
    for (std::size_t i = 0; i < whole.utterances.size(); ++i)
        check(same(whole.utterances[i], chunked.utterances[i]), "chunking changes nothing");
    check(whole.diagnostics.size() == chunked.diagnostics.size(), "chunking changes nothing");
    for (std::size_t i = 0; i < whole.diagnostics.size(); ++i)
        check(same(whole.diagnostics[i], chunked.diagnostics[i]), "chunking changes nothing");

    check_diagnostics(whole.diagnostics);
    check(whole.diagnostics.size() <= 400, "the sink bounds the warnings");
    if (whole.utterances.empty())
        check(has_errors(whole.diagnostics), "no utterance is an error");
    std::size_t line = 0;
    for (std::size_t i = 0; i < whole.utterances.size(); ++i) {
        const Utterance& u = whole.utterances[i];
        check(u.index == i, "utterances are numbered in order");
        check(u.line >= 1 && u.line >= line, "utterances come in line order");
        line = u.line;
        check(!u.text.empty(), "an utterance has text");
        check(u.text.size() <= max_utterance_bytes, "an utterance is bounded");
        check(u.text.front() != ' ' && u.text.back() != ' ', "text is trimmed");
        check(!find_invalid_utf8(u.text).has_value(), "text is valid UTF-8");
        check(!find_invalid_utf8(u.speaker).has_value(), "a speaker is valid UTF-8");
        check(u.text.find('\n') == std::string::npos, "lines are joined");
        if (u.start)
            check(*u.start >= 0, "a start is not negative");
        if (u.start && u.end)
            check(*u.start <= *u.end, "an utterance does not end before it starts");
        for (const auto& [name, value] : u.fields)
            check(!name.empty() && !value.empty(), "codes have names and values");
    }
}

}  // namespace coachkit::fuzz
