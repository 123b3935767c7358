"""docs/schemas/event.schema.json and programme.schema.json: a programme export, and every event in
it, validate; documents the importer refuses for a reason the schema can express fail it too."""

import copy
import json

import jsonschema
import pytest

import coachkit
from coachkit import programme

T = "2026-09-07T{}:00Z".format


@pytest.fixture(scope="module")
def schemas(source_dir):
    folder = source_dir / "docs" / "schemas"
    return {name: json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
            for name in ("event", "programme")}


@pytest.fixture(scope="module")
def validator(schemas):
    event = schemas["event"]
    resolver = jsonschema.RefResolver.from_schema(schemas["programme"], store={event["$id"]: event})
    return jsonschema.Draft202012Validator(schemas["programme"], resolver=resolver)


@pytest.fixture(scope="module")
def exported():
    """A programme with every kind of event the engine writes."""
    engine = programme.open_programme()
    engine.init("school", "Schema School", at=T("07:00"))
    engine.add_person("coach", "Coach", "middle-leader", at=T("07:00"))
    engine.add_person("amy", "Amy", line_manager="coach", at=T("07:00"))
    engine.add_partnership(coachkit.Partnership(
        "sc", "specialist-coaching",
        [coachkit.Member("coach", "specialist-coach"), coachkit.Member("amy", "professional-learner")],
        workflow="cflat-ideal-cycle", focus="questioning", focus_chosen_by="amy"), at=T("07:00"))
    engine.draft_agreement(coachkit.LearningAgreement(
        "sc", [coachkit.Goal("More open questions", "oracy")], planned_cycles=4,
        review_dates=["2026-10-01"]), by="amy", at=T("07:05"))
    engine.set_performance_management_link("sc", True, by="amy", at=T("07:06"))
    engine.sign_agreement("sc", by="amy", at=T("07:10"))
    engine.sign_agreement("sc", by="coach", at=T("07:11"))
    engine.start_cycle("sc", by="coach", at=T("08:00"))
    engine.advance("sc-1", record="Looking at wait time.", by="amy", at=T("08:30"))
    engine.schedule_stage("sc-1", "post-lesson-meeting", T("15:00"), by="amy", at=T("08:31"))
    engine.start_stage("sc-1", "lesson", by="amy", at=T("09:00"))
    engine.attach_evidence("sc-1", "observation-record", "obs/1.json", "running record",
                           by="coach", at=T("10:00"))
    engine.add_note("sc-1", "The group work ran long.", by="coach", at=T("10:00"))
    engine.advance("sc-1", by="amy", at=T("10:00"))
    engine.agree_action("sc-1", "Try think-pair-share", due="2026-09-20", by="amy", at=T("15:00"))
    engine.add_person("ben", "Ben", at=T("07:00"))
    engine.add_partnership(coachkit.Partnership(
        "sb", "specialist-coaching",
        [coachkit.Member("coach", "specialist-coach"), coachkit.Member("ben", "professional-learner")],
        workflow="cflat-ideal-cycle", focus="behaviour", focus_chosen_by="ben"), at=T("07:00"))
    engine.draft_agreement(coachkit.LearningAgreement("sb", [coachkit.Goal("Calm starts")]),
                           by="ben", at=T("07:20"))
    engine.sign_agreement("sb", by="ben", at=T("07:21"))
    engine.sign_agreement("sb", by="coach", at=T("07:22"))
    engine.start_cycle("sb", by="coach", at=T("08:00"))
    engine.abandon_cycle("sb-1", "Ben was ill", by="ben", at=T("09:00"))
    return coachkit.export_programme(engine.store)


def problems(validator, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_schemas_are_valid_2020_12_schemas(schemas):
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_an_export_validates(validator, exported):
    kinds = {e["type"] for e in exported["events"]}
    assert {"programme.created", "person.added", "partnership.formed", "agreement.drafted",
            "agreement.signed", "agreement.performance-link-set", "cycle.started",
            "stage.scheduled", "stage.started", "stage.completed", "evidence.attached",
            "note.recorded", "action.agreed", "cycle.abandoned"} <= kinds
    assert problems(validator, exported) == []


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d.pop("schema"), ""),
    (lambda d: d.__setitem__("schema", "coachkit.programme/2"), "schema"),
    (lambda d: d.__setitem__("events", []), "events"),
    (lambda d: d["events"][2].__setitem__("at", "2026-09-07 08:00"), "events/2/at"),
    (lambda d: d["events"][2].__setitem__("colour", "red"), "events/2"),
    (lambda d: d["events"][2].__setitem__("type", "Person.Added"), "events/2/type"),
    (lambda d: d["events"][2].pop("actor"), "events/2"),
    (lambda d: d["state"]["people"][0].__setitem__("role", "boss"), "state/people/0/role"),
    (lambda d: d["state"]["cycles"][0].__setitem__("status", "paused"), "state/cycles/0/status"),
])
def test_documents_the_importer_refuses_fail_the_schema(validator, exported, break_it, where):
    document = copy.deepcopy(exported)
    break_it(document)
    found = problems(validator, document)
    assert any(p.startswith(where) for p in found), found
    with pytest.raises(coachkit.InvalidDocumentError):
        coachkit.import_programme(document, coachkit.memory_store(), "broken.json")
