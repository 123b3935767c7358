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


def test_the_sample_school_builds_and_ends_with_the_summary(script, cli_path, tmp_path, run):
    store = tmp_path / "school.db"
    result = build(script, cli_path, store)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
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
    # Exactly one open cycle; the store is an ordinary programme store.
    shown = run("programme", "show", "--json", "--store", store)
    assert shown.returncode == 0, shown
    cycles = json.loads(shown.stdout)["cycles"]
    assert [c["id"] for c in cycles if c["status"] == "open"] == ["mc-ashgrove-2"]
    assert [c["learner"] for c in cycles if c["partnership"] == "cc-quillfeather-larkspur"] == \
        ["quillfeather", "larkspur"]

    # The stored evidence of sc-larkspur-1, measured in the demo's output.
    items = json.loads(shown.stdout)["evidence_items"]
    assert [(i["id"], i["kind"]) for i in items] == [
        ("sc-larkspur-1-e1", "video-recording"), ("sc-larkspur-1-e2", "observation-record"),
        ("sc-larkspur-1-e3", "lesson-transcript")]
    assert items[0]["privacy"] == "pupil-images" and items[0]["metrics"]["critical_incidents"] == 2
    assert items[0]["content"]["pupils_not_filmed"] == ["P11", "P23"]
    assert "Metrics of sc-larkspur-1-e3 (lesson-transcript)" in out and "talk_share_words.teacher" in out
    assert "By tenth of the lesson (by time, seconds)" in out

    # The whole programme, evidence included, survives export and import.
    exported = tmp_path / "export.json"
    assert run("export", "--store", store, "--output", exported).returncode == 0
    imported = run("import", exported, "--store", tmp_path / "copy.db")
    assert imported.returncode == 0, imported
    copy = run("programme", "show", "--json", "--store", tmp_path / "copy.db")
    assert json.loads(copy.stdout) == json.loads(shown.stdout)


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
