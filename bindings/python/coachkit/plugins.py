"""Plugins from Python: discover and use them, validate them, and write your own.

    import coachkit
    from coachkit import plugins

    registry = plugins.default_registry()        # built-ins plus COACHKIT_PLUGIN_PATH
    [c.id for c in registry.components("coaching-guide")]
    guide = registry.create("coaching-guide", "curee-question-phases")

    @plugins.register("our-guide", name="Our questions")
    class OurGuide(coachkit.CoachingGuide):
        def focus(self): return "behaviour for learning"
        def phases(self): return [coachkit.PromptGroup("start", "Getting started", ["What happened?"])]

The registered class is then a component like any other: C++ code (and the CLI, in this process)
creates and calls it, and keeps it alive as long as it holds it. See docs/plugins.md.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Optional

from ._coachkit import PluginCheck, Registry, validate_plugin

_lock = threading.Lock()
_default: Optional[Registry] = None


def default_registry() -> Registry:
    """The process-wide registry, discovered on first use along the default search path."""
    global _default
    with _lock:
        if _default is None:
            _default = Registry()
            _default.discover_default()
        return _default


def register(
    id: str,
    *,
    name: str = "",
    summary: str = "",
    plugin: str = "python",
    metadata: Optional[dict] = None,
    registry: Optional[Registry] = None,
) -> Callable[[Any], Any]:
    """Decorator (or call) registering a Python component.

    Give it a class that subclasses coachkit.Workflow, CoachingGuide, Rubric or EvidenceSource
    (each create() makes a new instance) or an instance of one (shared by every create()).
    """

    def apply(target: Any) -> Any:
        (registry or default_registry()).register(
            target, id, name=name, summary=summary, plugin=plugin, metadata=metadata or {}
        )
        return target

    return apply


def validate(path: str, isolate: bool = True, timeout: float = 60.0) -> PluginCheck:
    """Check a plugin folder or manifest. A compiled plugin is opened in a separate process, so one
    that crashes or hangs on load is reported (after `timeout` seconds) instead of taking Python
    down."""
    return validate_plugin(path, isolate, timeout)
