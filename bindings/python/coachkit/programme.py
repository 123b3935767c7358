"""Running a programme from Python: conveniences over coachkit.ProgrammeEngine.

    from coachkit import programme

    engine = programme.open_programme("oakfield.coachkit")   # a SQLite journal; None: in memory
    engine.init("oakfield-2026", "Oakfield coaching 2026", by="coordinator")
    ...
    rows = programme.cycles_table(engine, as_="cora")   # one dict per cycle cora may see
    df = programme.cycles_dataframe(engine, as_="cora") # the same as a pandas DataFrame

Reading from an engine goes through the privacy policy: say who is reading with `as_` (a person
id), and the table holds only what that person may see (docs/privacy.md). pandas is optional: only
cycles_dataframe() and events_dataframe() need it, and they import it when called. See
docs/python.md ("Running a programme").
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Union

from ._coachkit import (
    EventStore,
    ProgrammeEngine,
    ProgrammeState,
    ProgrammeView,
    Registry,
    memory_store,
    sqlite_store,
    view_as,
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


Source = Union[ProgrammeEngine, ProgrammeView, ProgrammeState, EventStore]


def _state_of(source: Source, as_: Optional[str]) -> ProgrammeState:
    """The state a table reads. An engine is read through engine.view(as_), so `as_` is required
    there; a view is already one person's; a ProgrammeState or EventStore is the custodian's
    whole journal, narrowed to what `as_` may see when `as_` is given (without an audit entry:
    the custodian holds the journal anyway)."""
    if isinstance(source, ProgrammeEngine):
        if as_ is None:
            raise TypeError(
                "say who is reading: cycles_table(engine, as_=PERSON) shows what that person may "
                "see (docs/privacy.md)"
            )
        return source.view(as_).state
    if isinstance(source, ProgrammeView):
        if as_ is not None and as_ != source.viewer:
            raise ValueError(
                f"this view is {source.viewer!r}'s; it cannot be read as {as_!r}"
            )
        return source.state
    if isinstance(source, ProgrammeState):
        state = source
    elif isinstance(source, EventStore):
        state = ProgrammeState.replay(source)
    else:
        raise TypeError(
            "expected a ProgrammeEngine, ProgrammeView, ProgrammeState or EventStore, not "
            + type(source).__name__
        )
    return state if as_ is None else view_as(state, as_).state


def cycles_table(source: Source, as_: Optional[str] = None) -> List[Dict[str, Any]]:
    """One dict per cycle, in the order started, with the columns in CYCLE_COLUMNS: the cycle and
    partnership ids, its number in the partnership, the learner, the workflow, whether it is a
    formal observation, its status ('open', 'closed', 'abandoned'), how many of its stages are
    completed and how many it has, the current stage ('' when all are complete), counts of
    evidence, notes and agreed actions, and when it started and ended ('' while open).

    `source` is an engine (read as `as_`, which is then required, and audited), a ProgrammeView,
    or the custodian's ProgrammeState or EventStore (narrowed to `as_` if given). Only the cycles
    and the parts of them the reader may see are counted."""
    rows = []
    for cycle in _state_of(source, as_).cycles:
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
    events. This is the custodian's layer: every event, unfiltered by the privacy policy
    (docs/privacy.md, "Trust model"); what a person may read comes from engine.view()."""
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


def cycles_dataframe(source: Source, as_: Optional[str] = None):
    """cycles_table() as a pandas DataFrame (pandas is imported only when this is called);
    started_at and ended_at become UTC timestamps (NaT while a cycle is open)."""
    pd = _pandas()
    frame = pd.DataFrame(cycles_table(source, as_), columns=list(CYCLE_COLUMNS))
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
