// How well the heuristic coder agrees with people, held to the tables docs/heuristic-coder.md
// prints: for each set of hand-coded transcripts (the coder's own development examples, and the
// hand-coded corpus it was not tuned on), per dimension the share of turns whose values agree
// exactly and Cohen's kappa on those value sets, and per value how often people and the coder gave
// it and the kappa of its presence. The test recomputes every figure and fails when the document's
// table differs from what the coder now scores, printing the table to paste in. Run it alone with
//   coachkit_analysis_tests --gtest_filter='HeuristicCoderAccuracy.*'
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <coachkit/analysis/agreement.hpp>
#include <coachkit/coachkit.hpp>
#include <coachkit/evidence/heuristic_coder.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using namespace coachkit;

const std::filesystem::path data_dir(COACHKIT_ANALYSIS_DATA);
const std::filesystem::path doc_path =
    std::filesystem::path(COACHKIT_SOURCE_DIR) / "docs" / "heuristic-coder.md";

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// People's codes and the coder's for every turn of a set of transcripts (and, where a second
/// person coded them, that person's).
struct CodedTurns {
    std::vector<TurnCodeSet> people, coder, second;
};

/// The transcripts a manifest lists ({"transcripts": [{"file", "speakers": {name: role}}]}),
/// coded by people (their CSV columns) and by the coder.
/// With `second` (a folder of NAME.codes.json sidecars), only the transcripts that have one, and
/// that person's codes too.
CodedTurns code_set(const std::filesystem::path& folder, const std::filesystem::path& second = {}) {
    CodedTurns out;
    const auto manifest = boost::json::parse(read_file(folder / "manifest.json"));
    const HeuristicCoder coder;
    for (const auto& entry : manifest.at("transcripts").as_array()) {
        const std::filesystem::path file = folder / std::string(entry.at("file").as_string());
        std::optional<TurnCodes> sidecar;
        if (!second.empty()) {
            const auto path = second / (file.stem().string() + ".codes.json");
            if (!std::filesystem::exists(path))
                continue;
            Diagnostics problems;
            sidecar =
                TurnCodes::read(boost::json::parse(read_file(path)), path.string(), "", problems);
            EXPECT_FALSE(has_errors(problems)) << path;
        }
        auto roles = SpeakerRoles::coaching();
        if (const auto* speakers = entry.as_object().if_contains("speakers")) {
            for (const auto& [name, role] : speakers->as_object())
                roles.assign(name, role.as_string());
        }
        const std::string bytes = read_file(file);
        MemoryByteSource input(bytes, file.string());
        Diagnostics problems;
        DiagnosticSink sink(problems, file.string());
        std::vector<Utterance> turns;
        {
            TurnCodeCollector people(nullptr, sink);
            read_transcript(TranscriptFormat::csv, input, sink, [&](const Utterance& u) {
                turns.push_back(u);
                out.people.push_back(people.codes(u));
            });
        }
        EXPECT_FALSE(sink.failed()) << file;
        for (auto& result : coder.code_turns(turns, roles))
            out.coder.push_back(std::move(result.codes));
        if (sidecar) {
            for (std::size_t n = 1; n <= turns.size(); ++n) {
                const TurnCodeSet* codes = sidecar->codes_for(n);
                out.second.push_back(codes != nullptr ? *codes : TurnCodeSet{});
            }
        }
    }
    return out;
}

std::vector<std::string> values_of(const TurnCodeSet& codes, const std::string& dimension) {
    const auto it = codes.find(dimension);
    if (it == codes.end())
        return {};
    auto values = it->second;
    std::sort(values.begin(), values.end());
    return values;
}

std::string label_of(const std::vector<std::string>& values) {
    if (values.empty())
        return "(none)";
    std::string label;
    for (const auto& v : values)
        label += (label.empty() ? "" : "+") + v;
    return label;
}

std::string percent(double share) {
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(1);
    text << share * 100 << "%";
    return text.str();
}

std::string two_places(double value) {
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(2);
    text << (std::fabs(value) < 0.005 ? 0.0 : value);
    return text.str();
}

/// Cohen's kappa of two columns of labels, or nullopt when it is undefined (one label only).
std::optional<double> kappa(const std::vector<std::string>& people,
                            const std::vector<std::string>& coder) {
    std::vector<std::vector<std::optional<std::string>>> rows;
    for (std::size_t i = 0; i < people.size(); ++i)
        rows.push_back({people[i], coder[i]});
    try {
        const auto data =
            ReliabilityData::from_rows(std::move(rows), {"people", "heuristic coder"});
        AgreementOptions options;
        options.replicates = 0;
        return cohen_kappa(data, KappaWeights::none, {}, options).value;
    } catch (const UndefinedAgreementError&) {
        return std::nullopt;
    }
}

using Table = std::vector<std::vector<std::string>>;

/// Agreement of `other` with `people` on one dimension.
struct DimensionAgreement {
    std::size_t turns = 0, same = 0;
    std::size_t either = 0, same_of_either = 0;  // turns either coded on the dimension
    std::optional<double> set_kappa;
};

DimensionAgreement agreement(const std::vector<TurnCodeSet>& people,
                             const std::vector<TurnCodeSet>& other, const std::string& dimension) {
    DimensionAgreement a;
    std::vector<std::string> p_labels, o_labels;
    for (std::size_t i = 0; i < people.size(); ++i) {
        const auto p = values_of(people[i], dimension);
        const auto o = values_of(other[i], dimension);
        ++a.turns;
        a.same += p == o ? 1 : 0;
        if (!p.empty() || !o.empty()) {
            ++a.either;
            a.same_of_either += p == o ? 1 : 0;
        }
        p_labels.push_back(label_of(p));
        o_labels.push_back(label_of(o));
    }
    a.set_kappa = kappa(p_labels, o_labels);
    return a;
}

std::string share(std::size_t part, std::size_t whole) {
    return whole == 0 ? "n/a"
                      : percent(static_cast<double>(part) / static_cast<double>(whole)) + " (" +
                            std::to_string(part) + "/" + std::to_string(whole) + ")";
}

/// One row per dimension: turns, exact agreement (over all turns, and over the turns either side
/// coded on the dimension), kappa on value sets, mean kappa of the values' presence.
Table dimension_table(const CodedTurns& turns) {
    Table table{{"dimension", "turns", "exact agreement", "exact, turns either coded",
                 "kappa (value sets)", "mean kappa (values)"}};
    for (const auto& dimension : coaching_dimensions()) {
        const auto a = agreement(turns.people, turns.coder, dimension.id);
        double sum = 0;
        std::size_t defined = 0;
        for (const auto& value : dimension.values) {
            std::vector<std::string> p, c;
            for (std::size_t i = 0; i < turns.people.size(); ++i) {
                const auto pv = values_of(turns.people[i], dimension.id);
                const auto cv = values_of(turns.coder[i], dimension.id);
                p.emplace_back(std::count(pv.begin(), pv.end(), value.id) ? "yes" : "no");
                c.emplace_back(std::count(cv.begin(), cv.end(), value.id) ? "yes" : "no");
            }
            if (const auto k = kappa(p, c)) {
                sum += *k;
                ++defined;
            }
        }
        table.push_back({dimension.id, std::to_string(a.turns),
                         percent(static_cast<double>(a.same) / static_cast<double>(a.turns)),
                         share(a.same_of_either, a.either),
                         a.set_kappa ? two_places(*a.set_kappa) : "n/a",
                         defined ? two_places(sum / static_cast<double>(defined)) : "n/a"});
    }
    return table;
}

/// A second person and the coder, each against the first person, on the same turns.
Table second_coder_table(const CodedTurns& turns) {
    Table table{{"dimension", "turns", "coder B: exact, turns either coded", "coder B: kappa",
                 "heuristic coder: exact, turns either coded", "heuristic coder: kappa"}};
    for (const auto& dimension : coaching_dimensions()) {
        const auto b = agreement(turns.people, turns.second, dimension.id);
        const auto h = agreement(turns.people, turns.coder, dimension.id);
        table.push_back({dimension.id, std::to_string(b.turns), share(b.same_of_either, b.either),
                         b.set_kappa ? two_places(*b.set_kappa) : "n/a",
                         share(h.same_of_either, h.either),
                         h.set_kappa ? two_places(*h.set_kappa) : "n/a"});
    }
    return table;
}

/// One row per value: turns people gave it, the coder gave it, both; agreement and kappa on its
/// presence.
Table value_table(const CodedTurns& turns) {
    Table table{{"dimension", "value", "people", "coder", "both", "agreement", "kappa"}};
    for (const auto& dimension : coaching_dimensions()) {
        for (const auto& value : dimension.values) {
            std::vector<std::string> p, c;
            std::size_t by_people = 0, by_coder = 0, both = 0, same = 0;
            for (std::size_t i = 0; i < turns.people.size(); ++i) {
                const auto pv = values_of(turns.people[i], dimension.id);
                const auto cv = values_of(turns.coder[i], dimension.id);
                const bool in_p = std::count(pv.begin(), pv.end(), value.id) != 0;
                const bool in_c = std::count(cv.begin(), cv.end(), value.id) != 0;
                by_people += in_p;
                by_coder += in_c;
                both += in_p && in_c;
                same += in_p == in_c;
                p.emplace_back(in_p ? "yes" : "no");
                c.emplace_back(in_c ? "yes" : "no");
            }
            const auto k = kappa(p, c);
            table.push_back(
                {dimension.id, value.id, std::to_string(by_people), std::to_string(by_coder),
                 std::to_string(both),
                 percent(static_cast<double>(same) / static_cast<double>(turns.people.size())),
                 k ? two_places(*k) : "n/a"});
        }
    }
    return table;
}

std::string markdown(const Table& table) {
    std::string text;
    for (std::size_t r = 0; r < table.size(); ++r) {
        text += "|";
        for (const auto& cell : table[r])
            text += " " + cell + " |";
        text += "\n";
        if (r == 0) {
            text += "|";
            for (std::size_t c = 0; c < table[r].size(); ++c)
                text += " --- |";
            text += "\n";
        }
    }
    return text;
}

/// The table between `<!-- accuracy: NAME -->` and `<!-- end accuracy -->` in the document, as
/// rows of cells (the separator row left out), or nullopt when there is no such block.
std::optional<Table> doc_table(const std::string& doc, const std::string& name) {
    const std::string open = "<!-- accuracy: " + name + " -->";
    const auto start = doc.find(open);
    if (start == std::string::npos)
        return std::nullopt;
    const auto stop = doc.find("<!-- end accuracy -->", start);
    if (stop == std::string::npos)
        return std::nullopt;
    std::istringstream lines(doc.substr(start + open.size(), stop - start - open.size()));
    Table table;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line.front() != '|')
            continue;
        std::vector<std::string> cells;
        std::size_t at = 1;
        while (at < line.size()) {
            const auto bar = line.find('|', at);
            if (bar == std::string::npos)
                break;
            std::string cell = line.substr(at, bar - at);
            cell.erase(0, cell.find_first_not_of(" `"));
            cell.erase(cell.find_last_not_of(" `") + 1);
            cells.push_back(cell);
            at = bar + 1;
        }
        if (!cells.empty() && cells.front() == "---")
            continue;
        table.push_back(std::move(cells));
    }
    return table;
}

void expect_doc_matches(const std::string& name, const Table& fresh) {
    std::cout << "<!-- accuracy: " << name << " -->\n"
              << markdown(fresh) << "<!-- end accuracy -->\n";
    const auto in_doc = doc_table(read_file(doc_path), name);
    ASSERT_TRUE(in_doc.has_value()) << "docs/heuristic-coder.md has no table '" << name
                                    << "'; the table above is what the coder scores";
    EXPECT_EQ(*in_doc, fresh) << "docs/heuristic-coder.md's table '" << name
                              << "' is not what the coder now scores: paste the table printed "
                                 "above into the document";
}

TEST(HeuristicCoderAccuracy, DevelopmentExamplesMatchTheDocument) {
    const auto turns = code_set(data_dir / "coder-dev");
    ASSERT_EQ(turns.people.size(), turns.coder.size());
    ASSERT_GT(turns.people.size(), 30u);
    expect_doc_matches("coder-dev dimensions", dimension_table(turns));
}

TEST(HeuristicCoderAccuracy, HandCodedCorpusMatchesTheDocument) {
    const auto folder = data_dir / "coaching-corpus";
    ASSERT_TRUE(std::filesystem::exists(folder / "manifest.json"))
        << folder << " has no manifest.json: the corpus the document's accuracy comes from";
    const auto turns = code_set(folder);
    ASSERT_EQ(turns.people.size(), turns.coder.size());
    ASSERT_GT(turns.people.size(), 100u);
    expect_doc_matches("coaching-corpus dimensions", dimension_table(turns));
    expect_doc_matches("coaching-corpus values", value_table(turns));
}

TEST(HeuristicCoderAccuracy, SecondHandCodingMatchesTheDocument) {
    const auto folder = data_dir / "coaching-corpus";
    ASSERT_TRUE(std::filesystem::exists(folder / "coder-b"));
    const auto turns = code_set(folder, folder / "coder-b");
    ASSERT_EQ(turns.second.size(), turns.people.size());
    ASSERT_GT(turns.people.size(), 50u);
    expect_doc_matches("coaching-corpus coder-b", second_coder_table(turns));
}

TEST(HeuristicCoderAccuracy, TheDocumentsTableReaderReadsTables) {
    const std::string doc =
        "x\n<!-- accuracy: t -->\n| a | `b` |\n| --- | --- |\n| 1 | 2 |\n"
        "<!-- end accuracy -->\n";
    EXPECT_EQ(doc_table(doc, "t"), (Table{{"a", "b"}, {"1", "2"}}));
    EXPECT_FALSE(doc_table(doc, "u").has_value());
}

}  // namespace
