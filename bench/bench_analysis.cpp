// Scoring benchmarks, in turns of coded coaching conversations per second: the dimension profile
// and the levels rubric on one thread, and a whole corpus scored from its files on one thread and
// on every core. The corpus is the 12 hand-coded conversations of
// tests/analysis/data/coaching-corpus (315 turns), each copied 25 times for the corpus runs (300
// files, 7,875 turns), so every figure is measured on realistic turns and codes. Figures in
// docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "bench_files.hpp"
#include "coachkit/analysis/coaching_profile.hpp"
#include "coachkit/analysis/corpus.hpp"
#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/plugin/registry.hpp"

using namespace coachkit;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(COACHKIT_SOURCE_DIR) / "tests/analysis/data/coaching-corpus";
constexpr int kCopies = 25;

void fail_on_errors(const Diagnostics& problems, const std::string& what) {
    if (!has_errors(problems)) {
        return;
    }
    std::string message = what + ":";
    for (const auto& d : problems)
        message += "\n  " + d.to_string();
    throw std::runtime_error(message);
}

/// The hand-coded corpus, read once: each conversation's content and coded turns, the speakers
/// of them all (each teacher has a distinct name), and the built-in source and rubric.
struct Corpus {
    Registry registry;
    std::shared_ptr<EvidenceSource> source;
    std::shared_ptr<Rubric> rubric;
    CorpusOptions options;
    std::vector<fs::path> files;
    std::vector<boost::json::value> contents;
    std::vector<std::vector<CodedTurn>> turns;
    std::size_t turn_count = 0;

    Corpus() {
        registry.discover({COACHKIT_BUILTIN_PLUGIN_DIR});
        source = registry.create<EvidenceSource>("coaching-transcript");
        rubric = registry.create<Rubric>("coaching-levels");
        Diagnostics problems;
        const auto manifest = read_json_file(kCorpus / "manifest.json", problems);
        fail_on_errors(problems, "the corpus manifest");
        boost::json::object speakers;
        for (const auto& entry : manifest->as_object().at("transcripts").as_array()) {
            files.push_back(kCorpus / std::string(entry.as_object().at("file").as_string()));
            for (const auto& [name, role] : entry.as_object().at("speakers").as_object())
                speakers[name] = role;
        }
        options.source_options["speakers"] = speakers;
        for (const auto& file : files) {
            FileByteSource input(file);
            auto content = source->ingest(
                input, {"csv", file.string(), options.source_options, true}, problems);
            turns.push_back(coded_turns_from_content(content.content, file.string(), problems));
            fail_on_errors(problems, file.string());
            turn_count += turns.back().size();
            contents.push_back(std::move(content.content));
        }
    }
};

const Corpus& corpus() {
    static const Corpus loaded;
    return loaded;
}

/// kCopies copies of each corpus file in the benchmark folder, made once per process.
const std::vector<fs::path>& corpus_copies() {
    static const std::vector<fs::path> copies = [] {
        const auto folder = bench::bench_folder() / "coaching-corpus";
        fs::create_directories(folder);
        std::vector<fs::path> files;
        for (const auto& file : corpus().files) {
            for (int copy = 0; copy < kCopies; ++copy) {
                files.push_back(folder /
                                (file.stem().string() + "-" + std::to_string(copy) + ".csv"));
                fs::copy_file(file, files.back(), fs::copy_options::overwrite_existing);
            }
        }
        return files;
    }();
    return copies;
}

void BM_CoachingProfile(benchmark::State& state) {
    const auto& c = corpus();
    for (auto _ : state) {
        for (const auto& turns : c.turns)
            benchmark::DoNotOptimize(profile_coaching(turns).runs.size());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.turn_count));
    state.counters["transcripts"] = static_cast<double>(c.turns.size());
}
BENCHMARK(BM_CoachingProfile)->Unit(benchmark::kMicrosecond);

/// The levels rubric on content already read: the turns checked, the profile, every level's
/// conditions, the rationale, citations and per-criterion levels.
void BM_LevelsRubric(benchmark::State& state) {
    const auto& c = corpus();
    for (auto _ : state) {
        for (const auto& content : c.contents) {
            Diagnostics problems;
            benchmark::DoNotOptimize(c.rubric->evaluate(content, problems).level);
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.turn_count));
    state.counters["transcripts"] = static_cast<double>(c.contents.size());
}
BENCHMARK(BM_LevelsRubric)->Unit(benchmark::kMicrosecond);

/// score_corpus from the files: each read by the coaching-transcript source (every measure of
/// docs/evidence-metrics.md) and scored by the levels rubric, on state.range(0) threads.
void BM_ScoreCorpus(benchmark::State& state) {
    const auto& c = corpus();
    const auto& files = corpus_copies();
    CorpusOptions options = c.options;
    options.jobs = static_cast<unsigned>(state.range(0));
    for (auto _ : state) {
        const auto results = score_corpus(files, *c.source, *c.rubric, options);
        for (const auto& r : results) {
            if (!r.ok) {
                state.SkipWithError(("not scored: " + r.file).c_str());
                return;
            }
        }
        benchmark::DoNotOptimize(results.data());
    }
    state.SetItemsProcessed(state.iterations() * kCopies * static_cast<std::int64_t>(c.turn_count));
    state.counters["transcripts"] = static_cast<double>(files.size());
    state.counters["threads"] = static_cast<double>(options.jobs);
}
BENCHMARK(BM_ScoreCorpus)
    ->ArgName("jobs")
    ->Arg(1)
    ->Arg(static_cast<int>(std::max(1U, std::thread::hardware_concurrency())))
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
