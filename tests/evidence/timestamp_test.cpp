#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

using namespace coachkit;

TEST(Timestamp, ParsesTheFormsTheFormatsWrite) {
    EXPECT_DOUBLE_EQ(*parse_timestamp("00:00:01.500"), 1.5);
    EXPECT_DOUBLE_EQ(*parse_timestamp("01:02:03.004"), 3723.004);
    EXPECT_DOUBLE_EQ(*parse_timestamp("01:02:03,250"), 3723.25);  // SRT
    EXPECT_DOUBLE_EQ(*parse_timestamp("02:03.5"), 123.5);         // MM:SS.mmm
    EXPECT_DOUBLE_EQ(*parse_timestamp("1:02:03"), 3723);
    EXPECT_DOUBLE_EQ(*parse_timestamp("75:00"), 4500);  // minutes may pass 59 when first
    EXPECT_DOUBLE_EQ(*parse_timestamp("12.5"), 12.5);   // CSV seconds
    EXPECT_DOUBLE_EQ(*parse_timestamp("  42 "), 42);
    EXPECT_DOUBLE_EQ(*parse_timestamp("100:00:00"), 360000);
}

TEST(Timestamp, RefusesMalformedTimes) {
    for (const std::string_view bad : {"",
                                       " ",
                                       "abc",
                                       "1:2",
                                       "00:60:00",
                                       "00:00:60",
                                       "1:02:03:04",
                                       "-1",
                                       "1e3",
                                       "12,5",
                                       "00:00:01.",
                                       ".5",
                                       "00:00:01.5x",
                                       "00::01",
                                       "nan",
                                       "inf",
                                       "0x10",
                                       "00:00:01.1234567890",
                                       "1234567890:00",
                                       "00:01:02 extra"}) {
        EXPECT_FALSE(parse_timestamp(bad).has_value()) << "'" << bad << "'";
    }
}

TEST(Timestamp, FormatsAsHoursMinutesSecondsAndMilliseconds) {
    EXPECT_EQ(format_timestamp(0), "00:00:00.000");
    EXPECT_EQ(format_timestamp(3723.004), "01:02:03.004");
    EXPECT_EQ(format_timestamp(59.9996), "00:01:00.000");
    EXPECT_EQ(format_timestamp(-1), "?");
}

TEST(TranscriptFormat, HasNamesAndFileExtensions) {
    for (const auto format : {TranscriptFormat::webvtt, TranscriptFormat::srt,
                              TranscriptFormat::csv, TranscriptFormat::text})
        EXPECT_EQ(parse_transcript_format(to_string(format)), format);
    EXPECT_EQ(to_string(TranscriptFormat::webvtt), "webvtt");
    EXPECT_EQ(parse_transcript_format("VTT"), TranscriptFormat::webvtt);
    EXPECT_EQ(parse_transcript_format("txt"), TranscriptFormat::text);
    EXPECT_FALSE(parse_transcript_format("docx").has_value());
    EXPECT_EQ(transcript_format_for_path("lessons/9B.VTT"), TranscriptFormat::webvtt);
    EXPECT_EQ(transcript_format_for_path("a.srt"), TranscriptFormat::srt);
    EXPECT_EQ(transcript_format_for_path("a.csv"), TranscriptFormat::csv);
    EXPECT_EQ(transcript_format_for_path("notes.txt"), TranscriptFormat::text);
    EXPECT_FALSE(transcript_format_for_path("a.json").has_value());
    EXPECT_FALSE(transcript_format_for_path("dir.vtt/file").has_value());
    EXPECT_FALSE(transcript_format_for_path("vtt").has_value());
}
