"""`coachkit evidence add|show|metrics` and `coachkit analyse lesson`, run as a subprocess against a
store in the test's temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

T0 = "2026-09-01T08:00:00Z"

# A lesson extract: the teacher says 30 words in three utterances, two of them questions; pupils say
# 10 words in two utterances. Teacher talk share by words: 30 / 40 = 0.75.
LESSON_VTT = """WEBVTT

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


def refused(result, rule: str) -> None:
    assert result.returncode == 1, result
    assert f"coachkit: refused ({rule}): " in result.stderr, result


@pytest.fixture
def cycle(ok):
    """A specialist-coaching cycle on the CfLaT workflow, its lesson stage in progress."""
    ok("programme", "init", "--id", "brookmere", "--name", "Brookmere Primary", "--at", T0)
    ok("person", "add", "--id", "mara", "--name", "Mara Quince", "--role", "middle-leader", "--at", T0)
    ok("person", "add", "--id", "tess", "--name", "Tess Marlow", "--role", "teacher", "--at", T0)
    ok("partnership", "add", "--id", "sc", "--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle",
       "--member", "mara:specialist-coach", "--member", "tess:professional-learner", "--at", T0)
    ok("agreement", "draft", "--partnership", "sc", "--by", "tess", "--goal", "Ask better questions", "--at", T0)
    ok("agreement", "sign", "--partnership", "sc", "--by", "tess", "--at", T0)
    ok("agreement", "sign", "--partnership", "sc", "--by", "mara", "--at", T0)
    ok("cycle", "start", "--partnership", "sc", "--by", "mara", "--at", "2026-09-02T08:00:00Z")
    ok("cycle", "advance", "--cycle", "sc-1", "--by", "mara", "--at", "2026-09-02T09:00:00Z")
    ok("cycle", "begin", "--cycle", "sc-1", "--by", "tess", "--at", "2026-09-03T09:00:00Z")
    return "sc-1"


def events(run) -> int:
    return json.loads(run("programme", "show", "--json", "--as", "tess").stdout)["events"]


def test_add_show_and_metrics(run, ok, cycle, tmp_path):
    (tmp_path / "reflection.txt").write_text("Pairs talked more.\n\nWhy did group 3 stall?\n")
    added = ok("evidence", "add", "reflection.txt", "--cycle", cycle, "--kind", "learner-reflection",
               "--by", "tess", "--summary", "after fractions", "--at", "2026-09-03T15:00:00Z")
    assert "added sc-1-e1 (learner-reflection, text, 43 bytes) to lesson of sc-1; owner tess, personal-data" \
        in added.stdout
    assert "coachkit evidence metrics sc-1-e1" in added.stdout

    # Read as Tess, whose reflection it is, and as Mara, her coach.
    listed = ok("evidence", "show", "--as", "tess").stdout
    assert "sc-1-e1" in listed and "reflection.txt" in listed and "learner-reflection" in listed
    assert "sc-1-e1" in ok("evidence", "show", "--cycle", cycle, "--as", "mara").stdout
    one = ok("evidence", "show", "sc-1-e1", "--as", "tess").stdout
    for expected in ("Evidence sc-1-e1: learner-reflection on lesson of sc-1 (partnership sc)",
                     "owner tess, personal-data; added by tess at 2026-09-03T15:00:00Z",
                     "summary: after fractions", "paragraphs"):
        assert expected in one, expected
    item = json.loads(ok("evidence", "show", "sc-1-e1", "--json", "--as", "mara").stdout)
    assert item["content"]["paragraphs"] == ["Pairs talked more.", "Why did group 3 stall?"]
    assert item["owner"] == "tess" and item["origin"] == "reflection.txt" and item["bytes"] == 43
    metrics = json.loads(ok("evidence", "metrics", "sc-1-e1", "--json", "--as", "tess").stdout)
    assert metrics["metrics"]["questions"] == 1 and metrics["metrics"]["paragraphs"] == 2
    assert "questions" in ok("evidence", "metrics", "sc-1-e1", "--as", "mara").stdout

    shown = json.loads(ok("cycle", "show", "--cycle", cycle, "--json", "--as", "tess").stdout)
    lesson = next(s for s in shown["stages"] if s["id"] == "lesson")
    assert lesson["evidence"][0]["item"] == "sc-1-e1"


def test_bad_input_names_the_place_and_stores_nothing(run, ok, cycle, tmp_path):
    before = events(run)
    (tmp_path / "bad.txt").write_bytes(b"Fine line.\nBad \xff byte.\n")
    result = run("evidence", "add", "bad.txt", "--cycle", cycle, "--kind", "learner-reflection", "--by", "tess")
    assert result.returncode == 1, result
    assert "bad.txt:2:5: invalid UTF-8 at byte offset 15" in result.stderr, result
    assert events(run) == before
    assert "no evidence items" in ok("evidence", "show", "--as", "tess").stdout

    (tmp_path / "fine.txt").write_text("Fine.\n")
    wrong_format = run("evidence", "add", "fine.txt", "--cycle", cycle, "--kind", "learner-reflection",
                       "--format", "webvtt", "--by", "tess")
    assert wrong_format.returncode == 1 and "it reads: text" in wrong_format.stderr, wrong_format
    assert run("evidence", "add", "missing.txt", "--cycle", cycle, "--kind", "learner-reflection",
               "--by", "tess").returncode == 2, "a missing file is a usage error"
    refused(run("evidence", "add", "fine.txt", "--cycle", "sc-9", "--kind", "learner-reflection", "--by", "tess"),
            "unknown-cycle")
    refused(run("evidence", "add", "fine.txt", "--cycle", cycle, "--kind", "no-such-source", "--by", "tess"),
            "unknown-evidence-source")
    refused(run("evidence", "add", "fine.txt", "--cycle", cycle, "--kind", "learner-reflection", "--by", "tess",
                "--owner", "ghost"), "not-a-member")
    bad_option = run("evidence", "add", "fine.txt", "--cycle", cycle, "--kind", "learner-reflection",
                     "--by", "tess", "--speaker", "no-equals-sign")
    assert bad_option.returncode == 1 and "expected NAME=ROLE" in bad_option.stderr, bad_option
    assert events(run) == before
    unknown = run("evidence", "show", "sc-1-e7", "--as", "tess")
    assert unknown.returncode == 1 and "no evidence item 'sc-1-e7'" in unknown.stderr, unknown


def test_a_lesson_transcript_is_stored_with_its_talk_metrics(run, ok, cycle, tmp_path):
    (tmp_path / "lesson.vtt").write_text(LESSON_VTT)
    ok("evidence", "add", "lesson.vtt", "--cycle", cycle, "--kind", "lesson-transcript", "--by", "tess",
       "--speaker", "Sam=pupil", "--at", "2026-09-03T15:00:00Z")
    item = json.loads(ok("evidence", "show", "sc-1-e1", "--json", "--as", "tess").stdout)
    assert item["format"] == "webvtt" and item["privacy"] == "personal-data"
    assert item["metrics"]["talk_share_words.teacher"] == pytest.approx(0.75)
    assert len(item["content"]["utterances"]) == 5


def test_analyse_lesson(run, ok, tmp_path):
    (tmp_path / "lesson.vtt").write_text(LESSON_VTT)
    table = ok("analyse", "lesson", "lesson.vtt", "--speaker", "Sam=pupil").stdout
    assert "talk_share_words.teacher" in table and "0.750" in table
    as_json = json.loads(ok("analyse", "lesson", "lesson.vtt", "--speaker", "Sam=pupil", "--json").stdout)
    assert as_json["format"] == "webvtt"
    assert as_json["metrics"]["talk_share_words.teacher"] == pytest.approx(0.75)
    assert as_json["metrics"]["questions.teacher"] == 2
    assert len(as_json["details"]["segments"]["tenths"]) == 10
    assert "By tenth of the lesson (by time, seconds)" in table

    (tmp_path / "broken.vtt").write_bytes(b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v T>ok \xc3\x28\n")
    broken = run("analyse", "lesson", "broken.vtt")
    assert broken.returncode == 1 and "broken.vtt:4:" in broken.stderr and "byte offset" in broken.stderr, broken
    (tmp_path / "notes.pdf").write_text("not a transcript")
    unknown = run("analyse", "lesson", "notes.pdf")
    assert unknown.returncode == 1 and "give one of" in unknown.stderr, unknown


def test_analyse_lesson_reads_a_large_transcript_in_bounded_memory(cli_path, tmp_path):
    """A ~200 MB transcript is measured by a child process whose peak memory stays far below the
    file's size: the readers stream (the bound, not the speed, is what is checked)."""
    cue = ("{:02d}:{:02d}:{:02d}.000 --> {:02d}:{:02d}:{:02d}.500\n<v Teacher>What do you notice about "
           "the numerator and the denominator in this fraction?\n\n")
    big = tmp_path / "big.vtt"
    with big.open("w") as out:
        out.write("WEBVTT\n\n")
        block = "".join(cue.format(h, m, s, h, m, s) for h in range(10) for m in range(60) for s in range(60))
        while out.tell() < 200 * 1024 * 1024:
            out.write(block)
    size_mb = big.stat().st_size / (1024 * 1024)
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(done.stderr.decode())\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe, str(cli_path), "analyse", "lesson", str(big),
                                "--json"], capture_output=True, text=True, timeout=300)
    code, peak_kb = completed.stdout.split()
    assert code == "0", completed.stderr
    peak_mb = int(peak_kb) / 1024
    assert peak_mb < 64, f"peak memory {peak_mb:.0f} MB for a {size_mb:.0f} MB transcript"
