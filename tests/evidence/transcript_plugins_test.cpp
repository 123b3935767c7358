// The built-in lesson-transcript and coaching-transcript evidence sources, loaded as plugins: every
// format, content kept or streamed (the same metrics either way), the content cap, bad options.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <coachkit/coachkit.hpp>
#include <optional>

#include "evidence_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

constexpr double eps = 1e-9;

struct Sample {
    const char* file;
    const char* format;
    bool timed;
};

constexpr Sample lesson_samples[] = {{"lessons/floating.vtt", "webvtt", true},
                                     {"lessons/floating.srt", "srt", true},
                                     {"lessons/floating.csv", "csv", true},
                                     {"lessons/floating.txt", "text", false}};
constexpr Sample coaching_samples[] = {{"coaching/feedback.vtt", "webvtt", true},
                                       {"coaching/feedback.srt", "srt", true},
                                       {"coaching/feedback.csv", "csv", true},
                                       {"coaching/feedback.txt", "text", false}};

bool has(const Diagnostics& out, Severity severity, std::string_view pointer,
         std::string_view fragment) {
    for (const auto& d : out) {
        if (d.severity == severity && d.pointer == pointer &&
            d.message.find(fragment) != std::string::npos)
            return true;
    }
    return false;
}

/// Each entry of `list` has every key the schema's items require.
void expect_required_keys(const boost::json::object& items_schema, const boost::json::array& list) {
    for (const auto& entry : list) {
        for (const auto& key : items_schema.at("required").as_array())
            EXPECT_TRUE(entry.as_object().contains(key.as_string())) << key << " in " << entry;
    }
}

TEST(LessonTranscriptSource, DescribesItself) {
    const auto source = builtin_source("lesson-transcript");
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(source->formats(), (std::vector<std::string>{"webvtt", "srt", "csv", "text"}));
    EXPECT_EQ(source->privacy(), PrivacyClass::personal_data);
    std::vector<std::string> ids;
    for (const auto& m : source->measures())
        ids.push_back(m.id);
    for (const char* id : {"utterances", "talk_share_words.*", "talk_share_time.*",
                           "teacher_questions.open_share", "wait_time.median_seconds"})
        EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
    const auto schema = source->content_schema();
    EXPECT_EQ(schema.at("required"), (boost::json::array{"utterances", "speakers"}));
}

TEST(LessonTranscriptSource, ReadsEveryFormatIntoTheSameUtterancesAndMetrics) {
    const auto source = builtin_source("lesson-transcript");
    const auto items =
        boost::json::value(source->content_schema()).at_pointer("/properties/utterances/items");
    for (const auto& sample : lesson_samples) {
        SCOPED_TRACE(sample.file);
        const auto result = ingest_bytes(*source, read_bytes(evidence_data(sample.file)),
                                         sample.format, sample.file);
        ASSERT_TRUE(result.ok()) << result.text();
        const auto& m = result.content.metrics;
        EXPECT_EQ(m.at("utterances"), 10);
        EXPECT_EQ(m.at("words.teacher"), 46);
        EXPECT_NEAR(m.at("talk_share_words.teacher"), 46.0 / 67, eps);
        EXPECT_EQ(m.at("teacher_questions.open"), 3);
        EXPECT_EQ(m.contains("wait_time.mean_seconds"), sample.timed);
        if (sample.timed) {
            EXPECT_NEAR(m.at("wait_time.median_seconds"), 3, eps);
        }
        EXPECT_EQ(result.content.details.at("segments").at("basis"),
                  sample.timed ? "time" : "words");

        const auto& content = result.content.content.as_object();
        const auto& utterances = content.at("utterances").as_array();
        ASSERT_EQ(utterances.size(), 10u);
        expect_required_keys(items.as_object(), utterances);
        EXPECT_EQ(utterances[0].at("n"), 1);
        EXPECT_EQ(utterances[0].at("speaker"), "Ms Khan");
        EXPECT_EQ(utterances[0].at("role"), "teacher");
        EXPECT_EQ(utterances[0].at("text"), "Good morning. Why do some objects float?");
        EXPECT_EQ(utterances[7].as_object().contains("start"), sample.timed);
        if (sample.timed) {
            EXPECT_NEAR(utterances[7].at("start").to_number<double>(), 57.5, eps);
        }
        EXPECT_EQ(content.at("speakers"), (boost::json::object{{"Ms Khan", "teacher"},
                                                               {"Student 1", "pupil"},
                                                               {"S2", "pupil"},
                                                               {"Group 1", "group"},
                                                               {"Class", "group"}}));
    }
}

TEST(LessonTranscriptSource, StreamingGivesTheSameMetricsWithoutContent) {
    const auto source = builtin_source("lesson-transcript");
    for (const auto& sample : lesson_samples) {
        SCOPED_TRACE(sample.file);
        const auto bytes = read_bytes(evidence_data(sample.file));
        const boost::json::object options{{"wait_time_threshold", 2}};
        const auto kept = ingest_bytes(*source, bytes, sample.format, sample.file, options, true);
        const auto streamed =
            ingest_bytes(*source, bytes, sample.format, sample.file, options, false);
        ASSERT_TRUE(kept.ok()) << kept.text();
        ASSERT_TRUE(streamed.ok()) << streamed.text();
        EXPECT_EQ(kept.content.metrics, streamed.content.metrics);
        EXPECT_EQ(kept.content.details, streamed.content.details);
        EXPECT_EQ(kept.text(), streamed.text()) << "the same warnings, once each";
        EXPECT_TRUE(streamed.content.content.is_null());
        EXPECT_EQ(streamed.content.format, sample.format);
    }
}

TEST(LessonTranscriptSource, AppliesItsOptions) {
    const auto source = builtin_source("lesson-transcript");
    const auto bytes = read_bytes(evidence_data("lessons/floating.vtt"));
    // Threshold 5 s: of the waits 0, 2, 4 and 10 s only 10 reaches it.
    const auto five =
        ingest_bytes(*source, bytes, "webvtt", "floating.vtt", {{"wait_time_threshold", 5.0}});
    ASSERT_TRUE(five.ok()) << five.text();
    EXPECT_NEAR(five.content.metrics.at("wait_time.at_least_5s_share"), 0.25, eps);
    // Class as "other" and Ms Khan as a pupil: the mapping beats the defaults.
    const auto mapped = ingest_bytes(*source, bytes, "webvtt", "floating.vtt",
                                     {{"speakers", {{"Class", "other"}, {"ms khan", "pupil"}}}});
    ASSERT_TRUE(mapped.ok()) << mapped.text();
    EXPECT_EQ(mapped.content.metrics.at("utterances.other"), 1);
    EXPECT_EQ(mapped.content.metrics.at("utterances.teacher"), 0);
    EXPECT_EQ(mapped.content.content.at("speakers").at("Ms Khan"), "pupil");
}

TEST(LessonTranscriptSource, BadOptionsAreErrorsAtTheirPointers) {
    const auto source = builtin_source("lesson-transcript");
    const std::string bytes = "Ms Khan: Hello?\nS1: Hi.\n";
    const auto bad = [&](boost::json::object options) {
        return ingest_bytes(*source, bytes, "text", "lesson.txt", std::move(options));
    };
    auto r = bad({{"speakers", {{"Ms Khan", "headteacher"}}}});
    EXPECT_TRUE(has(r.diagnostics, Severity::error, "/options/speakers/Ms Khan",
                    "unknown role 'headteacher'"))
        << r.text();
    EXPECT_TRUE(r.content.metrics.empty()) << "nothing is read after a bad option";
    r = bad({{"speakers", boost::json::array{"Ms Khan"}}});
    EXPECT_TRUE(has(r.diagnostics, Severity::error, "/options/speakers", "must be an object"));
    for (const boost::json::value& threshold : {boost::json::value(0), boost::json::value(-2.5),
                                                boost::json::value("3"), boost::json::value()}) {
        r = bad({{"wait_time_threshold", threshold}});
        EXPECT_TRUE(has(r.diagnostics, Severity::error, "/options/wait_time_threshold", "> 0"))
            << threshold << ": " << r.text();
    }
    r = bad({{"wait_time", 3}});
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(has(r.diagnostics, Severity::warning, "/options/wait_time", "unknown option"));
    r = ingest_bytes(*source, bytes, "json", "lesson.json");
    EXPECT_TRUE(has(r.diagnostics, Severity::error, "", "unsupported format 'json'"));
}

TEST(LessonTranscriptSource, ATranscriptOverTheCapIsNotStoredButCanBeAnalysed) {
    const auto source = builtin_source("lesson-transcript");
    std::string bytes;
    for (std::size_t i = 0; i <= 100000; ++i)
        bytes += i % 2 == 0 ? "T: Why?\n" : "S: Because.\n";
    const auto kept = ingest_bytes(*source, bytes, "text", "long.txt");
    EXPECT_FALSE(kept.ok());
    EXPECT_NE(kept.text().find("too large to store as an evidence item"), std::string::npos)
        << kept.text();
    EXPECT_NE(kept.text().find("`coachkit analyse lesson`"), std::string::npos);
    const auto streamed = ingest_bytes(*source, bytes, "text", "long.txt", {}, false);
    ASSERT_TRUE(streamed.ok()) << streamed.text();
    EXPECT_EQ(streamed.content.metrics.at("utterances"), 100001);
    EXPECT_EQ(streamed.content.metrics.at("questions.teacher"), 50001);
}

// The readers' clean samples (data/transcripts/, the same lesson extract in four formats): read
// through the plugin, with their pupils named, every format gives the same word metrics and no
// diagnostic.
TEST(LessonTranscriptSource, TheReadersSamplesAgreeAcrossFormats) {
    const auto source = builtin_source("lesson-transcript");
    const boost::json::object options{{"speakers", {{"Amir", "pupil"}, {"Bella", "pupil"}}}};
    std::optional<std::map<std::string, double>> first;
    for (const auto& [file, format] : {std::pair{"lesson.vtt", "webvtt"},
                                       {"lesson.srt", "srt"},
                                       {"lesson.csv", "csv"},
                                       {"lesson.txt", "text"}}) {
        SCOPED_TRACE(file);
        const auto result =
            ingest_bytes(*source, read_bytes(evidence_data(std::string("transcripts/") + file)),
                         format, file, options, false);
        ASSERT_TRUE(result.ok()) << result.text();
        EXPECT_TRUE(result.diagnostics.empty()) << result.text();
        std::map<std::string, double> words;
        for (const auto& [key, value] : result.content.metrics) {
            if (key.starts_with("words") || key.starts_with("utterances") ||
                key.starts_with("questions") || key.starts_with("teacher_questions"))
                words[key] = value;
        }
        EXPECT_GT(words.at("utterances.pupil"), 0);
        EXPECT_GT(words.at("questions.teacher"), 0);
        if (first)
            EXPECT_EQ(words, *first);
        else
            first = words;
    }
}

TEST(TranscriptContent, StopsAtTheTextLimit) {
    const std::string bytes = "T: one two three\nS: four five six\nT: seven\n";
    MemoryByteSource input(bytes, "small.txt");
    Diagnostics out;
    DiagnosticSink sink(out, "small.txt");
    std::vector<Utterance> utterances;
    EXPECT_FALSE(read_transcript_content(TranscriptFormat::text, input, sink, utterances, "X",
                                         TranscriptContentLimits{10, 20}));
    EXPECT_EQ(utterances.size(), 1u) << "14 bytes, then 29 > 20";
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.back().line, 2u);
    EXPECT_NE(out.back().message.find("analyse it with X instead"), std::string::npos);
}

TEST(CoachingTranscriptSource, DescribesItself) {
    const auto source = builtin_source("coaching-transcript");
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(source->formats(), (std::vector<std::string>{"webvtt", "srt", "csv", "text"}));
    EXPECT_EQ(source->privacy(), PrivacyClass::personal_data);
    const boost::json::value schema = source->content_schema();
    const auto& codes = schema.at_pointer("/properties/turns/items/properties/codes/properties");
    EXPECT_EQ(codes.as_object().size(), coaching_dimensions().size());
    EXPECT_EQ(codes.at_pointer("/stimulus/items/enum/2"), "video");
}

boost::json::value codes_of(const Ingested& result) {
    boost::json::array codes;
    for (const auto& turn : result.content.content.at("turns").as_array())
        codes.push_back(turn.at("codes"));
    return codes;
}

TEST(CoachingTranscriptSource, KeepsTurnsWithCodesFromCsvColumnsOrTheCodesOption) {
    const auto source = builtin_source("coaching-transcript");
    const auto sidecar =
        boost::json::parse(read_bytes(evidence_data("coaching/feedback.codes.json")));
    const auto from_csv = ingest_bytes(*source, read_bytes(evidence_data("coaching/feedback.csv")),
                                       "csv", "feedback.csv");
    ASSERT_TRUE(from_csv.ok()) << from_csv.text();
    const auto& turns = from_csv.content.content.at("turns").as_array();
    ASSERT_EQ(turns.size(), 7u);
    expect_required_keys(boost::json::value(source->content_schema())
                             .at_pointer("/properties/turns/items")
                             .as_object(),
                         turns);
    EXPECT_EQ(turns[3].at("role"), "learner");
    EXPECT_EQ(turns[3].at("codes"),
              boost::json::parse(R"({"function": ["explain", "suggest"], "initiation": ["learner"],
                                     "scale": ["critical-incident"], "stimulus": ["video"],
                                     "time": ["present", "future"]})"));
    EXPECT_EQ(turns[4].at("codes"), boost::json::object{});
    EXPECT_EQ(from_csv.content.content.at("speakers"),
              (boost::json::object{
                  {"Coach", "coach"}, {"Teacher", "learner"}, {"Observer", "observer"}}));

    for (const auto& sample : coaching_samples) {
        if (std::string_view(sample.format) == "csv")
            continue;
        SCOPED_TRACE(sample.file);
        const auto from_sidecar = ingest_bytes(*source, read_bytes(evidence_data(sample.file)),
                                               sample.format, sample.file, {{"codes", sidecar}});
        ASSERT_TRUE(from_sidecar.ok()) << from_sidecar.text();
        EXPECT_TRUE(from_sidecar.diagnostics.empty()) << from_sidecar.text();
        EXPECT_EQ(codes_of(from_sidecar), codes_of(from_csv));
        for (const char* key : {"turns.coach", "words.learner", "questions.coach", "coded_turns",
                                "codes.function.justify", "codes.time.present"})
            EXPECT_EQ(from_sidecar.content.metrics.at(key), from_csv.content.metrics.at(key))
                << key;
        EXPECT_EQ(from_sidecar.content.metrics.contains("talk_seconds.coach"), sample.timed);
    }
}

TEST(CoachingTranscriptSource, ReadsTheReadersCodedSampleWithoutWarnings) {
    // Its coder wrote nouns and other names ("evaluation", "coachee", "incident"): all aliases.
    const auto source = builtin_source("coaching-transcript");
    const auto result = ingest_bytes(
        *source, read_bytes(evidence_data("transcripts/coaching.csv")), "csv", "coaching.csv",
        {{"speakers", {{"Mr Osei", "coach"}, {"Ms Khan", "learner"}}}});
    ASSERT_TRUE(result.ok()) << result.text();
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(m.at("coded_turns"), m.at("turns"));
    EXPECT_GT(m.at("codes.function.evaluate"), 0);
    EXPECT_GT(m.at("codes.initiation.learner"), 0);
    EXPECT_EQ(result.content.content.at("turns").at(0).at("codes").at("scale"),
              boost::json::array{"whole-lesson"});
}

TEST(CoachingTranscriptSource, StreamingGivesTheSameMetricsWithoutContent) {
    const auto source = builtin_source("coaching-transcript");
    const boost::json::object options{
        {"codes", boost::json::parse(read_bytes(evidence_data("coaching/feedback.codes.json")))},
        {"speakers", {{"Observer", "other"}}}};
    for (const auto& sample : coaching_samples) {
        SCOPED_TRACE(sample.file);
        const auto bytes = read_bytes(evidence_data(sample.file));
        const auto kept = ingest_bytes(*source, bytes, sample.format, sample.file, options, true);
        const auto streamed =
            ingest_bytes(*source, bytes, sample.format, sample.file, options, false);
        ASSERT_TRUE(kept.ok()) << kept.text();
        EXPECT_EQ(kept.content.metrics, streamed.content.metrics);
        EXPECT_EQ(kept.content.details, streamed.content.details);
        EXPECT_EQ(kept.text(), streamed.text());
        EXPECT_TRUE(streamed.content.content.is_null());
        EXPECT_EQ(kept.content.metrics.at("turns.other"), 1);
    }
}

TEST(CoachingTranscriptSource, BadOptionsAreErrorsAtTheirPointers) {
    const auto source = builtin_source("coaching-transcript");
    const std::string bytes = "Coach: Why?\nTeacher: Because.\n";
    auto r = ingest_bytes(*source, bytes, "text", "c.txt", {{"codes", "feedback.codes.json"}});
    EXPECT_TRUE(has(r.diagnostics, Severity::error, "/options/codes", "must be a JSON object"))
        << r.text();
    EXPECT_TRUE(r.content.metrics.empty());
    r = ingest_bytes(*source, bytes, "text", "c.txt", {{"speakers", {{"Ms Khan", "teacher"}}}});
    EXPECT_TRUE(
        has(r.diagnostics, Severity::error, "/options/speakers/Ms Khan", "unknown role 'teacher'"))
        << r.text();
    r = ingest_bytes(*source, bytes, "text", "c.txt", {{"speakers", "Ms Khan=coach"}});
    EXPECT_TRUE(has(r.diagnostics, Severity::error, "/options/speakers", "must be an object"));
    r = ingest_bytes(*source, bytes, "text", "c.txt", {{"wait_time_threshold", 3}});
    EXPECT_TRUE(r.ok()) << r.text();
    EXPECT_TRUE(
        has(r.diagnostics, Severity::warning, "/options/wait_time_threshold", "unknown option"));
    // A sidecar's own problems: its bad turn is an error, its turn beyond the transcript a warning.
    r = ingest_bytes(*source, bytes, "text", "c.txt",
                     {{"codes", boost::json::parse(R"({"schema": "coachkit.turn-codes/1",
                                          "turns": [{"turn": "one"}]})")}});
    EXPECT_TRUE(has(r.diagnostics, Severity::error, "/options/codes/turns/0/turn", "whole number"));
    r = ingest_bytes(*source, bytes, "text", "c.txt",
                     {{"codes", boost::json::parse(R"({"schema": "coachkit.turn-codes/1",
                                          "turns": [{"turn": 3, "function": "explain"}]})")}});
    EXPECT_TRUE(r.ok()) << r.text();
    EXPECT_TRUE(has(r.diagnostics, Severity::warning, "/options/codes/turns/0/turn",
                    "beyond the transcript"));
}

}  // namespace
