// Private: the engine's insides, shared by the files that hold its commands
// (engine.cpp: programme, people, partnerships, agreements; cycle_commands.cpp: cycles).
#pragma once

#include <functional>
#include <map>

#include "coachkit/programme/engine.hpp"

COACHKIT_NAMESPACE_BEGIN

[[noreturn]] void refuse(std::string rule, const std::string& message);

/// The events one command will append, built against the state the command was checked on.
class Draft {
public:
    Draft(const ProgrammeState& state, std::string actor, std::string at, UtcSeconds time);
    void emit(std::string_view type, std::string partnership, std::string cycle,
              boost::json::object data);
    void warn(Finding finding) { warnings.push_back(std::move(finding)); }

    const ProgrammeState& state;
    const std::string actor;
    const std::string at;
    const UtcSeconds time;
    std::string programme;  ///< the state's id; init sets it for its one event
    std::vector<Event> events;
    std::vector<Finding> warnings;
    /// Set only by erase: the rewrites that go with its one tombstone event (EventStore::erase).
    std::vector<EventStore::DataRewrite> rewrites;
};

/// A workflow as the engine uses it: fetched once per engine, its stages and plan copied out.
struct WorkflowInfo {
    std::shared_ptr<Workflow> workflow;
    std::string version;
    std::vector<WorkflowStage> stages;
    CyclePlan plan;
    [[nodiscard]] const WorkflowStage* stage(std::string_view id) const;
};

struct ProgrammeEngine::Impl {
    Impl(EventStore& s, Registry& r) : store(s), registry(r) {}

    /// Runs one command: refresh, check and draft (`decide`), append expecting the state's last
    /// sequence, apply. If another writer got in first, it refreshes and decides again (a few
    /// times) so the command is always checked against the state it is appended to.
    CommandResult run(const CommandContext& ctx, const std::function<void(Draft&)>& decide);
    /// The same checks as run() against the current state (the actor, the time, then `decide`),
    /// appending nothing: for a command that must be refused before slow work (reading evidence).
    void check(const CommandContext& ctx, const std::function<void(Draft&)>& decide);
    void refresh();
    /// The workflow `id` (refused with "unknown-workflow" if no plugin provides it).
    const WorkflowInfo& workflow(const std::string& id);

    EventStore& store;
    Registry& registry;
    ProgrammeState state;
    std::map<std::string, WorkflowInfo, std::less<>> workflows;

private:
    enum class Mode { append, check };
    /// run() and check(): one path, so a check refuses exactly what the command would.
    CommandResult execute(const CommandContext& ctx, const std::function<void(Draft&)>& decide,
                          Mode mode);
};

// ---- checks shared by the commands -------------------------------------------------------------

void require_programme(const ProgrammeState& state);
void require_text(const std::string& value, std::string_view what);
/// "YYYY-MM-DD", or refused as invalid-input naming `what`.
void require_date(const std::string& value, std::string_view what);
const Partnership& known_partnership(const ProgrammeState& state, const std::string& id);
void require_member(const Partnership& p, std::string_view person, std::string_view doing);

COACHKIT_NAMESPACE_END
