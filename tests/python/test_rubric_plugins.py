"""The skills-profile and principles-audit rubrics and the declarative rubrics' aggregation of
people's scores, from Python: created through coachkit.Registry and evaluated with coachkit.assess,
which calls them through C++ as the engine and the CLI do."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import coachkit
from coachkit import programme

T = "2026-01-{:02d}T{}:00Z".format


@pytest.fixture
def registry() -> coachkit.Registry:
    """A fresh registry over the built-in plugins only (the environment's path is not used)."""
    reg = coachkit.Registry()
    builtin = [p for p in coachkit.Registry.default_search_path() if p.name == "plugins"]
    assert builtin, "the built-in plugins folder was not found beside libcoachkit"
    reg.discover(builtin[-1:])
    return reg


@pytest.fixture
def ratings(source_dir: Path) -> dict:
    path = source_dir / "tests" / "analysis" / "data" / "rubrics" / "mentoring-ratings.json"
    return json.loads(path.read_text(encoding="utf-8"))


def error_pointers(raised: pytest.ExceptionInfo) -> dict[str, str]:
    return {d.pointer: d.message for d in raised.value.diagnostics if d.severity == coachkit.Severity.error}


# ---- skills profile ------------------------------------------------------------------------------


def test_the_skills_profile_gives_current_ratings_growth_and_gaps(registry, ratings):
    rubric = registry.create("rubric", "skills-profile")
    assert rubric.applies_to() == "ratings"
    assert rubric.levels() == []
    assessment, warnings = coachkit.assess(rubric, ratings)
    assert [c.criterion for c in assessment.criteria] == [
        "model-expertise", "use-open-questions", "listen-actively"]
    listen = assessment.criteria[2]
    assert listen.score == pytest.approx((4 + 3 + 2.5) / 3)
    assert listen.level == "3"
    assert "self rates 1.50 above observer: worth a conversation" in listen.rationale
    assert [c.ref for c in listen.citations] == [f"/ratings/{i}" for i in range(7)]
    assert len(warnings) == 7 and all("has no rating" in w.message for w in warnings)

    table = assessment.details["skills"]
    assert table["listen-actively"]["self"] == {
        "first": 2, "first_date": "2026-09-14", "latest": 4, "latest_date": "2026-12-07",
        "growth": 2, "ratings": 2}
    assert table["model-expertise"]["self"]["growth"] is None
    worth = [(g["skill"], g["higher"], g["lower"]) for g in assessment.details["gaps"]
             if g["worth_a_conversation"]]
    assert worth == [("use-open-questions", "self", "observer"),
                     ("listen-actively", "self", "partner"),
                     ("listen-actively", "self", "observer")]
    # The whole assessment is a coachkit.assessment/1 document.
    document = assessment.to_dict()
    assert document["schema"] == "coachkit.assessment/1" and document["level"] == "3"


def test_the_skills_profile_details_make_a_table(registry, ratings):
    pandas = pytest.importorskip("pandas")
    assessment, _ = coachkit.assess(registry.create("rubric", "skills-profile"), ratings)
    rows = [{"skill": skill, "perspective": p, **figures}
            for skill, perspectives in assessment.details["skills"].items()
            for p, figures in perspectives.items() if p in ("self", "partner", "observer")]
    frame = pandas.DataFrame(rows).set_index(["skill", "perspective"])
    assert frame.loc[("listen-actively", "observer"), "latest"] == 2.5
    assert frame.loc[("use-open-questions", "self"), "growth"] == 1


@pytest.mark.parametrize("path, value, pointer, says", [
    (("mode",), "coaching", "/mode", "unknown mode 'coaching' (known: mentoring"),
    (("ratings", 0, "skill"), "establish-buffer-zones", "/ratings/0/skill",
     "is not one of the mentoring skills (it belongs to another mode)"),
    (("ratings", 1, "value"), 9, "/ratings/1/value", "value 9 is off the scale 1 to 4"),
    (("ratings", 2, "date"), "2026-02-29", "/ratings/2/date", "expected a date written YYYY-MM-DD"),
    (("ratings", 3, "perspective"), "mentor", "/ratings/3/perspective", "unknown perspective 'mentor'"),
])
def test_the_skills_profile_refuses_bad_ratings_at_their_pointers(registry, ratings, path, value,
                                                                  pointer, says):
    broken = copy.deepcopy(ratings)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.assess(registry.create("rubric", "skills-profile"), broken)
    assert says in error_pointers(raised).get(pointer, ""), raised.value


def test_the_skill_ratings_schema_matches_what_the_rubric_reads(source_dir, ratings):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((source_dir / "docs" / "schemas" / "skill-ratings.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors(ratings)] == []
    other_mode = copy.deepcopy(ratings)
    other_mode["ratings"][0]["skill"] = "establish-buffer-zones"
    assert list(validator.iter_errors(other_mode)), "a specialist coach's skill is not a mentor's"
    no_date = copy.deepcopy(ratings)
    no_date["ratings"][0]["date"] = "14/09/2026"
    assert list(validator.iter_errors(no_date))


# ---- principles audit ----------------------------------------------------------------------------


@pytest.fixture
def engine():
    """One specialist-coaching partnership run through a whole cflat-ideal-cycle."""
    e = programme.open_programme(None)
    e.init("oakfield", "Oakfield coaching", by="cora", at=T(5, "08:00"))
    e.add_person("cora", "Cora Reid", "coaching-co-ordinator", at=T(5, "08:00"))
    e.add_person("sam", "Sam Patel", "middle-leader", at=T(5, "08:00"))
    e.add_person("tess", "Tess Ahmed", line_manager="cora", at=T(5, "08:00"))
    e.add_partnership(coachkit.Partnership(
        "sc", "specialist-coaching",
        [coachkit.Member("sam", "specialist-coach"), coachkit.Member("tess", "professional-learner")],
        workflow="cflat-ideal-cycle", focus="questioning", focus_chosen_by="tess"),
        by="cora", at=T(5, "08:00"))
    e.draft_agreement(coachkit.LearningAgreement(
        "sc", [coachkit.Goal("More open questions")], planned_cycles=3,
        ground_rules=["what is said stays in the pair"]), by="tess", at=T(5, "08:05"))
    e.sign_agreement("sc", by="tess", at=T(5, "08:06"))
    e.sign_agreement("sc", by="sam", at=T(5, "08:07"))
    e.start_cycle("sc", by="tess", at=T(7, "08:10"))
    e.advance("sc-1", record="We will look at wait time.", by="tess", at=T(7, "08:30"))
    e.start_stage("sc-1", "lesson", by="tess", at=T(7, "10:00"))
    e.attach_evidence("sc-1", "observation-record", "obs/0107.pdf", "running record",
                      by="sam", at=T(7, "11:00"))
    e.advance("sc-1", by="tess", at=T(7, "11:05"))
    e.advance("sc-1", record="Wait time rose after the second question.", by="tess", at=T(7, "15:00"))
    e.agree_action("sc-1", "Try think-pair-share in Y8", due="2026-02-01", by="tess", at=T(7, "15:05"))
    e.advance("sc-1", stage="plan-next-cycle", by="sam", at=T(7, "15:30"))
    e.close_cycle("sc-1", by="tess", at=T(7, "15:40"))
    return e


def audit_input(engine, viewer: str, partnership: str | None = None) -> dict:
    view = {"schema": "coachkit.programme-view/1", **engine.view(viewer).to_json()}
    return {"programme": view, **({"partnership": partnership} if partnership else {})}


def test_the_principles_audit_reads_a_persons_view(registry, engine):
    rubric = registry.create("rubric", "principles-audit")
    assert rubric.applies_to() == "programme"
    assert [l.id for l in rubric.levels()] == ["not-shown", "partly-shown", "shown"]
    assessment, warnings = coachkit.assess(rubric, audit_input(engine, "tess", "sc"))
    assert warnings == []
    levels = {c.criterion: c.level for c in assessment.criteria}
    assert levels["learning-agreement"] == "shown"
    assert levels["setting-challenging-and-personal-goals"] == "shown"
    assert levels["experimenting-and-observing"] == "shown"
    # No reflection or action of the coach's is recorded in this cycle.
    assert levels["acknowledging-the-benefits-to-mentors-and-coaches"] == "not-shown"
    assert "thoughtful-relationship" not in levels
    principles = assessment.details["principles"]
    assert principles["thoughtful-relationship"]["status"] == "needs-judgement"
    agreement = next(c for c in assessment.criteria if c.criterion == "learning-agreement")
    assert [c.ref for c in agreement.citations] == ["agreement:sc"]
    observing = next(c for c in assessment.criteria if c.criterion == "experimenting-and-observing")
    assert [c.ref for c in observing.citations] == ["evidence:sc-1/lesson/1"]
    assert "The audit covers only what tess may see" in assessment.rationale


def test_the_coordinators_audit_says_what_it_could_not_see(registry, engine):
    assessment, _ = coachkit.assess(registry.create("rubric", "principles-audit"),
                                    audit_input(engine, "cora"))
    assert "The audit covers only what cora may see" in assessment.rationale
    sc = assessment.details["partnerships"]["sc"]["principles"]
    assert "withheld from this viewer" in sc["learning-agreement"]["rationale"]
    assert sc["learning-conversation"]["status"] == "not-shown"
    assert "this viewer may not see" in sc["learning-conversation"]["rationale"]
    # Nothing the co-ordinator may not read is quoted or cited.
    text = json.dumps(assessment.to_dict())
    for secret in ("wait time", "think-pair-share", "obs/0107.pdf", "More open questions"):
        assert secret not in text


def test_the_principles_audit_refuses_a_journal_and_unknown_partnerships(registry, engine):
    rubric = registry.create("rubric", "principles-audit")
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.assess(rubric, {"programme": {"schema": "coachkit.programme/1", "events": []}})
    assert "only the custodian holds" in error_pointers(raised)["/programme/schema"]
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.assess(rubric, audit_input(engine, "tess", "nope"))
    assert error_pointers(raised)["/partnership"].startswith("unknown partnership 'nope' in this view")


# ---- declarative rubrics: named raters -----------------------------------------------------------


def test_a_declarative_rubric_aggregates_named_raters(registry):
    rubric = registry.create("rubric", "principles-review")
    assessment, _ = coachkit.assess(rubric, {"scores": {
        "learning-agreement": [{"rater": "kettleby", "score": 3}, {"rater": "wren", "score": 2}, 1]}})
    agreement = assessment.criteria[0]
    assert agreement.score == pytest.approx(2.0)
    assert [(c.ref, c.note) for c in agreement.citations] == [
        ("rater:kettleby", "scored 3 (established)"), ("rater:wren", "scored 2 (emerging)")]
    assert assessment.details["criteria"]["learning-agreement"] == {
        "raters": 3, "named": ["kettleby", "wren"], "mean": 2.0, "median": 2, "min": 1, "max": 3}
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.assess(rubric, {"scores": {"learning-agreement": [
            {"rater": "kettleby", "score": 3}, {"rater": "kettleby", "score": 2}]}})
    assert "already scored this criterion" in error_pointers(raised)["/scores/learning-agreement/1/rater"]
