"""Privacy from Python (docs/privacy.md): every read goes through engine.view() as someone; consent
granted and withdrawn by the owner changes the next read; unknown viewers and scopes a viewer may
not see are refused; erasure removes a note's text from views and from the journal itself; reads by
anyone but the owner are audited in a hash chain that verify_audit() checks; k-anonymous reports
only for the co-ordinator, leaders and integrations."""

from __future__ import annotations

import json
import sqlite3

import pytest

import coachkit
from coachkit import programme

SECRET = "Tess thinks the head of year undermines her"  # a confidential note's text

# the first stage of the CfLaT cycle, where the note and the stage record are made
PLM = "pre-lesson-meeting"
NOTE = f"note:sc-1/{PLM}/1"
STAGE_RECORD = f"stage-record:sc-1/{PLM}"


def at(day: int, hour: int = 7, minute: int = 0) -> str:
    return f"2026-01-{day:02d}T{hour:02d}:{minute:02d}:00Z"


def populate(engine) -> None:
    """Tess is coached by Sam (one cycle started, with a note and a stage record); Cora co-ordinates,
    Lee is Tess's line manager, Mo a senior leader, Otto a teacher with no part in it."""
    engine.init("oakfield", "Oakfield coaching", by="cora", at=at(5))
    engine.add_person("cora", "Cora Reid", "coaching-co-ordinator", at=at(5))
    engine.add_person("sam", "Sam Patel", "middle-leader", at=at(5))
    engine.add_person("lee", "Lee Grant", "middle-leader", at=at(5))
    engine.add_person(coachkit.Person("tess", "Tess Ahmed", "teacher", line_manager="lee"), at=at(5))
    engine.add_person("mo", "Mo Evans", "senior-leader", at=at(5))
    engine.add_person("otto", "Otto Frost", "teacher", at=at(5))
    engine.add_partnership(coachkit.Partnership(
        "sc", "specialist-coaching",
        [coachkit.Member("sam", "specialist-coach"), coachkit.Member("tess", "professional-learner")],
        workflow="cflat-ideal-cycle", focus="questioning", focus_chosen_by="tess"), by="cora", at=at(5))
    engine.draft_agreement(coachkit.LearningAgreement("sc", [coachkit.Goal("More open questions")]),
                           by="tess", at=at(6))
    engine.sign_agreement("sc", by="tess", at=at(6))
    engine.sign_agreement("sc", by="sam", at=at(6))
    engine.start_cycle("sc", by="tess", at=at(7))
    engine.start_stage("sc-1", by="sam", at=at(7, 8))
    engine.add_note("sc-1", SECRET, by="tess", at=at(7, 8, 10))
    engine.advance("sc-1", record="We agreed to look at wait time.", by="tess", at=at(7, 8, 30))


@pytest.fixture(params=["memory", "sqlite"])
def engine(request, tmp_path):
    path = None if request.param == "memory" else tmp_path / "oakfield.coachkit"
    engine = programme.open_programme(path)
    populate(engine)
    return engine


@pytest.fixture
def memory_engine():
    engine = programme.open_programme()
    populate(engine)
    return engine


def last_audit(store) -> int:
    entries = store.audit_entries()
    return entries[-1].sequence if entries else 0


def stage_record_seen_by(engine, viewer: str) -> str:
    cycle = engine.view(viewer).state.cycle("sc-1")
    return "" if cycle is None else cycle.stage(PLM).record


# ---- views and consent ---------------------------------------------------------------------------


def test_the_owner_sees_everything_of_hers_and_her_read_is_not_audited(engine):
    before = last_audit(engine.store)
    view = engine.view("tess")
    assert isinstance(view, coachkit.ProgrammeView)
    assert view.viewer == "tess" and view.scope == "" and view.withheld == []
    stage = view.state.cycle("sc-1").stage(PLM)
    assert stage.record == "We agreed to look at wait time." and stage.notes[0].text == SECRET
    assert view.state.agreement("sc").goals[0].text == "More open questions"
    assert {s.decision.relation for s in view.shown if s.record.kind != "person"} == {"owner"}
    document = view.to_json()
    assert document["viewer"] == "tess" and document["withheld"] == [] and document["excerpts"] == []
    json.dumps(document)
    assert last_audit(engine.store) == before, "reading one's own records is not audited"


def test_a_coachs_read_is_audited_record_by_record(engine):
    before = last_audit(engine.store)
    view = engine.view(viewer="sam", via="mis nightly sync", at=at(9))
    assert view.state.cycle("sc-1").stage(PLM).notes[0].text == SECRET  # a partner sees the notes
    entries = engine.store.audit_entries(after=before)
    assert entries and {(e.actor, e.action, e.via, e.at) for e in entries} == {
        ("sam", "read", "mis nightly sync", at(9))}
    assert {e.record for e in entries} >= {"cycle:sc-1", NOTE, STAGE_RECORD, "agreement:sc"}
    assert {e.access for e in entries} == {"allow"}
    assert all(e.detail["relation"] == "partner" for e in entries)
    assert [e.sequence for e in entries] == list(range(before + 1, before + 1 + len(entries)))


def test_consent_granted_and_withdrawn_changes_the_next_read(engine):
    assert stage_record_seen_by(engine, "cora") == ""  # the co-ordinator sees the cycle, not its records
    withheld = {w["record"]: w for w in engine.view("cora").withheld}
    assert withheld[STAGE_RECORD]["access"] == "deny" and withheld["cycle:sc-1"]["access"] == "redacted"
    assert "coordinator" in withheld[STAGE_RECORD]["reason"]

    result = engine.grant_consent("share-with-coordinator", "sc", by="tess", at=at(8))
    consent = result.events[0].data["id"]
    assert consent == "consent-1" and result.events[0].type == "consent.granted"
    assert stage_record_seen_by(engine, "cora") == "We agreed to look at wait time."
    assert engine.view("cora").state.cycle("sc-1").stage(PLM).notes == []  # notes stay in the pair
    assert coachkit.decide(coachkit.ProgrammeState.replay(engine.store), "cora", STAGE_RECORD).access == "allow"

    engine.withdraw_consent(consent, by="tess", at=at(9))
    assert stage_record_seen_by(engine, "cora") == ""  # from the very next read

    whole = coachkit.ProgrammeState.replay(engine.store)
    [given] = whole.consents
    assert (given.id, given.owner, given.kind, given.source) == (consent, "tess", "share-with-coordinator", "consent")
    assert (given.granted_at, given.withdrawn_at, given.withdrawn_by, given.active) == (at(8), at(9), "tess", False)
    assert given.scope.partnership == "sc" and given.scope.to_dict()["kind"] == "share-with-coordinator"
    assert whole.active_consents == []
    actions = [(e.action, e.actor, e.detail.get("consent")) for e in engine.store.audit_entries()
               if e.action.startswith("consent.")]
    assert actions == [("consent.granted", "tess", consent), ("consent.withdrawn", "tess", consent)]


def test_performance_management_consent_opens_the_cycle_to_the_line_manager(engine):
    assert engine.view("lee").state.cycle("sc-1") is None
    engine.grant_consent("performance-management", "sc", by="tess", at=at(8))
    assert stage_record_seen_by(engine, "lee") == "We agreed to look at wait time."
    assert stage_record_seen_by(engine, "mo") == ""  # a senior leader is not the line manager


def test_only_the_owner_grants_or_withdraws_consent(engine):
    store = engine.store
    size = store.last_sequence()
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.grant_consent("share-with-coordinator", "sc", by="sam", at=at(8))
    assert refused.value.rule == "consent-owner" and isinstance(refused.value, coachkit.Error)
    assert store.last_sequence() == size, "a refused grant wrote to the journal"
    assert stage_record_seen_by(engine, "cora") == ""

    consent = engine.grant_consent("share-with-coordinator", "sc", by="tess", at=at(8)).events[0].data["id"]
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.withdraw_consent(consent, by="sam", at=at(9))
    assert refused.value.rule == "consent-owner"
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.grant_consent("share-with-coordinator", "sc", by="tess", at=at(9))
    assert refused.value.rule == "consent-exists"
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.withdraw_consent("consent-99", by="tess", at=at(9))
    assert refused.value.rule == "unknown-consent"
    with pytest.raises(ValueError, match="share-with-coordinator"):
        engine.grant_consent("share_everything", "sc", by="tess", at=at(9))
    assert stage_record_seen_by(engine, "cora") != ""


# ---- refused reads -------------------------------------------------------------------------------


def test_an_unknown_viewer_is_refused(engine):
    with pytest.raises(coachkit.AccessDeniedError) as denied:
        engine.view("mallory")
    assert denied.value.rule == "unknown-viewer"
    assert str(denied.value).startswith("unknown-viewer: ") and "mallory" in str(denied.value)
    assert isinstance(denied.value, coachkit.Error)


def test_a_scope_the_viewer_may_not_see_is_refused_and_audited(engine):
    before = last_audit(engine.store)
    with pytest.raises(coachkit.AccessDeniedError) as denied:
        engine.view("otto", scope="cycle:sc-1", at=at(9))
    assert denied.value.rule == "not-in-audience"
    [entry] = engine.store.audit_entries(after=before)
    assert (entry.actor, entry.action, entry.record, entry.via) == ("otto", "denied", "cycle:sc-1", "python view")
    with pytest.raises(coachkit.AccessDeniedError, match="not-in-audience"):
        engine.view("cora", scope=NOTE)  # the co-ordinator may see the cycle, not its notes

    scoped = engine.view("otto")  # the whole programme, as otto: the people and nothing of sc
    assert scoped.state.cycles == [] and scoped.state.partnerships == []
    assert [p.id for p in scoped.state.people] == ["cora", "sam", "lee", "tess", "mo", "otto"]


def test_views_limited_to_a_scope(engine):
    view = engine.view("sam", scope="cycle:sc-1")
    assert view.scope == "cycle:sc-1" and view.to_json()["scope"] == "cycle:sc-1"
    assert [c.id for c in view.state.cycles] == ["sc-1"]
    assert {s.record.cycle for s in view.shown if s.record.kind != "person"} == {"sc-1"}
    with pytest.raises(LookupError):  # coachkit.NotFoundError
        engine.view("sam", scope="cycle:no-such-cycle")


def test_the_reader_must_be_named_once(engine):
    with pytest.raises(TypeError, match="as_="):
        engine.view()
    with pytest.raises(TypeError, match="differ"):
        engine.view("tess", viewer="sam")
    assert engine.view("tess", viewer="tess").viewer == "tess"
    with pytest.raises(AttributeError, match=r"view\(as_="):
        engine.state  # noqa: B018 - the raw state is no longer a read path


# ---- erasure -------------------------------------------------------------------------------------


def test_erasure_removes_a_notes_text_and_keeps_the_counts(engine):
    store = engine.store
    before = programme.cycles_table(engine, as_="tess")
    size = store.last_sequence()
    assert any(SECRET in json.dumps(e.data) for e in store.read())

    with pytest.raises(coachkit.RefusedError) as refused:
        engine.erase(NOTE, by="sam", at=at(9))  # the coach made no claim to it: tess owns it
    assert refused.value.rule == "erase-owner"
    assert store.last_sequence() == size

    result = engine.erase(NOTE, by="tess", at=at(9))
    [tombstone] = result.events
    assert tombstone.type == "record.erased" and tombstone.sequence == size + 1 == store.last_sequence()
    assert tombstone.data["record"] == NOTE

    for viewer in ("tess", "sam"):
        [note] = engine.view(viewer).state.cycle("sc-1").stage(PLM).notes
        assert note.text == coachkit.ERASED_TEXT and SECRET not in json.dumps(engine.view(viewer).to_json())
    events = store.read()
    assert len(events) == size + 1
    assert not any(SECRET in json.dumps(e.to_json()) for e in events), "the journal still holds the text"
    assert programme.cycles_table(engine, as_="tess") == before  # one note still, just erased
    [erasure] = coachkit.ProgrammeState.replay(store).erasures
    assert (erasure.record, erasure.by, erasure.at, erasure.sequence) == (NOTE, "tess", at(9), size + 1)
    assert [e.record for e in store.audit_entries() if e.action == "erased"] == [NOTE]
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.erase(NOTE, by="tess", at=at(10))
    assert refused.value.rule == "already-erased"


def test_erasure_leaves_no_trace_in_a_sqlite_file(tmp_path):
    path = tmp_path / "erase.coachkit"
    engine = programme.open_programme(path)
    populate(engine)
    engine.erase(NOTE, by="tess", at=at(9))
    for file in tmp_path.iterdir():
        assert SECRET.encode() not in file.read_bytes(), f"{file.name} still holds the erased text"
    assert coachkit.ProgrammeState.replay(coachkit.sqlite_store(path)).erasures[0].record == NOTE


# ---- the audit log -------------------------------------------------------------------------------


def test_verify_audit_on_an_intact_log(engine):
    empty = coachkit.verify_audit(coachkit.memory_store())
    assert empty and empty.entries == 0 and empty.head == "0" * 64 and empty.broken_at is None

    engine.view("sam")
    engine.grant_consent("share-with-coordinator", "sc", by="tess", at=at(8))
    engine.view("cora")
    entries = engine.store.audit_entries()
    result = coachkit.verify_audit(engine.store)
    assert result.intact and bool(result) and result.problem == "" and result.broken_at is None
    assert result.entries == len(entries) and result.head == entries[-1].hash
    assert entries[0].previous == "0" * 64
    assert all(b.previous == a.hash for a, b in zip(entries, entries[1:]))
    assert result.to_dict() == {"intact": True, "entries": len(entries), "head": entries[-1].hash,
                                "broken_at": None, "problem": ""}
    assert entries[1].to_json()["hash"] == entries[1].hash

    # paging
    page = engine.store.audit_entries(after=2, limit=3)
    assert [(e.sequence, e.hash) for e in page] == [(e.sequence, e.hash) for e in entries[2:5]]
    assert engine.store.audit_entries(after=len(entries)) == []

    # a custodian's backup is written to the log too
    coachkit.export_programme(engine.store)
    engine.record_journal_export(by="cora", at=at(10))
    backup = engine.store.audit_entries(after=len(entries))
    assert [(e.action, e.actor, e.via, e.at) for e in backup] == [("journal.exported", "cora", "python export", at(10))]
    assert backup[0].previous == entries[-1].hash

    # a head recorded earlier is still in the chain; one that never was is not
    assert coachkit.verify_audit(engine.store, expect_head=entries[3].hash).intact
    stranger = coachkit.verify_audit(engine.store, expect_head="f" * 64)
    assert not stranger and stranger.problem


def test_an_edited_entry_in_a_sqlite_file_is_found(tmp_path):
    path = tmp_path / "audit.coachkit"
    engine = programme.open_programme(path)
    populate(engine)
    engine.view("sam")
    assert coachkit.verify_audit(engine.store).intact
    with sqlite3.connect(path) as db:  # someone with the file, and a reason to hide a read
        for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                     "AND tbl_name = 'audit'").fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        db.execute("UPDATE audit SET actor = 'otto' WHERE sequence = 2")
    db.close()
    result = coachkit.verify_audit(engine.store)
    assert not result.intact and result.broken_at == 2 and "2" in result.problem
    assert engine.store.audit_entries(after=1, limit=1)[0].actor == "otto"  # shown as it now is


# ---- aggregates ----------------------------------------------------------------------------------


def many_learners(engine) -> None:
    """Six learners coached by Sam, each with a cycle: three teachers, two middle leaders, one ECT."""
    engine.init("p", "P", by="cora", at=at(5))
    engine.add_person("cora", "Cora Reid", "coaching-co-ordinator", at=at(5))
    engine.add_person("mo", "Mo Evans", "senior-leader", at=at(5))
    engine.add_person("sam", "Sam Patel", "middle-leader", at=at(5))
    posts = {"t1": "teacher", "t2": "teacher", "t3": "teacher", "m1": "middle-leader",
             "m2": "middle-leader", "e1": "early-career-teacher"}
    for person, post in posts.items():
        engine.add_person(person, person.upper(), post, at=at(5))
        engine.add_partnership(coachkit.Partnership(
            f"sc-{person}", "specialist-coaching",
            [coachkit.Member("sam", "specialist-coach"), coachkit.Member(person, "professional-learner")],
            workflow="cflat-ideal-cycle", focus="questioning", focus_chosen_by=person), by="cora", at=at(5))
        engine.draft_agreement(coachkit.LearningAgreement(f"sc-{person}"), by=person, at=at(5))
        engine.sign_agreement(f"sc-{person}", by=person, at=at(5))
        engine.sign_agreement(f"sc-{person}", by="sam", at=at(5))
        engine.start_cycle(f"sc-{person}", by=person, at=at(6))


def test_reports_are_for_the_coordinator_and_suppress_small_groups():
    engine = programme.open_programme()
    many_learners(engine)
    with pytest.raises(coachkit.AccessDeniedError) as denied:
        engine.report("t1", "post")  # a teacher
    assert denied.value.rule == "aggregate-viewer"
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.set_anonymity_k(2, by="t1", at=at(7))
    assert refused.value.rule == "anonymity-setter"
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.set_anonymity_k(1, by="cora", at=at(7))
    assert refused.value.rule == "invalid-input"

    table = engine.report("cora", "post")  # k = 5: six learners in all, every post fewer
    assert table.k == coachkit.DEFAULT_ANONYMITY_K == 5
    assert all(row["learners"] is None for row in table.rows[:-1])

    engine.set_anonymity_k(2, by="cora", at=at(7))
    assert coachkit.ProgrammeState.replay(engine.store).anonymity_k == 2
    before = last_audit(engine.store)
    table = engine.report("cora", ["post"], at=at(8))
    assert isinstance(table, coachkit.AggregateTable) and table.by == ["post"] and table.k == 2
    rows = {row["post"]: row for row in table.rows}
    assert rows["early-career-teacher"]["learners"] is None  # one learner: suppressed
    assert rows["early-career-teacher"]["suppressed"] == "fewer than k learners"
    # and one more group, or the ECT's figures would be the total minus the others
    assert rows["middle-leader"]["learners"] is None and rows["middle-leader"]["suppressed"]
    assert (rows["teacher"]["learners"], rows["teacher"]["cycles_started"], rows["teacher"]["suppressed"]) == (3, 3, None)
    assert rows[None]["learners"] == 6  # the total row, last
    assert table.rows[-1]["post"] is None and table.suppressed == 2 == len(table) - 2

    document = table.to_json()
    assert document["schema"] == "coachkit.aggregate/1" and document["k"] == 2
    for row in document["rows"]:
        assert ("figures" in row) != ("suppressed" in row)  # suppressed figures are absent, not 0
    [entry] = engine.store.audit_entries(after=before)
    assert (entry.actor, entry.action, entry.at, entry.detail["by"]) == ("cora", "aggregate", at(8), ["post"])

    assert engine.report("mo", ["post", "mode"]).by == ["post", "mode"]  # a senior leader may too
    with pytest.raises(ValueError, match="term"):
        engine.report("cora", "school")
    pure = coachkit.aggregate(coachkit.ProgrammeState.replay(engine.store), "cora", "post")
    assert pure.to_json() == table.to_json()


# ---- the policy itself ---------------------------------------------------------------------------


def test_the_policy_functions(memory_engine):
    state = coachkit.ProgrammeState.replay(memory_engine.store)
    assert coachkit.default_access("owner", "note") == "allow"
    assert coachkit.default_access("coordinator", "agreement") == "redacted"
    assert coachkit.default_access("coordinator", "note") == "deny"
    assert {coachkit.default_access(r, k) for r in coachkit.RELATIONS for k in coachkit.RECORD_KINDS} == \
        set(coachkit.ACCESS)
    with pytest.raises(ValueError, match="line-manager"):
        coachkit.default_access("line_manager", "note")
    with pytest.raises(ValueError, match="stage-record"):
        coachkit.default_access("owner", "notes")

    records = coachkit.records_of(state)
    ids = [r.id for r in records]
    assert {NOTE, STAGE_RECORD, "cycle:sc-1", "agreement:sc", "person:tess"} <= set(ids)
    note = records[ids.index(NOTE)]
    assert (note.kind, note.partnership, note.cycle, note.owners) == ("note", "sc", "sc-1", ["tess"])
    assert coachkit.find_record(state, NOTE) == note and coachkit.find_record(state, "note:x/y/9") is None

    decision = coachkit.decide(state, "sam", NOTE)
    assert (decision.access, decision.relation, decision.anonymised) == ("allow", "partner", False)
    assert coachkit.decide(state, "cora", note).access == "deny" and coachkit.decide(state, "cora", note).reason
    assert coachkit.decide(state, "mallory", NOTE).access == "deny"  # unknown: denied, not an error
    assert coachkit.relations(state, "tess", NOTE) == ["owner"] and coachkit.relations(state, "mallory", NOTE) == []
    with pytest.raises(coachkit.NotFoundError):
        coachkit.decide(state, "sam", "note:sc-1/lesson/7")


def test_no_view_shows_what_the_policy_denies(memory_engine):
    """Through the Python read path: for every person and record, a denied record is not in the
    view, and the note's text reaches exactly those the policy allows."""
    engine = memory_engine
    engine.grant_consent("share-with-coordinator", "sc", by="tess", at=at(8))
    state = coachkit.ProgrammeState.replay(engine.store)
    for person in [p.id for p in state.people]:
        view = engine.view(person)
        shown = {s.record.id for s in view.shown}
        pure = coachkit.view_as(state, person)
        assert {s.record.id for s in pure.shown} == shown
        for record in coachkit.records_of(state):
            access = coachkit.decide(state, person, record).access
            if access == "deny":
                assert record.id not in shown, (person, record.id)
        sees_note = coachkit.decide(state, person, NOTE).access == "allow"
        assert (SECRET in json.dumps(view.to_json())) == sees_note, person


# ---- training excerpts (an evidence item shown to leaders without names) -------------------------

TRANSCRIPT = b"speaker,text\nTess Ahmed,Why do you think that?\nPupil,Because it is bigger.\nTess Ahmed,Say more.\n"


def excerpt_for_mo(engine):
    engine.start_stage("sc-1", "lesson", by="tess", at=at(8))
    item = engine.add_evidence("sc-1", "lesson-transcript", data=TRANSCRIPT, format="csv",
                               by="tess", at=at(8, 9)).events[0].data["id"]
    assert engine.view("mo").excerpts == []
    engine.grant_consent("training-excerpt", item=item, turns="1-2", by="tess", at=at(8, 10))
    view = engine.view("mo")
    [withheld] = [w for w in view.withheld if w["record"] == "evidence:" + item]
    assert withheld["excerpt"] and withheld["access"] == "redacted"
    assert view.state.evidence_items == []  # never the identified item
    [excerpt] = view.excerpts
    return excerpt


def test_a_training_excerpt_names_no_one(memory_engine):
    excerpt = excerpt_for_mo(memory_engine)
    assert excerpt["kind"] == "lesson-transcript" and excerpt["content"]["utterances"]
    text = json.dumps(excerpt)  # names appear in keys too (content["speakers"])
    assert "Tess" not in text and "tess" not in text and "Ahmed" not in text


def test_a_training_excerpt_keeps_the_turns_consented(memory_engine):
    excerpt = excerpt_for_mo(memory_engine)
    assert excerpt["turns"] == "1-2"
    assert [u["n"] for u in excerpt["content"]["utterances"]] == [1, 2]
