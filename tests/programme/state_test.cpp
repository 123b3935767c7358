// Replaying a journal: the same state from the same events, from any store, and a clear error
// (event, pointer, reason) for a journal that does not fit together.
#include <unistd.h>

#include "programme_support.hpp"

namespace coachkit::testing {
namespace {

Event event(std::int64_t sequence, std::string type, boost::json::object data,
            std::string partnership = "", std::string cycle = "") {
    Event e;
    e.sequence = sequence;
    e.type = std::move(type);
    e.at = "2026-09-01T08:00:00Z";
    e.actor = "system";
    e.programme = "school";
    e.partnership = std::move(partnership);
    e.cycle = std::move(cycle);
    e.data = std::move(data);
    return e;
}

std::vector<Event> opening() {
    return {event(1, "programme.created", {{"name", "School"}}),
            event(2, "person.added", {{"id", "amy"}, {"name", "Amy"}, {"role", "teacher"}})};
}

void expect_replay_error(std::vector<Event> events, const std::string& pointer,
                         const std::string& says) {
    try {
        (void)ProgrammeState::replay(events, "journal.db");
        ADD_FAILURE() << "expected a ReplayError saying " << says;
    } catch (const ReplayError& e) {
        ASSERT_FALSE(e.diagnostics().empty());
        const Diagnostic& d = e.diagnostics().back();
        EXPECT_EQ(d.file, "journal.db");
        EXPECT_EQ(d.pointer, pointer) << d.to_string();
        EXPECT_NE(d.message.find(says), std::string::npos) << d.to_string();
    }
}

TEST(Replay, BuildsTheStateFromEvents) {
    auto events = opening();
    const ProgrammeState state = ProgrammeState::replay(events);
    EXPECT_EQ(state.id(), "school");
    EXPECT_EQ(state.name(), "School");
    EXPECT_EQ(state.last_sequence(), 2);
    ASSERT_NE(state.person("amy"), nullptr);
    EXPECT_EQ(state.person("amy")->name, "Amy");
    // Copies are whole, with their own lookups.
    ProgrammeState copy = state;
    EXPECT_NE(copy.person("amy"), state.person("amy"));
    EXPECT_EQ(copy.person("amy")->id, "amy");
    ProgrammeState moved = std::move(copy);
    EXPECT_EQ(moved.person("amy")->id, "amy");
}

TEST(Replay, RefusesAJournalThatDoesNotFitTogether) {
    expect_replay_error({event(1, "person.added", {})}, "/events/0/type",
                        "the first event must be 'programme.created'");
    auto gap = opening();
    gap[1].sequence = 3;
    expect_replay_error(gap, "/events/2/sequence", "the journal must be numbered 1, 2, 3");
    auto foreign = opening();
    foreign[1].programme = "other";
    expect_replay_error(foreign, "/events/1/programme", "one journal holds one programme");
    auto twice = opening();
    twice.push_back(event(3, "person.added", {{"id", "amy"}, {"name", "A"}, {"role", "teacher"}}));
    expect_replay_error(twice, "/events/2/data/id", "person 'amy' was already added");
    auto unknown = opening();
    unknown.push_back(event(3, "evidence.transcribed", {}));
    expect_replay_error(unknown, "/events/2/type", "unknown event type 'evidence.transcribed'");
    auto missing = opening();
    missing.push_back(event(3, "person.added", {{"id", "ben"}, {"role", "teacher"}}));
    expect_replay_error(missing, "/events/2/data", "'name'");
    auto bad_role = opening();
    bad_role.push_back(
        event(3, "person.added", {{"id", "ben"}, {"name", "Ben"}, {"role", "boss"}}));
    expect_replay_error(bad_role, "/events/2/data/role", "unknown staff role 'boss'");
    auto stranger = opening();
    stranger.push_back(event(3, "partnership.formed",
                             {{"id", "p"},
                              {"mode", "specialist-coaching"},
                              {"workflow", "w"},
                              {"members", boost::json::array{{{"person", "zed"}, {"role", "x"}}}}},
                             "p"));
    expect_replay_error(stranger, "/events/2/data/members/0/person", "unknown person 'zed'");
    auto no_cycle = opening();
    no_cycle.push_back(event(3, "stage.started", {{"stage", "a"}}, "p", "p-1"));
    expect_replay_error(no_cycle, "/events/2/cycle", "unknown cycle 'p-1'");
}

TEST(Replay, ARefusedEventLeavesTheStateAsItWas) {
    ProgrammeState state = ProgrammeState::replay(opening());
    EXPECT_THROW(state.apply(event(3, "person.added",
                                   {{"id", "amy"}, {"name", "Again"}, {"role", "teacher"}})),
                 ReplayError);
    EXPECT_EQ(state.last_sequence(), 2);
    EXPECT_EQ(state.person("amy")->name, "Amy");
    state.apply(event(3, "person.added", {{"id", "ben"}, {"name", "Ben"}, {"role", "teacher"}}));
    EXPECT_EQ(state.last_sequence(), 3);
}

TEST(Replay, ASqliteStoreReopensToTheSameState) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("coachkit-replay-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    Registry registry;
    registry.discover({builtin_plugins()});
    boost::json::object before;
    {
        auto store = open_sqlite_store(path);
        ProgrammeEngine engine(*store, registry);
        engine.init("school", "School", by("system", "2026-09-01T08:00:00Z"));
        engine.add_person(Person{"coach", "Coach", StaffRole::middle_leader, ""},
                          by("system", "2026-09-01T08:00:00Z"));
        engine.add_person(Person{"amy", "Amy", StaffRole::teacher, ""},
                          by("system", "2026-09-01T08:00:00Z"));
        Partnership p;
        p.id = "sc";
        p.mode = "specialist-coaching";
        p.workflow = "cflat-ideal-cycle";
        p.members = {Member{"coach", "specialist-coach"}, Member{"amy", "professional-learner"}};
        engine.add_partnership(p, by("system", "2026-09-01T08:00:00Z"));
        LearningAgreement a;
        a.partnership = "sc";
        engine.draft_agreement(a, by("amy", "2026-09-01T09:00:00Z"));
        engine.sign_agreement("sc", by("amy", "2026-09-01T09:00:00Z"));
        engine.sign_agreement("sc", by("coach", "2026-09-01T09:00:00Z"));
        engine.start_cycle("sc", {}, by("coach", "2026-09-07T08:00:00Z"));
        engine.advance("sc-1", {}, by("amy", "2026-09-07T09:00:00Z"));
        before = to_json(engine.state());
    }
    auto reopened = open_sqlite_store(path);
    ProgrammeEngine engine(*reopened, registry);
    EXPECT_EQ(to_json(engine.state()), before);
    EXPECT_EQ(engine.state().cycle("sc-1")->current_stage()->id, "lesson");
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
}

}  // namespace
}  // namespace coachkit::testing
