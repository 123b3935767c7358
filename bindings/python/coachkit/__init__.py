"""coachkit: mentoring and coaching in schools, after the CUREE national framework.

    >>> import coachkit
    >>> fw = coachkit.curee()
    >>> [m.id for m in fw.modes]
    ['mentoring', 'specialist-coaching', 'co-coaching']
    >>> cmp = fw.compare("mentoring", "specialist-coaching")

See docs/python.md for a tour.
"""

from ._coachkit import (  # noqa: F401  (re-exported API)
    ABI_MAJOR,
    ABI_MINOR,
    Activity,
    Assessment,
    assess,
    ingest,
    CoachingGuide,
    Component,
    ComponentDescriptor,
    ComponentKind,
    CriterionResult,
    EvidenceSource,
    PluginCheck,
    PluginError,
    PluginSummary,
    PluginType,
    PrivacyClass,
    PromptGroup,
    Registry,
    Rubric,
    RubricCriterion,
    RubricLevel,
    Workflow,
    WorkflowStage,
    Competence,
    CompetenceComparison,
    CoreConcepts,
    Diagnostic,
    Error,
    Finding,
    Goal,
    LearningAgreement,
    Member,
    Partnership,
    Person,
    check_conformance,
    staff_roles,
    Framework,
    InvalidDocumentError,
    Mode,
    ModeComparison,
    NotFoundError,
    PackInfo,
    Placement,
    Principle,
    Purpose,
    Role,
    Severity,
    Theme,
    ThemeRow,
    __version__,
    load_pack,
    load_pack_text,
    validate_pack,
    validate_plugin,
    version_satisfies,
)
from . import plugins  # noqa: F401
from .framework import comparison_rows, curee  # noqa: F401
