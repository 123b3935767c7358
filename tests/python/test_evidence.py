"""Evidence from Python: reading with a source (no store), lesson and coaching analysis, transcripts
as rows, evidence items in a programme, bad input, and the tables and DataFrames."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import coachkit
from coachkit import evidence, programme

# Teacher: 30 words in three utterances (two questions); pupils: 10 words in two. Share 0.75.
LESSON_VTT = b"""WEBVTT

00:00:00.000 --> 00:00:08.000
<v Teacher>Good morning everyone, today we are going to compare two fractions carefully.

00:00:10.000 --> 00:00:14.000
<v Teacher>Why do you think three quarters is bigger?

00:00:17.000 --> 00:00:21.000
<v Pupil 1>Because the pieces are the same size.

00:00:22.000 --> 00:00:26.000
<v Teacher>Is one half smaller than two thirds, Sam, or not?

00:00:27.000 --> 00:00:29.000
<v Sam>Yes it is.
"""

COACHING_CSV = b"""speaker,text,function
Coach,What did you notice when group 3 stalled?,describe
Teacher,They stopped talking once I gave the answer.,explain
Coach,Why might that be?,hypothesise
"""


def test_read_with_a_source_stores_nothing():
    result = evidence.read("learner-reflection", data=b"Pairs talked.\n\nWhy did group 3 stall?")
    assert result["kind"] == "learner-reflection" and result["privacy"] == "personal-data"
    assert result["format"] == "text" and result["metrics"]["questions"] == 1
    assert result["content"]["paragraphs"][1] == "Why did group 3 stall?"


def test_analyse_lesson_gives_metrics_and_tenths():
    lesson = evidence.analyse_lesson(data=LESSON_VTT, format="webvtt", speakers={"Sam": "pupil"})
    assert lesson["metrics"]["talk_share_words.teacher"] == pytest.approx(0.75)
    assert lesson["metrics"]["questions.teacher"] == 2
    assert len(evidence.segments_table(lesson)) == 10
    rows = evidence.metrics_table(lesson)
    assert {"item", "kind", "metric", "value"} <= set(rows[0])
    assert any(r["metric"] == "talk_share_words.teacher" for r in rows)


def test_analyse_coaching_counts_codes():
    talk = evidence.analyse_coaching(data=COACHING_CSV, format="csv")
    assert talk["kind"] == "coaching-transcript"
    assert talk["metrics"]["turns"] == 3
    assert talk["metrics"]["codes.function.hypothesise"] == 1


def test_read_transcript_rows_and_bad_input(tmp_path):
    path = tmp_path / "lesson.vtt"
    path.write_bytes(LESSON_VTT)
    rows, warnings = coachkit.read_transcript(path)
    assert [r["speaker"] for r in rows] == ["Teacher", "Teacher", "Pupil 1", "Teacher", "Sam"]
    assert rows[1]["start"] == 10.0 and rows[1]["line"] == 6 and warnings == []
    with pytest.raises(coachkit.InvalidDocumentError) as error:
        coachkit.read_transcript(data=b"speaker,text\n\"Teacher,unclosed\n", format="csv", origin="t.csv")
    assert error.value.diagnostics[0].file == "t.csv" and error.value.diagnostics[0].line == 2
    with pytest.raises(ValueError):
        coachkit.read_transcript(data=b"x")  # no format and no file name to tell it from
    with pytest.raises(coachkit.InvalidDocumentError) as bad:
        coachkit.read_evidence(coachkit.plugins.default_registry(), "learner-reflection",
                               data=b"ok\n\xff", origin="r.txt")
    assert "byte offset 3" in str(bad.value)
    with pytest.raises(coachkit.NotFoundError):
        evidence.read("no-such-source", data=b"x")


def test_reading_from_threads_releases_the_gil():
    with ThreadPoolExecutor(max_workers=4) as pool:
        shares = list(pool.map(
            lambda _: evidence.analyse_lesson(data=LESSON_VTT, format="webvtt",
                                              speakers={"Sam": "pupil"})["metrics"]["talk_share_words.teacher"],
            range(8)))
    assert shares == [pytest.approx(0.75)] * 8


@pytest.fixture
def engine():
    engine = programme.open_programme()
    engine.init("school", "Test School", by="system", at="2026-09-01T08:00:00Z")
    return engine


def make_cycle(engine):
    for pid, role in (("mara", "middle-leader"), ("tess", "teacher")):
        engine.add_person(coachkit.Person(id=pid, name=pid.title(), role=role), at="2026-09-01T08:00:00Z")
    engine.add_partnership(
        coachkit.Partnership(id="sc", mode="specialist-coaching", workflow="cflat-ideal-cycle",
                             members=[coachkit.Member("mara", "specialist-coach"),
                                      coachkit.Member("tess", "professional-learner")]),
        at="2026-09-01T08:00:00Z")
    engine.draft_agreement(coachkit.LearningAgreement(partnership="sc", goals=[coachkit.Goal("Ask better questions")]),
                           by="tess", at="2026-09-01T08:00:00Z")
    for person in ("tess", "mara"):
        engine.sign_agreement("sc", by=person, at="2026-09-01T08:00:00Z")
    engine.start_cycle("sc", by="mara", at="2026-09-02T08:00:00Z")
    engine.advance("sc-1", by="mara", at="2026-09-02T09:00:00Z")
    engine.start_stage("sc-1", by="tess", at="2026-09-03T09:00:00Z")
    return "sc-1"


def test_evidence_items_in_a_programme(engine):
    cycle = make_cycle(engine)
    result = engine.add_evidence(cycle, "lesson-transcript", data=LESSON_VTT, format="webvtt",
                                 options={"speakers": {"Sam": "pupil"}}, summary="fractions",
                                 origin="lesson.vtt", by="tess", at="2026-09-03T15:00:00Z")
    item_id = result.events[0].data["id"]
    assert item_id == "sc-1-e1"
    seen = engine.view("tess").state  # the item is hers: she sees all of it
    item = seen.evidence_item(item_id)
    assert item.owner == "tess" and item.stage == "lesson" and item.kind == "lesson-transcript"
    assert item.origin == "lesson.vtt" and item.privacy == "personal-data"
    assert item.metrics["talk_share_words.teacher"] == pytest.approx(0.75)
    assert len(item.content["utterances"]) == 5
    assert [i.id for i in seen.evidence_of(cycle)] == ["sc-1-e1"]
    assert seen.to_dict()["evidence_items"][0]["id"] == "sc-1-e1"
    assert item.to_dict()["summary"] == "fractions"

    before = engine.store.last_sequence()
    with pytest.raises(coachkit.InvalidDocumentError) as bad:
        engine.add_evidence(cycle, "learner-reflection", data=b"\xff", origin="r.txt", by="tess")
    assert bad.value.diagnostics[0].file == "r.txt"
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.add_evidence(cycle, "no-such-source", data=b"x", by="tess")
    assert refused.value.rule == "unknown-evidence-source"
    with pytest.raises(ValueError):
        engine.add_evidence(cycle, "learner-reflection", by="tess")
    assert engine.store.last_sequence() == before
    assert engine.view("tess").state.last_sequence == before

    table = evidence.metrics_table(engine.view("tess").state.evidence_of(cycle))
    assert {r["item"] for r in table} == {"sc-1-e1"}


def test_dataframes():
    pd = pytest.importorskip("pandas")
    lesson = evidence.analyse_lesson(data=LESSON_VTT, format="webvtt")
    frame = evidence.metrics_frame(lesson)
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == ["item", "kind", "metric", "value"]
    assert len(evidence.segments_frame(lesson)) == 10
    utterances = evidence.utterances_frame(data=LESSON_VTT, format="webvtt")
    assert list(utterances["speaker"])[:2] == ["Teacher", "Teacher"]
