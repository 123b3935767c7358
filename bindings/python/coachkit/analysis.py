"""Scoring coaching conversations at scale: a corpus scored on every core, as tables and CSV.

    from coachkit import analysis

    results = analysis.score_corpus("transcripts/", options={"speakers": {"Ms Varga": "learner"}})
    [r.assessment.level for r in results if r.ok]
    frame = analysis.transcripts_frame(results)     # one row per transcript (pandas)
    turns = analysis.turns_frame(results)           # one row per turn
    analysis.to_csv(results, "levels.csv", turns_path="turns.csv")

The scoring is coachkit's C++ (the ``coaching-transcript`` evidence source and, by default, the
``coaching-levels`` rubric), run with the GIL released: other Python threads keep running while a
corpus is scored. The tables have the columns of ``coachkit analyse coaching --csv`` and
``--turns-csv`` (docs/rubrics.md#tables), and to_csv() writes them with the same code, so the CLI
and Python give the same files. pandas is needed only by the *_frame() functions.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _coachkit
from ._coachkit import ScoredTranscript, profile_coaching
from .programme import _pandas

PathLike = Union[str, os.PathLike]
Results = Iterable[ScoredTranscript]


def score_corpus(
    paths: Union[PathLike, Iterable[PathLike]],
    rubric: Any = "coaching-levels",
    registry: Optional[_coachkit.Registry] = None,
    jobs: int = 0,
    format: str = "",
    options: Optional[Dict[str, Any]] = None,
    thresholds: Union[None, Dict[str, Any], PathLike] = None,
    sidecars: bool = True,
) -> List[ScoredTranscript]:
    """Score coaching transcripts in parallel; one ScoredTranscript per file, in order.

    paths       a file or folder (str or pathlib.Path), or a list of them; a folder is searched,
                sub-folders too, for .vtt, .srt, .csv and .txt files, sorted by name
    rubric      a rubric id for coaching transcripts, or a coachkit.Rubric (default: the levels
                of coaching practice development)
    registry    where the rubric and the coaching-transcript source come from (default:
                coachkit.plugins.default_registry(), so rubrics registered from Python are found)
    jobs        threads; 0 means one per core
    format      webvtt, srt, csv or text; empty: from each file's extension
    options     the coaching-transcript source's options: "speakers" ({name: role}, the same for
                every file), "coder": "heuristic" for uncoded transcripts
    thresholds  a coachkit.coaching-levels/1 document (dict) or its path, instead of the
                rubric's levels.json
    sidecars    give NAME.codes.json beside NAME.csv as that transcript's codes

    A file that cannot be read or scored does not stop the others: its result has ok False and
    its errors in .diagnostics. Bad arguments raise before anything is scored: TypeError or
    ValueError for a wrong type or value, coachkit.InvalidDocumentError for a path that does not
    exist, a format the source does not read or thresholds with errors, coachkit.NotFoundError
    for an unknown rubric.
    """
    return _coachkit.score_corpus(
        paths,
        rubric=rubric,
        registry=registry,
        jobs=jobs,
        format=format,
        options=options,
        thresholds=thresholds,
        sidecars=sidecars,
    )


def score_content(
    content: Dict[str, Any],
    rubric: Any = "coaching-levels",
    registry: Optional[_coachkit.Registry] = None,
    thresholds: Union[None, Dict[str, Any], PathLike] = None,
    origin: str = "<content>",
) -> ScoredTranscript:
    """Score one coaching-transcript content already read (a dict with "turns", as
    coachkit.read_evidence() gives it); `origin` names it in diagnostics."""
    return _coachkit.score_content(
        content, rubric=rubric, registry=registry, thresholds=thresholds, origin=origin
    )


def _results(results: Results) -> List[ScoredTranscript]:
    if isinstance(results, ScoredTranscript):
        return [results]
    listed = list(results)
    for i, item in enumerate(listed):
        if not isinstance(item, ScoredTranscript):
            raise TypeError(
                f"results[{i}] is a {type(item).__name__}, not a ScoredTranscript "
                "(give what score_corpus() returned)"
            )
    return listed


def _rows_as_dicts(table: Tuple[List[str], List[list]]) -> List[Dict[str, Any]]:
    columns, rows = table
    return [dict(zip(columns, row)) for row in rows]


def transcripts_table(results: Results) -> List[Dict[str, Any]]:
    """One dict per transcript: file, ok, turns, coded_turns, level, overall, a column per
    criterion of the rubric (its level), rationale, cited_turns ("3;7;12"), errors. level,
    overall and the criteria are None for a transcript that was not scored."""
    return _rows_as_dicts(_coachkit.transcript_table(_results(results)))


def turns_table(results: Results) -> List[Dict[str, Any]]:
    """One dict per turn: file, turn, speaker, role, words, a column per dimension of coaching
    talk (initiation, stimulus, scale, time, function; values joined by ";", "" when none) and
    cited (whether the assessment cites the turn)."""
    return _rows_as_dicts(_coachkit.turn_table(_results(results)))


def transcripts_frame(results: Results):
    """transcripts_table() as a pandas DataFrame, one row per transcript (pandas is imported only
    when this is called)."""
    pd = _pandas()
    columns, rows = _coachkit.transcript_table(_results(results))
    return pd.DataFrame(rows, columns=columns)


def turns_frame(results: Results):
    """turns_table() as a pandas DataFrame, one row per turn."""
    pd = _pandas()
    columns, rows = _coachkit.turn_table(_results(results))
    return pd.DataFrame(rows, columns=columns)


def to_csv(results: Results, path: PathLike, turns_path: Optional[PathLike] = None) -> None:
    """Write the per-transcript table to `path` and, if given, the per-turn table to
    `turns_path`: RFC 4180 CSV with the same columns and cells as `coachkit analyse coaching
    --csv` and `--turns-csv` (true/false for booleans, an empty cell for None)."""
    listed = _results(results)
    _coachkit.write_corpus_csv(listed, path, table="transcripts")
    if turns_path is not None:
        _coachkit.write_corpus_csv(listed, turns_path, table="turns")


__all__ = [
    "ScoredTranscript",
    "profile_coaching",
    "score_content",
    "score_corpus",
    "to_csv",
    "transcripts_frame",
    "transcripts_table",
    "turns_frame",
    "turns_table",
]
