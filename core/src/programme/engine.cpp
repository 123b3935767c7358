// The programme engine: the run loop, and the commands for the programme, its people,
// partnerships and agreements. Cycle commands are in cycle_commands.cpp.
#include "coachkit/programme/engine.hpp"

#include <algorithm>
#include <set>

#include "plugin/plugin_call.hpp"
#include "programme/engine_impl.hpp"
#include "programme/event_data.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr int kMaxAttempts = 5;  // against concurrent writers; each retry re-reads and re-checks

const std::set<std::string, std::less<>>& mentoring_purposes() {
    static const std::set<std::string, std::less<>> purposes{"induction", "progression",
                                                             "challenge"};
    return purposes;
}

/// Which roles a mode's partnerships hold, and how many of each.
void check_members(const ProgrammeState& state, const Partnership& p) {
    if (p.members.empty())
        refuse("partnership-roles", "a partnership needs members");
    std::set<std::string, std::less<>> seen;
    for (const auto& m : p.members) {
        if (state.person(m.person) == nullptr)
            refuse("unknown-person", "no person '" + m.person + "' in the programme");
        if (!is_partnership_role(m.role)) {
            refuse("partnership-roles",
                   "unknown role '" + m.role + "' (known: " + partnership_roles_text() + ")");
        }
        if (!seen.insert(m.person).second)
            refuse("partnership-roles", "'" + m.person + "' is named twice; one role each");
    }
    const auto count = [&](std::string_view role) { return p.people_in(role).size(); };
    const auto only = [&](std::initializer_list<std::string_view> allowed) {
        for (const auto& m : p.members) {
            if (std::find(allowed.begin(), allowed.end(), m.role) == allowed.end()) {
                refuse("partnership-roles", "a " + p.mode + " partnership has no place for a " +
                                                m.role + " ('" + m.person + "')");
            }
        }
    };
    if (p.mode == "mentoring") {
        only({"mentor", "professional-learner", "observer"});
        if (count("mentor") < 1 || count("professional-learner") != 1)
            refuse("partnership-roles",
                   "mentoring needs one or more mentors and exactly one professional learner");
    } else if (p.mode == "specialist-coaching") {
        only({"specialist-coach", "professional-learner", "observer"});
        if (count("specialist-coach") < 1 || count("professional-learner") != 1)
            refuse("partnership-roles",
                   "specialist coaching needs one or more specialist coaches and exactly one "
                   "professional learner");
    } else {
        only({"co-coach", "observer"});
        if (count("co-coach") < 2)
            refuse("partnership-roles", "co-coaching needs two or more co-coaches");
    }
}

std::vector<Finding> findings_for(const ProgrammeState& state, const std::string& partnership,
                                  const Partnership* added, const LearningAgreement* drafted) {
    ConformanceInput input = state.conformance_input();
    if (added != nullptr)
        input.partnerships.push_back(*added);
    if (drafted != nullptr) {
        std::erase_if(input.agreements, [&](const LearningAgreement& a) {
            return a.partnership == drafted->partnership;
        });
        input.agreements.push_back(*drafted);
    }
    auto findings = check_conformance(input);
    std::erase_if(findings, [&](const Finding& f) { return f.partnership != partnership; });
    return findings;
}

}  // namespace

// ---- shared pieces
// -------------------------------------------------------------------------------

RefusedError::RefusedError(std::string rule, const std::string& message)
    : Error(rule + ": " + message), rule_(std::move(rule)) {}
RefusedError::~RefusedError() = default;

void refuse(std::string rule, const std::string& message) {
    throw RefusedError(std::move(rule), message);
}

Draft::Draft(const ProgrammeState& s, std::string who, std::string when, UtcSeconds t)
    : state(s), actor(std::move(who)), at(std::move(when)), time(t), programme(s.id()) {}

void Draft::emit(std::string_view type, std::string partnership, std::string cycle,
                 boost::json::object data) {
    Event e;
    e.type = std::string(type);
    e.at = at;
    e.actor = actor;
    e.programme = programme;
    e.partnership = std::move(partnership);
    e.cycle = std::move(cycle);
    e.data = std::move(data);
    events.push_back(std::move(e));
}

const WorkflowStage* WorkflowInfo::stage(std::string_view id) const {
    for (const auto& s : stages) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

void require_programme(const ProgrammeState& state) {
    if (!state.initialised())
        refuse("no-programme", "the store holds no programme yet: start one with init");
}

void require_text(const std::string& value, std::string_view what) {
    const bool blank = std::all_of(value.begin(), value.end(),
                                   [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
    if (blank)
        refuse("invalid-input", std::string(what) + " must not be empty");
}

void require_date(const std::string& value, std::string_view what) {
    if (!is_calendar_date(value)) {
        refuse("invalid-input", std::string(what) + " '" + value +
                                    "' is not a date: use YYYY-MM-DD, e.g. 2026-12-01");
    }
}

const Partnership& known_partnership(const ProgrammeState& state, const std::string& id) {
    const Partnership* p = state.partnership(id);
    if (p == nullptr)
        refuse("unknown-partnership", "no partnership '" + id + "' in the programme");
    return *p;
}

void require_member(const Partnership& p, std::string_view person, std::string_view doing) {
    if (!p.has_member(person)) {
        refuse("not-a-member", "'" + std::string(person) + "' is not a member of partnership '" +
                                   p.id + "' and cannot " + std::string(doing));
    }
}

// ---- the run loop ------------------------------------------------------------------------------

void ProgrammeEngine::Impl::refresh() {
    for (const auto& event : store.read(state.last_sequence()))
        state.apply(event);
}

const WorkflowInfo& ProgrammeEngine::Impl::workflow(const std::string& id) {
    if (const auto found = workflows.find(id); found != workflows.end())
        return found->second;
    const auto descriptor = registry.find(ComponentKind::workflow, id);
    if (!descriptor)
        refuse("unknown-workflow", "no plugin provides a workflow '" + id + "'");
    WorkflowInfo info;
    // A plugin that fails is not a refusal: it is reported as PluginError naming the plugin.
    call_plugin(registry, *descriptor, "workflow '" + id + "'", [&] {
        info.workflow = registry.create<Workflow>(id);
        info.stages = info.workflow->stages();
        info.plan = info.workflow->cycle_plan();
    });
    info.version = descriptor->plugin_version;
    if (info.stages.empty())
        refuse("unknown-workflow", "workflow '" + id + "' has no stages");
    return workflows.emplace(id, std::move(info)).first->second;
}

CommandResult ProgrammeEngine::Impl::run(const CommandContext& ctx,
                                         const std::function<void(Draft&)>& decide) {
    return execute(ctx, decide, Mode::append);
}

void ProgrammeEngine::Impl::check(const CommandContext& ctx,
                                  const std::function<void(Draft&)>& decide) {
    (void)execute(ctx, decide, Mode::check);
}

CommandResult ProgrammeEngine::Impl::execute(const CommandContext& ctx,
                                             const std::function<void(Draft&)>& decide, Mode mode) {
    require_text(ctx.actor, "the actor");
    const std::string at = ctx.at.empty() ? utc_now() : ctx.at;
    const auto time = parse_utc_time(at);
    if (!time)
        refuse("invalid-input", utc_time_problem(at));
    for (int attempt = 1;; ++attempt) {
        refresh();
        if (state.initialised()) {
            // Who acts is part of the record: a person of the programme, or "system" for an
            // integration's set-up (an MIS importing staff).
            if (ctx.actor != "system" && state.person(ctx.actor) == nullptr) {
                refuse("unknown-person", "'" + ctx.actor +
                                             "' is not a person in the programme (use 'system' "
                                             "for set-up by an integration)");
            }
            if (at < state.created_at()) {
                refuse("time-order", "nothing in programme '" + state.id() + "' happens at " + at +
                                         ", before it was created (" + state.created_at() + ")");
            }
        }
        Draft draft(state, ctx.actor, at, *time);
        decide(draft);
        if (mode == Mode::check)
            return {};
        try {
            if (!draft.rewrites.empty()) {
                // An erasure: the one tombstone and the rewrites in one transaction. Applying the
                // tombstone removes the content from memory exactly as the rewrite did from the
                // journal (a test compares the two).
                Event tombstone = store.erase(std::move(draft.rewrites),
                                              std::move(draft.events.at(0)), state.last_sequence());
                state.apply(tombstone);
                return CommandResult{{std::move(tombstone)}, std::move(draft.warnings), {}};
            }
            auto appended = store.append(std::move(draft.events), state.last_sequence());
            for (const auto& event : appended)
                state.apply(event);
            return CommandResult{std::move(appended), std::move(draft.warnings), {}};
        } catch (const ConcurrencyError&) {
            if (attempt == kMaxAttempts)
                throw;
        }
    }
}

// ---- the engine ------------------------------------------------------------------------------

ProgrammeEngine::ProgrammeEngine(EventStore& store, Registry& registry)
    : impl_(std::make_unique<Impl>(store, registry)) {
    impl_->refresh();
}

ProgrammeEngine::~ProgrammeEngine() = default;

const ProgrammeState& ProgrammeEngine::state() const {
    return impl_->state;
}

void ProgrammeEngine::refresh() {
    impl_->refresh();
}

std::shared_ptr<Workflow> ProgrammeEngine::workflow_of(const std::string& partnership) {
    return impl_->workflow(known_partnership(impl_->state, partnership).workflow).workflow;
}

CommandResult ProgrammeEngine::init(const std::string& id, const std::string& name,
                                    const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        if (d.state.initialised()) {
            refuse("programme-exists", "the store already holds programme '" + d.state.id() +
                                           "'; use another file for another programme");
        }
        require_text(id, "the programme id");
        require_text(name, "the programme name");
        d.programme = id;
        d.emit(event_type::programme_created, "", "", {{"name", name}});
    });
}

CommandResult ProgrammeEngine::add_person(const Person& person, const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        require_text(person.id, "the person's id");
        require_text(person.name, "the person's name");
        if (d.state.person(person.id) != nullptr)
            refuse("duplicate-id", "person '" + person.id + "' is already in the programme");
        if (!person.line_manager.empty()) {
            if (person.line_manager == person.id)
                refuse("invalid-input", "'" + person.id + "' cannot be their own line manager");
            if (d.state.person(person.line_manager) == nullptr) {
                refuse("unknown-person", "line manager '" + person.line_manager +
                                             "' is not in the programme: add them first");
            }
        }
        d.emit(event_type::person_added, "", "", person_data(person));
    });
}

CommandResult ProgrammeEngine::add_partnership(const Partnership& partnership,
                                               const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const Partnership& p = partnership;
        require_text(p.id, "the partnership id");
        if (d.state.partnership(p.id) != nullptr)
            refuse("duplicate-id", "partnership '" + p.id + "' already exists");
        if (p.mode != "mentoring" && p.mode != "specialist-coaching" && p.mode != "co-coaching") {
            refuse("invalid-input", "unknown mode '" + p.mode +
                                        "' (known: mentoring, specialist-coaching, co-coaching)");
        }
        if (p.mode == "mentoring" && !p.purpose.empty() &&
            mentoring_purposes().count(p.purpose) == 0) {
            refuse("invalid-input", "unknown purpose '" + p.purpose +
                                        "' (known: induction, progression, challenge)");
        }
        check_members(d.state, p);
        if (!p.focus_chosen_by.empty())
            require_member(p, p.focus_chosen_by, "choose its focus");
        require_text(p.workflow, "the workflow");
        const WorkflowInfo& flow = impl_->workflow(p.workflow);
        const std::string flow_mode = flow.workflow->mode();
        if (flow_mode != p.mode) {
            refuse("workflow-mode",
                   "workflow '" + p.workflow + "' is for " + flow_mode + ", not " + p.mode);
        }
        d.emit(event_type::partnership_formed, p.id, "", partnership_data(p));
        for (auto& finding : findings_for(d.state, p.id, &p, nullptr))
            d.warn(std::move(finding));
    });
}

CommandResult ProgrammeEngine::draft_agreement(const LearningAgreement& agreement,
                                               const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const Partnership& p = known_partnership(d.state, agreement.partnership);
        require_member(p, d.actor, "draft its agreement");
        if (!agreement.acknowledgements.empty())
            refuse("invalid-input", "a draft carries no signatures: each member signs it after");
        for (const auto& goal : agreement.goals)
            require_text(goal.text, "a goal");
        for (const auto& rule : agreement.ground_rules)
            require_text(rule, "a ground rule");
        for (const auto& date : agreement.review_dates)
            require_date(date, "review date");
        if (agreement.planned_weeks && *agreement.planned_weeks < 1)
            refuse("invalid-input", "planned weeks must be 1 or more");
        if (agreement.planned_cycles && *agreement.planned_cycles < 1)
            refuse("invalid-input", "planned cycles must be 1 or more");
        // The link to performance management is the learner's choice alone: someone else may
        // keep it as the learner set it, or switch it off, but never switch it on.
        const LearningAgreement* current = d.state.agreement(p.id);
        const bool was_on = current != nullptr && current->performance_management_link;
        const auto learners = p.learners();
        const bool by_learner =
            std::find(learners.begin(), learners.end(), d.actor) != learners.end();
        if (agreement.performance_management_link && !was_on && !by_learner) {
            refuse("pm-link-learner-only",
                   "only the learner can link coaching records to performance management; '" +
                       d.actor + "' is not the learner in '" + p.id + "'");
        }
        d.emit(event_type::agreement_drafted, p.id, "", agreement_data(agreement));
        LearningAgreement drafted = agreement;
        for (auto& finding : findings_for(d.state, p.id, nullptr, &drafted))
            d.warn(std::move(finding));
    });
}

CommandResult ProgrammeEngine::sign_agreement(const std::string& partnership,
                                              const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const Partnership& p = known_partnership(d.state, partnership);
        const LearningAgreement* a = d.state.agreement(p.id);
        if (a == nullptr)
            refuse("no-agreement", "partnership '" + p.id + "' has no agreement to sign yet");
        require_member(p, d.actor, "sign its agreement (each member signs for themself)");
        for (const auto& ack : a->acknowledgements) {
            if (ack.person == d.actor)
                refuse("already-signed", "'" + d.actor + "' signed this agreement at " + ack.at);
        }
        d.emit(event_type::agreement_signed, p.id, "", {{"person", d.actor}});
    });
}

CommandResult ProgrammeEngine::set_performance_management_link(const std::string& partnership,
                                                               bool on, const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const Partnership& p = known_partnership(d.state, partnership);
        if (d.state.agreement(p.id) == nullptr)
            refuse("no-agreement", "partnership '" + p.id + "' has no agreement");
        const auto learners = p.learners();
        if (std::find(learners.begin(), learners.end(), d.actor) == learners.end()) {
            refuse("pm-link-learner-only",
                   "only the learner can switch the performance-management link; '" + d.actor +
                       "' is not the learner in '" + p.id + "'");
        }
        d.emit(event_type::performance_link_set, p.id, "", {{"on", on}});
    });
}

COACHKIT_NAMESPACE_END
