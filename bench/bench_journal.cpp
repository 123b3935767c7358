// Journal benchmarks: durable appends to the SQLite store (one event per transaction, and 100 per
// transaction), replaying 100,000 events, opening a store that size (its integrity check
// included), and the memory store for comparison. Figures in docs/benchmarks.md.
//
// The SQLite figures measure the disk as much as the code: every commit waits for fsync (see
// bench_files.hpp for where the files go).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "bench_files.hpp"
#include "coachkit/journal/store.hpp"

using namespace coachkit;
using coachkit::bench::fresh_file;
namespace fs = std::filesystem;

namespace {

/// An event of the size the programme engine writes: a stage completed, with a short note.
Event bench_event(std::int64_t number) {
    Event event;
    event.type = "cycle.stage-completed";
    event.at = "2026-11-22T14:05:00Z";
    event.actor = "ana-okafor";
    event.programme = "northfield-2026";
    event.partnership = "ana-ben";
    event.cycle = "ana-ben-3";
    event.data = {{"stage", "post-lesson-meeting"},
                  {"number", number},
                  {"notes", "Agreed to try longer wait time after open questions in period 3."}};
    return event;
}

std::vector<Event> bench_batch(std::int64_t size) {
    std::vector<Event> events;
    for (std::int64_t i = 0; i < size; ++i)
        events.push_back(bench_event(i));
    return events;
}

void BM_SqliteAppendDurable(benchmark::State& state) {
    const auto size = state.range(0);
    auto store = open_sqlite_store(fresh_file("append"));
    const auto batch = bench_batch(size);
    for (auto _ : state)
        benchmark::DoNotOptimize(store->append(batch));
    state.SetItemsProcessed(state.iterations() * size);
    state.counters["events_per_transaction"] = static_cast<double>(size);
}
// 1: one event per transaction (a command that changes one thing); 100: a batch in one transaction.
// Real time: a durable append spends most of its time waiting for the disk, not on the CPU.
BENCHMARK(BM_SqliteAppendDurable)->Arg(1)->Arg(100)->UseRealTime()->Unit(benchmark::kMicrosecond);

constexpr std::int64_t kReplayEvents = 100'000;

/// A store of 100,000 events, made once per process.
const fs::path& replay_file() {
    static const fs::path file = [] {
        auto path = fresh_file("replay");
        auto store = open_sqlite_store(path);
        const auto batch = bench_batch(1'000);
        for (std::int64_t i = 0; i < kReplayEvents / 1'000; ++i)
            store->append(batch);
        return path;
    }();
    return file;
}

/// Reading the whole journal back, as deriving a programme's state from scratch does.
void BM_SqliteReplay(benchmark::State& state) {
    auto store = open_sqlite_store(replay_file());
    for (auto _ : state) {
        const auto events = store->read();
        benchmark::DoNotOptimize(events.data());
        if (static_cast<std::int64_t>(events.size()) != kReplayEvents)
            state.SkipWithError("the replay store has the wrong number of events");
    }
    state.SetItemsProcessed(state.iterations() * kReplayEvents);
}
BENCHMARK(BM_SqliteReplay)->UseRealTime()->Unit(benchmark::kMillisecond);

/// Opening a store of 100,000 events: the pragmas, the schema check and PRAGMA quick_check.
void BM_SqliteOpen(benchmark::State& state) {
    const auto& file = replay_file();
    for (auto _ : state)
        benchmark::DoNotOptimize(open_sqlite_store(file));
}
BENCHMARK(BM_SqliteOpen)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_MemoryAppend(benchmark::State& state) {
    const auto size = state.range(0);
    const auto batch = bench_batch(size);
    auto store = make_memory_store();
    std::int64_t appended = 0;
    for (auto _ : state) {
        // A fresh store now and then keeps memory bounded however many iterations run.
        if ((appended += size) > 100'000) {
            state.PauseTiming();
            store = make_memory_store();
            appended = size;
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(store->append(batch));
    }
    state.SetItemsProcessed(state.iterations() * size);
    state.counters["events_per_transaction"] = static_cast<double>(size);
}
BENCHMARK(BM_MemoryAppend)->Arg(1)->Arg(100)->Unit(benchmark::kMicrosecond);

}  // namespace
