"""coachkit.analysis: corpus scoring from Python, its tables, DataFrames and CSV.

The corpus is the hand-coded one in tests/analysis/data/coaching-corpus: twelve conversations,
three at each level of coaching practice development, with each one's level in manifest.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import coachkit
from coachkit import analysis

TRANSCRIPT_COLUMNS_BEFORE = ["file", "ok", "turns", "coded_turns", "level", "overall"]
CRITERIA = ["initiation", "stimulus", "scale", "time", "function", "co-construction"]
TRANSCRIPT_COLUMNS = TRANSCRIPT_COLUMNS_BEFORE + CRITERIA + ["rationale", "cited_turns", "errors"]
TURN_COLUMNS = ["file", "turn", "speaker", "role", "words",
                "initiation", "stimulus", "scale", "time", "function", "cited"]
LEVELS = ["emerging", "developing", "refining", "co-constructive"]


@pytest.fixture(scope="module")
def corpus_dir(source_dir) -> Path:
    folder = source_dir / "tests" / "analysis" / "data" / "coaching-corpus"
    assert (folder / "manifest.json").is_file(), f"{folder} has no manifest.json"
    return folder


@pytest.fixture(scope="module")
def manifest(corpus_dir) -> dict:
    with open(corpus_dir / "manifest.json", encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def speakers(manifest) -> dict:
    """One speakers map for the whole corpus (every teacher has a distinct name)."""
    merged = {}
    for entry in manifest["transcripts"]:
        merged.update(entry["speakers"])
    return merged


@pytest.fixture(scope="module")
def levels_json(source_dir) -> dict:
    with open(source_dir / "plugins" / "coaching-levels" / "levels.json", encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def results(corpus_dir, speakers):
    return analysis.score_corpus(corpus_dir, options={"speakers": speakers})


@pytest.fixture
def pd():
    return pytest.importorskip("pandas")


def by_name(results):
    return {Path(r.file).name: r for r in results}


# --- scoring -------------------------------------------------------------------------------------


def test_scoring_the_corpus_gives_each_manifest_level(results, manifest):
    scored = by_name(results)
    assert sorted(scored) == sorted(e["file"] for e in manifest["transcripts"])
    for entry in manifest["transcripts"]:
        result = scored[entry["file"]]
        assert result.ok, result.errors
        assert isinstance(result.assessment, coachkit.Assessment)
        assert result.assessment.rubric == "coaching-levels"
        assert result.assessment.level == entry["level"], (entry["file"],
                                                           result.assessment.rationale)
        assert result.assessment.overall == LEVELS.index(entry["level"]) + 1


def test_a_folder_is_scored_in_name_order_and_a_list_in_the_order_given(corpus_dir, manifest,
                                                                        speakers, results):
    names = [Path(r.file).name for r in results]
    assert names == sorted(names)
    files = [corpus_dir / e["file"] for e in reversed(manifest["transcripts"][:4])]
    listed = analysis.score_corpus([str(files[0])] + files[1:], options={"speakers": speakers})
    assert [r.file for r in listed] == [str(f) for f in files]


def test_a_result_carries_turns_metrics_and_diagnostics(results, manifest):
    scored = by_name(results)
    for entry in manifest["transcripts"]:
        result = scored[entry["file"]]
        assert len(result.turns) == entry["turns"]
        assert result.metrics["turns"] == entry["turns"]
        assert [t["n"] for t in result.turns] == list(range(1, entry["turns"] + 1))
        assert all(d.severity != coachkit.Severity.error for d in result.diagnostics)
        assert result.errors == []
    first = scored["c11-y8-maths.csv"].turns[0]
    assert set(first) == {"n", "speaker", "role", "text", "codes"}
    assert first["speaker"] == "Coach" and first["role"] == "coach"
    assert set(first["codes"]) <= {"initiation", "stimulus", "scale", "time", "function"}
    assert all(isinstance(v, list) for v in first["codes"].values())
    assert "c11-y8-maths.csv: co-constructive" in repr(scored["c11-y8-maths.csv"])


def test_one_thread_and_every_core_give_the_same_results(corpus_dir, speakers, results):
    single = analysis.score_corpus(corpus_dir, options={"speakers": speakers}, jobs=1)
    many = analysis.score_corpus(corpus_dir, options={"speakers": speakers}, jobs=8)
    for a, b, c in zip(single, many, results):
        assert a.file == b.file == c.file
        assert a.assessment.level == b.assessment.level == c.assessment.level
        assert a.assessment.rationale == b.assessment.rationale


def test_the_speakers_option_gives_the_teachers_their_role(corpus_dir, results):
    # A teacher's name has no default role: without the speakers map the teacher is "other".
    plain = by_name(analysis.score_corpus(corpus_dir / "c01-y2-phonics.csv"))
    roles = {t["speaker"]: t["role"] for t in plain["c01-y2-phonics.csv"].turns}
    assert roles == {"Coach": "coach", "Mrs Carraway": "other"}
    given = {t["speaker"]: t["role"] for t in by_name(results)["c01-y2-phonics.csv"].turns}
    assert given == {"Coach": "coach", "Mrs Carraway": "learner"}


def test_thresholds_recalibrate_the_levels_as_a_dict_or_a_file(corpus_dir, speakers, levels_json,
                                                               tmp_path):
    strict = json.loads(json.dumps(levels_json))
    top = next(level for level in strict["levels"] if level["id"] == "co-constructive")
    for condition in top["conditions"]:
        if condition.get("required"):
            condition["at_least"] = 1000
    file = tmp_path / "strict.json"
    file.write_text(json.dumps(strict), encoding="utf-8")
    for thresholds in (strict, file, str(file)):
        scored = analysis.score_corpus(corpus_dir, options={"speakers": speakers},
                                       thresholds=thresholds)
        levels = {Path(r.file).name: r.assessment.level for r in scored}
        assert levels["c11-y8-maths.csv"] == "refining", thresholds
        assert levels["c01-y2-phonics.csv"] == "emerging"


def test_score_content_scores_what_read_evidence_gave(corpus_dir, manifest):
    entry = manifest["transcripts"][10]
    reading = coachkit.read_evidence(coachkit.plugins.default_registry(), "coaching-transcript",
                                     str(corpus_dir / entry["file"]),
                                     options={"speakers": entry["speakers"]})
    result = analysis.score_content(reading["content"], origin=entry["file"])
    assert result.ok and result.file == entry["file"]
    assert result.assessment.level == entry["level"]
    assert len(result.turns) == entry["turns"]
    assert result.metrics == {}  # no evidence source ran

    empty = analysis.score_content({"turns": []}, origin="empty")
    assert not empty.ok and empty.assessment is None
    assert any("no turn is coded" in e for e in empty.errors)


# --- the profile ---------------------------------------------------------------------------------


def test_profile_from_a_result_its_turns_or_a_content_is_the_same(results):
    result = by_name(results)["c11-y8-maths.csv"]
    profile = analysis.profile_coaching(result)
    assert profile == analysis.profile_coaching(result.turns)
    assert profile == analysis.profile_coaching({"turns": result.turns})
    assert profile["turns"] == 34
    assert set(profile) == {"turns", "coded_turns", "words", "dimensions", "challenge_responses",
                            "runs"}
    assert profile["runs"], "c11 has runs of co-construction"
    assert set(profile["dimensions"]) == {"initiation", "stimulus", "scale", "time", "function"}
    # the rubric measured the same profile
    assert profile == result.assessment.details["profile"]


def test_profile_features_and_options(results):
    result = by_name(results)["c11-y8-maths.csv"]
    names = ["co-construction.runs", "turns.function.co-construct", "share.words.coach"]
    profile = analysis.profile_coaching(result, features=names)
    assert set(profile["features"]) == set(names)
    assert profile["features"]["co-construction.runs"] == len(profile["runs"])
    assert 0 < profile["features"]["share.words.coach"] < 1
    # a longest turn of 1 word leaves no run
    none = analysis.profile_coaching(result, options={"run_max_words": 1},
                                     features=["co-construction.runs"])
    assert none["runs"] == [] and none["features"]["co-construction.runs"] == 0


def test_profile_rejects_bad_input():
    with pytest.raises(ValueError, match="unknown feature 'share.nothing'"):
        analysis.profile_coaching({"turns": []}, features=["share.nothing"])
    with pytest.raises(TypeError, match="list of feature names"):
        analysis.profile_coaching({"turns": []}, features="coded.share")
    with pytest.raises(ValueError, match="unknown profile option 'run_words'"):
        analysis.profile_coaching({"turns": []}, options={"run_words": 3})
    with pytest.raises(ValueError, match="run_min_turns.*at least 2"):
        analysis.profile_coaching({"turns": []}, options={"run_min_turns": 1})
    with pytest.raises(TypeError, match="must be an int"):
        analysis.profile_coaching({"turns": []}, options={"challenge_window": "2"})
    with pytest.raises(TypeError, match="coaching-transcript content"):
        analysis.profile_coaching("turns")
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        analysis.profile_coaching([{"speaker": "Coach", "text": "Hello"}])
    assert any("\"n\"" in d.message for d in raised.value.diagnostics)
    with pytest.raises(coachkit.InvalidDocumentError, match="not a value of function"):
        analysis.profile_coaching([{"n": 1, "text": "Hi", "codes": {"function": ["shout"]}}])


# --- tables, frames and CSV ----------------------------------------------------------------------


def test_tables_have_the_documented_columns(results, manifest):
    transcripts = analysis.transcripts_table(results)
    assert len(transcripts) == 12
    assert list(transcripts[0]) == TRANSCRIPT_COLUMNS
    turns = analysis.turns_table(results)
    assert len(turns) == sum(e["turns"] for e in manifest["transcripts"])
    assert list(turns[0]) == TURN_COLUMNS


def test_frames_have_one_row_per_transcript_and_per_turn(pd, results, manifest):
    frame = analysis.transcripts_frame(results)
    assert list(frame.columns) == TRANSCRIPT_COLUMNS
    assert len(frame) == len(manifest["transcripts"])
    expected = {e["file"]: e for e in manifest["transcripts"]}
    for row in frame.itertuples(index=False):
        entry = expected[Path(row.file).name]
        assert row.ok and row.level == entry["level"] and row.turns == entry["turns"]
        assert row.errors == ""
        cited = [int(t) for t in row.cited_turns.split(";") if t]
        assert cited and set(cited) <= entry_turns(results, row.file)
    assert set(frame["level"]) == set(LEVELS)
    assert set(frame["function"]) <= set(LEVELS)

    turns = analysis.turns_frame(results)
    assert list(turns.columns) == TURN_COLUMNS
    assert len(turns) == sum(e["turns"] for e in manifest["transcripts"])
    per_file = turns.groupby("file").size()
    for result in results:
        assert per_file[result.file] == len(result.turns)
    assert turns["cited"].dtype == bool and turns["cited"].any()
    # the turns a transcript cites are the turns marked cited
    for row in frame.itertuples(index=False):
        marked = turns[(turns["file"] == row.file) & turns["cited"]]["turn"]
        assert sorted(marked) == sorted(int(t) for t in row.cited_turns.split(";") if t)


def entry_turns(results, file):
    return {t["n"] for r in results if r.file == file for t in r.turns}


def test_csv_round_trips_through_pandas(pd, results, tmp_path):
    path, turns_path = tmp_path / "levels.csv", tmp_path / "turns.csv"
    analysis.to_csv(results, path, turns_path=turns_path)

    frame = analysis.transcripts_frame(results)
    back = pd.read_csv(path, keep_default_na=False)
    assert list(back.columns) == TRANSCRIPT_COLUMNS
    assert back["file"].tolist() == frame["file"].tolist()
    assert back["ok"].tolist() == frame["ok"].tolist()
    assert back["turns"].tolist() == frame["turns"].tolist()
    assert back["coded_turns"].tolist() == frame["coded_turns"].tolist()
    assert back["level"].tolist() == frame["level"].tolist()
    assert back["overall"].astype(float).tolist() == frame["overall"].tolist()
    for column in CRITERIA + ["rationale", "cited_turns", "errors"]:
        assert back[column].astype(str).tolist() == frame[column].tolist(), column

    turns = analysis.turns_frame(results)
    back_turns = pd.read_csv(turns_path, keep_default_na=False)
    assert list(back_turns.columns) == TURN_COLUMNS
    assert len(back_turns) == len(turns)
    for column in ["file", "turn", "speaker", "role", "words", "cited"]:
        assert back_turns[column].tolist() == turns[column].tolist(), column
    for column in ["initiation", "stimulus", "scale", "time", "function"]:
        assert back_turns[column].astype(str).tolist() == turns[column].tolist(), column
    assert any(";" in v for v in back_turns["function"])  # several values in one cell survive


def test_without_turns_path_only_the_transcript_table_is_written(results, tmp_path):
    analysis.to_csv(results[:2], tmp_path / "two.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two.csv"]
    lines = (tmp_path / "two.csv").read_bytes().split(b"\r\n")
    assert lines[0].decode() == ",".join(TRANSCRIPT_COLUMNS)
    assert len([line for line in lines if line]) == 3


def test_python_writes_the_same_csv_as_the_cli(results, corpus_dir, speakers, tmp_path):
    cli = os.environ.get("COACHKIT_CLI")
    if not cli:
        pytest.skip("COACHKIT_CLI is not set (the CLI is not built)")
    analysis.to_csv(results, tmp_path / "py.csv", turns_path=tmp_path / "py-turns.csv")
    command = [cli, "analyse", "coaching", str(corpus_dir), "--csv", str(tmp_path / "cli.csv"),
               "--turns-csv", str(tmp_path / "cli-turns.csv")]
    for name, role in speakers.items():
        command += ["--speaker", f"{name}={role}"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "py.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert (tmp_path / "py-turns.csv").read_bytes() == (tmp_path / "cli-turns.csv").read_bytes()


# --- failures ------------------------------------------------------------------------------------


@pytest.fixture
def folder_with_a_broken_file(corpus_dir, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("c01-y2-phonics.csv", "c06-y11-geography.csv", "c11-y8-maths.csv"):
        shutil.copyfile(corpus_dir / name, folder / name)
    (folder / "c05-broken.csv").write_text("who,said\nCoach,Hello\n", encoding="utf-8")
    nested = folder / "more"
    nested.mkdir()
    (nested / "c09-uncoded.csv").write_text(
        "speaker,text\nCoach,How did it go?\nMs Marchetti,Fine.\n", encoding="utf-8")
    return folder


def test_a_broken_file_in_a_folder_fails_alone(folder_with_a_broken_file, speakers, pd):
    scored = analysis.score_corpus(folder_with_a_broken_file, options={"speakers": speakers})
    names = [Path(r.file).name for r in scored]
    assert names == ["c01-y2-phonics.csv", "c05-broken.csv", "c06-y11-geography.csv",
                     "c11-y8-maths.csv", "c09-uncoded.csv"]
    result = by_name(scored)
    for name, level in [("c01-y2-phonics.csv", "emerging"), ("c06-y11-geography.csv", "developing"),
                        ("c11-y8-maths.csv", "co-constructive")]:
        assert result[name].ok and result[name].assessment.level == level
    broken = result["c05-broken.csv"]
    assert not broken.ok and broken.assessment is None and broken.turns == []
    assert any("c05-broken.csv" in e and "speaker" in e for e in broken.errors), broken.errors
    uncoded = result["c09-uncoded.csv"]
    assert not uncoded.ok and len(uncoded.turns) == 2
    assert any("no turn is coded" in e for e in uncoded.errors), uncoded.errors

    frame = analysis.transcripts_frame(scored)
    failed = frame[~frame["ok"]]
    assert sorted(Path(f).name for f in failed["file"]) == ["c05-broken.csv", "c09-uncoded.csv"]
    assert failed["level"].isna().all() and failed["overall"].isna().all()
    assert all(Path(f).name in e for f, e in zip(failed["file"], failed["errors"]))
    assert frame[frame["ok"]]["level"].notna().all()


def test_a_path_that_does_not_exist_raises_before_anything_is_scored(corpus_dir, tmp_path):
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(coachkit.InvalidDocumentError, match="no such file or folder") as raised:
        analysis.score_corpus([corpus_dir, missing])
    assert any(str(missing) in d.file for d in raised.value.diagnostics)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(coachkit.InvalidDocumentError, match="no transcript"):
        analysis.score_corpus(empty)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"paths": []}, ValueError, "paths is empty"),
        ({"paths": 42}, TypeError, "paths must be a file or folder"),
        ({"paths": b"corpus"}, TypeError, "paths must be a file or folder"),
        ({"paths": ["a.csv", 3]}, TypeError, r"paths\[1\]: expected a str or os.PathLike"),
        ({"jobs": -1}, ValueError, "jobs must be 0"),
        ({"jobs": 1.5}, TypeError, ""),
        ({"rubric": "no-such-rubric"}, coachkit.NotFoundError, "no-such-rubric"),
        ({"rubric": 3}, TypeError, "rubric must be a rubric id"),
        ({"registry": "default"}, TypeError, "registry must be a coachkit.Registry"),
        ({"format": "docx"}, coachkit.InvalidDocumentError, "does not read format 'docx'"),
        ({"options": "speakers"}, TypeError, "options must be a dict"),
        ({"thresholds": 42}, TypeError, "thresholds must be None, a dict or the path"),
        ({"thresholds": {"schema": "nope"}}, coachkit.InvalidDocumentError,
         "coachkit.coaching-levels/1"),
        ({"thresholds": "/no/such/levels.json"}, coachkit.InvalidDocumentError, "levels.json"),
    ],
)
def test_bad_arguments_raise_clear_errors(corpus_dir, kwargs, error, message):
    arguments = {"paths": corpus_dir, **kwargs}
    with pytest.raises(error, match=message):
        analysis.score_corpus(**arguments)


class RatingsRubric(coachkit.Rubric):
    def applies_to(self):
        return "ratings"

    def criteria(self):
        return []

    def levels(self):
        return []


def test_a_rubric_for_something_else_is_refused(corpus_dir):
    with pytest.raises(coachkit.Error, match="applies to ratings, not to a coaching transcript"):
        analysis.score_corpus(corpus_dir, rubric=RatingsRubric())


def test_bad_results_and_paths_for_tables_raise(results, tmp_path):
    with pytest.raises(TypeError, match=r"results\[1\] is a int, not a ScoredTranscript"):
        analysis.transcripts_table([results[0], 1])
    with pytest.raises(coachkit.Error, match="cannot be written"):
        analysis.to_csv(results, tmp_path / "no" / "such" / "folder.csv")
    with pytest.raises(ValueError, match="table must be 'transcripts' or 'turns'"):
        coachkit._coachkit.write_corpus_csv(results, tmp_path / "x.csv", table="lessons")
    with pytest.raises(TypeError, match="content must be a coaching-transcript content"):
        analysis.score_content("turns")


def test_frames_without_pandas_say_how_to_get_it(results, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(ImportError, match="needs pandas"):
        analysis.transcripts_frame(results)
    with pytest.raises(ImportError, match="needs pandas"):
        analysis.turns_frame(results)
    assert len(analysis.transcripts_table(results)) == len(results)  # the plain tables still work


# --- the GIL -------------------------------------------------------------------------------------

# Run in a child process, so that a regression (scoring that holds the GIL) fails the test after
# the timeout instead of hanging the suite. The evidence source is written in Python and waits,
# on a C++ worker thread, until a second Python thread has run: that thread can only run, and the
# worker can only enter Python, while score_corpus has released the GIL. With the GIL held they
# would wait for each other for ever. No timing is measured: the test passes or deadlocks.
GIL_SCRIPT = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    import coachkit
    from coachkit import analysis, plugins

    folder = Path(sys.argv[1])
    builtin = next(Path(p) for p in coachkit.Registry.default_search_path()
                   if (Path(p) / "coaching-levels").is_dir())
    real = plugins.default_registry().create("evidence-source", "coaching-transcript")
    in_ingest = threading.Event()
    helper_ran = threading.Event()

    class WaitingSource(coachkit.EvidenceSource):
        def formats(self):
            return ["csv"]
        def privacy(self):
            return coachkit.PrivacyClass.personal_data
        def ingest(self, data, format, options=None):
            in_ingest.set()
            if not helper_ran.wait(60):
                raise RuntimeError("the helper thread did not run")
            content, metrics, _ = coachkit.ingest(real, data, format, options=options)
            return content, metrics

    def helper():
        in_ingest.wait()      # score_corpus is running and has called into Python
        helper_ran.set()      # a Python thread ran meanwhile

    registry = coachkit.Registry()
    registry.discover([builtin / "coaching-levels"])
    registry.register(WaitingSource, "coaching-transcript")
    thread = threading.Thread(target=helper)
    thread.start()
    results = analysis.score_corpus(folder, registry=registry, jobs=2,
                                    options={"speakers": {"Coach": "coach",
                                                          "Ms Varga": "learner",
                                                          "Mrs Carraway": "learner"}})
    thread.join()
    print(" ".join(r.assessment.level if r.ok else "failed:" + ";".join(r.errors)
                   for r in results))
    """
)


def test_score_corpus_releases_the_gil(corpus_dir, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("c01-y2-phonics.csv", "c11-y8-maths.csv"):
        shutil.copyfile(corpus_dir / name, folder / name)
    script = tmp_path / "gil.py"
    script.write_text(GIL_SCRIPT, encoding="utf-8")
    try:
        run = subprocess.run([sys.executable, str(script), str(folder)], capture_output=True,
                             text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("score_corpus did not finish: it holds the GIL while C++ threads call Python")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["emerging", "co-constructive"], run.stdout + run.stderr
