"""Python conveniences over the compiled framework API."""

from __future__ import annotations

from ._coachkit import Framework, ModeComparison


def curee() -> Framework:
    """The CUREE national framework compiled into coachkit."""
    return Framework.curee()


def comparison_rows(comparison: ModeComparison, what: str = "skills") -> list[dict]:
    """Flattens a comparison into one dict per skill (or ability): its id, name, how it is shared,
    and its number (or True) in each compared mode. Ready for ``pandas.DataFrame(rows)``."""
    if what not in ("skills", "abilities"):
        raise ValueError("what must be 'skills' or 'abilities'")
    result = getattr(comparison, what)
    groups = [("all", result.shared_by_all), ("some", result.shared_by_some)]
    groups += [(f"only {mode}", result.unique[mode]) for mode in comparison.modes]
    rows = []
    for shared, items in groups:
        for item in items:
            row = {"id": item.id, "name": item.name, "shared": shared}
            for mode in comparison.modes:
                placement = item.modes.get(mode)
                row[mode] = None if placement is None else (placement.number or True)
            rows.append(row)
    return rows
