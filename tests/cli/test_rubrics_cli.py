"""`coachkit analyse coaching` and `coachkit assess` (issue 6): scoring coaching conversations,
corpus tables, a corpus manifest, recording an assessment against a cycle and who may see it,
and bad input. The recorded case runs on the sample school (examples/sample-school)."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def corpus(source_dir) -> Path:
    return source_dir / "tests" / "analysis" / "data" / "coaching-corpus"


@pytest.fixture(scope="session")
def sample_evidence(source_dir) -> Path:
    return source_dir / "examples" / "sample-school" / "evidence"


@pytest.fixture(scope="module")
def school(source_dir, cli_path, tmp_path_factory) -> Path:
    """The sample school's store, built once: sc-larkspur-1 has its conversation scored."""
    store = tmp_path_factory.mktemp("school") / "school.db"
    environment = dict(os.environ, COLUMNS="120")
    result = subprocess.run(
        ["bash", str(source_dir / "examples" / "sample-school" / "build-programme.sh"), str(cli_path),
         str(store)], env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return store


def test_one_conversation_gets_its_level_reasons_and_cited_turns(ok, sample_evidence):
    out = ok("analyse", "coaching", str(sample_evidence / "sc-larkspur-1-coaching.csv"),
             "--speaker", "Dr Wren Hollowell=coach", "--speaker", "Tomasz Larkspur=learner").stdout
    assert ": refining (32 turns, 31 coded)" in out
    assert "why: refining coaching practice (level 3)" in out
    assert "turns that show it:" in out
    # A cited turn is printed with its speaker and words.
    assert "turn:9  Dr Wren Hollowell: What did 'No' from Pupil 2 tell you" in out
    assert "co-construction:" in out


def test_a_manifest_scores_its_corpus_and_compares_the_levels(ok, corpus, tmp_path):
    table, turns = tmp_path / "t.csv", tmp_path / "u.csv"
    out = ok("analyse", "coaching", "--manifest", str(corpus / "manifest.json"), "--jobs", "2",
             "--csv", str(table), "--turns-csv", str(turns)).stdout
    assert "agreement with the manifest's levels: 12 of 12" in out
    for level in ("emerging", "developing", "refining", "co-constructive"):
        assert f"{level}: 3" in out
    rows = list(csv.DictReader(table.open(newline="")))
    assert len(rows) == 12 and all(r["ok"] == "true" for r in rows)
    assert list(rows[0])[:6] == ["file", "ok", "turns", "coded_turns", "level", "overall"]
    turn_rows = list(csv.DictReader(turns.open(newline="")))
    assert len(turn_rows) == sum(int(r["turns"]) for r in rows)
    assert {"initiation", "stimulus", "scale", "time", "function", "cited"} <= set(turn_rows[0])


def test_json_gives_each_assessment_document(ok, corpus):
    out = ok("analyse", "coaching", str(corpus / "c12-y3-pshe.csv"), "--json").stdout
    [entry] = json.loads(out)
    assert entry["ok"] is True
    assert entry["assessment"]["schema"] == "coachkit.assessment/1"
    assert entry["assessment"]["level"] == "co-constructive"
    assert all(c["ref"].startswith("turn:") for c in entry["assessment"]["citations"])


def test_a_broken_file_in_a_folder_fails_alone(run, corpus, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.csv").write_bytes((corpus / "c04-y8-english.csv").read_bytes())
    (folder / "b.csv").write_text('speaker,text\nCoach,"never closed\n')
    result = run("analyse", "coaching", str(folder))
    assert result.returncode == 1
    assert "a.csv" in result.stdout and "developing" in result.stdout
    assert "(not scored)" in result.stdout
    assert f"{folder / 'b.csv'}:" in result.stderr


def test_thresholds_recalibrate_and_bad_ones_name_their_place(run, ok, corpus, source_dir, tmp_path):
    thresholds = json.loads((source_dir / "plugins" / "coaching-levels" / "levels.json").read_text())
    for level in thresholds["levels"]:
        if level["id"] == "co-constructive":
            level["requires"] = 6
            for condition in level["conditions"]:
                condition["at_least"] = 1000
    mine = tmp_path / "strict.json"
    mine.write_text(json.dumps(thresholds))
    out = ok("analyse", "coaching", str(corpus / "c12-y3-pshe.csv"), "--thresholds", str(mine)).stdout
    assert ": refining (" in out

    thresholds["levels"][1]["conditions"][0]["feature"] = "share.function.musing"
    mine.write_text(json.dumps(thresholds))
    result = run("analyse", "coaching", str(corpus / "c12-y3-pshe.csv"), "--thresholds", str(mine))
    assert result.returncode == 1
    assert "/levels/1/conditions/0/feature: unknown feature 'share.function.musing'" in result.stderr


def test_an_uncoded_transcript_says_to_code_it(run, tmp_path):
    talk = tmp_path / "talk.txt"
    talk.write_text("Coach: How did it go?\nTeacher: It went well.\n")
    result = run("analyse", "coaching", str(talk))
    assert result.returncode == 1
    assert "no turn is coded" in result.stderr and "heuristic" in result.stderr


def test_usage_errors(run, corpus, tmp_path):
    assert run("analyse", "coaching").returncode == 2
    assert run("analyse", "coaching", str(tmp_path / "missing.csv")).returncode == 1
    both = run("analyse", "coaching", str(corpus / "c01-y2-phonics.csv"), str(corpus / "c02-y9-history.csv"),
               "--codes", str(corpus / "coder-b" / "c01-y2-phonics.codes.json"))
    assert both.returncode == 2 and "one file" in both.stderr
    other = run("analyse", "coaching", str(corpus / "c01-y2-phonics.csv"), "--rubric", "principles-review")
    assert other.returncode == 1 and "applies to ratings" in other.stderr


def test_the_recorded_assessment_is_seen_by_the_partnership_only(run, ok, school):
    learner = ok("cycle", "show", "--cycle", "sc-larkspur-1", "--store", str(school), "--as", "larkspur").stdout
    assert "assessment:sc-larkspur-1/1" in learner
    assert re.search(r"^assessment:sc-larkspur-1/1\s+coaching-levels\s+sc-larkspur-1-coaching\s+refining\s+refining",
                     learner, re.M), learner
    leader = ok("privacy", "explain", "assessment:sc-larkspur-1/1", "--store", str(school), "--as",
                "thistlewood").stdout
    assert "deny" in leader
    explain = ok("privacy", "explain", "assessment:sc-larkspur-1/1", "--store", str(school), "--as",
                 "pennyworth").stdout
    assert "deny" in explain


def test_assess_refuses_a_non_member_and_an_item_of_another_cycle(run, school):
    outsider = run("assess", "coaching-levels", "--cycle", "sc-larkspur-1", "--evidence",
                   "sc-larkspur-1-coaching", "--by", "thistlewood", "--store", str(school))
    assert outsider.returncode == 1 and "refused (not-a-member)" in outsider.stderr
    elsewhere = run("assess", "coaching-levels", "--cycle", "mc-ashgrove-1", "--evidence",
                    "sc-larkspur-1-coaching", "--by", "kettleby", "--store", str(school))
    assert elsewhere.returncode == 1 and "refused (unknown-evidence)" in elsewhere.stderr
    wrong_kind = run("assess", "coaching-levels", "--cycle", "sc-larkspur-1", "--evidence",
                     "sc-larkspur-1-e3", "--by", "hollowell", "--store", str(school))
    assert wrong_kind.returncode == 1 and "not to a lesson-transcript" in wrong_kind.stderr


def test_assess_a_ratings_file_needs_no_store(ok, run, tmp_path):
    scores = tmp_path / "scores.json"
    scores.write_text(json.dumps({"scores": {"learning-conversation": [3, 2]}}))
    out = ok("assess", "principles-review", "--input", str(scores), "--json", "--store",
             str(tmp_path / "none.db")).stdout
    assert json.loads(out)["criteria"][0]["score"] == 2.5
    assert not (tmp_path / "none.db").exists()
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    result = run("assess", "principles-review", "--input", str(bad))
    assert result.returncode == 1 and "bad.json" in result.stderr


def test_a_programme_rubric_audits_only_what_the_reader_may_see(ok, run, school):
    out = ok("assess", "principles-audit", "--partnership", "sc-larkspur", "--store", str(school),
             "--as", "larkspur").stdout
    assert "The audit covers only what larkspur may see" in out
    assert run("assess", "principles-audit", "--store", str(school)).returncode == 2
