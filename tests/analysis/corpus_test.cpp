// Corpus scoring: folders, sidecars, a broken file failing alone, the same results on one thread
// and on many, the tables and their CSV, and a corpus manifest (docs/rubrics.md#scoring-a-corpus).
#include "coachkit/analysis/corpus.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "coachkit/analysis/corpus_manifest.hpp"
#include "coachkit/analysis/corpus_table.hpp"
#include "coachkit/plugin/registry.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kCorpus = fs::path(COACHKIT_ANALYSIS_DATA) / "coaching-corpus";

class Corpus : public ::testing::Test {
protected:
    void SetUp() override {
        registry.discover({COACHKIT_BUILTIN_PLUGINS});
        source = registry.create<coachkit::EvidenceSource>("coaching-transcript");
        rubric = registry.create<coachkit::Rubric>("coaching-levels");
        folder = fs::temp_directory_path() /
                 ("coachkit-corpus-" +
                  std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(folder);
        fs::create_directories(folder / "more");
    }
    void TearDown() override { fs::remove_all(folder); }

    void write(const fs::path& path, const std::string& text) {
        std::ofstream(path, std::ios::binary) << text;
    }

    coachkit::Registry registry;
    std::shared_ptr<coachkit::EvidenceSource> source;
    std::shared_ptr<coachkit::Rubric> rubric;
    fs::path folder;
};

TEST_F(Corpus, FoldersAreSearchedInNameOrderAndMissingPathsAreErrors) {
    write(folder / "b.csv", "x");
    write(folder / "a.vtt", "x");
    write(folder / "notes.md", "x");
    write(folder / "more" / "c.txt", "x");
    coachkit::Diagnostics out;
    const auto files = coachkit::corpus_files({folder, folder / "nope.csv"}, out);
    ASSERT_EQ(files.size(), 3U);
    EXPECT_EQ(files[0].filename(), "a.vtt");
    EXPECT_EQ(files[1].filename(), "b.csv");
    EXPECT_EQ(files[2].filename(), "c.txt");
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].file, (folder / "nope.csv").string());
}

TEST_F(Corpus, ABrokenFileFailsAloneAndTheOthersAreScored) {
    fs::copy_file(kCorpus / "c01-y2-phonics.csv", folder / "c01.csv");
    fs::copy_file(kCorpus / "c10-y5-writing.csv", folder / "c10.csv");
    write(folder / "c05-broken.csv", "speaker,text\nCoach,\"never closed\n");
    coachkit::Diagnostics out;
    const auto files = coachkit::corpus_files({folder}, out);
    coachkit::CorpusOptions options;
    options.jobs = 3;
    const auto results = coachkit::score_corpus(files, *source, *rubric, options);
    ASSERT_EQ(results.size(), 3U);
    EXPECT_TRUE(results[0].ok);
    EXPECT_FALSE(results[1].ok);
    EXPECT_TRUE(coachkit::has_errors(results[1].diagnostics));
    EXPECT_EQ(results[1].diagnostics.front().file, (folder / "c05-broken.csv").string());
    EXPECT_TRUE(results[2].ok);
    EXPECT_EQ(results[2].assessment.level, "co-constructive");
}

TEST_F(Corpus, OneThreadAndManyGiveTheSameResultsInTheSameOrder) {
    coachkit::Diagnostics out;
    const auto entries = coachkit::read_corpus_manifest(kCorpus / "manifest.json", out);
    std::vector<fs::path> files;
    coachkit::CorpusOptions options;
    for (const auto& e : entries) {
        files.push_back(e.file);
        options.file_options[e.file.string()]["speakers"] = e.speakers;
    }
    options.jobs = 1;
    const auto one = coachkit::score_corpus(files, *source, *rubric, options);
    options.jobs = 8;
    const auto many = coachkit::score_corpus(files, *source, *rubric, options);
    ASSERT_EQ(one.size(), entries.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        EXPECT_EQ(one[i].file, files[i].string());
        EXPECT_EQ(one[i].assessment.level, entries[i].level) << one[i].file;
        EXPECT_EQ(many[i].assessment.level, one[i].assessment.level);
        EXPECT_EQ(many[i].assessment.rationale, one[i].assessment.rationale);
    }
}

TEST_F(Corpus, ASidecarBesideATranscriptGivesItsCodes) {
    write(folder / "talk.csv",
          "speaker,text\nCoach,Are you sure that worked?\nTeacher,Yes because they answered.\n");
    write(folder / "talk.codes.json",
          R"({"schema": "coachkit.turn-codes/1", "turns": [
               {"turn": 1, "function": "challenge", "initiation": "coach"},
               {"turn": 2, "function": ["defend"]}]})");
    EXPECT_EQ(coachkit::sidecar_for(folder / "talk.csv"), folder / "talk.codes.json");
    const auto results = coachkit::score_corpus({folder / "talk.csv"}, *source, *rubric, {});
    ASSERT_TRUE(results[0].ok) << results[0].diagnostics.front().to_string();
    EXPECT_EQ(results[0].turns[1].codes.at("function"), (std::vector<std::string>{"defend"}));

    coachkit::CorpusOptions without;
    without.sidecars = false;
    const auto uncoded = coachkit::score_corpus({folder / "talk.csv"}, *source, *rubric, without);
    EXPECT_FALSE(uncoded[0].ok);  // no code at all: the rubric says so
}

TEST_F(Corpus, TablesHaveTheDocumentedColumnsAndCsvQuotes) {
    const auto results =
        coachkit::score_corpus({kCorpus / "c04-y8-english.csv"}, *source, *rubric, {});
    const auto transcripts = coachkit::transcript_table(results);
    EXPECT_EQ(transcripts.columns,
              (std::vector<std::string>{"file", "ok", "turns", "coded_turns", "level", "overall",
                                        "initiation", "stimulus", "scale", "time", "function",
                                        "co-construction", "rationale", "cited_turns", "errors"}));
    ASSERT_EQ(transcripts.rows.size(), 1U);
    const auto turns = coachkit::turn_table(results);
    EXPECT_EQ(turns.rows.size(), results[0].turns.size());
    EXPECT_EQ(turns.columns.back(), "cited");

    coachkit::CorpusTable table{{"a", "b"},
                                {{boost::json::value("x,y"), boost::json::value("say \"hi\"")},
                                 {boost::json::value(1.5), nullptr}}};
    std::ostringstream csv;
    coachkit::write_csv(table, csv);
    EXPECT_EQ(csv.str(), "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n1.5,\r\n");
}

TEST_F(Corpus, AManifestNamesItsProblems) {
    write(folder / "m.json", R"({"schema": "coachkit.coaching-corpus/1",
        "transcripts": [{"file": "a.csv", "speakers": "Coach"}, {"level": "emerging"}]})");
    coachkit::Diagnostics out;
    const auto entries = coachkit::read_corpus_manifest(folder / "m.json", out);
    ASSERT_EQ(out.size(), 2U);
    EXPECT_EQ(out[0].pointer, "/transcripts/0/speakers");
    EXPECT_EQ(out[1].pointer, "/transcripts/1");
    write(folder / "bad.json", R"({"schema": "coachkit.plugin/1"})");
    coachkit::Diagnostics wrong;
    (void)coachkit::read_corpus_manifest(folder / "bad.json", wrong);
    ASSERT_EQ(wrong.size(), 1U);
    EXPECT_EQ(wrong[0].pointer, "/schema");
}

}  // namespace
