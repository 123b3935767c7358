// Fuzz target: LineReader. Lines hold no line end, no NUL and only valid UTF-8, are numbered in
// order, fit max_line_bytes, and are the same whatever the chunk size; when reading ends without
// an error, every byte was consumed.
#include <vector>

#include "fuzz_support.hpp"

namespace {

struct Reading {
    std::vector<std::string> lines;
    std::vector<std::uint64_t> offsets;
    std::uint64_t consumed = 0;
    coachkit::Diagnostics diagnostics;
};

Reading read(coachkit::ByteSource& input) {
    Reading result;
    coachkit::DiagnosticSink sink(result.diagnostics, "fuzz");
    coachkit::LineReader reader(input, sink);
    std::string line;
    while (reader.next(line)) {
        coachkit::fuzz::check(reader.line_number() == result.lines.size() + 1,
                              "lines are numbered in order");
        result.lines.push_back(line);
        result.offsets.push_back(reader.line_offset());
    }
    result.consumed = reader.bytes_read();
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using coachkit::fuzz::check;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    coachkit::MemoryByteSource whole_input(bytes, "fuzz");
    const Reading whole = read(whole_input);
    coachkit::fuzz::ChunkedSource chunked_input(bytes, coachkit::fuzz::chunk_size_for(bytes),
                                                "fuzz");
    const Reading chunked = read(chunked_input);

    check(whole.lines == chunked.lines, "chunking changes nothing");
    check(whole.offsets == chunked.offsets, "chunking changes nothing");
    check(whole.diagnostics.size() == chunked.diagnostics.size(), "chunking changes nothing");
    coachkit::fuzz::check_diagnostics(whole.diagnostics);
    check(whole.diagnostics.size() <= 1, "reading stops at the first error");
    for (std::size_t i = 0; i < whole.lines.size(); ++i) {
        const std::string& line = whole.lines[i];
        check(line.find_first_of("\r\n") == std::string::npos, "a line holds no line end");
        check(line.find('\0') == std::string::npos, "a line holds no NUL");
        check(!coachkit::find_invalid_utf8(line).has_value(), "a line is valid UTF-8");
        check(line.size() <= coachkit::max_line_bytes, "a line is bounded");
        check(whole.offsets[i] + line.size() <= size, "a line lies inside the input");
        check(bytes.substr(whole.offsets[i], line.size()) == line, "a line is the input's bytes");
    }
    if (whole.diagnostics.empty())
        check(whole.consumed == size, "without an error every byte is read");
    return 0;
}
