// `coachkit cycle start|begin|advance|schedule|note|evidence|action|close|abandon|show`: running a
// partnership's coaching cycles through its workflow's stages. The engine checks every move
// against the workflow; a refused one is reported by main() as `coachkit: refused (RULE): ...`.
#include <iostream>
#include <memory>

#include "coachkit/json/document.hpp"
#include "commands.hpp"
#include "programme_support.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

/// A journal time for a table: "2026-11-23 09:00:00" (UTC, said in the heading), so a narrow
/// column can wrap between the date and the time.
std::string table_time(const std::string& at) {
    if (at.size() != 20)
        return at.empty() ? "-" : at;
    return at.substr(0, 10) + " " + at.substr(11, 8);
}

const WorkflowStage* find_stage(const std::vector<WorkflowStage>& stages, const std::string& id) {
    for (const auto& s : stages) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

std::string stage_label(const std::vector<WorkflowStage>& stages, const std::string& id) {
    const WorkflowStage* def = find_stage(stages, id);
    return def != nullptr && !def->name.empty() ? id + " (" + def->name + ")" : id;
}

/// What the workflow asks of a stage, in words, one line each.
std::vector<std::string> stage_rules(const WorkflowStage& def) {
    std::vector<std::string> lines;
    std::string who;
    if (!def.roles.empty())
        who = "present: " + join_words(def.roles, ", ");
    if (def.typical_minutes) {
        who += (who.empty() ? "about " : "; about ") + std::to_string(*def.typical_minutes) +
               " minutes";
    }
    if (!who.empty())
        lines.push_back(who);
    if (!def.evidence.empty())
        lines.push_back("evidence expected: " + join_words(def.evidence, ", "));
    if (!def.record_writers.empty())
        lines.push_back("the record is written by the " + join_words(def.record_writers, " or "));
    if (!def.timing.after.empty()) {
        std::string timing = "timing: ";
        if (def.timing.min_minutes_after) {
            timing += "at least " + std::to_string(*def.timing.min_minutes_after) +
                      " minutes after " + def.timing.after;
        } else {
            timing += "after " + def.timing.after;
        }
        if (def.timing.max_days_after) {
            const int days = *def.timing.max_days_after;
            timing += days == 0   ? ", on the same day"
                      : days == 1 ? ", on the same or the next day"
                                  : ", within " + std::to_string(days) + " days";
        }
        if (!def.timing.scheduled_by.empty())
            timing += "; the " + def.timing.scheduled_by + " chooses the time";
        lines.push_back(timing);
    }
    if (def.grading == Grading::formal_only)
        lines.push_back("a grade may be recorded only in a formal cycle");
    else if (def.grading == Grading::allowed)
        lines.push_back("a grade may be recorded");
    if (def.concludes_agreement)
        lines.push_back("concludes the learning agreement: every member signs it first");
    return lines;
}

/// The stage a cycle is at: its rules and the prompts offered there.
void print_stage_guide(std::ostream& out, Session& session, const Cycle& cycle,
                       const std::string& stage_id, const std::string& heading) {
    const auto stages = session.stages_of(cycle.partnership);
    out << heading << ": " << stage_label(stages, stage_id) << '\n';
    if (const WorkflowStage* def = find_stage(stages, stage_id)) {
        for (const auto& line : stage_rules(*def))
            out << "  " << line << '\n';
    }
    const auto prompts = session.prompts_for(cycle.id, stage_id);
    if (!prompts.empty()) {
        out << "prompts for " << stage_id << ":\n";
        for (const auto& prompt : prompts)
            out << "  - " << prompt << '\n';
    }
}

const Cycle& known_cycle(const ProgrammeState& state, const std::string& id) {
    const Cycle* cycle = state.cycle(id);
    if (cycle == nullptr)
        throw NotFoundError("no cycle '" + id + "' in the programme");
    return *cycle;
}

void print_cycle(std::ostream& out, Session& session, const Cycle& c) {
    const auto stages = session.stages_of(c.partnership);
    out << "Cycle " << c.id << ": cycle " << c.number << " of partnership " << c.partnership
        << " (workflow " << c.workflow
        << (c.workflow_version.empty() ? "" : " " + c.workflow_version) << ")\n";
    out << "learner " << c.learner << ", " << (c.formal ? "formal" : "informal") << ", "
        << to_string(c.status) << "; started " << c.started_at << " by " << c.started_by;
    if (!c.ended_at.empty())
        out << "; " << to_string(c.status) << " " << c.ended_at;
    out << '\n';
    if (!c.abandon_reason.empty())
        out << "abandoned because: " << c.abandon_reason << '\n';

    out << "\nStages (times UTC)\n\n";
    TextTable table(
        {"stage", "status", "scheduled", "started", "completed", "by", "record", "grade"});
    for (const auto& s : c.stages) {
        table.add_row({s.id, std::string(to_string(s.status)), table_time(s.scheduled_for),
                       table_time(s.started_at), table_time(s.completed_at),
                       s.completed_by.empty() ? "-" : s.completed_by,
                       s.record_by.empty() ? "-" : "by " + s.record_by,
                       s.grade.empty() ? "-" : s.grade});
    }
    table.print(out, terminal_width());

    const auto width = terminal_width();
    bool any_record = false;
    for (const auto& s : c.stages) {
        if (s.record.empty())
            continue;
        if (!any_record)
            out << "\nRecords\n";
        any_record = true;
        out << '\n' << s.id << ", written by " << s.record_by << ":\n";
        for (const auto& line : wrap(s.record, width > 4 ? width - 4 : width))
            out << "    " << line << '\n';
    }

    TextTable evidence({"stage", "source", "ref", "summary", "by", "at"});
    TextTable notes({"stage", "note", "by", "at"});
    std::size_t evidence_count = 0;
    std::size_t note_count = 0;
    for (const auto& s : c.stages) {
        for (const auto& e : s.evidence) {
            evidence.add_row({s.id, e.source, e.ref, e.summary, e.by, table_time(e.at)});
            ++evidence_count;
        }
        for (const auto& n : s.notes) {
            notes.add_row({s.id, n.text, n.by, table_time(n.at)});
            ++note_count;
        }
    }
    if (evidence_count > 0) {
        out << "\nEvidence\n\n";
        evidence.print(out, width);
    }
    if (note_count > 0) {
        out << "\nNotes\n\n";
        notes.print(out, width);
    }
    if (!c.actions.empty()) {
        out << "\nActions agreed\n\n";
        TextTable actions({"action", "owner", "due", "agreed by", "at"});
        for (const auto& a : c.actions) {
            actions.add_row({a.text, a.owner.empty() ? c.learner : a.owner,
                             a.due.empty() ? "-" : a.due, a.by, table_time(a.at)});
        }
        actions.print(out, width);
    }
    if (!c.assessments.empty()) {
        // What the viewer may see: a redacted assessment has a level and no reasons.
        out << "\nAssessments\n\n";
        TextTable assessments({"record", "rubric", "of", "level", "why", "by", "at"});
        for (std::size_t i = 0; i < c.assessments.size(); ++i) {
            const auto& a = c.assessments[i];
            assessments.add_row({"assessment:" + c.id + "/" + std::to_string(i + 1), a.rubric,
                                 a.subject.empty() ? "the cycle" : a.subject,
                                 a.result.level.empty() ? "-" : a.result.level,
                                 // The headline: the full reasons are `assess --json`'s.
                                 a.result.rationale.empty()
                                     ? "-"
                                     : a.result.rationale.substr(0, a.result.rationale.find(';')),
                                 a.by, table_time(a.at)});
        }
        assessments.print(out, width);
    }

    if (c.status == CycleStatus::open) {
        out << '\n';
        if (const StageProgress* current = c.current_stage()) {
            print_stage_guide(out, session, c, current->id, "current stage");
        } else {
            out << "every stage is complete: close it with `coachkit cycle close --cycle " << c.id
                << " --by PERSON`\n";
        }
    }
}

/// The options every cycle command shares: the store, who acts and when, and the cycle.
struct CycleTarget {
    StoreOption store;
    ActorOptions actor;
    std::string cycle;
    void add_to(CLI::App& command) {
        command.add_option("--cycle", cycle, "the cycle (its id, e.g. swiss-amara-1)")->required();
        store.add_to(command);
        actor.add_to(command, true);
    }
};

/// Registers a cycle verb whose work is one engine call and a line of output.
template <typename Work>
void simple_verb(CLI::App& command, Dispatch& dispatch, std::shared_ptr<CycleTarget> target,
                 Work work) {
    command.callback([&dispatch, target, work] {
        dispatch.action = [target, work] {
            Session session(target->store.path, Session::Create::no);
            const CommandResult result = work(session, *target);
            print_warnings(result.warnings);
            return 0;
        };
    });
}

}  // namespace

void add_cycle_commands(CLI::App& app, Dispatch& dispatch) {
    auto* cycle = app.add_subcommand("cycle", "run a partnership's coaching cycles");
    cycle->require_subcommand(1);
    {
        auto* start = cycle->add_subcommand("start", "start a partnership's next cycle");
        auto store = std::make_shared<StoreOption>();
        auto actor = std::make_shared<ActorOptions>();
        auto partnership = std::make_shared<std::string>();
        auto options = std::make_shared<CycleOptions>();
        start->add_option("--partnership", *partnership, "the partnership")->required();
        start->add_option("--id", options->id, "the cycle's id (default: PARTNERSHIP-NUMBER)");
        start->add_option("--learner", options->learner,
                          "whose practice (default: the learner, or in co-coaching the next "
                          "co-coach in turn)");
        start->add_flag("--formal", options->formal,
                        "a formal observation (grades only where the workflow allows)");
        store->add_to(*start);
        actor->add_to(*start, true);
        start->callback([&dispatch, store, actor, partnership, options] {
            dispatch.action = [store, actor, partnership, options] {
                Session session(store->path, Session::Create::no);
                const auto result =
                    session.engine().start_cycle(*partnership, *options, actor->context());
                const std::string id = result.events.empty() ? "" : result.events.front().cycle;
                const Cycle& c = known_cycle(session.state(), id);
                std::vector<std::string> ids;
                for (const auto& s : c.stages)
                    ids.push_back(s.id);
                std::cout << "started cycle " << c.id << " of " << c.partnership << " (cycle "
                          << c.number << ", workflow " << c.workflow << "): learner " << c.learner
                          << ", " << (c.formal ? "formal" : "informal") << '\n';
                std::cout << "stages: " << join_words(ids, ", ") << '\n';
                print_warnings(result.warnings);
                if (const StageProgress* first = c.current_stage())
                    print_stage_guide(std::cout, session, c, first->id, "first");
                return 0;
            };
        });
    }
    {
        auto* begin = cycle->add_subcommand(
            "begin", "begin the current stage, so notes and evidence can be attached as it runs");
        auto target = std::make_shared<CycleTarget>();
        auto stage = std::make_shared<std::string>();
        begin->add_option("--stage", *stage,
                          "the stage (default: the current one; naming another is refused)");
        target->add_to(*begin);
        simple_verb(*begin, dispatch, target, [stage](Session& session, const CycleTarget& t) {
            auto result = session.engine().start_stage(t.cycle, *stage, t.actor.context());
            const Cycle& c = known_cycle(session.state(), t.cycle);
            const StageProgress* current = c.current_stage();
            std::cout << "began " << (current != nullptr ? current->id : *stage) << " of "
                      << t.cycle << " at " << (current != nullptr ? current->started_at : "")
                      << '\n';
            return result;
        });
    }
    {
        auto* advance = cycle->add_subcommand(
            "advance", "complete the current stage (starting it first if needed)");
        auto target = std::make_shared<CycleTarget>();
        auto completion = std::make_shared<StageCompletion>();
        auto record_file = std::make_shared<std::string>();
        advance->add_option("--stage", completion->stage,
                            "the stage (default: the current one; naming another is refused)");
        auto* record =
            advance->add_option("--record", completion->record, "the stage's written record");
        advance->add_option("--record-file", *record_file, "read the record from this file")
            ->excludes(record);
        advance->add_option("--grade", completion->grade,
                            "a grade, where the workflow allows one at this stage");
        target->add_to(*advance);
        advance->callback([&dispatch, target, completion, record_file] {
            dispatch.action = [target, completion, record_file] {
                Session session(target->store.path, Session::Create::no);
                StageCompletion done = *completion;
                if (!record_file->empty()) {
                    done.record = read_text_file(*record_file);
                    done.record.erase(done.record.find_last_not_of(" \t\r\n") + 1);
                }
                const auto result =
                    session.engine().advance(target->cycle, done, target->actor.context());
                std::string stage;
                for (const auto& e : result.events) {
                    if (e.type == "stage.completed")
                        stage = std::string(e.data.at("stage").as_string());
                }
                const Cycle& c = known_cycle(session.state(), target->cycle);
                const StageProgress* completed = c.stage(stage);
                std::cout << "completed " << stage << " of cycle " << c.id;
                if (completed != nullptr) {
                    std::cout << " at " << completed->completed_at << " by "
                              << completed->completed_by;
                    if (!completed->record_by.empty())
                        std::cout << " (record by " << completed->record_by << ")";
                    if (!completed->grade.empty())
                        std::cout << " (grade " << completed->grade << ")";
                }
                std::cout << '\n';
                print_warnings(result.warnings);
                if (const StageProgress* next = c.current_stage()) {
                    print_stage_guide(std::cout, session, c, next->id, "next");
                } else {
                    std::cout << "every stage is complete: close it with `coachkit cycle close "
                                 "--cycle "
                              << c.id << " --by PERSON`\n";
                }
                return 0;
            };
        });
    }
    {
        auto* schedule = cycle->add_subcommand(
            "schedule", "set the time of a stage that has not started (timing rules apply)");
        auto target = std::make_shared<CycleTarget>();
        auto stage = std::make_shared<std::string>();
        auto when = std::make_shared<std::string>();
        schedule->add_option("--stage", *stage, "the stage")->required();
        schedule->add_option("--for", *when, "when it will happen, ISO 8601 UTC")
            ->required()
            ->check(utc_time_check());
        target->add_to(*schedule);
        simple_verb(
            *schedule, dispatch, target, [stage, when](Session& session, const CycleTarget& t) {
                auto result =
                    session.engine().schedule_stage(t.cycle, *stage, *when, t.actor.context());
                std::cout << "scheduled " << *stage << " of " << t.cycle << " for " << *when
                          << '\n';
                return result;
            });
    }
    {
        auto* note = cycle->add_subcommand(
            "note", "record a note against the stage in progress (or a named stage)");
        auto target = std::make_shared<CycleTarget>();
        auto stage = std::make_shared<std::string>();
        auto text = std::make_shared<std::string>();
        note->add_option("--stage", *stage, "the stage (default: the one in progress)");
        note->add_option("--text", *text, "the note")->required();
        target->add_to(*note);
        simple_verb(*note, dispatch, target, [stage, text](Session& session, const CycleTarget& t) {
            auto result = session.engine().add_note(t.cycle, *stage, *text, t.actor.context());
            std::cout << "noted against "
                      << (result.events.empty()
                              ? *stage
                              : std::string(result.events.front().data.at("stage").as_string()))
                      << " of " << t.cycle << '\n';
            return result;
        });
    }
    {
        auto* evidence = cycle->add_subcommand(
            "evidence", "attach a reference to evidence (an observation record, a video, ...)");
        auto target = std::make_shared<CycleTarget>();
        auto stage = std::make_shared<std::string>();
        auto ref = std::make_shared<EvidenceRef>();
        evidence->add_option("--stage", *stage, "the stage (default: the one in progress)");
        evidence
            ->add_option("--source", ref->source,
                         "the evidence source (observation-record, video, pupil-work, ...)")
            ->required();
        evidence->add_option("--ref", ref->ref, "where it is: a path, URI or item id")->required();
        evidence->add_option("--summary", ref->summary, "what it shows, in a few words");
        target->add_to(*evidence);
        simple_verb(
            *evidence, dispatch, target, [stage, ref](Session& session, const CycleTarget& t) {
                auto result =
                    session.engine().attach_evidence(t.cycle, *stage, *ref, t.actor.context());
                std::cout << "attached " << ref->source << " " << ref->ref << " to "
                          << (result.events.empty()
                                  ? *stage
                                  : std::string(result.events.front().data.at("stage").as_string()))
                          << " of " << t.cycle << '\n';
                return result;
            });
    }
    {
        auto* action = cycle->add_subcommand("action", "record an action the partners agreed");
        auto target = std::make_shared<CycleTarget>();
        auto agreed = std::make_shared<AgreedAction>();
        action->add_option("--text", agreed->text, "what will be done")->required();
        action->add_option("--owner", agreed->owner, "who does it (default: the learner)");
        action->add_option("--due", agreed->due, "by when, YYYY-MM-DD")->check(date_check());
        target->add_to(*action);
        simple_verb(*action, dispatch, target, [agreed](Session& session, const CycleTarget& t) {
            auto result = session.engine().agree_action(t.cycle, *agreed, t.actor.context());
            const Cycle& c = known_cycle(session.state(), t.cycle);
            std::cout << "agreed an action in " << t.cycle << " for "
                      << (agreed->owner.empty() ? c.learner : agreed->owner)
                      << (agreed->due.empty() ? "" : ", due " + agreed->due) << '\n';
            return result;
        });
    }
    {
        auto* close = cycle->add_subcommand("close", "close a cycle whose stages are all complete");
        auto target = std::make_shared<CycleTarget>();
        target->add_to(*close);
        simple_verb(*close, dispatch, target, [](Session& session, const CycleTarget& t) {
            auto result = session.engine().close_cycle(t.cycle, t.actor.context());
            std::cout << "closed cycle " << t.cycle << '\n';
            return result;
        });
    }
    {
        auto* abandon = cycle->add_subcommand(
            "abandon", "end a cycle without completing it (a member or the co-ordinator)");
        auto target = std::make_shared<CycleTarget>();
        auto reason = std::make_shared<std::string>();
        abandon->add_option("--reason", *reason, "why it is abandoned")->required();
        target->add_to(*abandon);
        simple_verb(*abandon, dispatch, target, [reason](Session& session, const CycleTarget& t) {
            auto result = session.engine().abandon_cycle(t.cycle, *reason, t.actor.context());
            std::cout << "abandoned cycle " << t.cycle << '\n';
            return result;
        });
    }
    {
        auto* show = cycle->add_subcommand(
            "show", "a cycle: its stages, records, evidence, notes, actions and prompts");
        auto store = std::make_shared<StoreOption>();
        auto viewer = std::make_shared<ViewerOption>();
        auto id = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        show->add_option("--cycle", *id, "the cycle")->required();
        show->add_flag("--json", *json, "print the cycle as JSON");
        store->add_to(*show);
        viewer->add_to(*show);
        show->callback([&dispatch, store, viewer, id, json] {
            dispatch.action = [store, viewer, id, json] {
                Session session(store->path, Session::Create::no);
                (void)known_cycle(session.state(), *id);  // "no cycle 'x'", not "no record"
                const ProgrammeView& view =
                    session.view(viewer->as, "cli cycle show", "cycle:" + *id);
                const Cycle& c = known_cycle(view.state, *id);
                if (!*json) {
                    print_cycle(std::cout, session, c);
                    print_withheld_note(std::cout, view);
                    return 0;
                }
                boost::json::object out;
                const boost::json::object state = to_json(view.state);
                for (const auto& item : state.at("cycles").as_array()) {
                    if (item.at("id") == id->c_str())
                        out = item.as_object();
                }
                const StageProgress* current =
                    c.status == CycleStatus::open ? c.current_stage() : nullptr;
                boost::json::array prompts;
                if (current != nullptr) {
                    out["current_stage"] = current->id;
                    for (const auto& p : session.prompts_for(c.id, current->id))
                        prompts.emplace_back(p);
                } else {
                    out["current_stage"] = nullptr;
                }
                out["prompts"] = std::move(prompts);
                out["withheld"] = to_json(view).at("withheld");
                std::cout << to_pretty_json(out);
                return 0;
            };
        });
    }
}

}  // namespace coachkit::cli
