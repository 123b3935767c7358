"""The heuristic coder of coaching talk from Python: code_turns over dicts or a transcript file,
and the rules it applies (docs/heuristic-coder.md)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

try:  # the package re-exports them once coachkit/__init__.py lists them
    from coachkit import code_turns, heuristic_coder_rules, heuristic_coder_word_lists
except ImportError:
    from coachkit._coachkit import code_turns, heuristic_coder_rules, heuristic_coder_word_lists


@pytest.fixture(scope="module")
def dev_dir() -> Path:
    import os

    folder = Path(os.environ["COACHKIT_SOURCE_DIR"]) / "tests" / "analysis" / "data" / "coder-dev"
    assert folder.is_dir(), folder
    return folder


TURNS = [
    {"speaker": "Coach", "text": "How do you think the starter went?"},
    {"speaker": "Teacher", "text": "It was slow. I gave them a picture and nobody started."},
    {"speaker": "Coach", "text": "How do you know they were stuck rather than thinking?"},
    {"speaker": "Teacher", "text": "Fair point, I hadn't thought about that."},
    {"speaker": "Coach", "text": "You could model one question first next time."},
]


def functions(result: dict) -> list[str]:
    return result["codes"].get("function", [])


def test_codes_turns_given_as_dicts_in_order_with_reasons():
    results = code_turns(TURNS)
    assert [r["turn"] for r in results] == [1, 2, 3, 4, 5]
    assert [r["role"] for r in results] == ["coach", "learner", "coach", "learner", "coach"]
    assert results[0]["codes"]["initiation"] == ["coach"]
    assert "question" in functions(results[0])
    assert "challenge" in functions(results[2])
    # Turn 4 answers turn 3's challenge: the coder reads each turn after the one before it.
    assert "accept" in functions(results[3])
    assert results[4]["codes"]["time"] == ["future"]
    for result in results:
        given = sum(len(values) for values in result["codes"].values())
        assert len(result["reasons"]) == given
        for reason in result["reasons"]:
            assert set(reason) == {"dimension", "value", "rule", "cue"}
            assert reason["value"] in result["codes"][reason["dimension"]]


def test_a_role_given_with_the_turn_or_by_speakers_wins_over_the_default_names():
    turns = [
        {"speaker": "Ana", "role": "coach", "text": "What did you notice?"},
        {"speaker": "Ben", "text": "They were all looking at me."},
    ]
    results = code_turns(turns, speakers={"Ben": "learner"})
    assert [r["role"] for r in results] == ["coach", "learner"]
    assert results[0]["codes"]["initiation"] == ["coach"]
    # A turn nobody maps is "other": it is coded, but never leads.
    other = code_turns([{"speaker": "Zed", "text": "What did you notice?"}])
    assert other[0]["role"] == "other"
    assert "initiation" not in other[0]["codes"]


def test_codes_a_transcript_file_by_path(dev_dir):
    path = dev_dir / "dev-3-coconstruct.csv"
    speakers = {"Priya": "learner", "Sam": "coach"}
    from_path = code_turns(path, speakers=speakers)
    from_str = code_turns(str(path), speakers=speakers)
    assert from_path == from_str
    assert len(from_path) == 13
    assert from_path[0]["speaker"] == "Priya"
    assert from_path[0]["codes"]["initiation"] == ["learner"]
    assert from_path[0]["codes"]["scale"] == ["critical-incident"]
    # The same turns given as dicts get the same codes.
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        rows = [{"speaker": r["speaker"], "text": r["text"]} for r in csv.DictReader(f)]
    from_dicts = code_turns(rows, speakers=speakers)
    assert [r["codes"] for r in from_dicts] == [r["codes"] for r in from_path]


def test_format_overrides_the_extension(tmp_path):
    path = tmp_path / "talk.log"
    path.write_text("Coach: How did the plenary go?\nTeacher: It was rushed.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="format"):
        code_turns(path)
    results = code_turns(path, format="text")
    assert results[0]["codes"]["scale"] == ["episode"]


def test_an_unmapped_speaker_in_a_file_is_a_warning(tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text("Coach: How did it go?\nMs Dunn: Well, I think.\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="Ms Dunn"):
        results = code_turns(path)
    assert results[1]["role"] == "other"


def test_bad_input_is_refused_with_the_turn_named(tmp_path):
    import coachkit

    with pytest.raises(TypeError, match=r"turns\[1\]"):
        code_turns([{"text": "Hello?"}, "not a dict"])
    with pytest.raises(ValueError, match=r"turns\[0\] has no 'text'"):
        code_turns([{"speaker": "Coach"}])
    with pytest.raises(TypeError, match=r"turns\[0\]\['text'\] must be a str"):
        code_turns([{"speaker": "Coach", "text": 3}])
    with pytest.raises(ValueError, match="unknown role 'teacher'"):
        code_turns([{"speaker": "Coach", "role": "teacher", "text": "Why?"}])
    with pytest.raises(ValueError, match="unknown role"):
        code_turns([{"speaker": "Coach", "text": "Why?"}], speakers={"Coach": "boss"})
    with pytest.raises(TypeError, match="format"):
        code_turns([{"speaker": "Coach", "text": "Why?"}], format="csv")
    with pytest.raises(TypeError):
        code_turns(42)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"speaker,text\nCoach,Why \xff?\n")
    with pytest.raises(coachkit.InvalidDocumentError):
        code_turns(bad)
    with pytest.raises(coachkit.Error):
        code_turns(tmp_path / "missing.csv")


def test_empty_and_back_channel_turns_get_no_codes():
    results = code_turns([{"speaker": "Coach", "text": ""}, {"speaker": "Teacher", "text": "Mm."}])
    assert [r["codes"] for r in results] == [{}, {}]
    assert code_turns([]) == []


def test_threads_code_at_once_and_agree(dev_dir):
    path = dev_dir / "dev-2-video.csv"
    speakers = {"Mr Okafor": "learner"}
    expected = code_turns(path, speakers=speakers)
    results: list = [None] * 4

    def work(i):
        results[i] = code_turns(path, speakers=speakers)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_the_rules_and_word_lists_are_listed():
    rules = heuristic_coder_rules()
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {"question-form", "co-construct-uptake", "stimulus-video", "initiation-shared"} <= set(ids)
    dimensions = {r["dimension"] for r in rules}
    assert dimensions == {"initiation", "stimulus", "scale", "time", "function"}
    video = next(r for r in rules if r["id"] == "stimulus-video")
    assert video["kind"] == "cue" and "clip" in video["cues"]
    compound = next(r for r in rules if r["id"] == "predict-conditional")
    assert compound["kind"] == "compound" and compound["with"] and compound["not_followed_by"]
    lists = {l["id"]: l for l in heuristic_coder_word_lists()}
    assert "idioms" in lists and "at the moment" in lists["idioms"]["words"]
