"""The programme verbs (`programme`, `person`, `partnership`, `agreement`, `cycle`, `export`,
`import`), run as a subprocess against a store in the test's temporary folder.

Most tests work in tmp_path, so the default store (`coachkit.db` in the working folder) is used
unless a test says otherwise. Every read names its reader (`--as`, docs/privacy.md): the person who
would really be looking, usually the learner, a partner, or the co-ordinator for the whole
programme. test_privacy_cli.py tests what each reader is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

T0 = "2026-09-01T08:00:00Z"


def at(day: int, hour: int, minute: int = 0) -> str:
    """A time in September 2026 (UTC)."""
    return f"2026-09-{day:02d}T{hour:02d}:{minute:02d}:00Z"


def refused(result, rule: str) -> None:
    assert result.returncode == 1, result
    assert f"coachkit: refused ({rule}): " in result.stderr, result
    assert result.stdout == "", result


def event_count(run, *store) -> int:
    # Read as the co-ordinator: the number of events is not confidential.
    shown = run("programme", "show", "--json", "--as", "olu", *store)
    assert shown.returncode == 0, shown
    return json.loads(shown.stdout)["events"]


@pytest.fixture
def school(ok):
    """A programme with six people and no partnerships, in tmp_path/coachkit.db."""
    ok("programme", "init", "--id", "brookmere", "--name", "Brookmere Primary", "--at", T0)
    ok("person", "add", "--id", "head", "--name", "Hester Vane", "--role", "senior-leader", "--at", T0)
    for pid, name, role, manager in [
        ("mara", "Mara Quince", "middle-leader", "head"),
        ("olu", "Olu Brisk", "coaching-co-ordinator", "head"),
        ("tess", "Tess Marlow", "teacher", "mara"),
        ("ivo", "Ivo Penhallow", "teacher", "mara"),
        ("nia", "Nia Starling", "early-career-teacher", "mara"),
    ]:
        ok("person", "add", "--id", pid, "--name", name, "--role", role, "--line-manager", manager, "--at", T0)
    return None


@pytest.fixture
def swiss(ok, school):
    """A Swiss Cottage partnership (mara and olu mentor tess), agreement signed, cycle 1 through
    the observation (completed at 2026-09-08 10:00)."""
    ok("partnership", "add", "--id", "sw", "--mode", "mentoring", "--workflow", "swiss-cottage-mentor-coaching",
       "--member", "mara:mentor", "--member", "olu:mentor", "--member", "tess:professional-learner",
       "--purpose", "progression", "--focus", "questioning", "--focus-chosen-by", "tess", "--at", at(2, 9))
    ok("cycle", "start", "--partnership", "sw", "--by", "mara", "--at", at(3, 8))
    ok("agreement", "draft", "--partnership", "sw", "--by", "tess", "--goal", "More pupils talking",
       "--ground-rule", "Honest communication", "--cycles", "3", "--at", at(3, 15))
    for person in ("tess", "mara", "olu"):
        ok("agreement", "sign", "--partnership", "sw", "--by", person, "--at", at(3, 16))
    ok("cycle", "advance", "--cycle", "sw-1", "--by", "tess", "--at", at(3, 16, 30))
    ok("cycle", "advance", "--cycle", "sw-1", "--by", "tess", "--at", at(7, 15))
    ok("cycle", "begin", "--cycle", "sw-1", "--by", "mara", "--at", at(8, 9))
    ok("cycle", "evidence", "--cycle", "sw-1", "--by", "mara", "--source", "observation-record",
       "--ref", "records/sw-1-mara.pdf", "--summary", "running record", "--at", at(8, 10))
    ok("cycle", "advance", "--cycle", "sw-1", "--by", "olu", "--at", at(8, 10))
    return "sw-1"


@pytest.fixture
def pair(ok, school):
    """A co-coaching pair (tess and ivo) with a signed agreement, no cycle yet."""
    ok("partnership", "add", "--id", "cc", "--mode", "co-coaching", "--workflow", "curee-co-coaching",
       "--member", "tess:co-coach", "--member", "ivo:co-coach", "--focus", "talk partners",
       "--focus-chosen-by", "tess", "--specialist-input", "a reading group", "--at", at(2, 9))
    ok("agreement", "draft", "--partnership", "cc", "--by", "tess", "--goal", "Dialogic talk",
       "--weeks", "12", "--cycles", "4", "--at", at(2, 10))
    ok("agreement", "sign", "--partnership", "cc", "--by", "tess", "--at", at(2, 11))
    ok("agreement", "sign", "--partnership", "cc", "--by", "ivo", "--at", at(2, 11))
    return "cc"


def run_co_coaching_cycle(ok, cycle: str, by: str, day: int) -> None:
    """Completes every remaining stage of a co-coaching cycle and closes it."""
    for hour in range(9, 15):
        shown = json.loads(ok("cycle", "show", "--cycle", cycle, "--json", "--as", by).stdout)
        if shown["current_stage"] is None:
            break
        ok("cycle", "advance", "--cycle", cycle, "--by", by, "--at", at(day, hour))
    ok("cycle", "close", "--cycle", cycle, "--by", by, "--at", at(day, 16))


# ---- the store ----------------------------------------------------------------------------------


def test_init_creates_coachkit_db_in_the_working_folder(run, tmp_path):
    result = run("programme", "init", "--id", "p", "--name", "P School")
    assert result.returncode == 0, result
    assert (tmp_path / "coachkit.db").is_file()
    assert "started programme p (P School) in coachkit.db" in result.stdout


def test_the_environment_names_the_store_and_the_option_wins(run, tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_STORE", str(tmp_path / "from-env.db"))
    assert run("programme", "init", "--id", "env", "--name", "Env").returncode == 0
    assert (tmp_path / "from-env.db").is_file() and not (tmp_path / "coachkit.db").exists()
    assert run("programme", "init", "--id", "opt", "--name", "Opt", "--store", tmp_path / "opt.db").returncode == 0
    # Someone to read as, in each store.
    assert run("person", "add", "--id", "ann", "--name", "Ann", "--role", "teacher").returncode == 0
    assert run("person", "add", "--id", "ann", "--name", "Ann", "--role", "teacher",
               "--store", tmp_path / "opt.db").returncode == 0
    assert json.loads(run("programme", "show", "--json", "--as", "ann").stdout)["id"] == "env"
    assert json.loads(run("programme", "show", "--json", "--as", "ann",
                          "--store", tmp_path / "opt.db").stdout)["id"] == "opt"


def test_a_missing_store_is_an_error_and_is_not_created(run, tmp_path):
    for args in (["programme", "show", "--as", "a"], ["person", "add", "--id", "a", "--name", "A", "--role", "teacher"],
                 ["cycle", "show", "--cycle", "x", "--as", "a"], ["export", "--as", "a"], ["export", "--journal"]):
        result = run(*args)
        assert result.returncode == 1, result
        assert "coachkit: error: no programme store 'coachkit.db'" in result.stderr
        assert "coachkit programme init" in result.stderr
    assert not (tmp_path / "coachkit.db").exists()


def test_a_store_that_is_not_sqlite_is_a_clear_error(run, tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("These are my lesson notes, not a database. " * 20)
    before = bogus.read_bytes()
    for args in (["programme", "show", "--as", "x"], ["programme", "init", "--id", "x", "--name", "X"],
                 ["import", "whatever.json"]):
        result = run(*args, "--store", bogus)
        assert result.returncode == 1, result
        assert result.stderr.startswith("coachkit: error: "), result
        assert "notes.db" in result.stderr and "not" in result.stderr
    assert bogus.read_bytes() == before


def test_init_twice_is_refused(run, school):
    refused(run("programme", "init", "--id", "again", "--name", "Again"), "programme-exists")


def test_a_refused_init_leaves_no_store(run, tmp_path):
    refused(run("programme", "init", "--id", "", "--name", "Nameless"), "invalid-input")
    assert not (tmp_path / "coachkit.db").exists(), "a refused init leaves no store behind"


# ---- people and partnerships ------------------------------------------------------------------


def test_person_add_and_the_summary(run, school):
    result = run("programme", "show", "--as", "olu")
    assert result.returncode == 0, result
    assert result.stdout.startswith("Programme brookmere: Brookmere Primary\n6 people, 0 partnerships, 7 events")
    state = json.loads(run("programme", "show", "--json", "--as", "olu").stdout)
    tess = next(p for p in state["people"] if p["id"] == "tess")
    assert tess == {"id": "tess", "name": "Tess Marlow", "role": "teacher", "line_manager": "mara"}


def test_person_add_bad_input(run, school):
    bad_role = run("person", "add", "--id", "x", "--name", "X", "--role", "headmaster")
    assert bad_role.returncode == 2 and "--role" in bad_role.stderr and "early-career-teacher" in bad_role.stderr
    refused(run("person", "add", "--id", "x", "--name", "X", "--role", "teacher", "--line-manager", "nobody"),
            "unknown-person")
    refused(run("person", "add", "--id", "tess", "--name", "Tess Again", "--role", "teacher"), "duplicate-id")
    bad_time = run("person", "add", "--id", "x", "--name", "X", "--role", "teacher", "--at", "2026-09-01 08:00")
    assert bad_time.returncode == 2 and "--at" in bad_time.stderr and "2026-09-01 08:00" in bad_time.stderr
    for malformed in ("2026-02-30T08:00:00Z", "yesterday", "2026-09-01T08:00:00+01:00"):
        assert run("person", "add", "--id", "x", "--name", "X", "--role", "teacher", "--at", malformed).returncode == 2
    assert event_count(run) == 7, "nothing was written"


def test_partnership_add_prints_conformance_warnings(run, school):
    result = run("partnership", "add", "--id", "cc", "--mode", "co-coaching", "--workflow", "curee-co-coaching",
                 "--member", "tess:co-coach", "--member", "ivo:co-coach")
    assert result.returncode == 0, result
    assert "formed cc (co-coaching, workflow curee-co-coaching): tess (co-coach), ivo (co-coach)" in result.stdout
    assert re.search(r"^coachkit: warning \(co-coaching-specialist-input\): .+ \[001_02d9a7e25f685ada\.txt\]$",
                     result.stderr, re.M), result
    assert "coachkit: warning (learner-chosen-focus)" in result.stderr


def test_partnership_add_bad_input(run, school):
    base = ["partnership", "add", "--id", "p", "--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle"]
    refused(run(*base, "--member", "ghost:specialist-coach", "--member", "tess:professional-learner"),
            "unknown-person")
    refused(run(*base, "--member", "mara:captain", "--member", "tess:professional-learner"), "partnership-roles")
    refused(run("partnership", "add", "--id", "p", "--mode", "specialist-coaching", "--workflow", "no-such-flow",
                "--member", "mara:specialist-coach", "--member", "tess:professional-learner"), "unknown-workflow")
    refused(run("partnership", "add", "--id", "p", "--mode", "mentoring", "--workflow", "cflat-ideal-cycle",
                "--member", "mara:mentor", "--member", "tess:professional-learner"), "workflow-mode")
    no_colon = run(*base, "--member", "mara", "--member", "tess:professional-learner")
    assert no_colon.returncode == 2 and "PERSON:ROLE" in no_colon.stderr
    assert run(*base).returncode == 2, "--member is required"


# ---- agreements ------------------------------------------------------------------------------


def test_agreement_draft_sign_and_show(run, ok, school):
    ok("partnership", "add", "--id", "sc", "--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle",
       "--member", "mara:specialist-coach", "--member", "tess:professional-learner", "--focus", "questioning",
       "--focus-chosen-by", "tess")
    drafted = ok("agreement", "draft", "--partnership", "sc", "--by", "tess", "--goal", "Wait longer after questions",
                 "--priority-goal", "Reasoning in maths=maths mastery", "--ground-rule", "Evidence before opinion",
                 "--confidentiality", "summary-to-co-ordinator", "--video-consent", "--weeks", "6", "--cycles", "2",
                 "--review", "2026-10-20", "--performance-management-link", "--at", at(3, 9))
    assert "drafted the agreement of sc (2 goals, 1 ground rule)" in drafted.stdout
    assert "1 of 2 signed" in ok("agreement", "sign", "--partnership", "sc", "--by", "tess", "--at", at(3, 10)).stdout
    refused(run("agreement", "sign", "--partnership", "sc", "--by", "tess"), "already-signed")
    refused(run("agreement", "sign", "--partnership", "sc", "--by", "ivo"), "not-a-member")
    assert "signed by every member" in ok("agreement", "sign", "--partnership", "sc", "--by", "mara").stdout
    shown = ok("agreement", "show", "--partnership", "sc", "--as", "tess").stdout
    for expected in ("Learning agreement of partnership sc (specialist-coaching): signed by every member",
                     "1. Wait longer after questions", "2. Reasoning in maths [school priority: maths mastery]",
                     "- Evidence before opinion", "Confidentiality: summary-to-co-ordinator",
                     "Performance-management link: yes", "Video consent: yes", "Planned: 6 weeks, 2 cycles",
                     "Review dates: 2026-10-20", "tess at 2026-09-03T10:00:00Z"):
        assert expected in shown, expected
    as_json = json.loads(ok("agreement", "show", "--partnership", "sc", "--json", "--as", "mara").stdout)
    assert as_json["signed"] is True and as_json["planned_cycles"] == 2
    assert as_json["goals"][1] == {"text": "Reasoning in maths", "school_priority": "maths mastery"}


def test_agreement_from_a_file(run, ok, school, tmp_path):
    ok("partnership", "add", "--id", "sc", "--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle",
       "--member", "mara:specialist-coach", "--member", "tess:professional-learner")
    document = {
        "schema": "coachkit.agreement/1",
        "partnership": "sc",
        "goals": ["Plain goal", {"text": "Tied goal", "school_priority": "reading"}],
        "ground_rules": ["Confidential unless Tess says otherwise"],
        "confidentiality": "partnership-only",
        "video_consent": True,
        "planned_weeks": 8,
        "planned_cycles": 3,
        "review_dates": ["2026-11-02"],
    }
    (tmp_path / "agreement.json").write_text(json.dumps(document))
    ok("agreement", "draft", "--partnership", "sc", "--by", "tess", "--file", "agreement.json")
    agreement = json.loads(ok("agreement", "show", "--partnership", "sc", "--json", "--as", "tess").stdout)
    assert agreement["goals"] == [{"text": "Plain goal"}, {"text": "Tied goal", "school_priority": "reading"}]
    assert agreement["planned_cycles"] == 3 and agreement["video_consent"] is True


def test_agreement_bad_input(run, ok, school, tmp_path):
    ok("partnership", "add", "--id", "sc", "--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle",
       "--member", "mara:specialist-coach", "--member", "tess:professional-learner")
    draft = ["agreement", "draft", "--partnership", "sc"]
    assert run(*draft, "--goal", "x").returncode == 2, "--by is required"
    refused(run(*draft, "--by", "mara", "--performance-management-link"), "pm-link-learner-only")
    refused(run(*draft, "--by", "ivo", "--goal", "x"), "not-a-member")
    refused(run("agreement", "draft", "--partnership", "nope", "--by", "tess"), "unknown-partnership")
    refused(run(*draft, "--by", "tess", "--cycles", "0"), "invalid-input")
    assert run(*draft, "--by", "tess", "--review", "2026-13-01").returncode == 2
    assert run(*draft, "--by", "tess", "--confidentiality", "everyone").returncode == 2
    assert run(*draft, "--by", "tess", "--priority-goal", "no priority here").returncode == 2
    (tmp_path / "a.json").write_text('{"goals": ["x"]}')
    assert run(*draft, "--by", "tess", "--file", "a.json", "--goal", "y").returncode == 2
    (tmp_path / "bad.json").write_text(json.dumps({"goals": [{"txt": "typo"}], "planned_cycles": "four",
                                                   "ground_rule": ["misspelt"], "partnership": "other"}))
    bad = run(*draft, "--by", "tess", "--file", "bad.json")
    assert bad.returncode == 1, bad
    for pointer in ("bad.json:/goals/0/txt: ", "bad.json:/goals/0: ", "bad.json:/planned_cycles: ",
                    "bad.json:/ground_rule: ", "bad.json:/partnership: "):
        assert pointer in bad.stderr, pointer
    (tmp_path / "broken.json").write_text('{\n  "goals": [\n')
    broken = run(*draft, "--by", "tess", "--file", "broken.json")
    assert broken.returncode == 1 and re.search(r"broken\.json:\d+:\d+: ", broken.stderr), broken
    refused(run("agreement", "sign", "--partnership", "sc", "--by", "tess"), "no-agreement")
    missing = run("agreement", "show", "--partnership", "sc", "--as", "tess")
    assert missing.returncode == 1 and "has no agreement yet" in missing.stderr


# ---- cycles: the Swiss Cottage rules ---------------------------------------------------------


def test_swiss_cottage_post_lesson_record_by_a_mentor_is_refused(run, swiss):
    before = event_count(run)
    result = run("cycle", "advance", "--cycle", swiss, "--by", "mara", "--record", "Good lesson", "--at", at(8, 14))
    refused(result, "record-writer")
    assert "professional-learner" in result.stderr and "'mara' is the mentor" in result.stderr
    assert event_count(run) == before, "a refusal writes nothing"


def test_swiss_cottage_post_lesson_straight_after_the_observation_is_refused(run, swiss):
    result = run("cycle", "advance", "--cycle", swiss, "--by", "tess", "--record", "Mine", "--at", at(8, 10, 15))
    refused(result, "stage-timing")
    assert "not before 2026-09-08T11:00:00Z" in result.stderr
    refused(run("cycle", "advance", "--cycle", swiss, "--by", "tess", "--at", at(10, 9)), "stage-timing")
    refused(run("cycle", "schedule", "--cycle", swiss, "--stage", "post-lesson-dialogue", "--for", at(8, 10, 30),
                "--by", "tess"), "stage-timing")
    refused(run("cycle", "schedule", "--cycle", swiss, "--stage", "post-lesson-dialogue", "--for", at(9, 15),
                "--by", "mara"), "scheduled-by")


def test_swiss_cottage_grades_only_in_formal_cycles(run, ok, swiss):
    refused(run("cycle", "advance", "--cycle", swiss, "--by", "tess", "--record", "Mine", "--grade", "good",
                "--at", at(9, 15)), "grades")
    ok("cycle", "advance", "--cycle", swiss, "--by", "tess", "--record", "Mine", "--at", at(9, 15))
    ok("cycle", "close", "--cycle", swiss, "--by", "tess", "--at", at(9, 16))
    started = ok("cycle", "start", "--partnership", "sw", "--by", "mara", "--formal", "--at", at(14, 8))
    assert "started cycle sw-2" in started.stdout and "formal" in started.stdout
    assert "contracting-conversation" not in started.stdout, "the contract is held in the first cycle only"
    ok("cycle", "advance", "--cycle", "sw-2", "--by", "tess", "--at", at(14, 15))
    ok("cycle", "advance", "--cycle", "sw-2", "--by", "mara", "--at", at(15, 10))
    done = ok("cycle", "advance", "--cycle", "sw-2", "--by", "tess", "--record", "Graded", "--grade", "good",
              "--at", at(16, 9))
    assert "(grade good)" in done.stdout and "every stage is complete" in done.stdout


def test_swiss_cottage_full_cycle_and_cycle_show(run, ok, swiss, tmp_path):
    scheduled = ok("cycle", "schedule", "--cycle", swiss, "--stage", "post-lesson-dialogue", "--for", at(9, 15, 45),
                   "--by", "tess", "--at", at(8, 11))
    assert "scheduled post-lesson-dialogue of sw-1 for 2026-09-09T15:45:00Z" in scheduled.stdout
    ok("cycle", "begin", "--cycle", swiss, "--by", "tess", "--at", at(9, 15, 45))
    ok("cycle", "note", "--cycle", swiss, "--by", "olu", "--text", "Four pupils answered most questions",
       "--at", at(9, 16))
    action = ok("cycle", "action", "--cycle", swiss, "--by", "tess", "--text", "Try talk partners",
                "--due", "2026-09-25", "--at", at(9, 16, 20))
    assert "agreed an action in sw-1 for tess, due 2026-09-25" in action.stdout
    (tmp_path / "record.txt").write_text("Strength: text choice.\nTo develop: more pupils talking.\n\n")
    done = ok("cycle", "advance", "--cycle", swiss, "--by", "tess", "--record-file", "record.txt",
              "--at", at(9, 16, 30))
    assert "completed post-lesson-dialogue of cycle sw-1 at 2026-09-09T16:30:00Z by tess (record by tess)" in done.stdout
    shown = ok("cycle", "show", "--cycle", swiss, "--as", "tess").stdout
    for expected in ("Cycle sw-1: cycle 1 of partnership sw (workflow swiss-cottage-mentor-coaching",
                     "learner tess, informal, open", "post-lesson-dialogue, written by tess:",
                     "records/sw-1-mara.pdf", "Four pupils answered most questions", "Try talk partners",
                     "every stage is complete"):
        assert expected in shown, expected
    assert re.search(r"^post-lesson-dialogue\s+completed\s+2026-09-09 15:45:00", shown, re.M), shown
    as_json = json.loads(ok("cycle", "show", "--cycle", swiss, "--json", "--as", "mara").stdout)
    post = as_json["stages"][-1]
    assert post["record"] == "Strength: text choice.\nTo develop: more pupils talking."
    assert post["record_by"] == "tess" and post["scheduled_for"] == "2026-09-09T15:45:00Z"
    assert as_json["current_stage"] is None and as_json["prompts"] == []
    assert ok("cycle", "close", "--cycle", swiss, "--by", "mara", "--at", at(9, 17)).stdout == "closed cycle sw-1\n"
    refused(run("cycle", "note", "--cycle", swiss, "--by", "tess", "--text", "late"), "cycle-not-open")


def test_advance_prints_what_is_next_with_its_prompts(run, ok, school):
    ok("partnership", "add", "--id", "sw", "--mode", "mentoring", "--workflow", "swiss-cottage-mentor-coaching",
       "--member", "mara:mentor", "--member", "olu:mentor", "--member", "tess:professional-learner",
       "--purpose", "progression")
    started = ok("cycle", "start", "--partnership", "sw", "--by", "tess", "--at", at(3, 8)).stdout
    assert "stages: contracting-conversation, pre-lesson-dialogue, observation, post-lesson-dialogue" in started
    result = run("cycle", "advance", "--cycle", "sw-1", "--by", "tess", "--at", at(3, 9))
    refused(result, "agreement-not-signed")
    ok("agreement", "draft", "--partnership", "sw", "--by", "tess", "--at", at(3, 9))
    for person in ("tess", "mara", "olu"):
        ok("agreement", "sign", "--partnership", "sw", "--by", person, "--at", at(3, 9))
    out = ok("cycle", "advance", "--cycle", "sw-1", "--by", "tess", "--at", at(3, 10)).stdout
    assert out.startswith("completed contracting-conversation of cycle sw-1 at 2026-09-03T10:00:00Z by tess\n")
    assert "next: pre-lesson-dialogue (Pre-lesson dialogue)" in out
    assert "about 30 minutes" in out
    assert re.search(r"^prompts for pre-lesson-dialogue:\n  - \S", out, re.M), out
    out = ok("cycle", "advance", "--cycle", "sw-1", "--by", "tess", "--at", at(4, 10)).stdout
    assert "next: observation" in out and "evidence expected: observation-record" in out
    out = ok("cycle", "advance", "--cycle", "sw-1", "--by", "mara", "--at", at(5, 10))
    assert "the record is written by the professional-learner" in out.stdout
    assert "at least 60 minutes after observation, on the same or the next day" in out.stdout
    assert "coachkit: warning (stage-evidence)" in out.stderr, "the observation expects a running record"
    shown = json.loads(ok("cycle", "show", "--cycle", "sw-1", "--json", "--as", "tess").stdout)
    assert shown["current_stage"] == "post-lesson-dialogue" and shown["prompts"]


def test_cycle_verbs_bad_input(run, ok, swiss):
    for verb in (["start", "--partnership", "sw"], ["advance", "--cycle", swiss], ["close", "--cycle", swiss],
                 ["note", "--cycle", swiss, "--text", "x"], ["abandon", "--cycle", swiss, "--reason", "x"]):
        result = run("cycle", *verb)
        assert result.returncode == 2 and "--by" in result.stderr, (verb, result)
    refused(run("cycle", "advance", "--cycle", "nope", "--by", "tess"), "unknown-cycle")
    refused(run("cycle", "start", "--partnership", "sw", "--by", "tess"), "one-open-cycle")
    refused(run("cycle", "advance", "--cycle", swiss, "--by", "ivo"), "not-a-member")
    refused(run("cycle", "advance", "--cycle", swiss, "--by", "tess", "--stage", "observation"), "stage-order")
    refused(run("cycle", "advance", "--cycle", swiss, "--by", "tess", "--stage", "debrief"), "unknown-stage")
    refused(run("cycle", "close", "--cycle", swiss, "--by", "tess"), "stages-incomplete")
    refused(run("cycle", "note", "--cycle", swiss, "--by", "tess", "--text", "x"), "stage-not-started")
    refused(run("cycle", "action", "--cycle", swiss, "--by", "tess", "--text", "x", "--owner", "ivo"),
            "not-a-member")
    assert run("cycle", "action", "--cycle", swiss, "--by", "tess", "--text", "x", "--due", "soon").returncode == 2
    assert run("cycle", "schedule", "--cycle", swiss, "--stage", "post-lesson-dialogue", "--for", "tomorrow",
               "--by", "tess").returncode == 2
    assert run("cycle", "advance", "--cycle", swiss, "--by", "tess", "--record", "a",
               "--record-file", "b.txt").returncode == 2
    missing = run("cycle", "advance", "--cycle", swiss, "--by", "tess", "--record-file", "no-such.txt")
    assert missing.returncode == 1 and "no-such.txt" in missing.stderr
    unknown = run("cycle", "show", "--cycle", "nope", "--as", "tess")
    assert unknown.returncode == 1 and "no cycle 'nope'" in unknown.stderr


def test_abandon(run, ok, swiss):
    abandoned = ok("cycle", "abandon", "--cycle", swiss, "--by", "mara", "--reason", "Tess was ill",
                   "--at", at(9, 8))
    assert abandoned.stdout == "abandoned cycle sw-1\n"
    state = json.loads(ok("programme", "show", "--json", "--as", "tess").stdout)
    assert state["cycles"][0]["status"] == "abandoned" and state["cycles"][0]["abandon_reason"] == "Tess was ill"
    assert re.search(r"^sw\s+signed\s+0\s+0\s+1\s+3\s+-$", ok("programme", "show", "--as", "tess").stdout, re.M)


# ---- cycles: co-coaching ----------------------------------------------------------------------


def test_co_coaching_roles_alternate(run, ok, pair):
    first = ok("cycle", "start", "--partnership", pair, "--by", "tess", "--at", at(7, 8))
    assert "learner tess" in first.stdout
    run_co_coaching_cycle(ok, "cc-1", "tess", 7)
    refused(run("cycle", "start", "--partnership", pair, "--by", "tess", "--learner", "tess", "--at", at(14, 8)),
            "roles-alternate")
    second = ok("cycle", "start", "--partnership", pair, "--by", "tess", "--at", at(14, 8))
    assert "started cycle cc-2" in second.stdout and "learner ivo" in second.stdout
    assert "co-coaching-agreement" not in second.stdout
    run_co_coaching_cycle(ok, "cc-2", "ivo", 14)
    third = ok("cycle", "start", "--partnership", pair, "--by", "ivo", "--id", "cc-autumn-3", "--at", at(21, 8))
    assert "started cycle cc-autumn-3" in third.stdout and "learner tess" in third.stdout
    learners = [c["learner"] for c in json.loads(ok("programme", "show", "--json", "--as", "ivo").stdout)["cycles"]]
    assert learners == ["tess", "ivo", "tess"]
    refused(run("cycle", "start", "--partnership", pair, "--by", "ivo", "--learner", "mara"), "one-open-cycle")


# ---- the summary ------------------------------------------------------------------------------


def test_programme_show_text_and_json(run, ok, swiss, pair):
    # The co-ordinator's view of the whole programme (olu also mentors in sw).
    text = ok("programme", "show", "--as", "olu").stdout
    assert text.startswith("Programme brookmere: Brookmere Primary\n6 people, 2 partnerships, ")
    assert re.search(r"^sw\s+mentoring\s+swiss-cottage-mentor-coaching\s+mara \(mentor\)", text, re.M), text
    assert re.search(r"^cc\s+co-coaching\s+curee-co-coaching\s+tess \(co-coach\), ivo \(co-coach\)$", text, re.M)
    assert re.search(r"^sw\s+signed\s+0\s+1\s+0\s+3\s+sw-1 at post-lesson-dialogue$", text, re.M), text
    assert re.search(r"^cc\s+signed\s+0\s+0\s+0\s+4\s+-$", text, re.M), text
    assert "No conformance findings" in text
    state = json.loads(ok("programme", "show", "--json", "--as", "olu").stdout)
    assert set(state) == {"id", "name", "created_at", "events", "people", "partnerships", "agreements", "cycles",
                          "evidence_items", "consents", "erasures", "anonymity_k", "viewer", "withheld", "excerpts",
                          "findings"}
    assert state["findings"] == [] and state["created_at"] == T0 and state["viewer"] == "olu"
    assert [p["id"] for p in state["partnerships"]] == ["sw", "cc"]


def test_programme_show_lists_findings(run, ok, school):
    ok("partnership", "add", "--id", "sc", "--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle",
       "--member", "mara:specialist-coach", "--member", "tess:professional-learner", "--focus", "questioning",
       "--focus-chosen-by", "mara")
    text = ok("programme", "show", "--as", "olu").stdout
    assert "Conformance findings (2)" in text
    assert re.search(r"^buffer-zones\s+sc\s+.+001_02d9a7e25f685ada\.txt$", text, re.M), text
    findings = json.loads(ok("programme", "show", "--json", "--as", "olu").stdout)["findings"]
    assert {f["rule"] for f in findings} == {"buffer-zones", "learner-chosen-focus"}
    assert all(set(f) == {"rule", "partnership", "message", "source"} and f["partnership"] == "sc"
               for f in findings)


# ---- export and import ------------------------------------------------------------------------


def test_export_import_round_trip(run, ok, swiss, pair, tmp_path):
    exported = ok("export", "--journal").stdout
    document = json.loads(exported)
    assert document["schema"] == "coachkit.programme/1"
    ok("export", "--journal", "--output", "out/programme.json")
    assert json.loads((tmp_path / "out" / "programme.json").read_text())["events"] == document["events"]
    imported = ok("import", "out/programme.json", "--store", "copy.db")
    assert f"imported programme brookmere (Brookmere Primary): {len(document['events'])} events" in imported.stdout
    again = json.loads(ok("export", "--journal", "--store", "copy.db").stdout)
    assert again["events"] == document["events"]
    assert again["state"] == document["state"]
    for reader in ("olu", "tess", "ivo", "head"):
        assert ok("programme", "show", "--as", reader, "--store", "copy.db").stdout.replace("copy.db", "coachkit.db") \
            == ok("programme", "show", "--as", reader).stdout, reader


def test_import_into_a_non_empty_store_is_refused(run, ok, swiss, tmp_path):
    (tmp_path / "p.json").write_text(ok("export", "--journal").stdout)
    before = event_count(run)
    refused(run("import", "p.json"), "programme-exists")
    assert event_count(run) == before


def test_import_of_malformed_json_names_the_file_and_line(run, tmp_path):
    (tmp_path / "broken.json").write_text('{\n  "schema": "coachkit.programme/1",\n  "events": [\n    {,\n')
    result = run("import", "broken.json", "--store", "new.db")
    assert result.returncode == 1, result
    assert re.search(r"^broken\.json:4:\d+: ", result.stderr, re.M), result
    assert "coachkit: error: broken.json: nothing imported (1 problem)" in result.stderr
    assert not (tmp_path / "new.db").exists(), "a failed import leaves no store behind"


def test_import_of_a_bad_event_names_its_pointer(run, ok, swiss, tmp_path):
    document = json.loads(ok("export", "--journal").stdout)
    del document["state"]
    document["events"][4]["at"] = "last Tuesday"
    document["events"][6]["type"] = "cycle.teleported"
    (tmp_path / "bad.json").write_text(json.dumps(document, indent=2))
    result = run("import", "bad.json", "--store", "new.db")
    assert result.returncode == 1, result
    assert "bad.json:/events/4/at: " in result.stderr, result
    assert not (tmp_path / "new.db").exists()
    document["events"][4]["at"] = T0
    (tmp_path / "bad.json").write_text(json.dumps(document, indent=2))
    result = run("import", "bad.json", "--store", "new.db")
    assert result.returncode == 1 and "bad.json:/events/6" in result.stderr, result


def test_import_of_a_missing_file(run, tmp_path):
    result = run("import", "nothing-here.json", "--store", "new.db")
    assert result.returncode == 1 and "nothing-here.json" in result.stderr, result
    assert not (tmp_path / "new.db").exists()
    assert run("import").returncode == 2


def test_export_of_a_store_without_a_programme(run, tmp_path):
    (tmp_path / "empty.db").write_bytes(b"")
    refused(run("export", "--store", "empty.db"), "no-programme")
    refused(run("export", "--journal", "--store", "empty.db"), "no-programme")
    refused(run("export", "--as", "tess", "--store", "empty.db"), "no-programme")
