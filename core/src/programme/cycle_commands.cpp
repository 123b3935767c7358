// The cycle commands: a cycle is a state machine over its workflow's stages. Each command checks
// the workflow's rules (stage order, timing, who writes the record, grades) and refuses with the
// rule's id; docs/workflows.md lists them.
#include <algorithm>
#include <filesystem>

#include "coachkit/evidence/ingest.hpp"
#include "coachkit/plugin/coaching_guide.hpp"
#include "coachkit/programme/engine.hpp"
#include "programme/engine_impl.hpp"
#include "programme/event_data.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Coaching rooted in evidence from the learner's practice, which each stage names (CfLaT guide).
constexpr const char* kEvidenceSource = "002_4b16babbfb4ecaf5.txt";

/// A cycle command's subject, checked: the cycle exists and is open, the actor is a member.
struct CycleScope {
    const Cycle& cycle;
    const Partnership& partnership;
};

CycleScope open_cycle(const Draft& d, const std::string& id, std::string_view doing,
                      bool coordinator_may = false) {
    require_programme(d.state);
    const Cycle* c = d.state.cycle(id);
    if (c == nullptr)
        refuse("unknown-cycle", "no cycle '" + id + "' in the programme");
    if (c->status != CycleStatus::open) {
        refuse("cycle-not-open", "cycle '" + id + "' is " + std::string(to_string(c->status)) +
                                     " (at " + c->ended_at + "); start a new cycle instead");
    }
    const Partnership& p = known_partnership(d.state, c->partnership);
    const Person* actor = d.state.person(d.actor);
    const bool coordinator =
        coordinator_may && actor != nullptr && actor->role == StaffRole::coaching_coordinator;
    if (!coordinator)
        require_member(p, d.actor, doing);
    return CycleScope{*c, p};
}

/// The role `person` holds in this cycle: the cycle's learner is its "professional-learner" (in
/// co-coaching, whichever co-coach's practice it is about); others keep their partnership role.
std::string role_in_cycle(const CycleScope& s, std::string_view person) {
    if (person == s.cycle.learner)
        return "professional-learner";
    for (const auto& m : s.partnership.members) {
        if (m.person == person)
            return m.role;
    }
    return "none";
}

std::string roles_text(const std::vector<std::string>& roles) {
    std::string text;
    for (std::size_t i = 0; i < roles.size(); ++i)
        text += (i == 0 ? "" : i + 1 == roles.size() ? " or " : ", ") + roles[i];
    return text;
}

/// Checks `when` (a start or a scheduled time) against the stage's timing rule.
void check_timing(const CycleScope& s, const WorkflowStage& def, UtcSeconds when) {
    const StageTiming& rule = def.timing;
    if (rule.after.empty())
        return;
    const StageProgress* before = s.cycle.stage(rule.after);
    if (before == nullptr)
        return;  // a first-cycle-only stage this cycle does not hold
    if (before->status != StageStatus::completed) {
        refuse("stage-order",
               "'" + def.id + "' is timed from '" + rule.after + "', which has not been completed");
    }
    const UtcSeconds done = *parse_utc_time(before->completed_at);
    if (rule.min_minutes_after && when < done + std::chrono::minutes{*rule.min_minutes_after}) {
        refuse("stage-timing",
               "'" + def.id + "' may not follow straight after '" + rule.after + "': at least " +
                   std::to_string(*rule.min_minutes_after) + " minutes after it ended (" +
                   before->completed_at + "), so not before " +
                   format_utc_time(done + std::chrono::minutes{*rule.min_minutes_after}));
    }
    if (rule.max_days_after) {
        const auto day_done = std::chrono::floor<std::chrono::days>(done);
        const auto day_when = std::chrono::floor<std::chrono::days>(when);
        const auto days = (day_when - day_done).count();
        if (days > *rule.max_days_after) {
            const std::string allowed =
                *rule.max_days_after == 0 ? "on the same day as"
                : *rule.max_days_after == 1
                    ? "on the same or next day as"
                    : "within " + std::to_string(*rule.max_days_after) + " days of";
            refuse("stage-timing", "'" + def.id + "' must take place " + allowed + " '" +
                                       rule.after + "' (" + before->completed_at.substr(0, 10) +
                                       "), not " + std::to_string(days) + " days later");
        }
    }
}

/// No stage event may be earlier than what it follows.
void check_time_order(const Draft& d, const CycleScope& s, const StageProgress& stage) {
    std::string latest = s.cycle.started_at;
    for (const auto& other : s.cycle.stages) {
        if (&other == &stage)
            break;
        latest = std::max(latest, other.completed_at);
    }
    latest = std::max(latest, stage.started_at);
    if (d.at < latest) {
        refuse("time-order", "'" + stage.id + "' cannot be recorded at " + d.at +
                                 ", before what it follows (" + latest + ")");
    }
}

/// Nothing is recorded in a cycle at a time before the cycle started, or before `stage` (if
/// given) started; a close or abandon comes after everything in the cycle.
void require_not_before(const Draft& d, const CycleScope& s, const StageProgress* stage,
                        bool after_everything = false) {
    std::string latest = s.cycle.started_at;
    if (stage != nullptr)
        latest = std::max(latest, stage->started_at);
    if (after_everything) {
        for (const auto& other : s.cycle.stages)
            latest = std::max({latest, other.started_at, other.completed_at});
    }
    if (d.at < latest) {
        refuse("time-order", "'" + s.cycle.id + "' cannot record this at " + d.at +
                                 ", before what it follows (" + latest + ")");
    }
}

/// The stage a note or evidence goes to: the one named, or the stage in progress.
const StageProgress& target_stage(const CycleScope& s, const std::string& stage) {
    const StageProgress* target = nullptr;
    if (!stage.empty()) {
        target = s.cycle.stage(stage);
        if (target == nullptr)
            refuse("unknown-stage", "cycle '" + s.cycle.id + "' has no stage '" + stage + "'");
    } else {
        target = s.cycle.current_stage();
        if (target == nullptr)
            refuse("stage-not-started",
                   "every stage of '" + s.cycle.id + "' is complete: name the stage");
    }
    if (target->status != StageStatus::started && target->status != StageStatus::completed) {
        refuse("stage-not-started",
               "stage '" + target->id + "' of '" + s.cycle.id + "' has not started");
    }
    return *target;
}

/// The stage to start or complete: the current one, and only that.
const StageProgress& current_stage(const CycleScope& s, const std::string& named) {
    const StageProgress* current = s.cycle.current_stage();
    if (current == nullptr) {
        refuse("cycle-complete",
               "every stage of '" + s.cycle.id + "' is complete: close the cycle");
    }
    if (!named.empty() && named != current->id) {
        const StageProgress* wanted = s.cycle.stage(named);
        if (wanted == nullptr)
            refuse("unknown-stage", "cycle '" + s.cycle.id + "' has no stage '" + named + "'");
        if (wanted->status == StageStatus::completed)
            refuse("stage-order", "'" + named + "' is already complete");
        refuse("stage-order", "'" + named + "' cannot start before '" + current->id +
                                  "' is complete (stages run in the workflow's order)");
    }
    return *current;
}

/// The stage's definition in the workflow, or an empty one (no rules) for a stage the installed
/// workflow no longer defines.
const WorkflowStage& definition(const WorkflowInfo& flow, const std::string& id) {
    static const WorkflowStage none;
    const WorkflowStage* def = flow.stage(id);
    return def != nullptr ? *def : none;
}

void start_checks(const Draft& d, const CycleScope& s, const StageProgress& stage,
                  const WorkflowStage& def) {
    if (stage.status == StageStatus::started)
        refuse("stage-order", "'" + stage.id + "' has already started");
    check_time_order(d, s, stage);
    check_timing(s, def, d.time);
}

}  // namespace

CommandResult ProgrammeEngine::start_cycle(const std::string& partnership,
                                           const CycleOptions& options, const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const Partnership& p = known_partnership(d.state, partnership);
        require_member(p, d.actor, "start its cycles");
        const auto previous = d.state.cycles_of(p.id);
        for (const Cycle* c : previous) {
            if (c->status == CycleStatus::open) {
                refuse("one-open-cycle", "cycle '" + c->id + "' of '" + p.id +
                                             "' is still open: close or abandon it first");
            }
        }
        const WorkflowInfo& flow = impl_->workflow(p.workflow);

        std::vector<const Cycle*> held;  // cycles that ran or run (abandoned ones do not count)
        std::copy_if(previous.begin(), previous.end(), std::back_inserter(held),
                     [](const Cycle* c) { return c->status != CycleStatus::abandoned; });
        if (!flow.plan.repeats && !held.empty()) {
            refuse("cycle-limit", "workflow '" + p.workflow +
                                      "' runs one cycle per partnership, and '" + p.id +
                                      "' has had it (" + held.front()->id + ")");
        }
        if (!previous.empty() && d.at < previous.back()->ended_at) {
            refuse("time-order", "a cycle of '" + p.id + "' cannot start at " + d.at +
                                     ", before the previous one ended (" +
                                     previous.back()->ended_at + ")");
        }
        if (flow.plan.max_cycles && static_cast<int>(held.size()) >= *flow.plan.max_cycles) {
            refuse("cycle-limit", "workflow '" + p.workflow + "' runs at most " +
                                      std::to_string(*flow.plan.max_cycles) + " cycles");
        }

        // A first-cycle-only stage (contracting) is held until some cycle has completed it.
        std::vector<std::string> stages;
        bool concludes_agreement = false;
        for (const auto& stage : flow.stages) {
            if (stage.first_cycle_only) {
                const bool done =
                    std::any_of(previous.begin(), previous.end(), [&](const Cycle* c) {
                        const StageProgress* s = c->stage(stage.id);
                        return s != nullptr && s->status == StageStatus::completed;
                    });
                if (done)
                    continue;
            }
            concludes_agreement = concludes_agreement || stage.concludes_agreement;
            stages.push_back(stage.id);
        }
        if (!d.state.agreement_signed(p.id) && !concludes_agreement) {
            refuse("agreement-not-signed",
                   "partnership '" + p.id +
                       "' has no learning agreement signed by every member: agree and sign it "
                       "before the first cycle");
        }

        const auto learners = p.learners();
        std::string learner = options.learner;
        const Cycle* last = held.empty() ? nullptr : held.back();
        if (learner.empty()) {
            learner = learners.front();
            if (flow.plan.roles_alternate && last != nullptr) {
                // The next co-coach after the last cycle's learner, in the partnership's order.
                const auto at = std::find(learners.begin(), learners.end(), last->learner);
                if (at != learners.end() && at + 1 != learners.end())
                    learner = *(at + 1);
            }
        } else if (std::find(learners.begin(), learners.end(), learner) == learners.end()) {
            refuse("learner", "'" + learner + "' cannot be the learner in a cycle of '" + p.id +
                                  "' (learners: " + roles_text(learners) + ")");
        }
        if (flow.plan.roles_alternate && last != nullptr && last->learner == learner) {
            refuse("roles-alternate", "'" + learner + "' was the learner in " + last->id + "; in " +
                                          p.mode +
                                          " the roles alternate, so another co-coach is the "
                                          "learner this cycle");
        }

        const int number = static_cast<int>(previous.size()) + 1;
        const std::string id =
            options.id.empty() ? p.id + "-" + std::to_string(number) : options.id;
        if (d.state.cycle(id) != nullptr)
            refuse("duplicate-id", "cycle '" + id + "' already exists");
        boost::json::array stage_ids;
        for (const auto& s : stages)
            stage_ids.emplace_back(s);
        d.emit(event_type::cycle_started, p.id, id,
               {{"number", number},
                {"learner", learner},
                {"formal", options.formal},
                {"workflow", p.workflow},
                {"workflow_version", flow.version},
                {"stages", std::move(stage_ids)}});
    });
}

CommandResult ProgrammeEngine::schedule_stage(const std::string& cycle, const std::string& stage,
                                              const std::string& when, const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "schedule its stages");
        const StageProgress* target = s.cycle.stage(stage);
        if (target == nullptr)
            refuse("unknown-stage", "cycle '" + cycle + "' has no stage '" + stage + "'");
        if (target->status == StageStatus::started || target->status == StageStatus::completed) {
            refuse("stage-order",
                   "'" + stage + "' has already " +
                       (target->status == StageStatus::started ? "started" : "been completed"));
        }
        const auto time = parse_utc_time(when);
        if (!time)
            refuse("invalid-input", utc_time_problem(when));
        const WorkflowStage& def = definition(impl_->workflow(s.cycle.workflow), stage);
        const std::string& chooser = def.timing.scheduled_by;
        if (!chooser.empty() && role_in_cycle(s, d.actor) != chooser) {
            refuse("scheduled-by", "the time of '" + stage + "' is chosen by the " + chooser +
                                       "; '" + d.actor + "' is the " + role_in_cycle(s, d.actor) +
                                       " in this cycle");
        }
        const StageProgress* before =
            def.timing.after.empty() ? nullptr : s.cycle.stage(def.timing.after);
        if (before != nullptr && before->status == StageStatus::completed)
            check_timing(s, def, *time);
        d.emit(event_type::stage_scheduled, s.partnership.id, cycle,
               {{"stage", stage}, {"for", when}});
    });
}

CommandResult ProgrammeEngine::start_stage(const std::string& cycle, const std::string& stage,
                                           const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "start its stages");
        const StageProgress& current = current_stage(s, stage);
        start_checks(d, s, current, definition(impl_->workflow(s.cycle.workflow), current.id));
        d.emit(event_type::stage_started, s.partnership.id, cycle, {{"stage", current.id}});
    });
}

CommandResult ProgrammeEngine::advance(const std::string& cycle, const StageCompletion& completion,
                                       const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "complete its stages");
        const StageProgress& current = current_stage(s, completion.stage);
        const WorkflowStage& def = definition(impl_->workflow(s.cycle.workflow), current.id);
        if (current.status != StageStatus::started)
            start_checks(d, s, current, def);
        else
            check_time_order(d, s, current);

        const std::string role = role_in_cycle(s, d.actor);
        const auto& writers = def.record_writers;
        if (!completion.record.empty() && !writers.empty() &&
            std::find(writers.begin(), writers.end(), role) == writers.end()) {
            refuse("record-writer", "the record of '" + current.id + "' is written by the " +
                                        roles_text(writers) + "; '" + d.actor + "' is the " + role +
                                        " in this cycle");
        }
        if (!completion.grade.empty()) {
            if (def.grading == Grading::none) {
                refuse("grades", "'" + current.id + "' records no grades (workflow '" +
                                     s.cycle.workflow + "')");
            }
            if (def.grading == Grading::formal_only && !s.cycle.formal) {
                refuse("grades", "grades are agreed at '" + current.id +
                                     "' only in a formal observation, and '" + cycle +
                                     "' was not started as one");
            }
        }
        if (def.concludes_agreement && !d.state.agreement_signed(s.partnership.id)) {
            refuse("agreement-not-signed", "'" + current.id +
                                               "' concludes the learning agreement: every "
                                               "member must sign it before the stage completes");
        }

        if (current.status != StageStatus::started)
            d.emit(event_type::stage_started, s.partnership.id, cycle, {{"stage", current.id}});
        boost::json::object data{{"stage", current.id}};
        if (!completion.record.empty())
            data["record"] = completion.record;
        if (!completion.grade.empty())
            data["grade"] = completion.grade;
        d.emit(event_type::stage_completed, s.partnership.id, cycle, std::move(data));
        if (!def.evidence.empty() && current.evidence.empty()) {
            d.warn(Finding{"stage-evidence", s.partnership.id,
                           "'" + current.id + "' completed with none of the evidence it expects (" +
                               roles_text(def.evidence) + ")",
                           kEvidenceSource});
        }
    });
}

namespace {

/// Where evidence of `kind` goes, checked for a reference and a stored item alike: the stage
/// named (or the one in progress) has started, and nothing is recorded before what it follows.
/// A kind the stage's workflow does not expect is a warning, not a refusal.
const StageProgress& evidence_target(Draft& d, const CycleScope& s, const WorkflowInfo& flow,
                                     const std::string& stage, const std::string& kind) {
    const StageProgress& target = target_stage(s, stage);
    require_not_before(d, s, &target);
    const WorkflowStage& def = definition(flow, target.id);
    if (!def.evidence.empty() &&
        std::find(def.evidence.begin(), def.evidence.end(), kind) == def.evidence.end()) {
        d.warn(Finding{"stage-evidence", s.partnership.id,
                       "'" + target.id + "' expects " + roles_text(def.evidence) + ", not " + kind +
                           " (attached all the same)",
                       kEvidenceSource});
    }
    return target;
}

/// The first free "<cycle>-e<n>".
std::string next_item_id(const ProgrammeState& state, const std::string& cycle) {
    for (std::size_t n = state.evidence_of(cycle).size() + 1;; ++n) {
        std::string id = cycle + "-e" + std::to_string(n);
        if (state.evidence_item(id) == nullptr)
            return id;
    }
}

}  // namespace

CommandResult ProgrammeEngine::attach_evidence(const std::string& cycle, const std::string& stage,
                                               const EvidenceRef& evidence,
                                               const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "attach evidence");
        require_text(evidence.source, "the evidence source");
        require_text(evidence.ref, "the evidence reference");
        const StageProgress& target =
            evidence_target(d, s, impl_->workflow(s.cycle.workflow), stage, evidence.source);
        auto data = evidence_data(evidence);
        data["stage"] = target.id;
        d.emit(event_type::evidence_attached, s.partnership.id, cycle, std::move(data));
    });
}

CommandResult ProgrammeEngine::add_evidence(const std::string& cycle, const std::string& stage,
                                            const EvidenceInput& input, ByteSource& bytes,
                                            const CommandContext& ctx) {
    auto checks = [&](Draft& d) -> std::pair<CycleScope, const StageProgress*> {
        const CycleScope s = open_cycle(d, cycle, "add evidence");
        require_text(input.kind, "the evidence source");
        if (!impl_->registry.find(ComponentKind::evidence_source, input.kind))
            refuse("unknown-evidence-source",
                   "no plugin provides an evidence source '" + input.kind +
                       "' (coachkit plugins list shows those there are)");
        const StageProgress& target =
            evidence_target(d, s, impl_->workflow(s.cycle.workflow), stage, input.kind);
        if (!input.owner.empty())
            require_member(s.partnership, input.owner, "own evidence");
        if (!input.id.empty() && d.state.evidence_item(input.id) != nullptr)
            refuse("duplicate-id", "evidence item '" + input.id + "' already exists");
        return {s, &target};
    };
    // Check first what can be checked, so a wrong cycle or stage is refused before a long read;
    // the command checks again against the state it is appended to.
    impl_->check(ctx, [&](Draft& d) { (void)checks(d); });
    const std::string origin = input.origin.empty() ? bytes.name() : input.origin;
    EvidenceReading reading =
        read_evidence(impl_->registry, input.kind, bytes,
                      IngestRequest{input.format, origin, input.options, true});

    CommandResult result = impl_->run(ctx, [&](Draft& d) {
        const auto [s, target] = checks(d);
        EvidenceItem item;
        item.id = input.id.empty() ? next_item_id(d.state, cycle) : input.id;
        item.stage = target->id;
        item.kind = reading.kind;
        item.plugin = reading.plugin_id;
        item.plugin_version = reading.plugin_version;
        item.format = reading.content.format;
        item.origin = std::filesystem::path(origin).filename().string();
        item.bytes = reading.bytes;
        item.summary = input.summary;
        item.owner = input.owner.empty() ? s.cycle.learner : input.owner;
        item.privacy = std::string(to_string(reading.privacy));
        item.content = reading.content.content;
        item.metrics = reading.content.metrics;
        item.details = reading.content.details;
        for (const auto& w : reading.warnings)
            item.warnings.push_back(w.to_string());
        d.emit(event_type::evidence_added, s.partnership.id, cycle, evidence_item_data(item));
    });
    result.diagnostics = std::move(reading.warnings);
    return result;
}

CommandResult ProgrammeEngine::add_note(const std::string& cycle, const std::string& stage,
                                        const std::string& text, const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "record notes");
        const StageProgress& target = target_stage(s, stage);
        require_not_before(d, s, &target);
        require_text(text, "a note");
        d.emit(event_type::note_recorded, s.partnership.id, cycle,
               {{"stage", target.id}, {"text", text}});
    });
}

CommandResult ProgrammeEngine::agree_action(const std::string& cycle, const AgreedAction& action,
                                            const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "agree actions");
        require_text(action.text, "an action");
        require_not_before(d, s, nullptr);
        if (!action.owner.empty())
            require_member(s.partnership, action.owner, "own an action");
        if (!action.due.empty()) {
            require_date(action.due, "due date");
            if (action.due < d.at.substr(0, 10)) {
                refuse("invalid-input", "the action is due " + action.due +
                                            ", before the day it is agreed (" + d.at.substr(0, 10) +
                                            ")");
            }
        }
        d.emit(event_type::action_agreed, s.partnership.id, cycle, action_data(action));
    });
}

CommandResult ProgrammeEngine::close_cycle(const std::string& cycle, const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "close its cycles");
        if (const StageProgress* current = s.cycle.current_stage()) {
            refuse("stages-incomplete", "'" + cycle + "' is at '" + current->id +
                                            "'; complete every stage first, or abandon the "
                                            "cycle");
        }
        require_not_before(d, s, nullptr, true);
        d.emit(event_type::cycle_closed, s.partnership.id, cycle, {});
    });
}

CommandResult ProgrammeEngine::abandon_cycle(const std::string& cycle, const std::string& reason,
                                             const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const CycleScope s = open_cycle(d, cycle, "abandon its cycles", true);
        require_text(reason, "the reason for abandoning");
        require_not_before(d, s, nullptr, true);
        d.emit(event_type::cycle_abandoned, s.partnership.id, cycle, {{"reason", reason}});
    });
}

std::vector<std::string> ProgrammeEngine::prompts_for(const std::string& cycle,
                                                      const std::string& stage) {
    const Cycle* c = impl_->state.cycle(cycle);
    if (c == nullptr)
        throw NotFoundError("no cycle '" + cycle + "' in the programme");
    const WorkflowStage& def = definition(impl_->workflow(c->workflow), stage);
    std::vector<std::string> prompts;
    for (const auto& reference : def.prompts) {
        const auto hash = reference.find('#');
        const std::string guide_id = reference.substr(0, hash);
        const std::string phase = hash == std::string::npos ? "" : reference.substr(hash + 1);
        if (!impl_->registry.find(ComponentKind::coaching_guide, guide_id))
            continue;
        const auto guide = impl_->registry.create<CoachingGuide>(guide_id);
        for (const auto& group : guide->phases()) {
            if (!phase.empty() && group.id != phase)
                continue;
            for (const auto& prompt : group.prompts)
                prompts.push_back(group.name + ": " + prompt);
        }
    }
    return prompts;
}

COACHKIT_NAMESPACE_END
