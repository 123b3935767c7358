// The heuristic coder of coaching talk: every rule on sentences where it must and must not fire
// (tests/analysis/data/coder-dev/rule-cases.json), its tables, whole transcripts (in memory and
// streamed alike, from many threads alike), bad input, and the coding-transcript source's option
// `coder`.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <coachkit/coachkit.hpp>
#include <coachkit/evidence/heuristic_coder.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace {

using namespace coachkit;

const std::filesystem::path dev_data = std::filesystem::path(COACHKIT_ANALYSIS_DATA) / "coder-dev";

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

TurnCodeSet codes_from_json(const boost::json::value& value) {
    TurnCodeSet codes;
    if (value.is_null())
        return codes;
    for (const auto& [dimension, values] : value.as_object()) {
        for (const auto& v : values.as_array())
            codes[dimension].emplace_back(v.as_string());
    }
    return codes;
}

std::string describe(const CodedTurnResult& result) {
    std::string text;
    for (const auto& r : result.reasons)
        text += "  " + r.dimension + "=" + r.value + " [" + r.rule + ": " + r.cue + "]\n";
    return text.empty() ? "  (no codes)\n" : text;
}

// ---- every rule on its cases ------------------------------------------------------------------

TEST(HeuristicCoderRules, EachRuleFiresOnItsCasesAndNotOnItsNearMisses) {
    const auto doc = boost::json::parse(read_file(dev_data / "rule-cases.json"));
    const HeuristicCoder coder;
    std::size_t checked = 0;
    for (const auto& item : doc.at("cases").as_array()) {
        const auto& c = item.as_object();
        const std::string rule(c.at("rule").as_string());
        const std::string text(c.at("text").as_string());
        const std::string role(c.at("role").as_string());
        const bool fires = c.at("fires").as_bool();
        std::string previous_text, previous_role;
        TurnCodeSet previous_codes;
        std::optional<PreviousTurn> previous;
        if (const auto* p = c.if_contains("previous")) {
            previous_text = p->at("text").as_string();
            previous_role = p->at("role").as_string();
            if (const auto* codes = p->as_object().if_contains("codes"))
                previous_codes = codes_from_json(*codes);
            previous = PreviousTurn{previous_text, previous_role, &previous_codes};
        }
        const auto result = coder.code(text, role, previous ? &*previous : nullptr);
        const auto reason = std::find_if(result.reasons.begin(), result.reasons.end(),
                                         [&](const CodeReason& r) { return r.rule == rule; });
        EXPECT_EQ(reason != result.reasons.end(), fires)
            << rule << (fires ? " should fire on" : " should not fire on") << " \"" << text
            << "\" (" << role << ")\n"
            << describe(result);
        if (fires && reason != result.reasons.end()) {
            if (const auto* value = c.if_contains("value")) {
                EXPECT_EQ(reason->value, value->as_string()) << rule << " on \"" << text << "\"";
            }
        }
        ++checked;
    }
    EXPECT_GT(checked, 2 * heuristic_rules().size() - 1);
}

TEST(HeuristicCoderRules, EveryRuleHasACaseWhereItFiresAndOneWhereItDoesNot) {
    const auto doc = boost::json::parse(read_file(dev_data / "rule-cases.json"));
    std::set<std::string> fires, misses;
    for (const auto& item : doc.at("cases").as_array()) {
        const std::string rule(item.at("rule").as_string());
        (item.at("fires").as_bool() ? fires : misses).insert(rule);
    }
    for (const auto& rule : heuristic_rules()) {
        EXPECT_TRUE(fires.contains(rule.id)) << rule.id << " has no case where it fires";
        EXPECT_TRUE(misses.contains(rule.id)) << rule.id << " has no case where it must not";
    }
}

TEST(HeuristicCoderRules, TablesAreWellFormed) {
    std::set<std::string> ids;
    for (const auto& rule : heuristic_rules()) {
        EXPECT_TRUE(ids.insert(rule.id).second) << "rule id twice: " << rule.id;
        EXPECT_NE(find_coaching_dimension(rule.dimension), nullptr) << rule.id;
        if (rule.value != "=role" && rule.value != "=previous") {
            EXPECT_TRUE(is_valid(rule.dimension, rule.value)) << rule.id << ": " << rule.value;
        }
        EXPECT_FALSE(rule.description.empty()) << rule.id;
        const bool needs_cues = rule.kind != RuleKind::computed;
        EXPECT_EQ(!rule.cues.empty(), needs_cues) << rule.id;
        EXPECT_EQ(!rule.with.empty(), rule.kind == RuleKind::compound) << rule.id;
        std::set<std::string> cues;
        for (const auto& cue : rule.cues) {
            EXPECT_TRUE(cues.insert(cue).second) << rule.id << ": cue twice: " << cue;
            for (const char ch : cue)
                EXPECT_FALSE(ch >= 'A' && ch <= 'Z') << rule.id << ": cue not lower case: " << cue;
            EXPECT_EQ(cue.find("  "), std::string::npos) << rule.id << ": " << cue;
        }
    }
    std::set<std::string> lists;
    for (const auto& list : heuristic_word_lists()) {
        EXPECT_TRUE(lists.insert(list.id).second) << list.id;
        EXPECT_FALSE(list.words.empty()) << list.id;
    }
}

TEST(HeuristicCoderRules, EveryRuleAndWordListIsDocumented) {
    const std::string doc =
        read_file(std::filesystem::path(COACHKIT_SOURCE_DIR) / "docs" / "heuristic-coder.md");
    for (const auto& rule : heuristic_rules())
        EXPECT_NE(doc.find("`" + rule.id + "`"), std::string::npos)
            << rule.id << " is not in docs/heuristic-coder.md";
    for (const auto& list : heuristic_word_lists())
        EXPECT_NE(doc.find("`" + list.id + "`"), std::string::npos)
            << "word list " << list.id << " is not in docs/heuristic-coder.md";
}

/// A rule's cues as docs/heuristic-coder.md's rule tables print them.
std::string documented_cues(const HeuristicRule& rule) {
    if (rule.kind == RuleKind::computed)
        return "\u2014";
    auto list = [](const std::vector<std::string>& phrases) {
        std::string text;
        for (const auto& p : phrases)
            text += (text.empty() ? "`" : ", `") + p + "`";
        return text;
    };
    std::string text = list(rule.cues);
    if (!rule.with.empty())
        text += " **with** " + list(rule.with);
    if (!rule.not_followed_by.empty())
        text += " **not followed by** " + list(rule.not_followed_by);
    return text;
}

TEST(HeuristicCoderRules, TheDocumentListsEachRulesCuesAsTheCoderHasThem) {
    const std::string doc =
        read_file(std::filesystem::path(COACHKIT_SOURCE_DIR) / "docs" / "heuristic-coder.md");
    for (const auto& rule : heuristic_rules()) {
        const std::string start = "| `" + rule.id + "` |";
        const auto at = doc.find(start);
        ASSERT_NE(at, std::string::npos) << "no row for " << rule.id;
        const std::string line = doc.substr(at, doc.find('\n', at) - at);
        // | `id` | value | kind | cues | what it catches |
        std::vector<std::string> cells;
        std::size_t from = 2;
        while (cells.size() < 4) {
            const auto bar = line.find(" | ", from);
            if (bar == std::string::npos)
                break;
            cells.push_back(line.substr(from, bar - from));
            from = bar + 3;
        }
        ASSERT_EQ(cells.size(), 4u) << line;
        EXPECT_EQ(cells[3], documented_cues(rule))
            << rule.id << ": docs/heuristic-coder.md lists other cues than the coder has";
    }
}

// ---- what a result holds ----------------------------------------------------------------------

TEST(HeuristicCoder, EachCodeHasOneReasonWhoseCueIsTheTurnsOwnWords) {
    const HeuristicCoder coder;
    const std::string text =
        "Looking back, I think the plenary was rushed. Next time I'll give them five minutes.";
    const auto result = coder.code(text, "learner");
    std::size_t codes = 0;
    for (const auto& [dimension, values] : result.codes)
        codes += values.size();
    ASSERT_EQ(result.reasons.size(), codes) << describe(result);
    for (const auto& reason : result.reasons) {
        const auto& values = result.codes.at(reason.dimension);
        EXPECT_NE(std::find(values.begin(), values.end(), reason.value), values.end());
        const auto& rule =
            *std::find_if(heuristic_rules().begin(), heuristic_rules().end(),
                          [&](const HeuristicRule& r) { return r.id == reason.rule; });
        if (rule.kind == RuleKind::cue || rule.kind == RuleKind::fallback) {
            EXPECT_NE(text.find(reason.cue), std::string::npos)
                << reason.rule << ": " << reason.cue;
        }
    }
    EXPECT_EQ(result.codes.at("stimulus"), std::vector<std::string>{"reflection"});
    EXPECT_EQ(result.codes.at("scale"), std::vector<std::string>{"episode"});
    EXPECT_EQ(result.codes.at("time"), (std::vector<std::string>{"future"}));
    // Values come in the vocabulary's order, whatever order the rules found them in.
    EXPECT_EQ(result.codes.at("function"), (std::vector<std::string>{"evaluate", "suggest"}));
}

TEST(HeuristicCoder, CuesMatchWholeWordsWhateverTheCaseOrApostrophe) {
    const HeuristicCoder coder;
    const auto planet = coder.code("The planet was the focus of the starter.", "learner");
    EXPECT_EQ(planet.codes.at("stimulus"), std::vector<std::string>{"recall"})
        << "'the plan' (artefact) must not match 'the planet'\n"
        << describe(planet);
    // A dash or an ellipsis separates words: "moment\u2014when" holds the cue "moment".
    const auto dash = coder.code("That moment\u2014when Leo asked\u2026", "learner");
    ASSERT_TRUE(dash.codes.contains("scale")) << describe(dash);
    EXPECT_EQ(dash.codes.at("scale"), std::vector<std::string>{"critical-incident"});
    const auto curly = coder.code("I HADN\xE2\x80\x99T REALISED how long it took.", "learner");
    ASSERT_TRUE(curly.codes.contains("function")) << describe(curly);
    EXPECT_EQ(curly.codes.at("function").front(), "dissonance") << describe(curly);
}

TEST(HeuristicCoder, SaysNothingAboutEmptyOrBackChannelTurns) {
    const HeuristicCoder coder;
    for (const char* text : {"", "   ", "Mm.", "Yeah, okay.", "...", "?", "Mm hmm, right."}) {
        const auto result = coder.code(text, "learner");
        EXPECT_TRUE(result.codes.empty()) << '"' << text << "\"\n" << describe(result);
        EXPECT_TRUE(result.reasons.empty());
    }
}

TEST(HeuristicCoder, SurvivesBytesNoReaderWouldPass) {
    // Readers reject invalid UTF-8 before any coder sees it; code() must still not misbehave.
    const HeuristicCoder coder;
    const std::string garbage("\xff\xfe\x00\xc3\x28 why? \xe2\x80 because\xf0\x9f", 21);
    const auto result = coder.code(garbage, "coach");
    EXPECT_EQ(result.reasons.size() > 0, !result.codes.empty());
    std::string long_turn;
    for (int i = 0; i < 20000; ++i)
        long_turn += "They worked. Why? ";
    const auto big = coder.code(long_turn, "learner");
    EXPECT_TRUE(big.codes.contains("function"));
}

// ---- whole transcripts ------------------------------------------------------------------------

SpeakerRoles dev_roles() {
    auto roles = SpeakerRoles::coaching();
    for (const char* learner : {"Ms Reed", "Mr Okafor", "Priya"})
        roles.assign(learner, "learner");
    roles.assign("Sam", "coach");
    return roles;
}

std::vector<Utterance> read_turns(const std::filesystem::path& path) {
    const std::string bytes = read_file(path);
    MemoryByteSource input(bytes, path.string());
    Diagnostics out;
    DiagnosticSink sink(out, path.string());
    std::vector<Utterance> turns;
    read_transcript(TranscriptFormat::csv, input, sink,
                    [&](const Utterance& u) { turns.push_back(u); });
    EXPECT_FALSE(sink.failed());
    return turns;
}

TEST(HeuristicCoder, ReadsEachTurnAfterTheOneBeforeIt) {
    const HeuristicCoder coder;
    const auto turns = read_turns(dev_data / "dev-2-video.csv");
    const auto results = coder.code_turns(turns, dev_roles());
    ASSERT_EQ(results.size(), turns.size());
    // Turn 6 answers turn 5's challenge; turn 8 takes up turn 7's.
    const auto& defend = results[5].codes.at("function");
    EXPECT_NE(std::find(defend.begin(), defend.end(), "defend"), defend.end())
        << describe(results[5]);
    const auto& accept = results[7].codes.at("function");
    EXPECT_NE(std::find(accept.begin(), accept.end(), "accept"), accept.end())
        << describe(results[7]);
    // Turns 13 and 14 build on each other's words: co-construction, led by both.
    EXPECT_EQ(results[12].codes.at("initiation"), std::vector<std::string>{"shared"});
    EXPECT_EQ(results[13].codes.at("initiation"), std::vector<std::string>{"shared"});
}

TEST(HeuristicCoder, StreamingGivesWhatCodingInMemoryGives) {
    const HeuristicCoder coder;
    for (const char* name : {"dev-1-starter.csv", "dev-2-video.csv", "dev-3-coconstruct.csv"}) {
        SCOPED_TRACE(name);
        const auto turns = read_turns(dev_data / name);
        const auto in_memory = coder.code_turns(turns, dev_roles());
        const std::string bytes = read_file(dev_data / name);
        MemoryByteSource input(bytes, name);
        Diagnostics out;
        DiagnosticSink sink(out, name);
        std::vector<CodedTurnResult> streamed;
        std::vector<std::string> roles;
        const std::size_t count = code_transcript(
            TranscriptFormat::csv, input, dev_roles(), coder, sink,
            [&](const Utterance&, const std::string& role, const CodedTurnResult& r) {
                streamed.push_back(r);
                roles.push_back(role);
            });
        ASSERT_EQ(count, in_memory.size());
        EXPECT_TRUE(out.empty());
        for (std::size_t i = 0; i < count; ++i) {
            EXPECT_EQ(streamed[i].codes, in_memory[i].codes) << "turn " << i + 1;
            EXPECT_EQ(streamed[i].reasons.size(), in_memory[i].reasons.size());
        }
        EXPECT_EQ(roles.front(), dev_roles().role_for(turns.front().speaker));
    }
}

TEST(HeuristicCoder, OneCoderGivesTheSameCodesFromManyThreads) {
    const HeuristicCoder coder;
    std::vector<std::vector<Utterance>> transcripts;
    for (const char* name : {"dev-1-starter.csv", "dev-2-video.csv", "dev-3-coconstruct.csv"})
        transcripts.push_back(read_turns(dev_data / name));
    const auto roles = dev_roles();
    std::vector<std::vector<CodedTurnResult>> expected;
    for (const auto& turns : transcripts)
        expected.push_back(coder.code_turns(turns, roles));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < mismatches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 50; ++round) {
                for (std::size_t i = 0; i < transcripts.size(); ++i) {
                    const auto got = coder.code_turns(transcripts[i], roles);
                    for (std::size_t k = 0; k < got.size(); ++k)
                        mismatches[t] += got[k].codes == expected[i][k].codes ? 0 : 1;
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (std::size_t t = 0; t < mismatches.size(); ++t)
        EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

TEST(HeuristicCoder, AReaderErrorStopsCodingAndIsReported) {
    const HeuristicCoder coder;
    const std::string bytes = "speaker,text\nCoach,Why \xff?\n";
    MemoryByteSource input(bytes, "bad.csv");
    Diagnostics out;
    DiagnosticSink sink(out, "bad.csv");
    std::size_t seen = 0;
    code_transcript(TranscriptFormat::csv, input, SpeakerRoles::coaching(), coder, sink,
                    [&](const Utterance&, const std::string&, const CodedTurnResult&) { ++seen; });
    EXPECT_TRUE(sink.failed());
    EXPECT_EQ(seen, 0u);
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.front().severity, Severity::error);
}

// ---- the coaching-transcript source's option `coder` -----------------------------------------

Registry& registry() {
    static Registry r;
    static const bool discovered = (r.discover({COACHKIT_BUILTIN_PLUGINS}), true);
    (void)discovered;
    return r;
}

struct Read {
    EvidenceContent content;
    Diagnostics diagnostics;
};

Read ingest(std::string_view bytes, boost::json::object options, bool keep_content = true) {
    const auto source = registry().create<EvidenceSource>("coaching-transcript");
    MemoryByteSource input(bytes, "talk.csv");
    Read read;
    read.content =
        source->ingest(input, IngestRequest{"csv", "talk.csv", std::move(options), keep_content},
                       read.diagnostics);
    return read;
}

std::string all(const Diagnostics& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics)
        text += d.to_string() + "\n";
    return text;
}

// Turn 2 is coded by a person (a CSV column); turns 1 and 3 are not.
constexpr std::string_view mixed =
    "speaker,text,function\n"
    "Coach,How do you think the starter went?,\n"
    "Teacher,It was slow. I gave them a picture to question.,describe\n"
    "Coach,You could model one question first next time.,\n";

TEST(CoachingTranscriptCoder, CodesTheTurnsPeopleLeftUncodedAndSaysWhich) {
    const auto read = ingest(mixed, {{"coder", "heuristic"}});
    ASSERT_FALSE(has_errors(read.diagnostics)) << all(read.diagnostics);
    const auto& turns = read.content.content.at("turns").as_array();
    ASSERT_EQ(turns.size(), 3u);
    EXPECT_EQ(turns[0].at("coded_by"), "heuristic");
    EXPECT_EQ(turns[0].at_pointer("/codes/function"), boost::json::array{"question"});
    EXPECT_EQ(turns[0].at_pointer("/codes/initiation"), boost::json::array{"coach"});
    EXPECT_FALSE(turns[1].as_object().contains("coded_by"));
    EXPECT_EQ(turns[1].at("codes"), (boost::json::object{{"function", {"describe"}}}))
        << "people's codes are kept, and only theirs";
    EXPECT_EQ(turns[2].at("coded_by"), "heuristic");
    EXPECT_EQ(turns[2].at_pointer("/codes/time"), boost::json::array{"future"});
    EXPECT_EQ(read.content.metrics.at("coder_coded_turns"), 2);
    EXPECT_EQ(read.content.metrics.at("coded_turns"), 3);
    EXPECT_EQ(read.content.metrics.at("codes.function.suggest"), 1);
}

TEST(CoachingTranscriptCoder, StreamingGivesTheSameMetrics) {
    const auto kept = ingest(mixed, {{"coder", "heuristic"}}, true);
    const auto streamed = ingest(mixed, {{"coder", "heuristic"}}, false);
    EXPECT_EQ(kept.content.metrics, streamed.content.metrics);
    EXPECT_EQ(kept.content.details, streamed.content.details);
    EXPECT_TRUE(streamed.content.content.is_null());
}

TEST(CoachingTranscriptCoder, WithoutTheOptionNothingChanges) {
    const auto read = ingest(mixed, {});
    const auto& turns = read.content.content.at("turns").as_array();
    for (const auto& turn : turns)
        EXPECT_FALSE(turn.as_object().contains("coded_by"));
    EXPECT_EQ(turns[0].at("codes"), boost::json::object{});
    EXPECT_FALSE(read.content.metrics.contains("coder_coded_turns"));
    EXPECT_EQ(read.content.metrics.at("coded_turns"), 1);
}

TEST(CoachingTranscriptCoder, AnUnknownCoderIsAnErrorAtItsPointer) {
    for (const auto& [value, fragment] : std::vector<std::pair<boost::json::value, std::string>>{
             {"neural", "unknown coder 'neural' (coders: heuristic"},
             {"", "unknown coder ''"},
             {42, "must be the name of a coder"},
             {boost::json::array{"heuristic"}, "must be the name of a coder"}}) {
        for (const bool keep : {true, false}) {
            const auto read = ingest(mixed, {{"coder", value}}, keep);
            const auto found = std::find_if(
                read.diagnostics.begin(), read.diagnostics.end(), [&](const Diagnostic& d) {
                    return d.severity == Severity::error && d.pointer == "/options/coder" &&
                           d.message.find(fragment) != std::string::npos;
                });
            EXPECT_NE(found, read.diagnostics.end()) << value << "\n" << all(read.diagnostics);
            EXPECT_TRUE(read.content.metrics.empty()) << "nothing is read after a bad option";
        }
    }
}

TEST(CoachingTranscriptCoder, TheContentSchemaAllowsCodedBy) {
    const auto source = registry().create<EvidenceSource>("coaching-transcript");
    const boost::json::value schema = source->content_schema();
    EXPECT_EQ(schema.at_pointer("/properties/turns/items/properties/coded_by/enum"),
              boost::json::array{"heuristic"});
}

}  // namespace
