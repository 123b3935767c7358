// The heuristic coder's speed in turns per second (docs/heuristic-coder.md, docs/benchmarks.md):
// the hand-coded transcripts of the repository (the coder's development examples and the
// coaching corpus, whichever are there) read once and repeated to a few thousand turns, then
// coded whole, each turn after the one before it, as `coachkit code` and the coaching-transcript
// source's option `coder` do. With two threads, both code the same turns with one coder: the
// coder is shared and immutable, so the figure should double on two free cores.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "coachkit/evidence/heuristic_coder.hpp"

using namespace coachkit;

namespace {

constexpr std::size_t kTurns = 4000;

struct Conversation {
    std::vector<Utterance> turns;
    SpeakerRoles roles = SpeakerRoles::coaching();
};

void read_folder(const std::filesystem::path& folder, std::vector<Utterance>& all,
                 SpeakerRoles& roles) {
    if (!std::filesystem::is_directory(folder))
        return;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() == ".csv")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        const std::string text = bytes.str();
        MemoryByteSource input(text, file.string());
        Diagnostics problems;
        DiagnosticSink sink(problems, file.string());
        read_transcript(TranscriptFormat::csv, input, sink, [&](const Utterance& u) {
            // The coach is "Coach" (or "Sam" in the development examples); everyone else learns.
            if (roles.is_unmapped(u.speaker))
                roles.assign(u.speaker, u.speaker == "Sam" ? "coach" : "learner");
            all.push_back(u);
        });
    }
}

const Conversation& conversation() {
    static const Conversation built = [] {
        Conversation c;
        const std::filesystem::path data =
            std::filesystem::path(COACHKIT_SOURCE_DIR) / "tests" / "analysis" / "data";
        std::vector<Utterance> source;
        read_folder(data / "coder-dev", source, c.roles);
        read_folder(data / "coaching-corpus", source, c.roles);
        if (source.empty())
            source.push_back(
                Utterance{0, 1, "Coach", "How do you think the lesson went?", {}, {}, {}});
        while (c.turns.size() < kTurns) {
            for (const auto& u : source) {
                if (c.turns.size() == kTurns)
                    break;
                c.turns.push_back(u);
                c.turns.back().index = c.turns.size() - 1;
            }
        }
        return c;
    }();
    return built;
}

void BM_HeuristicCoder(benchmark::State& state) {
    static const HeuristicCoder coder;
    const Conversation& c = conversation();
    std::size_t codes = 0;
    for (auto _ : state) {
        const auto results = coder.code_turns(c.turns, c.roles);
        codes += results.back().codes.size();
        benchmark::DoNotOptimize(results.data());
    }
    benchmark::DoNotOptimize(codes);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.turns.size()));
    state.counters["turns"] = static_cast<double>(c.turns.size());
}

}  // namespace

BENCHMARK(BM_HeuristicCoder)->Unit(benchmark::kMillisecond)->Threads(1)->Threads(2)->UseRealTime();
