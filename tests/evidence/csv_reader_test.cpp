#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;
using Fields = std::vector<std::string>;

namespace {

struct CsvResult {
    Fields header;
    std::vector<CsvRecord> records;
    Diagnostics diagnostics;
    [[nodiscard]] std::string text() const {
        std::string all;
        for (const auto& d : diagnostics)
            all += d.to_string() + "\n";
        return all;
    }
};

CsvResult read_csv(std::string_view bytes, std::size_t chunk = 0) {
    ChunkedByteSource input(bytes, chunk == 0 ? bytes.size() + 1 : chunk);
    CsvResult result;
    DiagnosticSink sink(result.diagnostics, "talk.csv");
    CsvReader reader(input, sink);
    result.header = reader.header();
    CsvRecord record;
    while (reader.next(record))
        result.records.push_back(record);
    return result;
}

}  // namespace

TEST(CsvReader, ReadsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks) {
    const std::string text =
        "speaker,text\n"
        "Ms Khan,\"Well, yes\"\n"
        "Amir,\"She said \"\"no\"\"\"\n"
        "Bella,\"two\r\nlines\"\n"
        "Group 2,plain\n";
    for (const std::size_t chunk : {1u, 2u, 0u}) {
        const auto result = read_csv(text, chunk);
        EXPECT_TRUE(result.diagnostics.empty()) << result.text();
        EXPECT_EQ(result.header, (Fields{"speaker", "text"}));
        ASSERT_EQ(result.records.size(), 4u) << "chunk " << chunk;
        EXPECT_EQ(result.records[0].fields, (Fields{"Ms Khan", "Well, yes"}));
        EXPECT_EQ(result.records[1].fields, (Fields{"Amir", "She said \"no\""}));
        EXPECT_EQ(result.records[2].fields, (Fields{"Bella", "two\nlines"}));
        EXPECT_EQ(result.records[3].fields, (Fields{"Group 2", "plain"}));
        EXPECT_EQ(result.records[2].line, 4u);
        EXPECT_EQ(result.records[3].line, 6u) << "a record spanning two lines counts both";
    }
}

TEST(CsvReader, FindsColumnsWithoutCaseAndTrimsTheHeader) {
    MemoryByteSource input(" Speaker , TEXT ,start\n", "talk.csv");
    Diagnostics out;
    DiagnosticSink sink(out, "talk.csv");
    CsvReader reader(input, sink);
    EXPECT_EQ(reader.column("speaker"), 0u);
    EXPECT_EQ(reader.column("text"), 1u);
    EXPECT_EQ(reader.column("Start"), 2u);
    EXPECT_FALSE(reader.column("end").has_value());
    EXPECT_EQ(reader.header_line(), 1u);
}

TEST(CsvReader, SkipsBlankLinesAndRowsOfEmptyCells) {
    const auto result = read_csv("\n\nspeaker,text\n\n,\n  \nAmir,hi\n,,\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.records[0].line, 7u);
}

TEST(CsvReader, RaggedRowsAreWarningsAndAlwaysHaveTheHeadersWidth) {
    const auto result = read_csv("a,b,c\n1\n1,2,3,4\n1,2,3,,\n");
    ASSERT_EQ(result.records.size(), 3u);
    for (const auto& record : result.records)
        EXPECT_EQ(record.fields.size(), 3u);
    EXPECT_EQ(result.records[0].fields, (Fields{"1", "", ""}));
    EXPECT_EQ(result.records[1].fields, (Fields{"1", "2", "3"}));
    ASSERT_EQ(result.diagnostics.size(), 2u) << result.text();
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 2,
                               "row has 1 fields, the header has 3"));
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 3,
                               "row has 4 fields, the header has 3: the extra ones are dropped"));
    // Trailing empty cells lose nothing, so line 4 is not reported.
}

TEST(CsvReader, AnUnclosedQuoteIsAnErrorWhereItOpened) {
    const auto result = read_csv("speaker,text\nAmir,ok\nBella,\"never closed\nmore\nand more\n");
    ASSERT_EQ(result.records.size(), 1u);
    ASSERT_EQ(result.diagnostics.size(), 1u) << result.text();
    const Diagnostic& d = result.diagnostics[0];
    EXPECT_EQ(d.severity, Severity::error);
    EXPECT_EQ(d.line, 3u);
    EXPECT_EQ(d.column, 7u);
    EXPECT_NE(d.message.find("unclosed quote"), std::string::npos) << d.message;
}

TEST(CsvReader, ARecordOverTheLimitIsAnError) {
    std::string text = "speaker,text\nAmir,\"open\n";
    const std::string line(1000, 'x');
    while (text.size() <= max_csv_record_bytes + 2000)
        text += line + "\n";
    text += "\"\n";
    const auto result = read_csv(text);
    EXPECT_TRUE(result.records.empty());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 2,
                               "record starting on line 2 is longer than 4194304 bytes"))
        << result.text();
}

TEST(CsvReader, TextAfterAClosingQuoteIsKeptWithAWarning) {
    const auto result = read_csv("a,b\n\"x\"y,  \"z\"  \nq\"r,s\n");
    ASSERT_EQ(result.records.size(), 2u);
    EXPECT_EQ(result.records[0].fields, (Fields{"xy", "z"}));
    EXPECT_EQ(result.records[1].fields, (Fields{"q\"r", "s"})) << "a quote inside a cell is text";
    EXPECT_TRUE(
        has_diagnostic(result.diagnostics, Severity::warning, 2, "text after a closing quote"))
        << result.text();
}

TEST(CsvReader, AnEmptyInputIsAnError) {
    for (const std::string_view empty : {"", "\n\n", "\xEF\xBB\xBF"}) {
        const auto result = read_csv(empty);
        EXPECT_TRUE(result.header.empty());
        EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 1,
                                   "empty input: expected a header row"))
            << result.text();
    }
}

TEST(CsvReader, AHeaderAloneHasNoRecordsAndNoProblems) {
    const auto result = read_csv("speaker,text\r\n");
    EXPECT_EQ(result.header, (Fields{"speaker", "text"}));
    EXPECT_TRUE(result.records.empty());
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(CsvReader, ARepeatedColumnIsAWarning) {
    const auto result = read_csv("speaker,Speaker\na,b\n");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 1, "appears twice"));
}

TEST(CsvReader, TooManyColumnsIsAnError) {
    std::string header;
    for (std::size_t i = 0; i <= max_csv_columns; ++i)
        header += "c" + std::to_string(i) + ",";
    const auto result = read_csv(header + "\n");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 1, "more than 1024 columns"));
}

TEST(CsvReader, InvalidUtf8InsideAQuotedFieldStopsReading) {
    const auto result = read_csv("speaker,text\nAmir,\"a\nb\xFF\"\n");
    EXPECT_TRUE(result.records.empty());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 3, "invalid UTF-8"))
        << result.text();
    EXPECT_EQ(result.diagnostics.size(), 1u) << "no second error for the quote";
}
