// The programme engine from Python: cycles and their stages, the programme state, the engine's
// commands, the summary, export and import, and coachkit.RefusedError / coachkit.ReplayError.
// The engine's privacy commands and audited reads (view, report) are in bind_privacy.cpp; the
// engine has no raw `state`: what a person reads goes through the policy.
//
// GIL: engine commands keep it (a workflow may be a Python plugin, and C++ calls it from inside the
// command); batch calls that never reach Python (export, import, replay) and the audited reads
// (summarise here, the privacy calls in bind_privacy.cpp) release it. Python
// threads may share one engine: each command holds the engine's lock, taken with the GIL released
// so that a command calling a Python workflow cannot deadlock with a thread waiting for the lock.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "coachkit/programme/engine.hpp"
#include "coachkit/programme/exchange.hpp"
#include "coachkit/programme/summary.hpp"
#include "engine_handle.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

template <class T>
std::optional<T> copy_of(const T* found) {
    return found != nullptr ? std::optional<T>(*found) : std::nullopt;
}

py::object state_equals(const ProgrammeState& a, const py::object& b) {
    if (!py::isinstance<ProgrammeState>(b))
        return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(to_json(a) == to_json(b.cast<const ProgrammeState&>()));
}

std::string cycle_repr(const Cycle& c) {
    std::string text = "<Cycle '" + c.id + "' " + std::string(to_string(c.status));
    if (const StageProgress* current = c.current_stage();
        current != nullptr && c.status == CycleStatus::open)
        text += " at '" + current->id + "'";
    return text + ">";
}

ProgrammeState import_document(const py::object& document, EventStore& store,
                               const std::string& origin) {
    const boost::json::value value = from_python(document, "");  // needs the GIL
    py::gil_scoped_release release;
    return import_programme(value, store, origin);
}

void bind_cycle_types(py::module_& m) {
    py::class_<EvidenceRef>(m, "EvidenceRef",
                            "Evidence attached to a stage: its source, where it is, what it shows.")
        .def(py::init([](std::string source, std::string ref, std::string summary) {
                 EvidenceRef e;
                 e.source = std::move(source);
                 e.ref = std::move(ref);
                 e.summary = std::move(summary);
                 return e;
             }),
             py::arg("source"), py::arg("ref"), py::arg("summary") = "")
        .def_readwrite("source", &EvidenceRef::source,
                       "evidence-source id ('observation-record', 'video', …)")
        .def_readwrite("ref", &EvidenceRef::ref, "where it is: a path, URI or item id")
        .def_readwrite("summary", &EvidenceRef::summary)
        .def_readonly("by", &EvidenceRef::by, "who attached it (set by the engine)")
        .def_readonly("at", &EvidenceRef::at)
        .def("__repr__",
             [](const EvidenceRef& e) { return "<EvidenceRef " + e.source + " '" + e.ref + "'>"; });

    py::class_<Note>(m, "Note", "A note recorded against a stage.")
        .def_readonly("text", &Note::text)
        .def_readonly("by", &Note::by)
        .def_readonly("at", &Note::at)
        .def("__repr__", [](const Note& n) { return "<Note by '" + n.by + "' at " + n.at + ">"; });

    py::class_<AgreedAction>(m, "AgreedAction", "Something the partners agreed to do next.")
        .def(py::init([](std::string text, std::string owner, std::string due) {
                 AgreedAction a;
                 a.text = std::move(text);
                 a.owner = std::move(owner);
                 a.due = std::move(due);
                 return a;
             }),
             py::arg("text"), py::arg("owner") = "", py::arg("due") = "")
        .def_readwrite("text", &AgreedAction::text)
        .def_readwrite("owner", &AgreedAction::owner, "person id; '' means the learner")
        .def_readwrite("due", &AgreedAction::due, "YYYY-MM-DD, or ''")
        .def_readonly("by", &AgreedAction::by)
        .def_readonly("at", &AgreedAction::at)
        .def("__repr__", [](const AgreedAction& a) { return "<AgreedAction '" + a.text + "'>"; });

    py::class_<RecordedAssessment>(m, "RecordedAssessment",
                                   "A rubric's assessment recorded against a cycle "
                                   "(docs/rubrics.md#recording-an-assessment).")
        .def_readonly("rubric", &RecordedAssessment::rubric)
        .def_readonly("subject", &RecordedAssessment::subject,
                      "the evidence item assessed; '' for the cycle as a whole")
        .def_readonly("result", &RecordedAssessment::result)
        .def_readonly("by", &RecordedAssessment::by)
        .def_readonly("at", &RecordedAssessment::at)
        .def("__repr__", [](const RecordedAssessment& a) {
            return "<RecordedAssessment " + a.rubric + ": " + a.result.level + ">";
        });

    py::class_<StageProgress>(m, "StageProgress", "Where one stage of one cycle stands.")
        .def_readonly("id", &StageProgress::id)
        .def_property_readonly(
            "status", [](const StageProgress& s) { return std::string(to_string(s.status)); },
            "'pending', 'scheduled', 'started' or 'completed'")
        .def_readonly("scheduled_for", &StageProgress::scheduled_for)
        .def_readonly("scheduled_by", &StageProgress::scheduled_by)
        .def_readonly("started_at", &StageProgress::started_at)
        .def_readonly("completed_at", &StageProgress::completed_at)
        .def_readonly("completed_by", &StageProgress::completed_by)
        .def_readonly("record", &StageProgress::record)
        .def_readonly("record_by", &StageProgress::record_by)
        .def_readonly("grade", &StageProgress::grade)
        .def_readonly("evidence", &StageProgress::evidence)
        .def_readonly("notes", &StageProgress::notes)
        .def("__repr__", [](const StageProgress& s) {
            return "<StageProgress '" + s.id + "' " + std::string(to_string(s.status)) + ">";
        });

    py::class_<Cycle>(m, "Cycle", "One run of a workflow by one partnership.")
        .def_readonly("id", &Cycle::id)
        .def_readonly("partnership", &Cycle::partnership)
        .def_readonly("workflow", &Cycle::workflow)
        .def_readonly("workflow_version", &Cycle::workflow_version)
        .def_readonly("number", &Cycle::number, "1, 2, 3… within the partnership")
        .def_readonly("learner", &Cycle::learner, "whose practice the cycle is about")
        .def_readonly("formal", &Cycle::formal)
        .def_property_readonly(
            "status", [](const Cycle& c) { return std::string(to_string(c.status)); },
            "'open', 'closed' or 'abandoned'")
        .def_readonly("started_at", &Cycle::started_at)
        .def_readonly("started_by", &Cycle::started_by)
        .def_readonly("ended_at", &Cycle::ended_at)
        .def_readonly("abandon_reason", &Cycle::abandon_reason)
        .def_readonly("stages", &Cycle::stages)
        .def_readonly("actions", &Cycle::actions)
        .def_readonly("assessments", &Cycle::assessments)
        .def_property_readonly(
            "current_stage", [](const Cycle& c) { return copy_of(c.current_stage()); },
            "the first stage not yet completed, or None")
        .def_property_readonly("all_stages_completed", &Cycle::all_stages_completed)
        .def(
            "stage", [](const Cycle& c, const std::string& id) { return copy_of(c.stage(id)); },
            py::arg("id"), "the stage's progress, or None if the cycle has no such stage")
        .def("__repr__", &cycle_repr);
}

void bind_state(py::module_& m) {
    py::class_<ProgrammeState>(
        m, "ProgrammeState",
        "A programme as its journal gives it: a snapshot, read-only. Lists and lookups return "
        "copies.")
        .def(py::init<>())
        .def_static(
            "replay",
            [](const std::vector<Event>& events, const std::string& origin) {
                return ProgrammeState::replay(events, origin);
            },
            py::arg("events"), py::arg("origin") = "journal",
            py::call_guard<py::gil_scoped_release>(),
            "The state a list of events gives (raises ReplayError for one that does not fit).")
        .def_static(
            "replay",
            [](const EventStore& store) { return ProgrammeState::replay(store.read(), "store"); },
            py::arg("store"), py::call_guard<py::gil_scoped_release>(),
            "The state the events in a store give.")
        .def_property_readonly("initialised", &ProgrammeState::initialised)
        .def_property_readonly("id", &ProgrammeState::id)
        .def_property_readonly("name", &ProgrammeState::name)
        .def_property_readonly("created_at", &ProgrammeState::created_at)
        .def_property_readonly("last_sequence", &ProgrammeState::last_sequence)
        .def_property_readonly("event_count", &ProgrammeState::event_count)
        .def_property_readonly("people", &ProgrammeState::people)
        .def_property_readonly("partnerships", &ProgrammeState::partnerships)
        .def_property_readonly("agreements", &ProgrammeState::agreements)
        .def_property_readonly("cycles", &ProgrammeState::cycles)
        .def_property_readonly("evidence_items", &ProgrammeState::evidence_items,
                               "the stored evidence items, in the order added")
        .def(
            "evidence_item",
            [](const ProgrammeState& s, const std::string& id) {
                return copy_of(s.evidence_item(id));
            },
            py::arg("id"), "the evidence item, or None")
        .def(
            "evidence_of",
            [](const ProgrammeState& s, const std::string& cycle) {
                std::vector<EvidenceItem> items;
                for (const EvidenceItem* i : s.evidence_of(cycle))
                    items.push_back(*i);
                return items;
            },
            py::arg("cycle"), "the cycle's evidence items, in the order added")
        .def(
            "person",
            [](const ProgrammeState& s, const std::string& id) { return copy_of(s.person(id)); },
            py::arg("id"), "the person, or None")
        .def(
            "partnership",
            [](const ProgrammeState& s, const std::string& id) {
                return copy_of(s.partnership(id));
            },
            py::arg("id"), "the partnership, or None")
        .def(
            "agreement",
            [](const ProgrammeState& s, const std::string& partnership) {
                return copy_of(s.agreement(partnership));
            },
            py::arg("partnership"), "the partnership's agreement, or None")
        .def(
            "cycle",
            [](const ProgrammeState& s, const std::string& id) { return copy_of(s.cycle(id)); },
            py::arg("id"), "the cycle, or None")
        .def(
            "cycles_of",
            [](const ProgrammeState& s, const std::string& partnership) {
                std::vector<Cycle> cycles;
                for (const Cycle* c : s.cycles_of(partnership))
                    cycles.push_back(*c);
                return cycles;
            },
            py::arg("partnership"), "the partnership's cycles, in the order started")
        .def("agreement_signed", &ProgrammeState::agreement_signed, py::arg("partnership"),
             "True when every member has signed the partnership's agreement")
        .def_property_readonly("consents", &ProgrammeState::consents,
                               "every Consent granted, in order (withdrawn ones too)")
        .def_property_readonly(
            "active_consents",
            [](const ProgrammeState& s) {
                std::vector<Consent> active;
                for (const Consent* c : s.active_consents())
                    active.push_back(*c);
                return active;
            },
            "the consents that hold now")
        .def_property_readonly("erasures", &ProgrammeState::erasures,
                               "every Erasure, in order (the tombstones' facts)")
        .def_property_readonly("anonymity_k", &ProgrammeState::anonymity_k,
                               "the k of k-anonymity for aggregates (5 until the co-ordinator "
                               "sets it)")
        .def(
            "to_dict", [](const ProgrammeState& s) { return to_python(to_json(s)); },
            "the state as a dict (what `programme show --json` prints)")
        .def("__eq__", &state_equals)
        .def("__repr__", [](const ProgrammeState& s) {
            if (!s.initialised())
                return std::string("<ProgrammeState (empty)>");
            return "<ProgrammeState '" + s.id() + "' at event " +
                   std::to_string(s.last_sequence()) + ">";
        });
}

void bind_summary(py::module_& m) {
    py::class_<PartnershipSummary>(m, "PartnershipSummary")
        .def_readonly("id", &PartnershipSummary::id)
        .def_readonly("mode", &PartnershipSummary::mode)
        .def_readonly("workflow", &PartnershipSummary::workflow)
        .def_readonly("members", &PartnershipSummary::members)
        .def_readonly("agreement", &PartnershipSummary::agreement,
                      "'none', 'drafted (1 of 2 signed)' or 'signed'")
        .def_readonly("planned_cycles", &PartnershipSummary::planned_cycles)
        .def_readonly("cycles_closed", &PartnershipSummary::cycles_closed)
        .def_readonly("cycles_open", &PartnershipSummary::cycles_open)
        .def_readonly("cycles_abandoned", &PartnershipSummary::cycles_abandoned)
        .def_readonly("current", &PartnershipSummary::current,
                      "the open cycle and its current stage, e.g. 'sc-1-2 at lesson'")
        .def("__repr__", [](const PartnershipSummary& p) {
            return "<PartnershipSummary '" + p.id + "' " + p.mode + ">";
        });

    py::class_<ProgrammeSummary>(m, "ProgrammeSummary",
                                 "What a co-ordinator reads: partnerships, agreements, cycles, "
                                 "and the framework warnings.")
        .def_readonly("id", &ProgrammeSummary::id)
        .def_readonly("name", &ProgrammeSummary::name)
        .def_readonly("people", &ProgrammeSummary::people)
        .def_readonly("events", &ProgrammeSummary::events)
        .def_readonly("partnerships", &ProgrammeSummary::partnerships)
        .def_readonly("findings", &ProgrammeSummary::findings)
        .def("__repr__", [](const ProgrammeSummary& s) {
            return "<ProgrammeSummary '" + s.id + "': " + std::to_string(s.partnerships.size()) +
                   " partnerships>";
        });

    m.def("summarise", &summarise, py::arg("state"), "The programme summary of a state.");
}

void bind_engine_class(py::module_& m) {
    py::class_<CommandResult>(m, "CommandResult",
                              "What a command did: the events it appended, and any framework "
                              "warnings (a list of Finding).")
        .def_readonly("events", &CommandResult::events)
        .def_readonly("warnings", &CommandResult::warnings)
        .def_readonly("diagnostics", &CommandResult::diagnostics,
                      "what reading an input reported short of an error (add_evidence)")
        .def("__repr__", [](const CommandResult& r) {
            return "<CommandResult " + std::to_string(r.events.size()) + " events, " +
                   std::to_string(r.warnings.size()) + " warnings>";
        });

    // Every command takes the actor as `by` (a person id, or "system") and the time as `at` (an
    // ISO 8601 UTC string or a datetime; None means now), both keyword-only.
    const auto by = py::arg("by") = "system";
    const auto at = py::arg("at") = py::none();

    py::class_<Engine>(
        m, "ProgrammeEngine",
        "Runs a programme: each command is checked against the state and the workflow, appended "
        "to the store's journal, and applied. A command the rules do not allow raises "
        "RefusedError (with .rule) and writes nothing.")
        .def(py::init<py::object, py::object>(), py::arg("store"), py::arg("registry"),
             "Replay the journal in `store` (an EventStore); workflows come from `registry`. The "
             "engine keeps both alive.")
        .def_property_readonly("store", &Engine::store)
        .def_property_readonly("registry", &Engine::registry)
        // The journal's own state is not a read path: what a person may see comes from view().
        // The custodian's layer (ProgrammeState.replay(store)) stays, as docs/privacy.md says.
        .def_property_readonly(
            "state",
            [](const Engine&) -> py::object {
                throw py::attribute_error(
                    "ProgrammeEngine has no 'state': read through the privacy policy with "
                    "engine.view(as_=PERSON).state (docs/privacy.md); a custodian replays the "
                    "whole journal with coachkit.ProgrammeState.replay(engine.store)");
            },
            "not available: use view(as_=PERSON).state")
        .def(
            "refresh", [](Engine& e) { e.run([](ProgrammeEngine& engine) { engine.refresh(); }); },
            "read and apply what other writers appended since")
        .def(
            "init",
            [](Engine& e, const std::string& id, const std::string& name, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) { return engine.init(id, name, ctx); });
            },
            py::arg("id"), py::arg("name"), py::kw_only(), by, at,
            "Start the programme in an empty journal.")
        .def(
            "add_person",
            [](Engine& e, const Person& person, const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run(
                    [&](ProgrammeEngine& engine) { return engine.add_person(person, ctx); });
            },
            py::arg("person"), py::kw_only(), by, at)
        .def(
            "add_person",
            [](Engine& e, const std::string& id, const std::string& name, const py::object& role,
               const std::string& line_manager, const std::string& actor, const py::object& when) {
                // Through coachkit.Person, so a bad role is refused as it is there.
                const Person person = py::module_::import("coachkit._coachkit")
                                          .attr("Person")(id, name, role, line_manager)
                                          .cast<Person>();
                const auto ctx = command_context(actor, when);
                return e.run(
                    [&](ProgrammeEngine& engine) { return engine.add_person(person, ctx); });
            },
            py::arg("id"), py::arg("name"), py::arg("role") = "teacher",
            py::arg("line_manager") = "", py::kw_only(), by, at,
            "Add a person, given as a Person or as (id, name, role, line_manager).")
        .def(
            "add_partnership",
            [](Engine& e, const Partnership& partnership, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.add_partnership(partnership, ctx);
                });
            },
            py::arg("partnership"), py::kw_only(), by, at,
            "Form a partnership; the result's warnings are the framework findings for it.")
        .def(
            "draft_agreement",
            [](Engine& e, const LearningAgreement& agreement, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.draft_agreement(agreement, ctx);
                });
            },
            py::arg("agreement"), py::kw_only(), by, at,
            "Draft (or redraft, clearing every signature) a partnership's agreement.")
        .def(
            "sign_agreement",
            [](Engine& e, const std::string& partnership, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.sign_agreement(partnership, ctx);
                });
            },
            py::arg("partnership"), py::kw_only(), by, at, "`by` signs for themself.")
        .def(
            "set_performance_management_link",
            [](Engine& e, const std::string& partnership, bool on, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.set_performance_management_link(partnership, on, ctx);
                });
            },
            py::arg("partnership"), py::arg("on"), py::kw_only(), by, at,
            "Only the learner may switch the link.")
        .def(
            "start_cycle",
            [](Engine& e, const std::string& partnership, const std::string& id,
               const std::string& learner, bool formal, const std::string& actor,
               const py::object& when) {
                const CycleOptions options{id, learner, formal};
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.start_cycle(partnership, options, ctx);
                });
            },
            py::arg("partnership"), py::kw_only(), py::arg("id") = "", py::arg("learner") = "",
            py::arg("formal") = false, by, at,
            "Start a cycle. id defaults to '<partnership>-<number>'; learner to the partnership's "
            "learner (in co-coaching, the next co-coach in turn).")
        .def(
            "schedule_stage",
            [](Engine& e, const std::string& cycle, const std::string& stage,
               const py::object& for_time, const std::string& actor, const py::object& when) {
                const std::string time = time_text(for_time);
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.schedule_stage(cycle, stage, time, ctx);
                });
            },
            py::arg("cycle"), py::arg("stage"), py::arg("when"), py::kw_only(), by, at,
            "Set the time of a stage that has not started (its timing rules are checked).")
        .def(
            "start_stage",
            [](Engine& e, const std::string& cycle, const std::string& stage,
               const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run(
                    [&](ProgrammeEngine& engine) { return engine.start_stage(cycle, stage, ctx); });
            },
            py::arg("cycle"), py::arg("stage") = "", py::kw_only(), by, at,
            "Start the current stage ('' names it; naming another is refused: stage-order).")
        .def(
            "advance",
            [](Engine& e, const std::string& cycle, const std::string& stage,
               const std::string& record, const std::string& grade, const std::string& actor,
               const py::object& when) {
                const StageCompletion completion{stage, record, grade};
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.advance(cycle, completion, ctx);
                });
            },
            py::arg("cycle"), py::kw_only(), py::arg("stage") = "", py::arg("record") = "",
            py::arg("grade") = "", by, at,
            "Complete the current stage (starting it first if need be), with its record and, "
            "where the workflow allows, a grade.")
        .def(
            "attach_evidence",
            [](Engine& e, const std::string& cycle, const EvidenceRef& evidence,
               const std::string& stage, const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.attach_evidence(cycle, stage, evidence, ctx);
                });
            },
            py::arg("cycle"), py::arg("evidence"), py::kw_only(), py::arg("stage") = "", by, at)
        .def(
            "attach_evidence",
            [](Engine& e, const std::string& cycle, const std::string& source,
               const std::string& ref, const std::string& summary, const std::string& stage,
               const std::string& actor, const py::object& when) {
                EvidenceRef evidence;
                evidence.source = source;
                evidence.ref = ref;
                evidence.summary = summary;
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.attach_evidence(cycle, stage, evidence, ctx);
                });
            },
            py::arg("cycle"), py::arg("source"), py::arg("ref"), py::arg("summary") = "",
            py::kw_only(), py::arg("stage") = "", by, at,
            "Attach evidence (an EvidenceRef, or source, ref and summary) to the stage in "
            "progress, or to `stage` if it has started.")
        .def(
            "add_evidence",
            [](Engine& e, const std::string& cycle, const std::string& kind, const py::object& path,
               const py::object& data, const std::string& format, const std::string& stage,
               const py::object& options, const std::string& summary, const std::string& owner,
               const std::string& id, const std::string& origin, const std::string& actor,
               const py::object& when) {
                EvidenceInput input;
                input.kind = kind;
                input.format = format;
                input.summary = summary;
                input.owner = owner;
                input.id = id;
                input.origin = origin;
                input.options = options_object(options);
                std::string held;
                const auto bytes =
                    byte_source(path, data, held, origin.empty() ? "<bytes>" : origin);
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    py::gil_scoped_release unlocked;  // reading may be long; plugins take it back
                    return engine.add_evidence(cycle, stage, input, *bytes, ctx);
                });
            },
            py::arg("cycle"), py::arg("kind"), py::arg("path") = py::none(), py::kw_only(),
            py::arg("data") = py::none(), py::arg("format") = "", py::arg("stage") = "",
            py::arg("options") = py::none(), py::arg("summary") = "", py::arg("owner") = "",
            py::arg("id") = "", py::arg("origin") = "", by, at,
            "Read a file (path=) or bytes (data=) with the evidence source `kind` and store it "
            "on the stage in progress (or `stage`). The item id is in result.events[0].data['id']; "
            "reading warnings are in result.diagnostics. Bad input raises InvalidDocumentError "
            "and stores nothing.")
        .def(
            "add_note",
            [](Engine& e, const std::string& cycle, const std::string& text,
               const std::string& stage, const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.add_note(cycle, stage, text, ctx);
                });
            },
            py::arg("cycle"), py::arg("text"), py::kw_only(), py::arg("stage") = "", by, at,
            "Record a note against the stage in progress, or `stage` if it has started.")
        .def(
            "agree_action",
            [](Engine& e, const std::string& cycle, const AgreedAction& action,
               const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.agree_action(cycle, action, ctx);
                });
            },
            py::arg("cycle"), py::arg("action"), py::kw_only(), by, at)
        .def(
            "agree_action",
            [](Engine& e, const std::string& cycle, const std::string& text,
               const std::string& owner, const std::string& due, const std::string& actor,
               const py::object& when) {
                AgreedAction action;
                action.text = text;
                action.owner = owner;
                action.due = due;
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.agree_action(cycle, action, ctx);
                });
            },
            py::arg("cycle"), py::arg("text"), py::kw_only(), py::arg("owner") = "",
            py::arg("due") = "", by, at,
            "Record an agreed action (an AgreedAction, or its text with owner and due date).")
        .def(
            "record_assessment",
            [](Engine& e, const std::string& cycle, const Assessment& assessment,
               const std::string& subject, const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.record_assessment(cycle, subject, assessment, ctx);
                });
            },
            py::arg("cycle"), py::arg("assessment"), py::kw_only(), py::arg("subject") = "", by, at,
            "Record a rubric's assessment against a cycle (of the evidence item `subject`, or of "
            "the cycle); members of its partnership only.")
        .def(
            "assess_evidence",
            [](Engine& e, const std::string& cycle, const std::string& item,
               const std::string& rubric, const py::object& extra, const std::string& actor,
               const py::object& when) {
                const boost::json::object input = options_object(extra);
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.assess_evidence(cycle, item, rubric, input, ctx);
                });
            },
            py::arg("cycle"), py::arg("item"), py::arg("rubric"), py::kw_only(),
            py::arg("input") = py::none(), by, at,
            "Score evidence item `item` with `rubric` (extra input keys such as 'thresholds' in "
            "`input`) and record the assessment against the cycle.")
        .def(
            "close_cycle",
            [](Engine& e, const std::string& cycle, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run(
                    [&](ProgrammeEngine& engine) { return engine.close_cycle(cycle, ctx); });
            },
            py::arg("cycle"), py::kw_only(), by, at, "Close a cycle whose stages are all complete.")
        .def(
            "abandon_cycle",
            [](Engine& e, const std::string& cycle, const std::string& reason,
               const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run([&](ProgrammeEngine& engine) {
                    return engine.abandon_cycle(cycle, reason, ctx);
                });
            },
            py::arg("cycle"), py::arg("reason"), py::kw_only(), by, at)
        .def(
            "prompts_for",
            [](Engine& e, const std::string& cycle, const std::string& stage) {
                return e.run(
                    [&](ProgrammeEngine& engine) { return engine.prompts_for(cycle, stage); });
            },
            py::arg("cycle"), py::arg("stage"),
            "The prompts the workflow offers at a stage of a cycle, from its coaching guides.")
        .def(
            "workflow_of",
            [](Engine& e, const std::string& partnership) {
                return e.run(
                    [&](ProgrammeEngine& engine) { return engine.workflow_of(partnership); });
            },
            py::arg("partnership"), "The Workflow a partnership's cycles follow.")
        .def(
            "summarise",
            [](Engine& e, const std::string& viewer, const std::string& via,
               const py::object& when) {
                const ReadRequest request{via, "", time_text(when)};
                return e.run_unlocked([&](ProgrammeEngine& engine) {
                    return summarise(engine.view(viewer, request).state);
                });
            },
            py::arg("as_"), py::kw_only(), py::arg("via") = "python summarise",
            py::arg("at") = py::none(),
            "The programme summary of what `as_` may see (a read, audited like view()).");
}

}  // namespace

void bind_engine(py::module_& m) {
    bind_cycle_types(m);
    bind_state(m);
    bind_summary(m);
    bind_engine_class(m);

    m.def(
        "export_programme",
        [](const EventStore& store) {
            boost::json::object document;
            {
                py::gil_scoped_release release;
                document = export_programme(store);
            }
            return to_python(document);
        },
        py::arg("store"),
        "The whole programme in `store` as a `coachkit.programme/1` document (a dict): its "
        "events and the state they give.");
    m.def("import_programme", &import_document, py::arg("document"), py::arg("store"),
          py::arg("origin") = "<dict>",
          "Read a programme document (a dict) into an empty store, all or nothing. Returns the "
          "ProgrammeState. Raises InvalidDocumentError naming `origin` and the JSON pointer of "
          "each problem.");
    m.def("import_programme_file", &import_programme_file, py::arg("path"), py::arg("store"),
          py::call_guard<py::gil_scoped_release>(),
          "Read a programme document from a JSON file into an empty store.");

    static py::handle refused = [&m] {
        const py::object base = m.attr("Error");
        PyObject* type = PyErr_NewExceptionWithDoc(
            "coachkit.RefusedError",
            "The programme engine refused a command; .rule is the rule's stable id "
            "('stage-order', 'record-writer', …; docs/workflows.md lists them). Nothing was "
            "written.",
            py::make_tuple(base).ptr(), nullptr);
        if (type == nullptr)
            throw py::error_already_set();
        m.attr("RefusedError") = py::reinterpret_borrow<py::object>(type);
        return py::handle(type);
    }();
    static py::handle replay_error = [&m] {
        const py::object base = m.attr("InvalidDocumentError");
        PyObject* type = PyErr_NewExceptionWithDoc(
            "coachkit.ReplayError",
            "A journal's events do not replay; .diagnostics name the event and what is wrong.",
            py::make_tuple(base).ptr(), nullptr);
        if (type == nullptr)
            throw py::error_already_set();
        m.attr("ReplayError") = py::reinterpret_borrow<py::object>(type);
        return py::handle(type);
    }();
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown)
                std::rethrow_exception(thrown);
        } catch (const RefusedError& e) {
            py::object instance = py::reinterpret_borrow<py::object>(refused)(e.what());
            instance.attr("rule") = e.rule();
            PyErr_SetObject(refused.ptr(), instance.ptr());
        } catch (const ReplayError& e) {
            py::object instance = py::reinterpret_borrow<py::object>(replay_error)(e.what());
            instance.attr("diagnostics") = py::cast(e.diagnostics());
            PyErr_SetObject(replay_error.ptr(), instance.ptr());
        }
    });
}

}  // namespace coachkit::python
