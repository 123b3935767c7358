// The corpus of nasty inputs (data/nasty, one file per case): each gives the diagnostic the
// table says, read whole or a byte at a time, and nothing throws. The fuzz targets start from the
// same files.
#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>
#include <filesystem>
#include <optional>
#include <set>

#include "evidence_support.hpp"
#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

struct NastyCase {
    const char* file;
    TranscriptFormat format;
    std::optional<Severity> severity;  ///< nullopt: read cleanly, with no diagnostic at all
    std::size_t line;
    const char* fragment;
};

constexpr auto vtt = TranscriptFormat::webvtt;
constexpr auto srt = TranscriptFormat::srt;
constexpr auto csv = TranscriptFormat::csv;
constexpr auto txt = TranscriptFormat::text;
constexpr auto error = Severity::error;
constexpr auto warning = Severity::warning;

const std::vector<NastyCase>& cases() {
    static const std::vector<NastyCase> all{
        // Empty, or nothing said.
        {"empty.vtt", vtt, error, 1, "empty input: no utterances"},
        {"empty.srt", srt, error, 1, "empty input: no utterances"},
        {"empty.csv", csv, error, 1, "empty input: expected a header row"},
        {"empty.txt", txt, error, 1, "empty input: no utterances"},
        {"whitespace-only.txt", txt, error, 1, "no utterances: expected lines of 'Speaker: text'"},
        {"bom-only.srt", srt, error, 1, "no utterances: expected SRT blocks"},
        {"header-only.csv", csv, error, 1, "no utterances: expected rows of speaker and text"},
        {"header-only.vtt", vtt, error, 1, "no utterances: expected a 'WEBVTT' line"},
        {"only-timestamps.txt", txt, error, 1, "no utterances"},
        {"speakers-without-text.txt", txt, error, 1, "no utterances"},
        {"missing-header.vtt", vtt, error, 1, "expected 'WEBVTT' on the first line, found '1'"},
        // Encodings.
        {"invalid-utf8.vtt", vtt, error, 4, "invalid UTF-8 at byte offset 52 (byte 0xC3)"},
        {"invalid-utf8.csv", csv, error, 3, "invalid UTF-8 at byte offset 31 (byte 0xEF)"},
        {"truncated-utf8.txt", txt, error, 2, "invalid UTF-8 at byte offset 20 (byte 0xE2)"},
        {"latin1.txt", txt, error, 1, "invalid UTF-8 at byte offset 15 (byte 0xE9)"},
        {"overlong-utf8.srt", srt, error, 3, "invalid UTF-8 at byte offset 35 (byte 0xC0)"},
        {"surrogate-utf8.vtt", vtt, error, 4, "invalid UTF-8 at byte offset 43 (byte 0xED)"},
        {"utf16-le.txt", txt, error, 1, "UTF-16 is not supported: save as UTF-8"},
        {"utf16-be.vtt", vtt, error, 1, "UTF-16 is not supported: save as UTF-8"},
        {"utf16-no-bom.csv", csv, error, 1, "NUL byte at byte offset 1"},
        {"nul-bytes.srt", srt, error, 3, "NUL byte at byte offset 38"},
        {"binary-garbage.vtt", vtt, error, 1, "invalid UTF-8 at byte offset 0 (byte 0x89)"},
        {"long-line.txt", txt, error, 2, "line longer than 1048576 bytes"},
        // CSV structure.
        {"ragged.csv", csv, warning, 3, "row has 2 fields, the header has 4"},
        {"unclosed-quote.csv", csv, error, 4, "unclosed quote: the quoted field opened on line 4"},
        {"missing-column.csv", csv, error, 1,
         "missing required column 'text' (or 'utterance' or 'content'): the header has speaker, "
         "words, start"},
        {"every-row-ragged.csv", csv, warning, 22,
         "and 180 more warnings of this kind (csv-ragged-row)"},
        // Times.
        {"out-of-order.vtt", vtt, warning, 6,
         "before the previous utterance (line 3) starts at 00:00:10.000"},
        {"overlapping.vtt", vtt, warning, 6, "overlapping talk is kept"},
        {"end-before-start.srt", srt, warning, 2,
         "ends at 00:00:05.000, before it starts at 00:00:09.000"},
        {"malformed-timestamp.srt", srt, warning, 2, "malformed timing"},
        {"malformed-time.csv", csv, warning, 2, "malformed time 'soon' in column 'start'"},
        {"timing-garbage.vtt", vtt, warning, 3, "malformed timing '--> -->'"},
        {"cue-without-timing.vtt", vtt, warning, 3, "expected a cue timing line"},
        // Speakers.
        {"missing-speakers.txt", txt, warning, 1, "no speaker"},
        {"missing-speakers.vtt", vtt, warning, 3, "no speaker"},
        {"missing-speakers.csv", csv, warning, 3, "no speaker"},
        {"prose-colons.txt", txt, warning, 1, "no speaker"},
        // Odd but fine.
        {"no-blank-lines.srt", srt, std::nullopt, 0, ""},
        {"lone-cr.srt", srt, std::nullopt, 0, ""},
        {"crlf-in-quotes.csv", csv, std::nullopt, 0, ""},
        {"bom-header.csv", csv, std::nullopt, 0, ""},
        {"unterminated-markup.vtt", vtt, std::nullopt, 0, ""},
        {"control-characters.txt", txt, std::nullopt, 0, ""},
    };
    return all;
}

std::string nasty_bytes(const char* file) {
    return read_bytes(evidence_data(std::string("nasty/") + file));
}

}  // namespace

TEST(NastyCorpus, EachCaseGivesItsDiagnostic) {
    for (const NastyCase& c : cases()) {
        SCOPED_TRACE(c.file);
        const std::string bytes = nasty_bytes(c.file);
        ReadResult result;
        EXPECT_NO_THROW(result = read_transcript_bytes(c.format, bytes));
        if (!c.severity) {
            EXPECT_TRUE(result.diagnostics.empty()) << result.text();
            EXPECT_FALSE(result.utterances.empty());
            continue;
        }
        EXPECT_TRUE(has_diagnostic(result.diagnostics, *c.severity, c.line, c.fragment))
            << "expected " << (*c.severity == error ? "an error" : "a warning") << " on line "
            << c.line << " with '" << c.fragment << "', got:\n"
            << result.text();
        if (*c.severity == warning) {
            EXPECT_TRUE(result.ok()) << "warnings only: " << result.text();
        }
        for (const auto& d : result.diagnostics) {
            EXPECT_EQ(d.file, "input");
            EXPECT_GE(d.line, 1u) << d.to_string();
            EXPECT_GE(d.column, 1u) << d.to_string();
        }
    }
}

TEST(NastyCorpus, ReadingAByteAtATimeChangesNothing) {
    for (const NastyCase& c : cases()) {
        SCOPED_TRACE(c.file);
        const std::string bytes = nasty_bytes(c.file);
        const auto whole = read_transcript_bytes(c.format, bytes);
        const auto bytewise = read_transcript_bytes(c.format, bytes, 1);
        EXPECT_EQ(whole.text(), bytewise.text());
        ASSERT_EQ(whole.utterances.size(), bytewise.utterances.size());
        for (std::size_t i = 0; i < whole.utterances.size(); ++i)
            EXPECT_TRUE(same_utterance(whole.utterances[i], bytewise.utterances[i])) << i;
    }
}

TEST(NastyCorpus, EveryFileInTheFolderIsInTheTable) {
    std::set<std::string> listed;
    for (const NastyCase& c : cases())
        listed.insert(c.file);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(evidence_data("nasty"))) {
        ++files;
        EXPECT_TRUE(listed.count(entry.path().filename().string()))
            << entry.path().filename() << " has no expected diagnostic";
    }
    EXPECT_EQ(files, listed.size());
}

TEST(NastyCorpus, EveryFormatSurvivesEveryFile) {
    // A file read as the wrong format still yields diagnostics, not a crash or an exception.
    for (const NastyCase& c : cases()) {
        const std::string bytes = nasty_bytes(c.file);
        for (const auto format : {vtt, srt, csv, txt}) {
            ReadResult result;
            EXPECT_NO_THROW(result = read_transcript_bytes(format, bytes)) << c.file;
            if (result.utterances.empty()) {
                EXPECT_FALSE(result.ok()) << c.file << " as " << to_string(format);
            }
        }
    }
}
