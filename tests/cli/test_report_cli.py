"""`coachkit report`: k-anonymous aggregates for the co-ordinator, leaders and integrations, run as
a subprocess against a programme built through the CLI (k = 5, the default).

The programme: six teachers coached (specialist-coaching) and five early-career teachers mentored
(induction), one cycle each started in the autumn of 2026; one ECT abandoned that cycle and started
another in the spring of 2027. So by mode both groups are shown; by term the spring group (one
learner) is suppressed, and the autumn group with it, since the total minus autumn would be that
one learner's spring cycle."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

AUTUMN = "2026-09-{:02d}T{:02d}:00:00Z"
SPRING = "2027-01-15T09:00:00Z"

TEACHERS = [f"t{i}" for i in range(1, 7)]
ECTS = [f"e{i}" for i in range(1, 6)]


def run_cli(cli: Path, *args, env_extra: dict | None = None, cwd: Path | None = None):
    env = dict(os.environ)
    env["COLUMNS"] = "120"
    env.pop("COACHKIT_AS", None)
    env.pop("COACHKIT_STORE", None)
    env.update(env_extra or {})
    return subprocess.run([str(cli), *map(str, args)], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory, cli_path) -> Path:
    """The programme, built once for the module; tests only read it."""
    path = tmp_path_factory.mktemp("report") / "school.db"

    def ok(*args):
        result = run_cli(cli_path, *args, "--store", path)
        assert result.returncode == 0, (args, result.stdout, result.stderr)

    ok("programme", "init", "--id", "larkhill", "--name", "Larkhill School", "--at", AUTUMN.format(1, 8))
    people = [("hester", "senior-leader"), ("olu", "coaching-co-ordinator"), ("mara", "middle-leader"),
              ("ivo", "teacher"), ("mis", "integration")]
    people += [(t, "teacher") for t in TEACHERS] + [(e, "early-career-teacher") for e in ECTS]
    for pid, role in people:
        manager = ["--line-manager", "mara"] if pid in TEACHERS else []
        ok("person", "add", "--id", pid, "--name", pid.title(), "--role", role, *manager,
           "--at", AUTUMN.format(1, 9))
    for day, (learner, guide) in enumerate([(t, "mara") for t in TEACHERS] + [(e, "ivo") for e in ECTS], 2):
        coached = learner in TEACHERS
        partnership = ("sc-" if coached else "m-") + learner
        role = "specialist-coach" if coached else "mentor"
        mode = ["--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle"] if coached else [
            "--mode", "mentoring", "--workflow", "induction-mentoring", "--purpose", "induction"]
        ok("partnership", "add", "--id", partnership, *mode, "--member", f"{guide}:{role}",
           "--member", f"{learner}:professional-learner", "--focus", "questioning",
           "--focus-chosen-by", learner, "--at", AUTUMN.format(day, 9))
        ok("agreement", "draft", "--partnership", partnership, "--by", learner, "--goal", "Better questions",
           "--at", AUTUMN.format(day, 10))
        for member in (guide, learner):
            ok("agreement", "sign", "--partnership", partnership, "--by", member, "--at", AUTUMN.format(day, 11))
        ok("cycle", "start", "--partnership", partnership, "--by", learner, "--at", AUTUMN.format(day, 12))
    ok("cycle", "abandon", "--cycle", "m-e1-1", "--by", "e1", "--reason", "long illness",
       "--at", AUTUMN.format(20, 9))
    ok("cycle", "start", "--partnership", "m-e1", "--by", "e1", "--at", SPRING)
    return path


def report(cli_path, store, *args, viewer: str | None = "olu", env_extra: dict | None = None):
    as_viewer = ["--as", viewer] if viewer else []
    return run_cli(cli_path, "report", *as_viewer, *args, "--store", store, env_extra=env_extra)


def row_of(stdout: str, *cells: str) -> str:
    """The table line whose leading cells are `cells`."""
    pattern = re.compile(r"^" + r"\s+".join(re.escape(c) for c in cells) + r"(\s|$)")
    lines = [line for line in stdout.splitlines() if pattern.match(line)]
    assert len(lines) == 1, stdout
    return lines[0]


def test_a_released_row_shows_its_figures(cli_path, store):
    result = report(cli_path, store, "--by", "mode")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Programme larkhill: cycles by mode, as seen by olu\n")
    header = out.splitlines()[2].split()
    assert header == ["mode", "learners", "partnerships", "cycles", "completed", "abandoned", "stages",
                      "evidence"]
    assert row_of(out, "specialist-coaching").split()[1:] == ["6", "6", "6", "0", "0", "0", "0"]
    assert row_of(out, "mentoring").split()[1:] == ["5", "5", "6", "0", "1", "0", "0"]
    assert row_of(out, "all").split()[1:] == ["11", "11", "12", "0", "1", "0", "0"]
    assert "suppressed" not in out
    assert out.endswith("k = 5: groups of fewer than 5 learners are not shown\n")


def test_a_small_group_and_the_group_that_would_give_it_away_are_suppressed(cli_path, store):
    result = report(cli_path, store, "--by", "term")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert row_of(out, "2027-spring").split(None, 1)[1] == "suppressed (fewer than k learners)"
    assert row_of(out, "2026-autumn").split(None, 1)[1] == "suppressed (protects a suppressed group)"
    assert row_of(out, "all").split()[1:4] == ["11", "11", "12"]
    # No figure of the suppressed rows is printed, not even a zero.
    for line in (row_of(out, "2027-spring"), row_of(out, "2026-autumn")):
        assert not re.search(r"\d+\s+\d+", line.split(None, 1)[1]), line


def test_two_dimensions_list_cells_then_subtotals_then_the_total(cli_path, store):
    result = report(cli_path, store, "--by", "mode", "--by", "post")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Programme larkhill: cycles by mode and post, as seen by olu"
    firsts = [line.split()[:2] for line in lines[3:] if line and not line.startswith(("cycles:", "k ="))]
    assert firsts == [["mentoring", "early-career-teacher"], ["mentoring", "all"],
                      ["specialist-coaching", "teacher"], ["specialist-coaching", "all"],
                      ["all", "early-career-teacher"], ["all", "teacher"], ["all", "all"]]


def test_json_matches_its_schema_and_leaves_suppressed_figures_out(cli_path, store, source_dir):
    result = report(cli_path, store, "--by", "mode", "--by", "term", "--json")
    assert result.returncode == 0, result.stderr
    table = json.loads(result.stdout)
    schema = json.loads((source_dir / "docs" / "schemas" / "aggregate.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(table)
    assert table["schema"] == "coachkit.aggregate/1"
    assert table["by"] == ["mode", "term"] and table["k"] == 5
    rows = {json.dumps(r["group"], sort_keys=True): r for r in table["rows"]}
    spring = rows[json.dumps({"mode": "mentoring", "term": "2027-spring"}, sort_keys=True)]
    assert spring == {"group": {"mode": "mentoring", "term": "2027-spring"}, "suppressed": "fewer than k learners"}
    autumn = rows[json.dumps({"mode": "mentoring", "term": "2026-autumn"}, sort_keys=True)]
    assert autumn["suppressed"] == "protects a suppressed group" and "figures" not in autumn
    coaching = rows[json.dumps({"mode": "specialist-coaching"}, sort_keys=True)]
    assert coaching["figures"] == {"learners": 6, "partnerships": 6, "cycles_started": 6, "cycles_completed": 0,
                                   "cycles_abandoned": 0, "stages_completed": 0, "evidence_items": 0}
    assert table["rows"][-1]["group"] == {} and table["rows"][-1]["figures"]["learners"] == 11
    # The schema is not a formality: a suppressed row with figures fails it.
    broken = json.loads(result.stdout)
    broken["rows"][0]["figures"] = coaching["figures"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


@pytest.mark.parametrize("viewer", ["t1", "ivo", "mara"])  # a teacher, a mentor, a line manager
def test_a_teacher_a_mentor_and_a_line_manager_are_refused(cli_path, store, viewer):
    result = report(cli_path, store, "--by", "mode", viewer=viewer)
    assert result.returncode == 1, result
    assert result.stdout == ""
    expected = (r"coachkit: denied \(aggregate-viewer\): '" + viewer + r"' \([a-z-]+\) may not see aggregates: "
                r"only the coaching co-ordinator, senior leaders and integrations do\n$")
    assert re.match(expected, result.stderr), result.stderr


def test_an_unknown_viewer_is_refused(cli_path, store):
    result = report(cli_path, store, viewer="ghost")
    assert result.returncode == 1
    assert result.stderr.startswith("coachkit: denied (unknown-viewer): 'ghost' is not a person"), result.stderr


@pytest.mark.parametrize("viewer", ["olu", "hester", "mis"])
def test_the_coordinator_a_leader_and_an_integration_may_ask(cli_path, store, viewer):
    result = report(cli_path, store, "--json", viewer=viewer)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == [{"group": {}, "figures": {
        "learners": 11, "partnerships": 11, "cycles_started": 12, "cycles_completed": 0, "cycles_abandoned": 1,
        "stages_completed": 0, "evidence_items": 0}}]


def test_the_viewer_may_come_from_the_environment(cli_path, store):
    result = report(cli_path, store, "--by", "post", viewer=None, env_extra={"COACHKIT_AS": "hester"})
    assert result.returncode == 0, result.stderr
    assert "as seen by hester" in result.stdout
    refused = report(cli_path, store, viewer=None, env_extra={"COACHKIT_AS": "t2"})
    assert refused.returncode == 1 and "(aggregate-viewer)" in refused.stderr


def test_bad_queries(cli_path, store):
    missing = report(cli_path, store, viewer=None)
    assert missing.returncode == 2 and "--as" in missing.stderr, missing.stderr
    unknown = report(cli_path, store, "--by", "learner")
    assert unknown.returncode == 2 and "learner" in unknown.stderr, unknown.stderr
    three = report(cli_path, store, "--by", "mode", "--by", "post", "--by", "term")
    assert three.returncode == 1, three
    assert "at most two dimensions, not 3 (mode, post, term)" in three.stderr
    twice = report(cli_path, store, "--by", "post", "--by", "post")
    assert twice.returncode == 1 and "'post' twice" in twice.stderr, twice.stderr
    no_store = run_cli(cli_path, "report", "--as", "olu", "--store", store.parent / "missing.db")
    assert no_store.returncode == 1 and "no programme store" in no_store.stderr


def test_k_is_the_programmes_setting(cli_path, store, tmp_path):
    raised = tmp_path / "raised.db"
    shutil.copy(store, raised)
    result = run_cli(cli_path, "privacy", "k", "6", "--by", "olu", "--store", raised)
    assert result.returncode == 0, result.stderr
    out = report(cli_path, raised, "--by", "mode").stdout
    # Mentoring's five learners are now too few, and coaching would give them away.
    assert row_of(out, "mentoring").split(None, 1)[1] == "suppressed (fewer than k learners)"
    assert row_of(out, "specialist-coaching").split(None, 1)[1] == "suppressed (protects a suppressed group)"
    assert row_of(out, "all").split()[1] == "11"
    assert out.endswith("k = 6: groups of fewer than 6 learners are not shown\n")
    assert json.loads(report(cli_path, raised, "--json").stdout)["k"] == 6
