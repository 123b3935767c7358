"""Assessments recorded against a cycle from Python (docs/rubrics.md#recording-an-assessment):
engine.assess_evidence scores a stored coaching conversation and records the result;
engine.record_assessment records one made elsewhere; the partnership sees it, the co-ordinator
sees the level alone and only with the learner's consent; a non-member is refused."""

from __future__ import annotations

import pytest

import coachkit
from coachkit import programme

CONVERSATION = (
    "speaker,text,initiation,stimulus,function\n"
    "Sam Patel,What did the video show you?,coach,video,question\n"
    "Tess Ahmed,The pairs waited for me.,learner,video,describe\n"
    "Sam Patel,Why do you think they waited?,coach,video,question\n"
    "Tess Ahmed,I had not set roles because I wanted them free.,learner,reflection,justify\n"
).encode()


def at(day: int, hour: int = 9) -> str:
    return f"2026-02-{day:02d}T{hour:02d}:00:00Z"


@pytest.fixture
def engine():
    engine = programme.open_programme()
    engine.init("oakfield", "Oakfield coaching", by="cora", at=at(1))
    engine.add_person("cora", "Cora Reid", "coaching-co-ordinator", at=at(1))
    engine.add_person("sam", "Sam Patel", "middle-leader", at=at(1))
    engine.add_person("tess", "Tess Ahmed", "teacher", at=at(1))
    engine.add_person("otto", "Otto Frost", "teacher", at=at(1))
    engine.add_partnership(coachkit.Partnership(
        "sc", "specialist-coaching",
        [coachkit.Member("sam", "specialist-coach"), coachkit.Member("tess", "professional-learner")],
        workflow="cflat-ideal-cycle", focus="questioning", focus_chosen_by="tess"), by="cora", at=at(1))
    engine.draft_agreement(coachkit.LearningAgreement("sc", [coachkit.Goal("More open questions")]),
                           by="tess", at=at(2))
    engine.sign_agreement("sc", by="tess", at=at(2))
    engine.sign_agreement("sc", by="sam", at=at(2))
    engine.start_cycle("sc", by="tess", at=at(3))
    engine.start_stage("sc-1", by="sam", at=at(3, 10))
    engine.add_evidence("sc-1", "coaching-transcript", data=CONVERSATION, format="csv", id="talk",
                        options={"speakers": {"Sam Patel": "coach", "Tess Ahmed": "learner"}},
                        by="tess", at=at(3, 11))
    return engine


def test_assess_evidence_records_the_level_with_its_reasons(engine):
    result = engine.assess_evidence("sc-1", "talk", "coaching-levels", by="sam", at=at(4))
    assert [e.type for e in result.events] == ["assessment.recorded"]
    [recorded] = engine.view("tess").state.cycle("sc-1").assessments
    assert isinstance(recorded, coachkit.RecordedAssessment)
    assert recorded.rubric == "coaching-levels" and recorded.subject == "talk" and recorded.by == "sam"
    assert recorded.result.level in ("emerging", "developing", "refining", "co-constructive")
    assert recorded.result.rationale
    assert "profile" in recorded.result.details
    assert recorded.result.to_dict()["schema"] == "coachkit.assessment/1"


def test_the_co_ordinator_sees_the_level_alone_and_only_with_consent(engine):
    engine.assess_evidence("sc-1", "talk", "coaching-levels", by="sam", at=at(4))
    assert engine.view("cora").state.cycle("sc-1").assessments == []
    engine.grant_consent("share-with-coordinator", "sc", by="tess", at=at(5))
    [seen] = engine.view("cora").state.cycle("sc-1").assessments
    assert seen.result.level and seen.result.rationale == "" and seen.result.citations == []
    assert engine.view("otto").state.cycle("sc-1") is None


def test_record_assessment_takes_one_made_elsewhere_and_refuses_outsiders(engine):
    made = coachkit.Assessment("my-rubric", [], 2.0, "developing", "by hand")
    made.citations = [coachkit.Citation("turn:4", "a justification")]
    engine.record_assessment("sc-1", made, subject="talk", by="tess", at=at(4))
    [kept] = engine.view("sam").state.cycle("sc-1").assessments
    assert kept.result.citations[0].ref == "turn:4"
    with pytest.raises(coachkit.RefusedError) as refused:
        engine.record_assessment("sc-1", made, by="otto", at=at(5))
    assert refused.value.rule == "not-a-member"
    with pytest.raises(coachkit.RefusedError) as unknown:
        engine.record_assessment("sc-1", made, subject="nope", by="sam", at=at(5))
    assert unknown.value.rule == "unknown-evidence"


def test_erasing_an_assessment_keeps_its_level(engine):
    engine.assess_evidence("sc-1", "talk", "coaching-levels", by="sam", at=at(4))
    level = engine.view("tess").state.cycle("sc-1").assessments[0].result.level
    engine.erase("assessment:sc-1/1", by="tess", at=at(5))
    [erased] = engine.view("tess").state.cycle("sc-1").assessments
    assert erased.result.level == level
    assert erased.result.rationale == coachkit.ERASED_TEXT and erased.result.details == {}
