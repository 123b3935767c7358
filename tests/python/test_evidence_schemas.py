"""The JSON Schemas of the evidence input documents (docs/schemas/) accept every sample document in
tests/evidence/data and reject a document the evidence source rejects too."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import coachkit
from coachkit import evidence

SCHEMA_FILES = {
    "coachkit.running-record/1": "running-record.schema.json",
    "coachkit.video-recording/1": "video-recording.schema.json",
    "coachkit.pupil-work/1": "practice-records.schema.json",
    "coachkit.pupil-voice/1": "practice-records.schema.json",
    "coachkit.lesson-plan/1": "practice-records.schema.json",
    "coachkit.turn-codes/1": "turn-codes.schema.json",
}


def samples(source_dir: Path):
    data = source_dir / "tests" / "evidence" / "data"
    return sorted(p for p in data.rglob("*.json") if "nasty" not in p.parts)


def validator(source_dir: Path, tag: str):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((source_dir / "docs" / "schemas" / SCHEMA_FILES[tag]).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_sample_document_matches_its_schema(source_dir):
    checked = set()
    for path in samples(source_dir):
        document = json.loads(path.read_text())
        tag = document.get("schema")
        if tag not in SCHEMA_FILES:
            continue
        errors = [e.message for e in validator(source_dir, tag).iter_errors(document)]
        assert errors == [], f"{path}: {errors}"
        checked.add(tag)
    assert checked == set(SCHEMA_FILES), f"no sample for {set(SCHEMA_FILES) - checked}"


def test_schema_and_source_reject_a_clip_past_the_end(source_dir):
    path = source_dir / "tests" / "evidence" / "data" / "records" / "lesson_video.json"
    document = json.loads(path.read_text())
    broken = copy.deepcopy(document)
    broken["sha256"] = "not-a-hash"
    assert list(validator(source_dir, "coachkit.video-recording/1").iter_errors(broken))
    with pytest.raises(coachkit.InvalidDocumentError) as error:
        evidence.read("video-recording", data=json.dumps(broken).encode(), origin="video.json")
    assert "/sha256" in str(error.value)
