"""The programme engine from Python: a programme end to end, every refusal by its rule (with
nothing written), persistence, export and import, workflows written in Python, and the calls that
release the GIL used from threads.

The rule tests use this file's own workflows (Python classes and a data-only plugin written to a
temporary folder), so they do not change when the built-in plugins do. Only the CfLaT cycle, whose
stages are fixed by its source, is taken from plugins/.
"""

from __future__ import annotations

import datetime
import gc
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import coachkit
from coachkit import programme

CFLAT_STAGES = ["pre-lesson-meeting", "lesson", "post-lesson-meeting", "plan-next-cycle"]


def at(day: int, hour: int = 7, minute: int = 0) -> str:
    """A time in January 2026 (the engine's calendar in these tests)."""
    return f"2026-01-{day:02d}T{hour:02d}:{minute:02d}:00Z"


# ---- this file's workflows -------------------------------------------------------------------


class ObservedLesson(coachkit.Workflow):
    """Mentoring in the Swiss Cottage manner: contracting in the first cycle, an observation, and a
    debrief timed from it, scheduled and written up by the learner, graded only when formal."""

    def mode(self):
        return "mentoring"

    def stages(self):
        return [
            coachkit.WorkflowStage("contracting", "Contracting", roles=["mentor", "professional-learner"],
                                   first_cycle_only=True, concludes_agreement=True),
            coachkit.WorkflowStage("observation", "Observed lesson", roles=["mentor", "professional-learner"],
                                   typical_minutes=60, evidence=["observation-record"]),
            coachkit.WorkflowStage(
                "debrief", "Debrief", roles=["mentor", "professional-learner"],
                timing=coachkit.StageTiming(after="observation", min_minutes_after=60, max_days_after=1,
                                            scheduled_by="professional-learner"),
                record_writers=["professional-learner"], grading=coachkit.Grading.formal_only),
        ]


class OneCycle(coachkit.Workflow):
    """Specialist coaching that runs once per partnership."""

    def mode(self):
        return "specialist-coaching"

    def stages(self):
        return [coachkit.WorkflowStage("plan", "Plan"), coachkit.WorkflowStage("teach", "Teach"),
                coachkit.WorkflowStage("review", "Review", grading=coachkit.Grading.allowed)]

    def cycle_plan(self):
        return coachkit.CyclePlan(max_cycles=1)


ALTERNATING_PLUGIN = {
    "schema": "coachkit.plugin/1", "id": "test-co-coaching", "version": "2.1.0", "licence": "MIT",
    "provides": [{
        "kind": "workflow", "id": "swap-cycle", "name": "Plan, observe, talk, swap",
        "definition": {
            "mode": "co-coaching",
            "cycles": {"repeats": True, "min_cycles": 4, "roles_alternate": True},
            "stages": [
                {"id": "plan", "name": "Joint planning", "roles": ["co-coach", "professional-learner"]},
                {"id": "observe", "name": "Observed lesson", "roles": ["co-coach", "professional-learner"]},
                {"id": "talk", "name": "Learning conversation", "roles": ["co-coach", "professional-learner"],
                 "record_writers": ["professional-learner"]},
            ],
        },
    }],
}


@pytest.fixture
def registry(tmp_path) -> coachkit.Registry:
    """The built-in plugins, this file's data-only plugin, and its Python workflows."""
    folder = tmp_path / "plugins" / "test-co-coaching"
    folder.mkdir(parents=True)
    (folder / "plugin.json").write_text(json.dumps(ALTERNATING_PLUGIN), encoding="utf-8")
    builtin = [p for p in coachkit.Registry.default_search_path() if p.name == "plugins"]
    assert builtin, "the built-in plugins folder was not found beside libcoachkit"
    reg = coachkit.Registry()
    reg.discover([builtin[-1], tmp_path / "plugins"])
    assert not [p for p in reg.problems if p.severity == coachkit.Severity.error], reg.problems
    reg.register(ObservedLesson, "observed-lesson", plugin="test-python")
    reg.register(OneCycle, "one-cycle", plugin="test-python")
    return reg


@pytest.fixture
def engine(registry) -> coachkit.ProgrammeEngine:
    return coachkit.ProgrammeEngine(coachkit.memory_store(), registry)


def populate(engine: coachkit.ProgrammeEngine) -> None:
    """A programme with one partnership in each mode, agreements signed where the workflow wants
    them signed first."""
    engine.init("oakfield-2026", "Oakfield coaching 2026", by="cora", at=at(5))
    engine.add_person("cora", "Cora Reid", "coaching-co-ordinator", at=at(5))
    engine.add_person("sam", "Sam Patel", "middle-leader", at=at(5))
    engine.add_person(coachkit.Person("tess", "Tess Ahmed", "teacher", line_manager="cora"), at=at(5))
    engine.add_person("mo", "Mo Evans", "senior-leader", at=at(5))
    engine.add_person("ella", "Ella Shaw", "early-career-teacher", at=at(5))
    engine.add_person("amy", "Amy Lee", at=at(5))
    engine.add_person("ben", "Ben Ode", at=at(5))
    engine.add_person("otto", "Otto Outside", "external-specialist", at=at(5))

    engine.add_partnership(coachkit.Partnership(
        "sc", "specialist-coaching",
        [coachkit.Member("sam", "specialist-coach"), coachkit.Member("tess", "professional-learner")],
        workflow="cflat-ideal-cycle", focus="questioning", focus_chosen_by="tess"), by="cora", at=at(5))
    engine.add_partnership(coachkit.Partnership(
        "men", "mentoring", [coachkit.Member("mo", "mentor"), coachkit.Member("ella", "professional-learner")],
        purpose="induction", workflow="observed-lesson"), by="cora", at=at(5))
    engine.add_partnership(coachkit.Partnership(
        "cc", "co-coaching", [coachkit.Member("amy", "co-coach"), coachkit.Member("ben", "co-coach")],
        workflow="swap-cycle", focus="group talk", focus_chosen_by="amy",
        specialist_input="a course on dialogic teaching"), by="cora", at=at(5))

    engine.draft_agreement(coachkit.LearningAgreement(
        "sc", [coachkit.Goal("More open questions", "oracy")], planned_cycles=3, planned_weeks=9,
        ground_rules=["what is said stays in the pair"], review_dates=["2026-02-20"]), by="tess", at=at(6))
    engine.sign_agreement("sc", by="tess", at=at(6))
    engine.sign_agreement("sc", by="sam", at=at(6))
    engine.draft_agreement(coachkit.LearningAgreement("cc", planned_cycles=4, planned_weeks=12), by="amy", at=at(6))
    engine.sign_agreement("cc", by="amy", at=at(6))
    engine.sign_agreement("cc", by="ben", at=at(6))


@pytest.fixture
def running(engine) -> coachkit.ProgrammeEngine:
    populate(engine)
    return engine


def run_cflat_cycle(engine, cycle: str, day: int) -> None:
    """Through every stage of the CfLaT cycle, with evidence, notes and an action."""
    engine.start_stage(cycle, by="sam", at=at(day, 8))
    engine.add_note(cycle, "Focus: open questions in the starter", by="tess", at=at(day, 8, 10))
    engine.advance(cycle, record="We agreed to look at wait time.", by="tess", at=at(day, 8, 30))
    engine.start_stage(cycle, "lesson", by="tess", at=at(day, 10))
    engine.attach_evidence(cycle, "observation-record", "obs/2026-01-%02d.pdf" % day, "timed running record",
                           by="sam", at=at(day, 11))
    engine.attach_evidence(cycle, coachkit.EvidenceRef("learner-reflection", "notes/tess.md"), by="tess",
                           at=at(day, 11, 5))
    engine.advance(cycle, by="tess", at=at(day, 11, 10))
    engine.advance(cycle, stage="post-lesson-meeting",
                   record="Wait time rose after the second question.", by="tess", at=at(day, 15))
    engine.agree_action(cycle, "Try think-pair-share in Y8", due="2026-02-01", by="tess", at=at(day, 15, 5))
    engine.agree_action(cycle, coachkit.AgreedAction("Share the running record", owner="sam"), by="sam",
                        at=at(day, 15, 6))
    engine.start_stage(cycle, "plan-next-cycle", by="sam", at=at(day, 15, 10))
    engine.add_note(cycle, "Next time: pupils' explanations", stage="plan-next-cycle", by="sam", at=at(day, 15, 20))
    engine.advance(cycle, by="sam", at=at(day, 15, 30))


# ---- normal use ------------------------------------------------------------------------------


def test_a_programme_runs_end_to_end(running):
    engine = running
    state = engine.view("cora").state  # the co-ordinator sees every partnership, not its details
    assert (state.id, state.name, state.created_at) == ("oakfield-2026", "Oakfield coaching 2026", at(5))
    assert [p.id for p in state.people] == ["cora", "sam", "tess", "mo", "ella", "amy", "ben", "otto"]
    assert state.person("tess").line_manager == "cora" and state.person("nobody") is None
    assert [p.mode for p in state.partnerships] == ["specialist-coaching", "mentoring", "co-coaching"]
    assert state.agreement_signed("sc") and not state.agreement_signed("men")
    assert state.agreement("sc").ground_rules == []  # redacted for the co-ordinator
    state = engine.view("tess").state  # the learner sees her own agreement in full
    agreement = state.agreement("sc")
    assert [a.person for a in agreement.acknowledgements] == ["tess", "sam"]
    assert agreement.ground_rules == ["what is said stays in the pair"]
    assert agreement.review_dates == ["2026-02-20"] and agreement.planned_cycles == 3

    # specialist coaching, the CfLaT cycle: closed, then a second cycle abandoned
    result = engine.start_cycle("sc", by="tess", at=at(7))
    assert [e.type for e in result.events] == ["cycle.started"]
    assert result.events[0].sequence == engine.store.last_sequence()
    run_cflat_cycle(engine, "sc-1", 7)
    cycle = engine.view("tess").state.cycle("sc-1")
    assert cycle.all_stages_completed and cycle.current_stage is None
    assert [s.id for s in cycle.stages] == CFLAT_STAGES
    assert {s.status for s in cycle.stages} == {"completed"}
    assert cycle.stage("pre-lesson-meeting").record_by == "tess"
    lesson = cycle.stage("lesson")
    assert [(e.source, e.by, e.at) for e in lesson.evidence] == [
        ("observation-record", "sam", at(7, 11)), ("learner-reflection", "tess", at(7, 11, 5))]
    assert lesson.evidence[0].summary == "timed running record"
    assert [n.text for n in cycle.stage("plan-next-cycle").notes] == ["Next time: pupils' explanations"]
    assert [(a.text, a.owner, a.due, a.by) for a in cycle.actions] == [
        ("Try think-pair-share in Y8", "", "2026-02-01", "tess"), ("Share the running record", "sam", "", "sam")]
    engine.close_cycle("sc-1", by="tess", at=at(8))
    engine.start_cycle("sc", by="tess", at=at(14))
    engine.abandon_cycle("sc-2", "Tess was off sick", by="cora", at=at(15))  # the co-ordinator may

    # mentoring, this file's Python workflow: contracting concludes the agreement
    engine.start_cycle("men", by="ella", at=at(7))
    engine.draft_agreement(coachkit.LearningAgreement("men", [coachkit.Goal("Behaviour routines")]),
                           by="mo", at=at(7, 9))
    engine.sign_agreement("men", by="ella", at=at(7, 9, 5))
    engine.sign_agreement("men", by="mo", at=at(7, 9, 6))
    engine.advance("men-1", by="ella", at=at(7, 9, 30))
    engine.advance("men-1", by="mo", at=at(8, 11))
    engine.schedule_stage("men-1", "debrief", at(8, 15), by="ella", at=at(8, 12))
    engine.advance("men-1", record="Routines held until the transition.", by="ella", at=at(8, 15))
    engine.close_cycle("men-1", by="mo", at=at(8, 16))
    engine.start_cycle("men", by="mo", at=at(20))
    assert [s.id for s in engine.view("ella").state.cycle("men-2").stages] == ["observation", "debrief"]

    # co-coaching, the data-only workflow: the learner alternates
    engine.start_cycle("cc", by="amy", at=at(7))
    for stage, who in (("plan", "amy"), ("observe", "ben"), ("talk", "amy")):
        engine.advance("cc-1", stage=stage, by=who, at=at(7, 12))
    engine.close_cycle("cc-1", by="ben", at=at(7, 13))
    engine.start_cycle("cc", by="ben", at=at(8))

    state = engine.view("cora").state  # every cycle, without what is confidential in it
    assert [(c.id, c.learner, c.status) for c in state.cycles] == [
        ("sc-1", "tess", "closed"), ("sc-2", "tess", "abandoned"), ("men-1", "ella", "closed"),
        ("men-2", "ella", "open"), ("cc-1", "amy", "closed"), ("cc-2", "ben", "open")]
    assert state.cycle("sc-2").abandon_reason == ""  # redacted for the co-ordinator
    assert engine.view("tess").state.cycle("sc-2").abandon_reason == "Tess was off sick"
    assert state.cycle("cc-1").workflow_version == "2.1.0"
    assert state.cycle("men-1").workflow_version == "0"  # registered from Python
    debrief = engine.view("ella").state.cycle("men-1").stage("debrief")
    assert (debrief.scheduled_for, debrief.scheduled_by, debrief.record_by) == (at(8, 15), "ella", "ella")
    assert [c.id for c in state.cycles_of("sc")] == ["sc-1", "sc-2"]
    assert state.last_sequence == engine.store.last_sequence() == state.event_count

    summary = coachkit.summarise(state)
    assert (summary.id, summary.people, summary.events) == ("oakfield-2026", 8, state.last_sequence)
    by_id = {p.id: p for p in summary.partnerships}
    assert (by_id["sc"].cycles_closed, by_id["sc"].cycles_abandoned, by_id["sc"].planned_cycles) == (1, 1, 3)
    assert by_id["sc"].agreement == "signed"
    assert by_id["cc"].current.startswith("cc-2")
    assert engine.summarise("cora").events == summary.events

    rows = programme.cycles_table(engine, as_="cora")
    assert [r["cycle"] for r in rows] == [c.id for c in state.cycles]
    assert rows[0]["notes"] == 0  # a coaching conversation's notes are not the co-ordinator's
    assert rows[5]["ended_at"] == "" and rows[5]["current_stage"] == "plan"
    first = programme.cycles_table(engine, as_="tess")[0]
    assert set(first) == set(programme.CYCLE_COLUMNS)
    assert (first["partnership"], first["number"], first["learner"], first["status"]) == ("sc", 1, "tess", "closed")
    assert (first["stages_completed"], first["stages_total"], first["current_stage"]) == (4, 4, "")
    assert (first["evidence"], first["notes"], first["actions"]) == (2, 2, 2)
    assert (first["started_at"], first["ended_at"]) == (at(7), at(8))


def test_the_state_is_a_snapshot_and_converts_to_a_dict(running):
    before = running.view("tess").state
    running.start_cycle("sc", by="tess", at=at(7))
    assert before.cycles == [] and len(running.view("tess").state.cycles) == 1
    document = running.view("tess").state.to_dict()
    assert document["id"] == "oakfield-2026" and document["cycles"][0]["id"] == "sc-1"
    assert document["cycles"][0]["stages"][0] == {"id": "pre-lesson-meeting", "status": "pending",
                                                  "evidence": [], "notes": []}
    json.dumps(document)
    assert running.view("tess").state == running.view("tess").state != before


def test_partnership_warnings_come_back_as_findings(engine):
    engine.init("p", "P", at=at(5))
    engine.add_person("cara", "Cara", "middle-leader", at=at(5))
    engine.add_person("dan", "Dan", line_manager="cara", at=at(5))
    result = engine.add_partnership(coachkit.Partnership(
        "sc", "specialist-coaching", [coachkit.Member("cara", "specialist-coach"),
                                      coachkit.Member("dan", "professional-learner")],
        workflow="cflat-ideal-cycle", focus="feedback", focus_chosen_by="dan"), by="cara", at=at(5))
    assert [w.rule for w in result.warnings] == ["buffer-zones"]


def test_times_may_be_datetimes_and_default_to_now(engine):
    when = datetime.datetime(2026, 1, 5, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    event = engine.init("p", "P", at=when).events[0]
    assert event.at == "2026-01-05T09:30:00Z" and event.actor == "system"
    event = engine.add_person("a", "A", at=datetime.datetime(2026, 1, 5, 9, 31)).events[0]  # naive: UTC
    assert event.at == "2026-01-05T09:31:00Z"
    event = engine.add_person("b", "B").events[0]
    assert coachkit.utc_time_problem(event.at) == ""
    assert abs(coachkit.parse_utc_time(event.at) - datetime.datetime.now(datetime.timezone.utc)) < datetime.timedelta(minutes=5)


def test_prompts_and_workflow_of(running):
    running.start_cycle("sc", by="tess", at=at(7))
    prompts = running.prompts_for("sc-1", "pre-lesson-meeting")
    assert prompts and all(": " in p for p in prompts)
    assert running.prompts_for("sc-1", "lesson") == []
    assert [s.id for s in running.workflow_of("sc").stages()] == CFLAT_STAGES
    assert isinstance(running.workflow_of("men"), ObservedLesson)
    with pytest.raises(LookupError):
        running.prompts_for("no-such-cycle", "lesson")


# ---- refusals --------------------------------------------------------------------------------


def debrief_ready(engine, formal=False):
    """The mentoring cycle with its observation completed at 8 Jan 11:00."""
    engine.start_cycle("men", by="ella", formal=formal, at=at(7))
    engine.draft_agreement(coachkit.LearningAgreement("men"), by="ella", at=at(7, 9))
    engine.sign_agreement("men", by="ella", at=at(7, 9))
    engine.sign_agreement("men", by="mo", at=at(7, 9))
    engine.advance("men-1", by="ella", at=at(7, 10))
    engine.advance("men-1", by="mo", at=at(8, 11))
    return "men-1"


def cc_second_cycle_same_learner(engine):
    engine.start_cycle("cc", learner="amy", by="amy", at=at(7))
    for stage in ("plan", "observe", "talk"):
        engine.advance("cc-1", stage=stage, by="amy", at=at(7, 12))
    engine.close_cycle("cc-1", by="amy", at=at(7, 13))
    return lambda: engine.start_cycle("cc", learner="amy", by="amy", at=at(8))


def cflat_started(engine):
    engine.start_cycle("sc", by="tess", at=at(7))
    return "sc-1"


REFUSALS = {
    "stage-order": lambda e: e.start_stage(cflat_started(e), "lesson", by="sam", at=at(7, 9)),
    "stage-order (complete ahead)": lambda e: e.advance(cflat_started(e), stage="post-lesson-meeting",
                                                        by="sam", at=at(7, 9)),
    "record-writer": lambda e: e.advance(debrief_ready(e), record="It went well.", by="mo", at=at(8, 13)),
    "stage-timing (too soon)": lambda e: e.advance(debrief_ready(e), by="ella", at=at(8, 11, 30)),
    "stage-timing (too late)": lambda e: e.advance(debrief_ready(e), by="ella", at=at(10, 9)),
    "stage-timing (scheduled)": lambda e: e.schedule_stage(debrief_ready(e), "debrief", at(8, 11, 15),
                                                           by="ella", at=at(8, 11, 5)),
    "scheduled-by": lambda e: e.schedule_stage(debrief_ready(e), "debrief", at(8, 14), by="mo", at=at(8, 12)),
    "grades": lambda e: e.advance(debrief_ready(e), grade="good", by="ella", at=at(8, 14)),
    "grades (none in the workflow)": lambda e: e.advance(cflat_started(e), grade="3", by="tess", at=at(7, 9)),
    "agreement-not-signed": lambda e: (e.abandon_cycle(cflat_started(e), "redraft", by="cora", at=at(7, 10)),
                                       e.draft_agreement(coachkit.LearningAgreement("sc"), by="tess", at=at(7, 11)),
                                       e.start_cycle("sc", by="tess", at=at(7, 12))),
    "agreement-not-signed (concluding stage)": lambda e: (e.start_cycle("men", by="ella", at=at(7)),
                                                          e.advance("men-1", by="ella", at=at(7, 10))),
    "roles-alternate": lambda e: cc_second_cycle_same_learner(e)(),
    "pm-link-learner-only": lambda e: e.draft_agreement(
        coachkit.LearningAgreement("sc", performance_management_link=True), by="sam", at=at(7)),
    "pm-link-learner-only (switch)": lambda e: e.set_performance_management_link("sc", True, by="sam", at=at(7)),
    "not-a-member": lambda e: e.start_cycle("sc", by="otto", at=at(7)),
    "not-a-member (note)": lambda e: e.add_note(cflat_started(e), "hello", by="ben", at=at(7, 9)),
    "one-open-cycle": lambda e: (cflat_started(e), e.start_cycle("sc", by="tess", at=at(8))),
    "stages-incomplete": lambda e: e.close_cycle(cflat_started(e), by="tess", at=at(7, 9)),
    "stage-not-started": lambda e: e.add_note(cflat_started(e), "too early", by="tess", at=at(7, 9)),
    "cycle-not-open": lambda e: (e.abandon_cycle(cflat_started(e), "no", by="tess", at=at(7, 10)),
                                 e.start_stage("sc-1", by="tess", at=at(7, 11))),
    "time-order": lambda e: e.start_stage(cflat_started(e), by="tess", at=at(6)),
    "unknown-cycle": lambda e: e.advance("sc-9", by="tess", at=at(7)),
    "duplicate-id": lambda e: e.add_person("tess", "Another Tess", at=at(7)),
    "invalid-input": lambda e: e.add_person("x", "X", at="yesterday"),
    "workflow-mode": lambda e: e.add_partnership(coachkit.Partnership(
        "bad", "specialist-coaching", [coachkit.Member("sam", "specialist-coach"),
                                       coachkit.Member("ben", "professional-learner")], workflow="observed-lesson"),
        at=at(7)),
    "programme-exists": lambda e: e.init("again", "Again", at=at(7)),
}


def learner_views(engine):
    """What each learner sees: between them, every partnership and cycle of populate()."""
    return [engine.view(learner).state for learner in ("tess", "ella", "amy", "ben")]


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_refused_command_names_its_rule_and_writes_nothing(running, case):
    rule = case.split(" (")[0]
    action = REFUSALS[case]

    # Run the set-up steps, remembering where the journal stood before the last command.
    store = running.store
    marks = []

    class Watch:
        """The engine, noting where the journal and state stood before each command."""

        def __getattr__(self, name):
            method = getattr(running, name)

            def call(*args, **kwargs):
                marks.append((store.last_sequence(), learner_views(running)))
                return method(*args, **kwargs)

            return call

    with pytest.raises(coachkit.RefusedError) as raised:
        action(Watch())
    error = raised.value
    assert error.rule == rule, str(error)
    assert str(error).startswith(rule + ": ")
    assert isinstance(error, coachkit.Error)
    sequence, views = marks[-1]
    assert store.last_sequence() == sequence, "a refused command wrote to the journal"
    assert learner_views(running) == views


def test_refusals_from_a_sqlite_store_leave_the_file_unchanged(registry, tmp_path):
    path = tmp_path / "p.coachkit"
    engine = programme.open_programme(path, registry)
    populate(engine)
    size = engine.store.last_sequence()
    with pytest.raises(coachkit.RefusedError, match="not-a-member"):
        engine.start_cycle("sc", by="otto", at=at(7))
    reopened = coachkit.sqlite_store(path)
    assert reopened.last_sequence() == size


# ---- persistence, export and import ----------------------------------------------------------


def full_programme(engine):
    populate(engine)
    engine.start_cycle("sc", by="tess", at=at(7))
    run_cflat_cycle(engine, "sc-1", 7)
    engine.close_cycle("sc-1", by="tess", at=at(8))
    debrief_ready(engine, formal=True)
    engine.advance("men-1", record="Agreed: secure.", grade="good", by="ella", at=at(8, 14))
    engine.set_performance_management_link("men", True, by="ella", at=at(8, 15))


def test_the_state_replays_the_same_after_reopening_a_sqlite_store(registry, tmp_path):
    path = tmp_path / "oakfield.coachkit"
    engine = programme.open_programme(path, registry)
    full_programme(engine)
    expected = coachkit.ProgrammeState.replay(engine.store)  # the custodian's whole journal
    ella_saw = engine.view("ella").state
    events = [e.to_json() for e in engine.store.read()]
    del engine
    gc.collect()

    again = programme.open_programme(str(path), registry)
    assert again.view("ella").state == ella_saw == coachkit.view_as(expected, "ella").state
    assert [e.to_json() for e in again.store.read()] == events
    assert coachkit.ProgrammeState.replay(again.store) == expected
    assert coachkit.ProgrammeState.replay(again.store).to_dict() == expected.to_dict()
    assert coachkit.ProgrammeState.replay(again.store.read()) == expected
    assert ella_saw.agreement("men").performance_management_link
    assert ella_saw.cycle("men-1").stage("debrief").grade == "good"
    # and the engine carries on where it left off
    again.start_cycle("sc", by="tess", at=at(14))
    assert again.view("tess").state.cycle("sc-2").number == 2


def test_two_engines_on_one_file_see_each_other(registry, tmp_path):
    path = tmp_path / "shared.coachkit"
    first = programme.open_programme(path, registry)
    populate(first)
    second = programme.open_programme(path, registry)
    assert second.view("tess").state.cycle("sc-1") is None
    first.start_cycle("sc", by="tess", at=at(7))
    # a read re-reads the journal first, so it shows what the other engine wrote
    assert second.view("tess").state.cycle("sc-1").status == "open"
    second.refresh()
    assert second.view("tess").state.cycle("sc-1").status == "open"
    # a command re-reads the journal first, so it is checked against the latest state
    with pytest.raises(coachkit.RefusedError) as raised:
        second.start_cycle("sc", by="tess", at=at(8))
    assert raised.value.rule == "one-open-cycle"


def test_export_then_import_is_lossless(running, tmp_path):
    running.start_cycle("sc", by="tess", at=at(7))
    run_cflat_cycle(running, "sc-1", 7)
    document = coachkit.export_programme(running.store)
    assert document["schema"] == "coachkit.programme/1"
    assert document["programme"] == {"id": "oakfield-2026", "name": "Oakfield coaching 2026"}
    whole = coachkit.ProgrammeState.replay(running.store)  # export is the custodian's layer
    assert document["state"] == whole.to_dict()

    copy = coachkit.memory_store()
    state = coachkit.import_programme(document, copy)
    assert state == whole
    assert [e.to_json() for e in copy.read()] == [e.to_json() for e in running.store.read()]
    assert copy.read() == running.store.read()

    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    from_file = coachkit.sqlite_store(tmp_path / "imported.coachkit")
    assert coachkit.import_programme_file(path, from_file) == whole
    assert from_file.read() == running.store.read()

    # the imported journal is a programme like any other
    engine = coachkit.ProgrammeEngine(from_file, running.registry)
    engine.close_cycle("sc-1", by="tess", at=at(9))

    with pytest.raises(coachkit.RefusedError) as raised:
        coachkit.import_programme(document, copy)
    assert raised.value.rule == "programme-exists"


def exported(running) -> dict:
    running.start_cycle("sc", by="tess", at=at(7))
    return coachkit.export_programme(running.store)


def test_a_bad_document_is_refused_with_its_pointer_and_nothing_is_written(running):
    document = exported(running)
    document["events"][3]["sequence"] = 9
    store = coachkit.memory_store()
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.import_programme(document, store, origin="oakfield.json")
    [problem] = raised.value.diagnostics
    assert (problem.file, problem.pointer) == ("oakfield.json", "/events/3/sequence")
    assert "expected sequence 4" in problem.message
    assert store.last_sequence() == 0


@pytest.mark.parametrize("change, pointer", [
    (lambda d: d["events"][2].pop("type"), "/events/2"),  # a missing field: its object
    (lambda d: d["events"][4].update(at="tomorrow"), "/events/4/at"),
    (lambda d: d["state"].update(name="Edited"), "/state/name"),
    (lambda d: d["programme"].update(id="other"), "/programme/id"),
    (lambda d: d.update(schema="coachkit.programme/99"), "/schema"),
    (lambda d: d.pop("events"), "/events"),
])
def test_each_kind_of_bad_document_names_its_pointer(running, change, pointer):
    document = exported(running)
    change(document)
    store = coachkit.memory_store()
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.import_programme(document, store)
    assert pointer in [d.pointer for d in raised.value.diagnostics], raised.value.diagnostics
    assert store.last_sequence() == 0


def test_events_that_do_not_replay_raise_replay_error(running, tmp_path):
    document = exported(running)
    del document["state"]
    cycle_started = next(e for e in document["events"] if e["type"] == "cycle.started")
    cycle_started["partnership"] = "nowhere"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    store = coachkit.memory_store()
    with pytest.raises(coachkit.ReplayError) as raised:
        coachkit.import_programme_file(path, store)
    assert isinstance(raised.value, coachkit.InvalidDocumentError)
    problem = raised.value.diagnostics[0]
    assert problem.file == str(path)
    assert problem.pointer.startswith("/events/%d" % document["events"].index(cycle_started))
    assert store.last_sequence() == 0
    events = [coachkit.Event.from_json(e) for e in document["events"]]
    with pytest.raises(coachkit.ReplayError):
        coachkit.ProgrammeState.replay(events)


def test_a_syntax_error_in_a_file_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"schema": "coachkit.programme/1",\n "events": [\n', encoding="utf-8")
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.import_programme_file(path, coachkit.memory_store())
    assert raised.value.diagnostics[0].line >= 2


def test_a_document_that_is_not_json_is_a_type_error():
    with pytest.raises(TypeError, match="/events/0"):
        coachkit.import_programme({"events": [object()]}, coachkit.memory_store())
    with pytest.raises(TypeError, match="not finite"):
        coachkit.import_programme({"events": [float("nan")]}, coachkit.memory_store())


# ---- workflows written in Python -------------------------------------------------------------


def test_a_python_workflow_drives_a_cycle_and_its_plan_is_enforced(registry):
    engine = programme.open_programme(registry=registry)
    engine.init("p", "P", at=at(5))
    engine.add_person("coach", "Coach", "middle-leader", at=at(5))
    engine.add_person("tess", "Tess", at=at(5))
    engine.add_partnership(coachkit.Partnership(
        "once", "specialist-coaching", [coachkit.Member("coach", "specialist-coach"),
                                        coachkit.Member("tess", "professional-learner")],
        workflow="one-cycle", focus="feedback", focus_chosen_by="tess"), at=at(5))
    engine.draft_agreement(coachkit.LearningAgreement("once"), by="tess", at=at(5))
    engine.sign_agreement("once", by="tess", at=at(5))
    engine.sign_agreement("once", by="coach", at=at(5))

    engine.start_cycle("once", by="coach", at=at(6))
    assert [s.id for s in engine.view("tess").state.cycle("once-1").stages] == ["plan", "teach", "review"]
    engine.advance("once-1", by="coach", at=at(6, 10))
    with pytest.raises(coachkit.RefusedError) as raised:
        engine.advance("once-1", stage="review", by="coach", at=at(6, 11))
    assert raised.value.rule == "stage-order"
    engine.advance("once-1", stage="teach", by="tess", at=at(6, 11))
    engine.advance("once-1", grade="secure", record="Feedback was acted on.", by="coach", at=at(6, 12))
    assert engine.view("tess").state.cycle("once-1").stage("review").grade == "secure"
    engine.close_cycle("once-1", by="coach", at=at(6, 13))

    with pytest.raises(coachkit.RefusedError) as raised:
        engine.start_cycle("once", by="coach", at=at(7))
    assert raised.value.rule == "cycle-limit"
    assert "at most 1" in str(raised.value)
    assert isinstance(engine.workflow_of("once"), OneCycle)


def test_a_python_workflow_that_raises_writes_nothing(registry):
    class Broken(coachkit.Workflow):
        def mode(self):
            return "specialist-coaching"

        def stages(self):
            raise ValueError("the school's spreadsheet is missing")

    registry.register(Broken, "broken-cycle")
    engine = programme.open_programme(registry=registry)
    engine.init("p", "P", at=at(5))
    engine.add_person("coach", "Coach", at=at(5))
    engine.add_person("tess", "Tess", at=at(5))
    before = engine.store.last_sequence()
    with pytest.raises(Exception, match="spreadsheet is missing"):
        engine.add_partnership(coachkit.Partnership(
            "p1", "specialist-coaching", [coachkit.Member("coach", "specialist-coach"),
                                          coachkit.Member("tess", "professional-learner")],
            workflow="broken-cycle"), at=at(5))
    assert engine.store.last_sequence() == before


def test_a_workflow_cannot_call_back_into_its_engine(registry):
    engines = []

    class Meddling(coachkit.Workflow):
        def mode(self):
            return "specialist-coaching"

        def stages(self):
            engines[0].add_person("sneaky", "Sneaky", at=at(5))
            return [coachkit.WorkflowStage("only", "Only")]

    registry.register(Meddling, "meddling")
    engine = programme.open_programme(registry=registry)
    engines.append(engine)
    engine.init("p", "P", at=at(5))
    engine.add_person("coach", "Coach", at=at(5))
    engine.add_person("tess", "Tess", at=at(5))
    with pytest.raises(coachkit.Error, match="already running a command"):
        engine.add_partnership(coachkit.Partnership(
            "p1", "specialist-coaching", [coachkit.Member("coach", "specialist-coach"),
                                          coachkit.Member("tess", "professional-learner")],
            workflow="meddling"), at=at(5))
    assert engine.view("tess").state.person("sneaky") is None
    engines.clear()


def test_the_engine_keeps_its_store_and_registry_alive(registry):
    def make():
        return coachkit.ProgrammeEngine(coachkit.memory_store(), coachkit.Registry())

    engine = make()
    gc.collect()
    engine.init("p", "P", at=at(5))
    assert engine.store.last_sequence() == 1
    assert isinstance(engine.registry, coachkit.Registry)
    with pytest.raises(TypeError, match="store must be an EventStore"):
        coachkit.ProgrammeEngine(registry, registry)


# ---- threads ---------------------------------------------------------------------------------


def test_batch_calls_work_from_many_threads(running, tmp_path):
    running.start_cycle("sc", by="tess", at=at(7))
    run_cflat_cycle(running, "sc-1", 7)
    store = running.store
    expected_events = store.read()
    expected_state = coachkit.ProgrammeState.replay(store)
    document = coachkit.export_programme(store)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    def work(i):
        exported = coachkit.export_programme(store)
        assert exported["events"] == document["events"]
        assert store.read() == expected_events
        assert coachkit.ProgrammeState.replay(expected_events) == expected_state
        assert coachkit.ProgrammeState.replay(store) == expected_state
        target = coachkit.memory_store() if i % 2 else coachkit.sqlite_store(tmp_path / f"t{i}.coachkit")
        if i % 3:
            coachkit.import_programme(document, target)
        else:
            coachkit.import_programme_file(path, target)
        return target.last_sequence()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(24)))
    assert results == [len(expected_events)] * 24


def test_appends_from_many_threads_all_land(tmp_path):
    store = coachkit.sqlite_store(tmp_path / "journal.coachkit")
    store.append([coachkit.Event("programme.created", at=at(5), programme="p", data={"name": "P"})])

    def add(i):
        return store.append([coachkit.Event("person.added", at=at(5), programme="p",
                                             data={"id": f"p{i}", "name": f"Person {i}", "role": "teacher"})])

    with ThreadPoolExecutor(max_workers=8) as pool:
        appended = [events[0].sequence for events in pool.map(add, range(40))]
    assert sorted(appended) == list(range(2, 42))
    state = coachkit.ProgrammeState.replay(store)
    assert len(state.people) == 40


def test_one_engine_shared_by_threads_gives_commands_one_at_a_time(running):
    running.start_cycle("sc", by="tess", at=at(7))
    running.start_stage("sc-1", by="tess", at=at(7, 8))
    barrier = threading.Barrier(6)

    def notes(worker):
        barrier.wait()
        for n in range(10):
            running.add_note("sc-1", f"note {worker}.{n}", by="sam", at=at(7, 8, 30))

    threads = [threading.Thread(target=notes, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seen = running.view("tess").state
    assert len(seen.cycle("sc-1").stage("pre-lesson-meeting").notes) == 60
    assert seen.last_sequence == running.store.last_sequence()


def test_a_python_workflow_works_when_engines_run_in_threads(registry, tmp_path):
    path = tmp_path / "threads.coachkit"
    setup = programme.open_programme(path, registry)
    setup.init("p", "P", at=at(5))
    setup.add_person("coach", "Coach", at=at(5))
    for i in range(4):
        setup.add_person(f"t{i}", f"Teacher {i}", at=at(5))
        setup.add_partnership(coachkit.Partnership(
            f"once{i}", "specialist-coaching", [coachkit.Member("coach", "specialist-coach"),
                                                coachkit.Member(f"t{i}", "professional-learner")],
            workflow="one-cycle"), at=at(5))
        setup.draft_agreement(coachkit.LearningAgreement(f"once{i}"), by=f"t{i}", at=at(5))
        setup.sign_agreement(f"once{i}", by=f"t{i}", at=at(5))
        setup.sign_agreement(f"once{i}", by="coach", at=at(5))

    def drive(i):
        engine = programme.open_programme(path, registry)  # its own engine and connection
        cycle = engine.start_cycle(f"once{i}", by="coach", at=at(6)).events[0].cycle
        for _ in range(3):
            engine.advance(cycle, by="coach", at=at(6, 10))
        engine.close_cycle(cycle, by="coach", at=at(6, 11))
        return cycle

    with ThreadPoolExecutor(max_workers=4) as pool:
        cycles = sorted(pool.map(drive, range(4)))
    setup.refresh()
    assert cycles == [f"once{i}-1" for i in range(4)]
    assert {c.status for c in setup.view("coach").state.cycles} == {"closed"}


# ---- conveniences ----------------------------------------------------------------------------


def test_open_programme_defaults_to_memory_and_the_default_registry():
    engine = programme.open_programme()
    assert engine.registry is coachkit.plugins.default_registry()
    assert engine.store.last_sequence() == 0
    assert coachkit.ProgrammeState.replay(engine.store).initialised is False
    with pytest.raises(coachkit.AccessDeniedError) as denied:
        engine.view("anyone")  # an empty programme has no one who may read it
    assert denied.value.rule == "unknown-viewer"


def test_tables_from_engine_view_state_or_store(running):
    running.start_cycle("sc", by="tess", at=at(7))
    from_engine = programme.cycles_table(running, as_="tess")
    assert [r["cycle"] for r in from_engine] == ["sc-1"]
    assert from_engine == programme.cycles_table(running.view("tess"))
    assert from_engine == programme.cycles_table(running.store, as_="tess")
    whole = coachkit.ProgrammeState.replay(running.store)  # the custodian's layer
    assert from_engine == programme.cycles_table(whole) == programme.cycles_table(running.store)
    assert programme.cycles_table(running, as_="ella") == []  # not hers to see
    with pytest.raises(TypeError, match="as_="):
        programme.cycles_table(running)  # an engine is read as someone
    with pytest.raises(ValueError):
        programme.cycles_table(running.view("tess"), as_="ella")
    events = programme.events_table(running.store)
    assert [e["sequence"] for e in events] == list(range(1, running.store.last_sequence() + 1))
    assert events[0]["type"] == "programme.created" and events[0]["data"] == {"name": "Oakfield coaching 2026"}
    with pytest.raises(TypeError):
        programme.cycles_table("not a programme")


def test_cycles_dataframe(running):
    pd = pytest.importorskip("pandas")
    running.start_cycle("sc", by="tess", at=at(7))
    frame = programme.cycles_dataframe(running, as_="tess")
    assert list(frame.columns) == list(programme.CYCLE_COLUMNS)
    assert frame.loc[0, "cycle"] == "sc-1"
    assert frame.loc[0, "started_at"] == pd.Timestamp("2026-01-07T07:00:00Z")
    assert pd.isna(frame.loc[0, "ended_at"])
    assert len(programme.events_dataframe(running.store)) == running.store.last_sequence()
