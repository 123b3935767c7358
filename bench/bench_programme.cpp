// Programme benchmarks: commands through the engine into a durable SQLite store, replaying a
// programme of about 100,000 events into its state, exporting and importing that programme as
// one coachkit.programme/1 document, and the privacy policy's views and audit appends over it.
// Figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <boost/json/serialize.hpp>

#include "bench_files.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/privacy/view.hpp"
#include "coachkit/programme/engine.hpp"
#include "coachkit/programme/exchange.hpp"

using namespace coachkit;
using coachkit::bench::fresh_file;

namespace {

Registry& builtin_registry() {
    static Registry registry;
    static const bool discovered = [] {
        registry.discover({COACHKIT_BUILTIN_PLUGIN_DIR});
        return true;
    }();
    (void)discovered;
    return registry;
}

CommandContext at(const std::string& actor, int day, int hour) {
    char time[32];
    std::snprintf(time, sizeof time, "2026-%02d-%02dT%02d:00:00Z", 9 + day / 28, 1 + day % 28,
                  hour);
    return CommandContext{actor, time};
}

/// A school of `pairs` specialist-coaching partnerships on the CfLaT cycle, each running cycles
/// (a note at every stage, an action at the end) until the journal holds about `target` events.
void build_programme(ProgrammeEngine& engine, int pairs, std::int64_t target) {
    engine.init("bench", "Benchmark School", at("system", 0, 7));
    for (int i = 0; i < pairs; ++i) {
        const std::string n = std::to_string(i);
        engine.add_person(Person{"coach-" + n, "Coach " + n, StaffRole::middle_leader, ""},
                          at("system", 0, 8));
        engine.add_person(Person{"teacher-" + n, "Teacher " + n, StaffRole::teacher, ""},
                          at("system", 0, 8));
        Partnership p;
        p.id = "pair-" + n;
        p.mode = "specialist-coaching";
        p.workflow = "cflat-ideal-cycle";
        p.focus = "questioning";
        p.focus_chosen_by = "teacher-" + n;
        p.members = {Member{"coach-" + n, "specialist-coach"},
                     Member{"teacher-" + n, "professional-learner"}};
        engine.add_partnership(p, at("system", 0, 9));
        LearningAgreement a;
        a.partnership = p.id;
        a.goals = {Goal{"more open questions", "oracy"}};
        a.planned_cycles = 4;
        engine.draft_agreement(a, at("teacher-" + n, 0, 10));
        engine.sign_agreement(p.id, at("teacher-" + n, 0, 11));
        engine.sign_agreement(p.id, at("coach-" + n, 0, 11));
    }
    for (int day = 1; engine.state().last_sequence() < target; ++day) {
        for (int i = 0; i < pairs && engine.state().last_sequence() < target; ++i) {
            const std::string n = std::to_string(i);
            const std::string learner = "teacher-" + n;
            const auto cycle =
                engine.start_cycle("pair-" + n, {}, at("coach-" + n, day, 8)).events[0].cycle;
            for (int stage = 0; stage < 4; ++stage) {
                engine.start_stage(cycle, "", at(learner, day, 9 + 2 * stage));
                engine.add_note(cycle, "", "Wait time after open questions looked longer.",
                                at(learner, day, 9 + 2 * stage));
                StageCompletion done;
                done.record = stage == 2 ? "Pupils answered at greater length." : "";
                engine.advance(cycle, done, at(learner, day, 10 + 2 * stage));
            }
            engine.agree_action(cycle, AgreedAction{"Try think-pair-share", learner, "", "", ""},
                                at(learner, day, 17));
            engine.close_cycle(cycle, at(learner, day, 18));
        }
    }
}

constexpr std::int64_t kProgrammeEvents = 100'000;

/// The 100,000-event programme, built once per process through the engine (memory store).
const std::vector<Event>& programme_events() {
    static const std::vector<Event> events = [] {
        auto store = make_memory_store();
        ProgrammeEngine engine(*store, builtin_registry());
        build_programme(engine, 200, kProgrammeEvents);
        return store->read();
    }();
    return events;
}

std::unique_ptr<EventStore> memory_programme() {
    auto store = make_memory_store();
    store->append(programme_events(), 0);
    return store;
}

/// Deriving the state from events already read: what replay costs beyond reading the journal.
void BM_ProgrammeReplay(benchmark::State& state) {
    const auto& events = programme_events();
    for (auto _ : state) {
        const ProgrammeState replayed = ProgrammeState::replay(events);
        benchmark::DoNotOptimize(replayed.last_sequence());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(events.size()));
}
BENCHMARK(BM_ProgrammeReplay)->Unit(benchmark::kMillisecond);

/// Opening an engine on a SQLite store holding the programme: read every event and replay.
void BM_ProgrammeOpenSqlite(benchmark::State& state) {
    const auto path = fresh_file("programme");
    open_sqlite_store(path)->append(programme_events(), 0);
    for (auto _ : state) {
        auto store = open_sqlite_store(path);
        ProgrammeEngine engine(*store, builtin_registry());
        benchmark::DoNotOptimize(engine.state().last_sequence());
    }
    state.SetItemsProcessed(state.iterations() *
                            static_cast<std::int64_t>(programme_events().size()));
}
BENCHMARK(BM_ProgrammeOpenSqlite)->UseRealTime()->Unit(benchmark::kMillisecond);

/// Export to the text of a coachkit.programme/1 document.
void BM_ProgrammeExport(benchmark::State& state) {
    const auto store = memory_programme();
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string text = boost::json::serialize(export_programme(*store));
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    state.SetItemsProcessed(state.iterations() *
                            static_cast<std::int64_t>(programme_events().size()));
    state.counters["document_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_ProgrammeExport)->Unit(benchmark::kMillisecond);

/// Import from the document's text: parse, check every event, replay, compare the state, and
/// append in one transaction (arg 0: memory store; 1: a durable SQLite file).
void BM_ProgrammeImport(benchmark::State& state) {
    const std::string text = boost::json::serialize(export_programme(*memory_programme()));
    const bool sqlite = state.range(0) == 1;
    for (auto _ : state) {
        state.PauseTiming();
        auto store = sqlite ? open_sqlite_store(fresh_file("import")) : make_memory_store();
        state.ResumeTiming();
        Diagnostics problems;
        const auto document = parse_json(text, "bench.json", problems);
        const ProgrammeState imported = import_programme(*document, *store, "bench.json");
        benchmark::DoNotOptimize(imported.last_sequence());
    }
    state.SetItemsProcessed(state.iterations() *
                            static_cast<std::int64_t>(programme_events().size()));
}
BENCHMARK(BM_ProgrammeImport)->Arg(0)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);

/// One command (a note on the stage in progress) into a durable SQLite store: check, append with
/// fsync, apply. This is the rate one writer can record changes at.
void BM_EngineNoteDurable(benchmark::State& state) {
    auto store = open_sqlite_store(fresh_file("commands"));
    ProgrammeEngine engine(*store, builtin_registry());
    build_programme(engine, 1, 0);
    const auto cycle = engine.start_cycle("pair-0", {}, at("coach-0", 1, 8)).events[0].cycle;
    engine.start_stage(cycle, "", at("teacher-0", 1, 9));
    for (auto _ : state)
        engine.add_note(cycle, "", "A note.", at("teacher-0", 1, 9));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EngineNoteDurable)->UseRealTime()->Unit(benchmark::kMicrosecond);

/// A viewer's view of the 100,000-event programme: every record decided by the policy, then the
/// state copied and filtered (arg 0: a coach, who sees one partnership in full and the rest not
/// at all; 1: the co-ordinator, who sees every cycle redacted). Items are the records decided.
void BM_PrivacyView(benchmark::State& state) {
    // The generated programme has no co-ordinator: one is added by an event of its own.
    static const ProgrammeState whole = [] {
        ProgrammeState s = ProgrammeState::replay(programme_events());
        Event e;
        e.sequence = s.last_sequence() + 1;
        e.type = "person.added";
        e.at = "2026-09-01T08:00:00Z";
        e.actor = "system";
        e.programme = s.id();
        e.data = {{"id", "coord"}, {"name", "Co-ordinator"}, {"role", "coaching-co-ordinator"}};
        s.apply(e);
        return s;
    }();
    const std::string viewer = state.range(0) == 0 ? "coach-0" : "coord";
    std::size_t records = 0;
    for (auto _ : state) {
        const ProgrammeView view = view_as(whole, viewer);
        records = view.shown.size() + view.withheld.size();
        benchmark::DoNotOptimize(view.state.last_sequence());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records));
    state.counters["records"] = static_cast<double>(records);
}
BENCHMARK(BM_PrivacyView)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

/// One policy decision for one record (the cost every read path pays per record).
void BM_PrivacyDecide(benchmark::State& state) {
    static const ProgrammeState whole = ProgrammeState::replay(programme_events());
    const auto records = records_of(whole);
    std::size_t i = 0;
    for (auto _ : state) {
        const Decision d = decide(whole, "coach-7", records[i++ % records.size()]);
        benchmark::DoNotOptimize(d.access);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PrivacyDecide)->Unit(benchmark::kNanosecond);

/// Audit entries appended to a durable SQLite store, chained by SHA-256, `arg` per transaction
/// (a view of 100 records writes 100 entries at once).
void BM_AuditAppendDurable(benchmark::State& state) {
    auto store = open_sqlite_store(fresh_file("audit"));
    const auto batch = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        std::vector<AuditEntry> entries(batch);
        for (auto& e : entries) {
            e.at = "2026-11-22T10:00:00Z";
            e.actor = "coach-0";
            e.action = "read";
            e.record = "note:pair-0-1/lesson/1";
            e.access = "allow";
            e.via = "bench";
        }
        store->audit().append(std::move(entries));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AuditAppendDurable)->Arg(1)->Arg(100)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
