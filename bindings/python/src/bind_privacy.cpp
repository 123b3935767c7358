// Privacy from Python (docs/privacy.md): the policy (decide, records_of, default_access), views,
// consent, erasure, k-anonymous aggregates, the audit log, the engine's privacy commands and
// audited reads, and coachkit.AccessDeniedError.
//
// The policy's enums travel as their spellings ("allow", "stage-record", "line-manager"), as the
// rest of the bindings pass statuses and roles. The engine's reads and privacy commands release
// the GIL: they read and write the store, and never need Python themselves (a Python workflow or
// store takes the GIL back on its own).
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "coachkit/privacy/aggregate.hpp"
#include "coachkit/privacy/audit.hpp"
#include "coachkit/privacy/consent.hpp"
#include "coachkit/privacy/erasure.hpp"
#include "coachkit/privacy/policy.hpp"
#include "coachkit/privacy/view.hpp"
#include "engine_handle.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

// ---- enums as their spellings ------------------------------------------------------------------

template <class Enum>
std::vector<std::string> spellings(const std::vector<Enum>& all) {
    std::vector<std::string> out;
    for (const Enum value : all)
        out.emplace_back(to_string(value));
    return out;
}

const std::vector<Access>& all_access() {
    static const std::vector<Access> all{Access::allow, Access::redacted, Access::deny};
    return all;
}

const std::vector<AggregateDimension>& all_dimensions() {
    static const std::vector<AggregateDimension> all{
        AggregateDimension::mode, AggregateDimension::workflow, AggregateDimension::purpose,
        AggregateDimension::post, AggregateDimension::term};
    return all;
}

/// `text` as one of `all`, by its spelling; ValueError naming what `what` may be otherwise.
template <class Enum>
Enum parse_named(const std::string& text, const std::vector<Enum>& all, const char* what) {
    for (const Enum value : all) {
        if (to_string(value) == text)
            return value;
    }
    std::string known;
    for (const auto& name : spellings(all))
        known += (known.empty() ? "" : ", ") + name;
    throw py::value_error("unknown " + std::string(what) + " '" + text + "' (known: " + known +
                          ")");
}

/// Who is reading: `as_` or `viewer=` (either, not two different people).
std::string reader(const std::optional<std::string>& as, const std::optional<std::string>& viewer) {
    if (as && viewer && *as != *viewer)
        throw py::type_error("give the reader once: as_='" + *as + "' and viewer='" + *viewer +
                             "' differ");
    if (!as && !viewer)
        throw py::type_error("say who is reading: as_=PERSON (a person id in the programme)");
    return as ? *as : *viewer;
}

std::vector<AggregateDimension> dimensions(const py::object& group_by) {
    std::vector<AggregateDimension> out;
    if (group_by.is_none())
        return out;
    if (py::isinstance<py::str>(group_by)) {
        out.push_back(
            parse_named(group_by.cast<std::string>(), all_dimensions(), "aggregate dimension"));
        return out;
    }
    for (const auto& item : group_by) {
        if (!py::isinstance<py::str>(item))
            throw py::type_error(
                "group_by takes dimension names (str), not " +
                py::str(py::type::handle_of(item).attr("__name__")).cast<std::string>());
        out.push_back(
            parse_named(item.cast<std::string>(), all_dimensions(), "aggregate dimension"));
    }
    return out;
}

// ---- records and decisions ---------------------------------------------------------------------

RecordRef known_record(const ProgrammeState& state, const std::string& id) {
    auto found = find_record(state, id);
    if (!found)
        throw NotFoundError("no record '" + id + "' in programme '" + state.id() +
                            "' (ids look like 'cycle:sc-1' or 'note:sc-1/lesson/1'; "
                            "records_of(state) lists them)");
    return std::move(*found);
}

RecordRef record_of(const ProgrammeState& state, const py::object& record) {
    if (py::isinstance<RecordRef>(record))
        return record.cast<RecordRef>();
    if (py::isinstance<py::str>(record))
        return known_record(state, record.cast<std::string>());
    throw py::type_error("a record is its id (str) or a RecordRef");
}

std::string record_repr(const RecordRef& r) {
    return "<RecordRef " + std::string(to_string(r.kind)) + " '" + r.id + "'>";
}

std::string decision_repr(const Decision& d) {
    return "<Decision " + std::string(to_string(d.access)) + " as " +
           std::string(to_string(d.relation)) + (d.anonymised ? " (anonymised)" : "") + ">";
}

void bind_records(py::module_& m) {
    py::class_<RecordRef>(m, "RecordRef",
                          "One record of a programme as the policy sees it: its kind, stable id "
                          "('note:sc-1/lesson/1'; docs/privacy.md lists the forms), where it sits "
                          "and whose it is. Read-only.")
        .def_property_readonly(
            "kind", [](const RecordRef& r) { return std::string(to_string(r.kind)); },
            "'person', 'partnership', 'agreement', 'cycle', 'stage-record', 'note', 'action', "
            "'evidence' or 'video'")
        .def_readonly("id", &RecordRef::id)
        .def_readonly("partnership", &RecordRef::partnership)
        .def_readonly("cycle", &RecordRef::cycle)
        .def_readonly("owners", &RecordRef::owners, "the learner(s) whose record it is")
        .def_readonly("item", &RecordRef::item, "for a stored evidence item: its id")
        .def("__eq__",
             [](const RecordRef& a, const py::object& b) -> py::object {
                 if (!py::isinstance<RecordRef>(b))
                     return py::reinterpret_borrow<py::object>(Py_NotImplemented);
                 const auto& r = b.cast<const RecordRef&>();
                 return py::bool_(a.kind == r.kind && a.id == r.id &&
                                  a.partnership == r.partnership && a.cycle == r.cycle &&
                                  a.owners == r.owners && a.item == r.item);
             })
        .def("__hash__", [](const RecordRef& r) { return py::hash(py::str(r.id)); })
        .def("__repr__", &record_repr);

    py::class_<Decision>(m, "Decision",
                         "The policy's answer for one viewer and one record. Read-only.")
        .def_property_readonly(
            "access", [](const Decision& d) { return std::string(to_string(d.access)); },
            "'allow', 'redacted' or 'deny'")
        .def_property_readonly(
            "relation", [](const Decision& d) { return std::string(to_string(d.relation)); },
            "how the viewer stands to the record, in the answer given: 'owner', 'partner', "
            "'observer', 'coordinator', 'leader', 'line-manager', 'integration', "
            "'video-viewer' or 'other'")
        .def_readonly("anonymised", &Decision::anonymised,
                      "shown only as an anonymised training excerpt")
        .def_readonly("reason", &Decision::reason, "why, in words")
        .def("__repr__", &decision_repr);

    py::class_<ShownRecord>(m, "ShownRecord",
                            "A record a view shows, and the decision that shows it.")
        .def_readonly("record", &ShownRecord::record)
        .def_readonly("decision", &ShownRecord::decision)
        .def("__repr__", [](const ShownRecord& s) {
            return "<ShownRecord '" + s.record.id + "' " +
                   std::string(to_string(s.decision.access)) + ">";
        });

    m.def(
        "decide",
        [](const ProgrammeState& state, const std::string& viewer, const py::object& record) {
            const RecordRef ref = record_of(state, record);
            py::gil_scoped_release release;
            return decide(state, viewer, ref);
        },
        py::arg("state"), py::arg("viewer"), py::arg("record"),
        "THE policy: allow, deny or redacted for `viewer` (a person id) and `record` (its id or a "
        "RecordRef), as a Decision. An unknown viewer is denied; an unknown record id raises "
        "NotFoundError. Consent and erasure are read from `state`, so pass a fresh one.");
    m.def(
        "relations",
        [](const ProgrammeState& state, const std::string& viewer, const py::object& record) {
            return spellings(relations(state, viewer, record_of(state, record)));
        },
        py::arg("state"), py::arg("viewer"), py::arg("record"),
        "Every relation `viewer` has to `record` (its id or a RecordRef); [] for an unknown "
        "viewer.");
    m.def("records_of", &records_of, py::arg("state"),
          "Every record in `state` as a RecordRef, in a stable order (people, partnerships, "
          "agreements, then each cycle and what it holds).");
    m.def(
        "find_record",
        [](const ProgrammeState& state, const std::string& id) { return find_record(state, id); },
        py::arg("state"), py::arg("id"), "The RecordRef with this id, or None.");
    m.def(
        "default_access",
        [](const std::string& relation, const std::string& kind) {
            return std::string(
                to_string(default_access(parse_named(relation, all_relations(), "relation"),
                                         parse_named(kind, all_record_kinds(), "record kind"))));
        },
        py::arg("relation"), py::arg("kind"),
        "The access matrix's cell for a relation and a record kind with no consent given: "
        "'allow', 'redacted' or 'deny' (docs/privacy.md prints the same table).");

    m.attr("RECORD_KINDS") = py::tuple(py::cast(spellings(all_record_kinds())));
    m.attr("RELATIONS") = py::tuple(py::cast(spellings(all_relations())));
    m.attr("ACCESS") = py::tuple(py::cast(spellings(all_access())));
}

// ---- consent and erasure -----------------------------------------------------------------------

py::dict scope_dict(const ConsentScope& s) {
    py::dict out;
    out["kind"] = std::string(to_string(s.kind));
    out["partnership"] = s.partnership;
    out["item"] = s.item;
    out["viewer"] = s.viewer;
    out["turns"] = s.turns;
    return out;
}

void bind_consent(py::module_& m) {
    py::class_<ConsentScope>(m, "ConsentScope",
                             "What a consent covers. Which fields apply depends on the kind "
                             "(docs/privacy.md). Read-only.")
        .def_property_readonly(
            "kind", [](const ConsentScope& s) { return std::string(to_string(s.kind)); },
            "'share-with-coordinator', 'performance-management', 'video-viewer' or "
            "'training-excerpt'")
        .def_readonly("partnership", &ConsentScope::partnership)
        .def_readonly("item", &ConsentScope::item, "an evidence item's id, or ''")
        .def_readonly("viewer", &ConsentScope::viewer, "a video viewer's person id, or ''")
        .def_readonly("turns", &ConsentScope::turns, "a training excerpt's 'FROM-TO', or ''")
        .def("to_dict", &scope_dict)
        .def("__repr__", [](const ConsentScope& s) {
            return "<ConsentScope " + std::string(to_string(s.kind)) + " '" + s.partnership + "'>";
        });

    py::class_<Consent>(m, "Consent",
                        "A consent as the journal records it: granted by the owner of the records "
                        "it opens, until withdrawn. Read-only.")
        .def_readonly("id", &Consent::id, "'consent-<n>', in the order granted")
        .def_readonly("owner", &Consent::owner, "who granted it")
        .def_readonly("scope", &Consent::scope)
        .def_property_readonly(
            "kind", [](const Consent& c) { return std::string(to_string(c.scope.kind)); },
            "the scope's kind")
        .def_readonly("granted_at", &Consent::granted_at)
        .def_readonly("source", &Consent::source,
                      "'consent', or 'agreement' when it came from the learner signing an "
                      "agreement whose terms share records")
        .def_readonly("withdrawn_at", &Consent::withdrawn_at, "'' while it holds")
        .def_readonly("withdrawn_by", &Consent::withdrawn_by)
        .def_property_readonly("active", &Consent::active, "True while it holds")
        .def("__repr__", [](const Consent& c) {
            return "<Consent '" + c.id + "' " + std::string(to_string(c.scope.kind)) + " by '" +
                   c.owner + "'" + (c.active() ? "" : " (withdrawn)") + ">";
        });

    py::class_<Erasure>(m, "Erasure", "One erasure, as its tombstone records it. Read-only.")
        .def_readonly("record", &Erasure::record, "the record erased ('cycle:sc-1' for all of it)")
        .def_readonly("by", &Erasure::by, "the owner who asked")
        .def_readonly("at", &Erasure::at)
        .def_readonly("sequence", &Erasure::sequence, "the tombstone event's")
        .def("__repr__",
             [](const Erasure& e) { return "<Erasure '" + e.record + "' by '" + e.by + "'>"; });

    m.attr("CONSENT_KINDS") = py::tuple(py::cast(spellings(all_consent_kinds())));
    m.attr("ERASED_TEXT") = std::string(kErasedText);
    m.attr("DEFAULT_ANONYMITY_K") = kDefaultAnonymityK;
    m.attr("MINIMUM_ANONYMITY_K") = kMinimumAnonymityK;
}

// ---- views -------------------------------------------------------------------------------------

py::list withheld_list(const ProgrammeView& view) {
    py::list out;
    for (const auto& w : view.withheld) {
        py::dict row;
        row["record"] = w.record;
        row["kind"] = std::string(to_string(w.kind));
        row["access"] = std::string(to_string(w.access));
        row["excerpt"] = w.excerpt;
        row["reason"] = w.reason;
        out.append(row);
    }
    return out;
}

void bind_view(py::module_& m) {
    py::class_<ProgrammeView>(
        m, "ProgrammeView",
        "What one viewer may see of a programme: `state` holds only that (denied records left "
        "out, redacted ones stripped); `withheld` says what was held back and why.")
        .def_readonly("viewer", &ProgrammeView::viewer)
        .def_readonly("scope", &ProgrammeView::scope, "the record asked for; '' for everything")
        .def_readonly("state", &ProgrammeView::state,
                      "a ProgrammeState with only what the viewer may see")
        .def_readonly("shown", &ProgrammeView::shown,
                      "the records shown, each a ShownRecord (record and decision)")
        .def_property_readonly("withheld", &withheld_list,
                               "one dict per record left out or stripped: record, kind, access "
                               "('deny' or 'redacted'), excerpt (shown only as an anonymised "
                               "excerpt), reason")
        .def_property_readonly(
            "excerpts", [](const ProgrammeView& v) { return to_python(v.excerpts); },
            "anonymised training excerpts (dicts: kind, format, turns, content), no ids or names")
        .def(
            "to_json", [](const ProgrammeView& v) { return to_python(to_json(v)); },
            "the view as a dict: the state's document plus viewer, withheld and excerpts (what "
            "`programme show --json --as PERSON` prints)")
        .def("__repr__", [](const ProgrammeView& v) {
            return "<ProgrammeView as '" + v.viewer + "'" +
                   (v.scope.empty() ? std::string() : " of '" + v.scope + "'") + ", " +
                   std::to_string(v.withheld.size()) + " withheld>";
        });

    m.def(
        "view_as",
        [](const ProgrammeState& state, const std::string& viewer, const std::string& scope) {
            py::gil_scoped_release release;
            return view_as(state, viewer, scope);
        },
        py::arg("state"), py::arg("viewer"), py::arg("scope") = "",
        "The view of a state (one you replayed: the custodian's layer) for `viewer`, limited to "
        "`scope` (a record id; '' for everything). Pure: nothing is audited. An engine's reads "
        "go through engine.view(), which audits them.");
}

// ---- aggregates --------------------------------------------------------------------------------

py::list aggregate_rows(const AggregateTable& table) {
    py::list out;
    for (const auto& row : table.rows) {
        py::dict flat;
        for (const auto dimension : table.by) {
            const std::string name(to_string(dimension));
            const auto value = row.group.find(name);
            flat[py::str(name)] = value == row.group.end() ? py::object(py::none())
                                                           : py::object(py::str(value->second));
        }
        const auto figure = [&](int AggregateFigures::*field) -> py::object {
            return row.figures ? py::object(py::int_((*row.figures).*field))
                               : py::object(py::none());
        };
        flat["learners"] = figure(&AggregateFigures::learners);
        flat["partnerships"] = figure(&AggregateFigures::partnerships);
        flat["cycles_started"] = figure(&AggregateFigures::cycles_started);
        flat["cycles_completed"] = figure(&AggregateFigures::cycles_completed);
        flat["cycles_abandoned"] = figure(&AggregateFigures::cycles_abandoned);
        flat["stages_completed"] = figure(&AggregateFigures::stages_completed);
        flat["evidence_items"] = figure(&AggregateFigures::evidence_items);
        flat["suppressed"] =
            row.figures ? py::object(py::none()) : py::object(py::str(row.suppressed_because));
        out.append(flat);
    }
    return out;
}

void bind_aggregate(py::module_& m) {
    py::class_<AggregateTable>(
        m, "AggregateTable",
        "k-anonymous counts over a programme's cycles, grouped by up to two dimensions. A group "
        "of fewer than k learners, and any group that would let one be worked out by "
        "subtraction, is suppressed: its figures are None, never 0.")
        .def_property_readonly(
            "by", [](const AggregateTable& t) { return spellings(t.by); },
            "the dimensions grouped by")
        .def_readonly("k", &AggregateTable::k)
        .def_property_readonly(
            "rows", &aggregate_rows,
            "one dict per group, sorted, the total row (every dimension None) last: each "
            "dimension's value, the figures (learners, partnerships, cycles_started, "
            "cycles_completed, cycles_abandoned, stages_completed, evidence_items; None when "
            "suppressed) and `suppressed` (why, or None)")
        .def_property_readonly("suppressed", &AggregateTable::suppressed,
                               "how many rows are suppressed")
        .def(
            "to_json", [](const AggregateTable& t) { return to_python(to_json(t)); },
            "the `coachkit.aggregate/1` document (what `report --json` prints): suppressed "
            "figures are absent")
        .def("__len__", [](const AggregateTable& t) { return t.rows.size(); })
        .def("__repr__", [](const AggregateTable& t) {
            return "<AggregateTable k=" + std::to_string(t.k) + ", " +
                   std::to_string(t.rows.size()) + " rows, " + std::to_string(t.suppressed()) +
                   " suppressed>";
        });

    m.def(
        "aggregate",
        [](const ProgrammeState& state, const std::string& viewer, const py::object& group_by) {
            const auto by = dimensions(group_by);
            py::gil_scoped_release release;
            return aggregate(state, viewer, by);
        },
        py::arg("state"), py::arg("viewer"), py::arg("group_by") = py::none(),
        "The aggregate table of a state for `viewer` (a co-ordinator, senior leader or "
        "integration; AccessDeniedError otherwise), grouped by up to two of AGGREGATE_DIMENSIONS. "
        "Pure: nothing is audited; an engine's engine.report() is.");
    m.attr("AGGREGATE_DIMENSIONS") = py::tuple(py::cast(spellings(all_dimensions())));
}

// ---- the audit log -----------------------------------------------------------------------------

void bind_audit(py::module_& m) {
    py::class_<AuditEntry>(m, "AuditEntry",
                           "One entry of a store's audit log, chained to the one before by "
                           "SHA-256. Read-only.")
        .def_readonly("sequence", &AuditEntry::sequence, "1, 2, 3… with no gaps")
        .def_readonly("at", &AuditEntry::at)
        .def_readonly("actor", &AuditEntry::actor, "who read or acted")
        .def_readonly("action", &AuditEntry::action,
                      "'read', 'denied', 'consent.granted', 'consent.withdrawn', 'erased', "
                      "'journal.exported', 'aggregate' or 'k.set'")
        .def_readonly("record", &AuditEntry::record, "the record concerned, or ''")
        .def_readonly("access", &AuditEntry::access, "for reads: 'allow' or 'redacted'")
        .def_readonly("via", &AuditEntry::via, "the read path ('python view', …)")
        .def_property_readonly(
            "detail", [](const AuditEntry& e) { return to_python(e.detail); },
            "anything else kept (a dict)")
        .def_readonly("previous", &AuditEntry::previous, "the previous entry's hash")
        .def_readonly("hash", &AuditEntry::hash)
        .def(
            "to_json", [](const AuditEntry& e) { return to_python(to_json(e)); },
            "the entry as a dict (what `audit show --json` prints)")
        .def("__repr__", [](const AuditEntry& e) {
            return "<AuditEntry " + std::to_string(e.sequence) + " " + e.action + " by '" +
                   e.actor + "'" + (e.record.empty() ? std::string() : " '" + e.record + "'") + ">";
        });

    py::class_<AuditVerification>(m, "AuditVerification",
                                  "What verify_audit() found. True when the chain is intact.")
        .def_readonly("intact", &AuditVerification::intact)
        .def_readonly("entries", &AuditVerification::entries, "how many were checked")
        .def_readonly("head", &AuditVerification::head,
                      "the last entry's hash: keep it elsewhere to catch a cut-off tail later")
        .def_readonly("broken_at", &AuditVerification::broken_at,
                      "the sequence where the chain breaks, or None")
        .def_readonly("problem", &AuditVerification::problem, "what is wrong, or ''")
        .def("__bool__", [](const AuditVerification& v) { return v.intact; })
        .def("to_dict",
             [](const AuditVerification& v) {
                 py::dict out;
                 out["intact"] = v.intact;
                 out["entries"] = v.entries;
                 out["head"] = v.head;
                 out["broken_at"] =
                     v.broken_at ? py::object(py::int_(*v.broken_at)) : py::object(py::none());
                 out["problem"] = v.problem;
                 return out;
             })
        .def("__repr__", [](const AuditVerification& v) {
            return v.intact
                       ? "<AuditVerification intact, " + std::to_string(v.entries) + " entries>"
                       : "<AuditVerification broken: " + v.problem + ">";
        });

    m.def(
        "verify_audit",
        [](const EventStore& store, const std::optional<std::string>& expect_head) {
            return verify_audit(store.audit(), expect_head);
        },
        py::arg("store"), py::arg("expect_head") = py::none(),
        py::call_guard<py::gil_scoped_release>(),
        "Check a store's whole audit chain: sequences without gaps, each `previous` the hash "
        "before, each hash its entry's. Deleting entries from the end leaves a valid shorter "
        "chain: give the head recorded earlier as expect_head to catch that.");

    // A method of the EventStore class bind_journal.cpp defines.
    auto store = py::reinterpret_borrow<py::class_<EventStore>>(m.attr("EventStore"));
    store.def(
        "audit_entries",
        [](const EventStore& s, std::int64_t after, std::optional<std::size_t> limit) {
            return s.audit().read(after, limit);
        },
        py::arg("after") = 0, py::arg("limit") = py::none(),
        py::call_guard<py::gil_scoped_release>(),
        "The store's audit entries with sequence > after, in order (at most `limit`), exactly as "
        "stored: verify_audit() judges them.");
}

// ---- the engine's privacy commands and audited reads -------------------------------------------

void bind_engine_privacy(py::module_& m) {
    const auto by = py::arg("by") = "system";
    const auto at = py::arg("at") = py::none();

    auto engine = py::reinterpret_borrow<py::class_<Engine>>(m.attr("ProgrammeEngine"));
    engine
        .def(
            "grant_consent",
            [](Engine& e, const std::string& kind, const std::optional<std::string>& partnership,
               const std::optional<std::string>& item, const std::optional<std::string>& viewer,
               const std::optional<std::string>& turns, const std::string& actor,
               const py::object& when) {
                ConsentScope scope;
                scope.kind = parse_named(kind, all_consent_kinds(), "consent kind");
                scope.partnership = partnership.value_or("");
                scope.item = item.value_or("");
                scope.viewer = viewer.value_or("");
                scope.turns = turns.value_or("");
                const auto ctx = command_context(actor, when);
                return e.run_unlocked(
                    [&](ProgrammeEngine& en) { return en.grant_consent(scope, ctx); });
            },
            py::arg("kind"), py::arg("partnership") = py::none(), py::kw_only(),
            py::arg("item") = py::none(), py::arg("viewer") = py::none(),
            py::arg("turns") = py::none(), by, at,
            "`by`, the owner of the records it opens, grants a consent: kind is one of "
            "CONSENT_KINDS. share-with-coordinator and performance-management take the "
            "partnership; video-viewer the partnership (or item=) and viewer=; training-excerpt "
            "item= and optionally turns='FROM-TO'. The consent's id is "
            "result.events[0].data['id']. Anyone else is refused (RefusedError 'consent-owner').")
        .def(
            "withdraw_consent",
            [](Engine& e, const std::string& consent, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run_unlocked(
                    [&](ProgrammeEngine& en) { return en.withdraw_consent(consent, ctx); });
            },
            py::arg("consent"), py::kw_only(), by, at,
            "The owner withdraws a consent ('consent-3'); it holds no more from the next read.")
        .def(
            "set_anonymity_k",
            [](Engine& e, int k, const std::string& actor, const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run_unlocked(
                    [&](ProgrammeEngine& en) { return en.set_anonymity_k(k, ctx); });
            },
            py::arg("k"), py::kw_only(), by, at,
            "The co-ordinator sets k for aggregates (at least MINIMUM_ANONYMITY_K).")
        .def(
            "erase",
            [](Engine& e, const std::string& record, const std::string& actor,
               const py::object& when) {
                const auto ctx = command_context(actor, when);
                return e.run_unlocked([&](ProgrammeEngine& en) { return en.erase(record, ctx); });
            },
            py::arg("record"), py::kw_only(), by, at,
            "The owner erases a record's personal content ('note:sc-1/lesson/1', 'cycle:sc-1' "
            "for all of a cycle's): the journal's events are rewritten (their text becomes "
            "ERASED_TEXT) and a tombstone appended; counts survive.")
        .def(
            "view",
            [](Engine& e, const std::optional<std::string>& as,
               const std::optional<std::string>& viewer, const std::optional<std::string>& scope,
               const std::string& via, const py::object& when) {
                const std::string who = reader(as, viewer);
                const ReadRequest request{via, scope.value_or(""), time_text(when)};
                return e.run_unlocked([&](ProgrammeEngine& en) { return en.view(who, request); });
            },
            py::arg("as_") = py::none(), py::kw_only(), py::arg("viewer") = py::none(),
            py::arg("scope") = py::none(), py::arg("via") = "python view", at,
            "What `as_` (or viewer=; a person id) may see, as a ProgrammeView, limited to `scope` "
            "(a record id: 'cycle:sc-1', 'evidence:sc-1-e1'; None for everything). Each "
            "confidential record shown to someone other than its owner is written to the audit "
            "log, with `via` as the read path. Raises AccessDeniedError ('unknown-viewer', or "
            "'not-in-audience' for a scope the viewer may not see) and NotFoundError for an "
            "unknown scope.")
        .def(
            "report",
            [](Engine& e, const std::optional<std::string>& as, const py::object& group_by,
               const std::optional<std::string>& viewer, const std::string& via,
               const py::object& when) {
                const std::string who = reader(as, viewer);
                const auto dims = dimensions(group_by);
                const ReadRequest request{via, "", time_text(when)};
                return e.run_unlocked(
                    [&](ProgrammeEngine& en) { return en.report(who, dims, request); });
            },
            py::arg("as_") = py::none(), py::arg("group_by") = py::none(), py::kw_only(),
            py::arg("viewer") = py::none(), py::arg("via") = "python report", at,
            "k-anonymous counts for `as_` (the co-ordinator, a senior leader or an integration; "
            "AccessDeniedError 'aggregate-viewer' for anyone else), grouped by `group_by`: one "
            "or two of AGGREGATE_DIMENSIONS (a name or a list; None: the total only). Audited.")
        .def(
            "record_journal_export",
            [](Engine& e, const std::string& actor, const std::string& via,
               const py::object& when) {
                const ReadRequest request{via, "", time_text(when)};
                e.run_unlocked(
                    [&](ProgrammeEngine& en) { en.record_journal_export(actor, request); });
            },
            py::kw_only(), by, py::arg("via") = "python export", at,
            "Write to the audit log that `by` exported the whole journal (a custodian's backup "
            "with coachkit.export_programme).");
}

}  // namespace

void bind_privacy(py::module_& m) {
    bind_records(m);
    bind_consent(m);
    bind_view(m);
    bind_aggregate(m);
    bind_audit(m);
    bind_engine_privacy(m);

    static py::handle access_denied = [&m] {
        const py::object base = m.attr("Error");
        PyObject* type = PyErr_NewExceptionWithDoc(
            "coachkit.AccessDeniedError",
            "The privacy policy refused a read; .rule is a stable id ('unknown-viewer', "
            "'not-in-audience', 'aggregate-viewer', …; docs/privacy.md lists them).",
            py::make_tuple(base).ptr(), nullptr);
        if (type == nullptr)
            throw py::error_already_set();
        m.attr("AccessDeniedError") = py::reinterpret_borrow<py::object>(type);
        return py::handle(type);
    }();
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown)
                std::rethrow_exception(thrown);
        } catch (const AccessDeniedError& e) {
            py::object instance = py::reinterpret_borrow<py::object>(access_denied)(e.what());
            instance.attr("rule") = e.rule();
            PyErr_SetObject(access_denied.ptr(), instance.ptr());
        }
    });
}

}  // namespace coachkit::python
