// Plugin benchmarks: discovery (manifests per second, no library opened), the first open of a
// compiled plugin (dlopen plus the handshake), and creating instances. Figures in
// docs/benchmarks.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "coachkit/plugin/registry.hpp"

using namespace coachkit;
namespace fs = std::filesystem;

namespace {

const fs::path kBuiltins = COACHKIT_BUILTIN_PLUGIN_DIR;

/// A folder of `count` data-only plugins, made once per process.
const fs::path& manifest_farm(int count) {
    static std::map<int, fs::path> farms;
    auto& folder = farms[count];
    if (!folder.empty())
        return folder;
    folder = fs::temp_directory_path() / ("coachkit-bench-manifests-" + std::to_string(count));
    fs::remove_all(folder);
    for (int i = 0; i < count; ++i) {
        const auto plugin = folder / ("guide-" + std::to_string(i));
        fs::create_directories(plugin);
        std::ofstream(plugin / "plugin.json")
            << R"({"schema": "coachkit.plugin/1", "id": "guide-)" << i
            << R"(", "version": "1.0.0", "licence": "MIT", "provides": [{"kind": "coaching-guide", "id": "guide-)"
            << i
            << R"(", "name": "Guide", "definition": {"phases": [{"id": "start", "name": "Start", "prompts": ["What happened?", "Why?"]}]}}]})";
    }
    return folder;
}

void BM_DiscoverManifests(benchmark::State& state) {
    const int count = static_cast<int>(state.range(0));
    const auto& folder = manifest_farm(count);
    for (auto _ : state) {
        Registry registry;
        registry.discover({folder});
        benchmark::DoNotOptimize(registry.components().size());
    }
    state.SetItemsProcessed(state.iterations() * count);
    state.counters["manifests"] = count;
}
BENCHMARK(BM_DiscoverManifests)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

/// Each iteration opens a fresh copy of the compiled built-in (a library is never opened twice by
/// the same path, so copies are what make every open a first open).
void BM_FirstOpenOfCompiledPlugin(benchmark::State& state) {
    const fs::path source = kBuiltins / "learner-reflection";
    // The loader keeps every library it opened (coachkit never unloads), keyed by path: paths must
    // be new across repetitions too, hence a process-wide counter and a per-process folder.
    static const fs::path root = [] {
        auto folder =
            fs::temp_directory_path() / ("coachkit-bench-open-" + std::to_string(::getpid()));
        fs::remove_all(folder);
        return folder;
    }();
    static int copy = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const auto folder = root / ("copy-" + std::to_string(copy++));
        fs::create_directories(folder);
        fs::copy(source / "plugin.json", folder / "plugin.json");
        fs::copy(source / "liblearner_reflection.so", folder / "liblearner_reflection.so");
        Registry registry;
        registry.discover({folder});
        state.ResumeTiming();
        registry.load("learner-reflection");
    }
}
BENCHMARK(BM_FirstOpenOfCompiledPlugin)->Iterations(40)->Unit(benchmark::kMicrosecond);

void BM_CreateInstance(benchmark::State& state, ComponentKind kind, const char* id) {
    Registry registry;
    registry.discover({kBuiltins});
    (void)registry.create(kind, id);  // the first create opens a compiled plugin; measure the rest
    for (auto _ : state) {
        benchmark::DoNotOptimize(registry.create(kind, id));
    }
}
BENCHMARK_CAPTURE(BM_CreateInstance, data_workflow, ComponentKind::workflow, "cflat-ideal-cycle");
BENCHMARK_CAPTURE(BM_CreateInstance, compiled_evidence_source, ComponentKind::evidence_source,
                  "learner-reflection");

}  // namespace
