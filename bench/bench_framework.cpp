// Framework benchmarks: how long loading and querying packs takes. Figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <boost/json/serialize.hpp>
#include <filesystem>

#include "coachkit/framework/framework.hpp"

using namespace coachkit;

namespace {

const std::string& curee_text() {
    static const std::string text = boost::json::serialize(Framework::curee().to_json());
    return text;
}

// Parsing and validating the whole CUREE pack (what every process pays once on first use).
void BM_LoadStandalonePack(benchmark::State& state) {
    for (auto _ : state) {
        benchmark::DoNotOptimize(load_pack_text(curee_text(), "bench"));
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * curee_text().size()));
}
BENCHMARK(BM_LoadStandalonePack);

// A school's pack laid over CUREE: read the file, merge by id, validate the result.
void BM_LoadSchoolPack(benchmark::State& state) {
    const std::filesystem::path path =
        std::filesystem::path(COACHKIT_SOURCE_DIR) / "examples" / "school_pack.json";
    for (auto _ : state) {
        benchmark::DoNotOptimize(load_pack(path));
    }
}
BENCHMARK(BM_LoadSchoolPack);

void BM_CompareThreeModes(benchmark::State& state) {
    const Framework& fw = Framework::curee();
    const std::vector<std::string> modes{"mentoring", "specialist-coaching", "co-coaching"};
    for (auto _ : state) {
        benchmark::DoNotOptimize(fw.compare(modes));
    }
}
BENCHMARK(BM_CompareThreeModes);

void BM_LookupSkillById(benchmark::State& state) {
    const Framework& fw = Framework::curee();
    for (auto _ : state) {
        benchmark::DoNotOptimize(fw.find_skill("set-aside-existing-relationships"));
    }
}
BENCHMARK(BM_LookupSkillById);

void BM_ExportMarkdown(benchmark::State& state) {
    const Framework& fw = Framework::curee();
    for (auto _ : state) {
        benchmark::DoNotOptimize(fw.to_markdown());
    }
}
BENCHMARK(BM_ExportMarkdown);

}  // namespace
