"""Evidence from practice, from Python: read files with evidence sources, measure lesson and
coaching transcripts, and turn the figures into tables.

    from coachkit import evidence

    lesson = evidence.analyse_lesson("lesson.vtt", speakers={"Ms Khan": "teacher"})
    lesson["metrics"]["talk_share_words.teacher"]      # a float from 0 to 1
    evidence.metrics_frame(lesson)                      # pandas: one row per metric
    evidence.segments_frame(lesson)                     # pandas: one row per tenth of the lesson

    rows, warnings = coachkit.read_transcript("lesson.vtt")   # one dict per utterance

The readers run in C++ with the GIL released, so threads can read several files at once. pandas
is optional: only the *_frame() functions need it, and they import it when called. Metric
definitions: docs/evidence-metrics.md.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from ._coachkit import EvidenceItem, Registry, read_evidence, read_transcript

PathLike = Union[str, "os.PathLike[str]"]
Result = Dict[str, Any]


def _registry(registry: Optional[Registry]) -> Registry:
    from .plugins import default_registry

    return registry if registry is not None else default_registry()


def read(
    kind: str,
    path: Optional[PathLike] = None,
    *,
    data: Union[bytes, str, None] = None,
    format: str = "",
    options: Optional[Mapping[str, Any]] = None,
    keep_content: bool = True,
    origin: str = "",
    registry: Optional[Registry] = None,
) -> Result:
    """Read a file (or `data`, named `origin` in diagnostics) with the evidence source `kind`,
    storing nothing. Returns a dict
    with kind, plugin, plugin_version, privacy, format, bytes, content, metrics, details and
    warnings. Raises coachkit.InvalidDocumentError naming the file and line for bad input."""
    return read_evidence(
        _registry(registry),
        kind,
        None if path is None else os.fspath(path),
        data=data,
        format=format,
        options=dict(options) if options is not None else None,
        keep_content=keep_content,
        origin=origin,
    )


def _transcript_options(
    speakers: Optional[Mapping[str, str]], extra: Mapping[str, Any]
) -> Dict[str, Any]:
    options: Dict[str, Any] = {k: v for k, v in extra.items() if v is not None}
    if speakers:
        options["speakers"] = dict(speakers)
    return options


def analyse_lesson(
    path: Optional[PathLike] = None,
    *,
    data: Union[bytes, str, None] = None,
    format: str = "",
    speakers: Optional[Mapping[str, str]] = None,
    wait_time: Optional[float] = None,
    registry: Optional[Registry] = None,
) -> Result:
    """The talk metrics of a lesson transcript (WebVTT, SRT, CSV or `Speaker: text`): talk share
    by role, utterances, questions, open and closed teacher questions, wait time, and the same per
    tenth of the lesson (result["details"]["segments"]). `speakers` maps names to roles (teacher,
    pupil, group, other). Streams the file, so any size fits in memory; nothing is stored."""
    return read(
        "lesson-transcript",
        path,
        data=data,
        format=format,
        options=_transcript_options(speakers, {"wait_time_threshold": wait_time}),
        keep_content=False,
        registry=registry,
    )


def analyse_coaching(
    path: Optional[PathLike] = None,
    *,
    data: Union[bytes, str, None] = None,
    format: str = "",
    speakers: Optional[Mapping[str, str]] = None,
    codes: Optional[Mapping[str, Any]] = None,
    registry: Optional[Registry] = None,
) -> Result:
    """The talk metrics of a coaching conversation (roles coach, learner, observer, other), with
    counts of its codes for the dimensions of coaching talk when the transcript carries them (CSV
    columns, or `codes`: a coachkit.turn-codes/1 document). Nothing is stored."""
    return read(
        "coaching-transcript",
        path,
        data=data,
        format=format,
        options=_transcript_options(speakers, {"codes": codes}),
        keep_content=False,
        registry=registry,
    )


def _metrics_of(source: Union[Result, EvidenceItem]) -> Mapping[str, float]:
    if isinstance(source, EvidenceItem):
        return source.metrics
    if isinstance(source, Mapping) and "metrics" in source:
        return source["metrics"]
    raise TypeError(
        "expected an EvidenceItem or a result of read()/analyse_*(), not " + type(source).__name__
    )


def metrics_table(sources: Union[Result, EvidenceItem, Iterable[Union[Result, EvidenceItem]]]) -> List[Dict[str, Any]]:
    """One row per metric: {"item", "kind", "metric", "value"}. `sources` is one result or item,
    or several (a cycle's items, say: engine.view(as_=PERSON).state.evidence_of(cycle))."""
    if isinstance(sources, (EvidenceItem, Mapping)):
        sources = [sources]
    rows: List[Dict[str, Any]] = []
    for source in sources:
        item = source.id if isinstance(source, EvidenceItem) else source.get("item", "")
        kind = source.kind if isinstance(source, EvidenceItem) else source.get("kind", "")
        for metric, value in sorted(_metrics_of(source).items()):
            rows.append({"item": item, "kind": kind, "metric": metric, "value": value})
    return rows


def segments_table(source: Union[Result, EvidenceItem]) -> List[Dict[str, Any]]:
    """The per-tenth rows of a lesson analysis: one dict per tenth with tenth, from, to, basis
    ("time": seconds, or "words": word positions) and every metric of that tenth; [] when there
    are none."""
    details = source.details if isinstance(source, EvidenceItem) else source.get("details", {})
    segments = (details or {}).get("segments") or {}
    basis = segments.get("basis", "")
    rows = []
    for tenth in segments.get("tenths", []):
        row = {"tenth": tenth.get("tenth"), "from": tenth.get("from"), "to": tenth.get("to"), "basis": basis}
        row.update(tenth.get("metrics", {}))
        rows.append(row)
    return rows


def _pandas():
    from .programme import _pandas as load

    return load()


def metrics_frame(sources) -> "pandas.DataFrame":  # noqa: F821
    """metrics_table() as a pandas DataFrame (columns item, kind, metric, value)."""
    return _pandas().DataFrame(metrics_table(sources), columns=["item", "kind", "metric", "value"])


def segments_frame(source) -> "pandas.DataFrame":  # noqa: F821
    """segments_table() as a pandas DataFrame, one row per tenth of the lesson."""
    return _pandas().DataFrame(segments_table(source))


def utterances_frame(path: Optional[PathLike] = None, **kwargs: Any) -> "pandas.DataFrame":  # noqa: F821
    """A transcript as a pandas DataFrame (index, line, speaker, text, start, end, fields); the
    keyword arguments are read_transcript()'s (data=, format=)."""
    rows, _ = read_transcript(None if path is None else os.fspath(path), **kwargs)
    return _pandas().DataFrame(
        rows, columns=["index", "line", "speaker", "text", "start", "end", "fields"]
    )
