#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;
using Lines = std::vector<std::string>;

TEST(LineReader, SplitsOnEveryKindOfLineEnd) {
    // \n, \r\n and a lone \r (old Mac files) all end a line; a last line needs no line end.
    const auto result = read_lines("one\ntwo\r\nthree\rfour\n\nsix");
    EXPECT_TRUE(result.ok()) << result.text();
    EXPECT_EQ(result.lines, (Lines{"one", "two", "three", "four", "", "six"}));
}

TEST(LineReader, GivesTheSameLinesWhateverTheChunkSize) {
    const std::string text =
        "Ms Khan: caf\xC3\xA9\r\nAmir: \xE2\x9C\x93 yes\r\rBella: \xF0\x9F\x98\x80\n";
    const Lines expected{"Ms Khan: caf\xC3\xA9", "Amir: \xE2\x9C\x93 yes", "",
                         "Bella: \xF0\x9F\x98\x80"};
    for (const std::size_t chunk : {1u, 2u, 3u, 5u, 0u}) {
        const auto result = read_lines(text, chunk);
        EXPECT_TRUE(result.ok()) << "chunk " << chunk << ": " << result.text();
        EXPECT_EQ(result.lines, expected) << "chunk " << chunk;
    }
}

TEST(LineReader, NumbersLinesAndKnowsTheirOffsets) {
    const std::string text =
        "\xEF\xBB\xBF"
        "ab\r\ncd\n";
    MemoryByteSource input(text, "input");
    Diagnostics out;
    DiagnosticSink sink(out, "input");
    LineReader reader(input, sink);
    std::string line;
    ASSERT_TRUE(reader.next(line));
    EXPECT_EQ(line, "ab");  // the byte-order mark is gone
    EXPECT_EQ(reader.line_number(), 1u);
    EXPECT_EQ(reader.line_offset(), 3u);
    EXPECT_EQ(reader.bytes_read(), 7u);
    ASSERT_TRUE(reader.next(line));
    EXPECT_EQ(line, "cd");
    EXPECT_EQ(reader.line_number(), 2u);
    EXPECT_EQ(reader.line_offset(), 7u);
    EXPECT_FALSE(reader.next(line));
    EXPECT_EQ(reader.bytes_read(), text.size());
    EXPECT_TRUE(out.empty());
}

TEST(LineReader, AByteOrderMarkAloneIsAnEmptyInput) {
    const auto result = read_lines("\xEF\xBB\xBF", 1);
    EXPECT_TRUE(result.ok());
    EXPECT_TRUE(result.lines.empty());
}

TEST(LineReader, InvalidUtf8IsAnErrorWithItsByteOffsetLineAndColumn) {
    // Line 2 starts at byte 4; "é" is one character, so the bad byte 0xFF is in column 3.
    const std::string text = "abc\n\xC3\xA9x\xFFyz\nnever read\n";
    for (const std::size_t chunk : {1u, 4u, 0u}) {
        const auto result = read_lines(text, chunk);
        ASSERT_EQ(result.diagnostics.size(), 1u) << result.text();
        const Diagnostic& d = result.diagnostics[0];
        EXPECT_EQ(d.severity, Severity::error);
        EXPECT_EQ(d.line, 2u);
        EXPECT_EQ(d.column, 3u);
        EXPECT_NE(d.message.find("invalid UTF-8 at byte offset 7 (byte 0xFF)"), std::string::npos)
            << d.message;
        EXPECT_EQ(result.lines, (Lines{"abc"})) << "reading stops at the error";
    }
}

TEST(LineReader, ASequenceCutShortIsInvalidEvenAtTheEnd) {
    const auto result = read_lines("ok\nend\xE2\x9C", 1);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 2, "byte offset 6"))
        << result.text();
}

TEST(LineReader, OverlongAndSurrogateFormsAreInvalid) {
    EXPECT_FALSE(read_lines("\xC0\xAF").ok());          // overlong '/'
    EXPECT_FALSE(read_lines("\xED\xA0\x80").ok());      // a UTF-16 surrogate
    EXPECT_FALSE(read_lines("\xF4\x90\x80\x80").ok());  // above U+10FFFF
}

TEST(LineReader, Utf16IsRefusedWithAClearMessage) {
    for (const std::string& bom : {std::string("\xFF\xFE"), std::string("\xFE\xFF")}) {
        const auto result = read_lines(bom + std::string("W\0E\0", 4), 1);
        ASSERT_EQ(result.diagnostics.size(), 1u) << result.text();
        EXPECT_EQ(result.diagnostics[0].line, 1u);
        EXPECT_NE(result.diagnostics[0].message.find("UTF-16 is not supported: save as UTF-8"),
                  std::string::npos);
        EXPECT_TRUE(result.lines.empty());
    }
}

TEST(LineReader, ANulByteIsAnError) {
    const auto result = read_lines(std::string("one\ntw\0o\n", 9));
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 2, "NUL byte at byte offset 6"))
        << result.text();
}

TEST(LineReader, ALineLongerThanTheLimitIsAnError) {
    const std::string fits(max_line_bytes, 'a');
    EXPECT_TRUE(read_lines(fits + "\nb\n").ok());
    const std::string too_long = "first\n" + std::string(max_line_bytes + 1, 'a') + "\nlast\n";
    const auto result = read_lines(too_long, 4096);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 2, "line longer than 1048576"))
        << result.text();
    EXPECT_EQ(result.lines, (Lines{"first"}));
}

TEST(LineReader, AFailingReadIsAnErrorNotAnException) {
    FailingByteSource input("one\ntwo");
    Diagnostics out;
    DiagnosticSink sink(out, "failing");
    LineReader reader(input, sink);
    std::string line;
    ASSERT_TRUE(reader.next(line));
    EXPECT_EQ(line, "one");
    EXPECT_FALSE(reader.next(line));
    EXPECT_TRUE(reader.failed());
    EXPECT_TRUE(has_diagnostic(out, Severity::error, 2, "cannot read the input"));
}

TEST(DiagnosticSink, KeepsTheFirstWarningsOfEachKindAndSummarisesTheRest) {
    Diagnostics out;
    DiagnosticSink sink(out, "talk.csv", 3);
    for (std::size_t line = 1; line <= 10; ++line)
        sink.warning("ragged", line, 1, "ragged row");
    sink.warning("other", 11, 2, "something else");
    EXPECT_EQ(out.size(), 4u);
    sink.finish();
    ASSERT_EQ(out.size(), 5u);
    EXPECT_EQ(out[4].line, 4u);  // where the unlisted ones begin
    EXPECT_EQ(out[4].severity, Severity::warning);
    EXPECT_NE(out[4].message.find("and 7 more warnings of this kind (ragged)"), std::string::npos)
        << out[4].message;
    EXPECT_EQ(out[3].file, "talk.csv");
    EXPECT_EQ(sink.warnings_of("ragged"), 10u);
    sink.finish();
    EXPECT_EQ(out.size(), 5u) << "a second finish() repeats nothing";
    EXPECT_FALSE(sink.failed());
}

TEST(DiagnosticSink, KeepsEveryError) {
    Diagnostics out;
    DiagnosticSink sink(out, "x", 1);
    sink.error(1, 1, "a");
    sink.error(2, 1, "b");
    EXPECT_EQ(out.size(), 2u);
    EXPECT_TRUE(sink.failed());
}
