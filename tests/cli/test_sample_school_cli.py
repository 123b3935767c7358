"""examples/sample-school/build-programme.sh: the sample school's programme, built with the real
`coachkit` binary into a store in the test's temporary folder (what `make demo` runs)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def script(source_dir) -> Path:
    path = source_dir / "examples" / "sample-school" / "build-programme.sh"
    assert path.is_file(), f"{path} is missing"
    return path


def build(script: Path, cli: Path, store: Path, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, COLUMNS="120", **env)
    environment.pop("COACHKIT_STORE", None)
    return subprocess.run(["bash", str(script), str(cli), str(store)], cwd=store.parent, env=environment,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def school(script, cli_path, tmp_path_factory) -> tuple[Path, str]:
    """The sample school, built once for this module: its store and what the script printed."""
    store = tmp_path_factory.mktemp("sample-school") / "school.db"
    result = build(script, cli_path, store)
    assert result.returncode == 0, result.stdout + result.stderr
    return store, result.stdout


def test_the_sample_school_builds_and_ends_with_the_summary(school, tmp_path, run):
    store, out = school
    summary = out[out.index("Programme larkhill-vale-2026: "):]
    assert re.search(r"^9 people, 4 partnerships, \d+ events", summary, re.M), summary
    for partnership, mode, workflow in [
        ("sc-larkspur", "specialist-coaching", "cflat-ideal-cycle"),
        ("mc-ashgrove", "mentoring", "swiss-cottage-mentor-coaching"),
        ("cc-quillfeather-larkspur", "co-coaching", "curee-co-coaching"),
        ("im-bramblewick", "mentoring", "induction-mentoring"),
    ]:
        assert re.search(rf"^{partnership}\s+{mode}\s+{workflow}\s", summary, re.M), partnership
    assert re.search(r"^mc-ashgrove\s+signed\s+1\s+1\s+0\s+3\s+mc-ashgrove-2 at observation$", summary, re.M)
    assert re.search(r"^cc-quillfeather-larkspur\s+signed\s+2\s+0\s+0\s+3\s+-$", summary, re.M)
    # The refusal shown on purpose, and the programme carrying on after it.
    assert "coachkit: refused (record-writer): the record of 'post-lesson-dialogue' is written by the " \
           "professional-learner" in out
    assert "completed post-lesson-dialogue of cycle mc-ashgrove-1" in out
    assert "co-coaching-cycles" in summary, "the deliberate finding (three co-coaching cycles planned)"
    assert "(as pennyworth: " in summary, "the summary is the co-ordinator's, and says what it holds back"
    # Exactly one open cycle; the store is an ordinary programme store. The co-ordinator, Oren
    # Pennyworth, sees every cycle and where it stands.
    shown = run("programme", "show", "--json", "--store", store, "--as", "pennyworth")
    assert shown.returncode == 0, shown
    cycles = json.loads(shown.stdout)["cycles"]
    assert [c["id"] for c in cycles if c["status"] == "open"] == ["mc-ashgrove-2"]
    assert [c["learner"] for c in cycles if c["partnership"] == "cc-quillfeather-larkspur"] == \
        ["quillfeather", "larkspur"]
    assert json.loads(shown.stdout)["evidence_items"] == [], "the co-ordinator sees no evidence"

    # The stored evidence of sc-larkspur-1, measured in the demo's output, as Tomasz Larkspur (whose
    # evidence it is) sees it.
    mine = run("programme", "show", "--json", "--store", store, "--as", "larkspur")
    assert mine.returncode == 0, mine
    items = json.loads(mine.stdout)["evidence_items"]
    assert [(i["id"], i["kind"]) for i in items] == [
        ("sc-larkspur-1-e1", "video-recording"), ("sc-larkspur-1-e2", "observation-record"),
        ("sc-larkspur-1-e3", "lesson-transcript"), ("sc-larkspur-1-coaching", "coaching-transcript")]
    assert items[0]["privacy"] == "pupil-images" and items[0]["metrics"]["critical_incidents"] == 2
    assert items[0]["content"]["pupils_not_filmed"] == ["P11", "P23"]
    assert "Metrics of sc-larkspur-1-e3 (lesson-transcript)" in out and "talk_share_words.teacher" in out
    assert "By tenth of the lesson (by time, seconds)" in out

    # The whole programme, evidence and consents included, survives export and import.
    exported = tmp_path / "export.json"
    assert run("export", "--journal", "--store", store, "--output", exported).returncode == 0
    imported = run("import", exported, "--store", tmp_path / "copy.db")
    assert imported.returncode == 0, imported
    for reader, original in (("pennyworth", shown), ("larkspur", mine)):
        copy = run("programme", "show", "--json", "--store", tmp_path / "copy.db", "--as", reader)
        assert json.loads(copy.stdout) == json.loads(original.stdout), reader


def test_the_sample_school_shows_what_consent_opens_to_the_coordinator(school, run):
    """The script's confidentiality section: the co-ordinator reads cycle sc-larkspur-1 without
    Tomasz's consent, with it, and after he withdraws it."""
    store, out = school
    section = out[out.index("== Confidentiality"):out.index("== Where the programme stands")]
    before, after_grant = section.split("larkspur granted consent-1: share-with-coordinator for sc-larkspur")
    granted, after_withdrawal = after_grant.split("larkspur withdrew consent-1")
    record = "Most of my questions had one right answer"
    action = "Plan three 'how do you know?' questions"
    # Without consent: the cycle and where it stands, none of its records, each record listed with
    # the policy's answer, and the video explained.
    assert "Cycle sc-larkspur-1: cycle 1 of partnership sc-larkspur" in before
    assert record not in before and action not in before
    assert re.search(r"^stage-record:sc-larkspur-1/post-lesson-meeting\s+stage-record\s+deny\s", before, re.M), before
    assert re.search(r"^evidence:sc-larkspur-1-e1\s+video\s+deny\s", before, re.M), before
    assert "evidence:sc-larkspur-1-e1 (video) for pennyworth: deny" in before
    # With it: the record and the action, but never the video.
    assert record in granted and action in granted
    assert "sc-larkspur-1-e1" not in granted and "sc-larkspur-1-e2" in granted
    # Withdrawn: denied again from the next read on.
    assert "stage-record:sc-larkspur-1/post-lesson-meeting (stage-record) for pennyworth: deny" in after_withdrawal
    summary = out[out.index("== Where the programme stands"):]
    assert record not in summary and action not in summary
    consents = run("consent", "show", "--json", "--store", store, "--as", "larkspur")
    assert consents.returncode == 0, consents
    assert [(c["id"], c["owner"], "withdrawn_at" in c) for c in json.loads(consents.stdout)] == \
        [("consent-1", "larkspur", True)]


def test_the_script_refuses_an_existing_store_and_deletes_nothing(script, cli_path, tmp_path):
    store = tmp_path / "existing.db"
    store.write_text("keep me")
    result = build(script, cli_path, store)
    assert result.returncode == 2 and "already exists" in result.stderr, result.stderr
    assert store.read_text() == "keep me"


def test_the_script_checks_its_arguments(script, cli_path, tmp_path):
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "usage:" in result.stderr
    result = build(script, tmp_path / "no-such-binary", tmp_path / "s.db")
    assert result.returncode == 2 and "not an executable" in result.stderr
    assert not (tmp_path / "s.db").exists()
