// The coaching-levels rubric through the registry, as every user reaches it: the hand-coded
// corpus at its levels, citations that point at turns carrying what they cite, thresholds given
// in the input, and bad input (docs/rubrics.md).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "coachkit/analysis/coaching_profile.hpp"
#include "coachkit/analysis/corpus_manifest.hpp"
#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/plugin/evidence_source.hpp"
#include "coachkit/plugin/registry.hpp"
#include "coachkit/plugin/rubric.hpp"

namespace {

const std::filesystem::path kCorpus =
    std::filesystem::path(COACHKIT_ANALYSIS_DATA) / "coaching-corpus";

class CoachingLevels : public ::testing::Test {
protected:
    void SetUp() override {
        registry.discover({COACHKIT_BUILTIN_PLUGINS});
        source = registry.create<coachkit::EvidenceSource>("coaching-transcript");
        rubric = registry.create<coachkit::Rubric>("coaching-levels");
    }

    boost::json::value content_of(const coachkit::CorpusEntry& entry) {
        coachkit::FileByteSource bytes(entry.file);
        coachkit::IngestRequest request{"csv", entry.file.string(), {}, true};
        request.options["speakers"] = entry.speakers;
        coachkit::Diagnostics out;
        auto read = source->ingest(bytes, request, out);
        EXPECT_FALSE(coachkit::has_errors(out)) << entry.file;
        return read.content;
    }

    coachkit::Registry registry;
    std::shared_ptr<coachkit::EvidenceSource> source;
    std::shared_ptr<coachkit::Rubric> rubric;
};

TEST_F(CoachingLevels, DeclaresTheFourLevelsAndSixCriteria) {
    EXPECT_EQ(rubric->applies_to(), "coaching-transcript");
    std::vector<std::string> levels;
    for (const auto& l : rubric->levels())
        levels.push_back(l.id);
    EXPECT_EQ(levels,
              (std::vector<std::string>{"emerging", "developing", "refining", "co-constructive"}));
    EXPECT_EQ(rubric->criteria().size(), 6U);
    for (const auto& c : rubric->criteria())
        EXPECT_EQ(c.descriptors.size(), 4U) << c.id;
}

TEST_F(CoachingLevels, EveryCorpusConversationAtItsHandAssignedLevel) {
    coachkit::Diagnostics problems;
    const auto entries = coachkit::read_corpus_manifest(kCorpus / "manifest.json", problems);
    ASSERT_FALSE(coachkit::has_errors(problems));
    ASSERT_EQ(entries.size(), 12U);
    for (const auto& entry : entries) {
        coachkit::Diagnostics out;
        const auto content = content_of(entry);
        const auto a = rubric->evaluate(content, out);
        EXPECT_FALSE(coachkit::has_errors(out));
        EXPECT_EQ(a.level, entry.level) << entry.file << ": " << a.rationale;
        EXPECT_FALSE(a.rationale.empty());
        EXPECT_TRUE(a.details.contains("profile"));
    }
}

TEST_F(CoachingLevels, CitedTurnsCarryWhatTheyAreCitedFor) {
    coachkit::Diagnostics problems;
    const auto entries = coachkit::read_corpus_manifest(kCorpus / "manifest.json", problems);
    for (const auto& entry : entries) {
        const auto content = content_of(entry);
        coachkit::Diagnostics out;
        const auto turns = coachkit::coded_turns_from_content(content, "x", out);
        const auto a = rubric->evaluate(content, out);
        for (const auto& c : a.citations) {
            ASSERT_EQ(c.ref.rfind("turn:", 0), 0U) << c.ref;
            const auto n = std::stoul(c.ref.substr(5));
            ASSERT_TRUE(n >= 1 && n <= turns.size()) << entry.file << " " << c.ref;
            EXPECT_FALSE(c.note.empty());
        }
        // The level's own conditions are the ones cited: a co-constructive conversation cites
        // at least one turn coded co-construct.
        if (a.level == "co-constructive") {
            bool cites_co_construct = false;
            for (const auto& criterion : a.criteria) {
                for (const auto& c : criterion.citations) {
                    const auto& codes = turns.at(std::stoul(c.ref.substr(5)) - 1).codes;
                    const auto f = codes.find("function");
                    cites_co_construct =
                        cites_co_construct ||
                        (f != codes.end() && std::find(f->second.begin(), f->second.end(),
                                                       "co-construct") != f->second.end());
                }
            }
            EXPECT_TRUE(cites_co_construct) << entry.file;
        }
    }
}

boost::json::object default_thresholds() {
    coachkit::Diagnostics out;
    auto doc = coachkit::read_json_file(
        std::filesystem::path(COACHKIT_SOURCE_DIR) / "plugins/coaching-levels/levels.json", out);
    return doc->as_object();
}

TEST_F(CoachingLevels, ThresholdsInTheInputRecalibrateWithoutRecompiling) {
    coachkit::Diagnostics problems;
    const auto entries = coachkit::read_corpus_manifest(kCorpus / "manifest.json", problems);
    const auto& refining = *std::find_if(entries.begin(), entries.end(),
                                         [](const auto& e) { return e.level == "refining"; });
    auto input = content_of(refining).as_object();
    auto thresholds = default_thresholds();
    // Demand far more dialogue for refining: the same conversation drops to developing.
    for (auto& level : thresholds["levels"].as_array()) {
        if (level.at("id") == "refining") {
            for (auto& c : level.as_object()["conditions"].as_array()) {
                if (c.at("feature") == "share.initiation.shared+learner")
                    c.as_object()["at_least"] = 1.01;
            }
        }
    }
    input["thresholds"] = thresholds;
    coachkit::Diagnostics out;
    const auto a = rubric->evaluate(input, out);
    EXPECT_FALSE(coachkit::has_errors(out));
    EXPECT_EQ(a.level, "developing") << a.rationale;
    EXPECT_EQ(a.details.at("thresholds"), "input /thresholds");
}

TEST_F(CoachingLevels, BadThresholdsAreNamedByPointerAndNothingIsScored) {
    auto thresholds = default_thresholds();
    thresholds["levels"]
        .as_array()[2]
        .as_object()["conditions"]
        .as_array()[1]
        .as_object()["feature"] = "share.function.musing";
    thresholds["levels"].as_array()[1].as_object()["requires"] = 9;
    thresholds["schema"] = "coachkit.coaching-levels/7";
    boost::json::object input{{"turns", boost::json::array{}}, {"thresholds", thresholds}};
    coachkit::Diagnostics out;
    const auto a = rubric->evaluate(input, out);
    EXPECT_TRUE(a.level.empty());
    std::set<std::string> pointers;
    for (const auto& d : out)
        pointers.insert(d.pointer);
    EXPECT_TRUE(pointers.count("/schema"));
    EXPECT_TRUE(pointers.count("/levels/2/conditions/1/feature"));
    EXPECT_TRUE(pointers.count("/levels/1/requires"));
}

TEST_F(CoachingLevels, AnUncodedConversationIsAnErrorThatSaysWhatToDo) {
    const auto content = boost::json::parse(
        R"({"turns": [{"n": 1, "role": "coach", "text": "How did it go?", "codes": {}},
                      {"n": 2, "role": "learner", "text": "Well.", "codes": {}}]})");
    coachkit::Diagnostics out;
    const auto a = rubric->evaluate(content, out);
    ASSERT_TRUE(coachkit::has_errors(out));
    EXPECT_NE(out.back().message.find("heuristic"), std::string::npos);
    EXPECT_TRUE(a.level.empty());
}

TEST_F(CoachingLevels, NotATranscriptIsAnError) {
    for (const char* text : {"42", R"({"scores": {}})", R"({"turns": [{"n": "one"}]})"}) {
        coachkit::Diagnostics out;
        (void)rubric->evaluate(boost::json::parse(text), out);
        EXPECT_TRUE(coachkit::has_errors(out)) << text;
    }
}

}  // namespace
