"""Running a programme from Python: conveniences over coachkit.ProgrammeEngine.

    from coachkit import programme

    engine = programme.open_programme("oakfield.coachkit")   # a SQLite journal; None: in memory
    engine.init("oakfield-2026", "Oakfield coaching 2026", by="coordinator")
    ...
    rows = programme.cycles_table(engine)            # one dict per cycle
    df = programme.cycles_dataframe(engine)          # the same as a pandas DataFrame

pandas is optional: only cycles_dataframe() and events_dataframe() need it, and they import it
when called. See docs/python.md ("Running a programme").
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Union

from ._coachkit import (
    EventStore,
    ProgrammeEngine,
    ProgrammeState,
    Registry,
    memory_store,
    sqlite_store,
)

PathLike = Union[str, "os.PathLike[str]"]

CYCLE_COLUMNS = (
    "cycle",
    "partnership",
    "number",
    "learner",
    "workflow",
    "formal",
    "status",
    "stages_completed",
    "stages_total",
    "current_stage",
    "evidence",
    "notes",
    "actions",
    "started_at",
    "ended_at",
)

EVENT_COLUMNS = ("sequence", "type", "at", "actor", "programme", "partnership", "cycle", "data")


def open_programme(
    path: Optional[PathLike] = None, registry: Optional[Registry] = None
) -> ProgrammeEngine:
    """An engine over a SQLite journal at `path` (created if missing), or over a journal in memory
    when `path` is None. Workflows come from `registry`, by default the process-wide one
    (coachkit.plugins.default_registry(): the built-ins plus COACHKIT_PLUGIN_PATH)."""
    from .plugins import default_registry

    store = memory_store() if path is None else sqlite_store(os.fspath(path))
    return ProgrammeEngine(store, registry if registry is not None else default_registry())


def _state_of(source: Union[ProgrammeEngine, ProgrammeState, EventStore]) -> ProgrammeState:
    if isinstance(source, ProgrammeState):
        return source
    if isinstance(source, ProgrammeEngine):
        return source.state
    if isinstance(source, EventStore):
        return ProgrammeState.replay(source)
    raise TypeError(
        "expected a ProgrammeState, ProgrammeEngine or EventStore, not "
        + type(source).__name__
    )


def cycles_table(source: Union[ProgrammeEngine, ProgrammeState, EventStore]) -> List[Dict[str, Any]]:
    """One dict per cycle, in the order started, with the columns in CYCLE_COLUMNS: the cycle and
    partnership ids, its number in the partnership, the learner, the workflow, whether it is a
    formal observation, its status ('open', 'closed', 'abandoned'), how many of its stages are
    completed and how many it has, the current stage ('' when all are complete), counts of
    evidence, notes and agreed actions, and when it started and ended ('' while open)."""
    rows = []
    for cycle in _state_of(source).cycles:
        stages = cycle.stages
        current = cycle.current_stage
        rows.append(
            {
                "cycle": cycle.id,
                "partnership": cycle.partnership,
                "number": cycle.number,
                "learner": cycle.learner,
                "workflow": cycle.workflow,
                "formal": cycle.formal,
                "status": cycle.status,
                "stages_completed": sum(1 for s in stages if s.status == "completed"),
                "stages_total": len(stages),
                "current_stage": current.id if current is not None else "",
                "evidence": sum(len(s.evidence) for s in stages),
                "notes": sum(len(s.notes) for s in stages),
                "actions": len(cycle.actions),
                "started_at": cycle.started_at,
                "ended_at": cycle.ended_at,
            }
        )
    return rows


def events_table(source: Union[EventStore, Iterable[Any]]) -> List[Dict[str, Any]]:
    """One dict per event (columns EVENT_COLUMNS; `data` is a dict), from a store or a list of
    events."""
    events = source.read() if isinstance(source, EventStore) else list(source)
    return [
        {
            "sequence": e.sequence,
            "type": e.type,
            "at": e.at,
            "actor": e.actor,
            "programme": e.programme,
            "partnership": e.partnership,
            "cycle": e.cycle,
            "data": e.data,
        }
        for e in events
    ]


def _pandas():
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "this needs pandas (pip install pandas, or apt install python3-pandas); "
            "the *_table() functions give the same rows as plain dicts"
        ) from error
    return pandas


def cycles_dataframe(source: Union[ProgrammeEngine, ProgrammeState, EventStore]):
    """cycles_table() as a pandas DataFrame (pandas is imported only when this is called);
    started_at and ended_at become UTC timestamps (NaT while a cycle is open)."""
    pd = _pandas()
    frame = pd.DataFrame(cycles_table(source), columns=list(CYCLE_COLUMNS))
    for column in ("started_at", "ended_at"):
        text = frame[column]
        frame[column] = pd.to_datetime(text.where(text != ""), utc=True)
    return frame


def events_dataframe(source: Union[EventStore, Iterable[Any]]):
    """events_table() as a pandas DataFrame, `at` as UTC timestamps."""
    pd = _pandas()
    frame = pd.DataFrame(events_table(source), columns=list(EVENT_COLUMNS))
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame


__all__ = [
    "CYCLE_COLUMNS",
    "EVENT_COLUMNS",
    "cycles_dataframe",
    "cycles_table",
    "events_dataframe",
    "events_table",
    "open_programme",
]
