"""Plugins from Python: the built-ins, discovery, validation, and components written in Python
that C++ creates, calls and keeps alive."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

import pytest

import coachkit
from coachkit import plugins

BUILTIN_COMPONENTS = {
    ("workflow", "cflat-ideal-cycle"),
    ("workflow", "curee-co-coaching"),
    ("workflow", "induction-mentoring"),
    ("workflow", "swiss-cottage-mentor-coaching"),
    ("evidence-source", "learner-reflection"),
    ("evidence-source", "observation-record"),
    ("evidence-source", "video-recording"),
    ("evidence-source", "lesson-transcript"),
    ("evidence-source", "coaching-transcript"),
    ("evidence-source", "pupil-work"),
    ("evidence-source", "pupil-voice"),
    ("evidence-source", "lesson-plan"),
    ("rubric", "coaching-levels"),
    ("rubric", "principles-audit"),
    ("rubric", "principles-review"),
    ("rubric", "skills-profile"),
    ("coaching-guide", "curee-question-phases"),
}


@pytest.fixture
def registry() -> coachkit.Registry:
    """A fresh registry over the built-in plugins only (the environment's path is not used)."""
    reg = coachkit.Registry()
    builtin = [p for p in coachkit.Registry.default_search_path() if p.name == "plugins"]
    assert builtin, "the built-in plugins folder was not found beside libcoachkit"
    reg.discover(builtin[-1:])
    return reg


def write_plugin(folder: Path, manifest: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plugin.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def data_guide(plugin_id: str, guide_id: str) -> dict:
    return {
        "schema": "coachkit.plugin/1", "id": plugin_id, "version": "1.0.0", "licence": "MIT",
        "provides": [{
            "kind": "coaching-guide", "id": guide_id, "name": "A guide",
            "definition": {"phases": [{"id": "start", "name": "Start", "prompts": ["What happened?"]}]},
        }],
    }


def test_builtins_are_discovered_one_of_each_kind(registry):
    found = {(str(c.kind), c.id) for c in registry.components()}
    assert found == BUILTIN_COMPONENTS
    assert [p for p in registry.problems if p.severity == coachkit.Severity.error] == []


def test_discovery_does_not_load_the_compiled_plugin(registry):
    summary = registry.plugin("learner-reflection")
    assert summary.type == coachkit.PluginType.compiled
    assert summary.loaded is False
    registry.create("evidence-source", "learner-reflection")
    assert registry.plugin("learner-reflection").loaded is True


def test_components_filter_by_kind_and_find(registry):
    assert [c.id for c in registry.components("rubric")] == [
        "coaching-levels", "principles-audit", "principles-review", "skills-profile"]
    found = registry.find("workflow", "cflat-ideal-cycle")
    assert found.plugin_id == "cflat-coaching-cycle" and found.metadata["repeats"] is True
    assert registry.find("workflow", "nope") is None
    with pytest.raises(coachkit.Error, match="unknown kind 'workflows'"):
        registry.components("workflows")


def test_the_cflat_cycle_has_its_four_stages(registry):
    cycle = registry.create("workflow", "cflat-ideal-cycle")
    assert cycle.mode() == "specialist-coaching"
    assert [s.id for s in cycle.stages()] == [
        "pre-lesson-meeting", "lesson", "post-lesson-meeting", "plan-next-cycle"]
    assert "video-recording" in cycle.stages()[1].evidence


def test_the_question_guide_has_four_phases_then_pace(registry):
    guide = registry.create("coaching-guide", "curee-question-phases")
    phases = guide.phases()
    assert [p.id for p in phases] == [
        "identify-focus", "explore-why", "explore-alternatives", "plan-next-steps", "pace"]
    assert [p.any_time for p in phases] == [False, False, False, False, True]
    assert all(p.prompts for p in phases)


def test_the_principles_rubric_averages_raters_and_criteria(registry):
    rubric = registry.create("rubric", "principles-review")
    assert rubric.applies_to() == "ratings"
    assert [c.id for c in rubric.criteria()] == [p.id for p in coachkit.curee().principles]
    assessment, warnings = rubric.evaluate({"scores": {"learning-conversation": [3, 2, 1], "learning-agreement": 3}})
    scores = {c.criterion: c.score for c in assessment.criteria}
    assert scores == {"learning-conversation": 2.0, "learning-agreement": 3.0}
    assert assessment.overall == pytest.approx(2.5)
    assert assessment.level == "emerging"  # a tie goes to the lower level
    assert len(warnings) == 8 and all(w.message == "criterion not scored" for w in warnings)


@pytest.mark.parametrize("scores, pointer, message", [
    ({"no-such-principle": 2}, "/scores/no-such-principle", "unknown criterion"),
    ({"learning-agreement": 4}, "/scores/learning-agreement", "outside the scale 1 to 3"),
    ({"learning-agreement": [2, "three"]}, "/scores/learning-agreement/1", "must be a number"),
])
def test_the_principles_rubric_refuses_bad_scores(registry, scores, pointer, message):
    rubric = registry.create("rubric", "principles-review")
    with pytest.raises(coachkit.InvalidDocumentError) as caught:
        rubric.evaluate({"scores": scores})
    assert any(d.pointer == pointer and message in d.message for d in caught.value.diagnostics), caught.value


def test_the_compiled_reflection_source_measures_text(registry):
    source = registry.create("evidence-source", "learner-reflection")
    assert source.formats() == ["text"] and source.privacy() == coachkit.PrivacyClass.personal_data
    text = "The starter ran long.\n\nWhy did the pairs drift? I think the task was vague. Next time: model it."
    content, metrics, warnings = source.ingest(text.encode(), "text", "reflection.txt")
    assert content["paragraphs"] == ["The starter ran long.",
                                     "Why did the pairs drift? I think the task was vague. Next time: model it."]
    assert metrics == {"words": 19.0, "sentences": 4.0, "paragraphs": 2.0, "questions": 1.0}
    assert warnings == []


@pytest.mark.parametrize("data, fmt, message", [
    (b"   \n\n ", "text", "the reflection is empty"),
    (b"fine\nbad \xff byte", "text", "invalid UTF-8 at byte offset 9"),
    (b"hello", "docx", "unsupported format 'docx'"),
])
def test_the_reflection_source_refuses_bad_input(registry, data, fmt, message):
    source = registry.create("evidence-source", "learner-reflection")
    with pytest.raises(coachkit.InvalidDocumentError) as caught:
        source.ingest(data, fmt, "reflection.txt")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.file == "reflection.txt" and message in diagnostic.message


def test_describe_gives_the_content_as_a_dict(registry):
    described = registry.describe("coaching-guide", "curee-question-phases")
    assert described["kind"] == "coaching-guide" and len(described["phases"]) == 5


def test_unknown_component_is_a_lookup_error_listing_what_is_known(registry):
    with pytest.raises(LookupError, match=r"unknown rubric 'nope' \(known: coaching-levels, principles-audit, principles-review, skills-profile\)"):
        registry.create("rubric", "nope")


class QuestionGuide(coachkit.CoachingGuide):
    def __init__(self, topic: str = "questioning"):
        super().__init__()
        self.topic = topic

    def focus(self):
        return self.topic

    def phases(self):
        return [coachkit.PromptGroup("start", "Start", ["What did you notice?"]),
                coachkit.PromptGroup("pace", "Pace", ["Move on?"], any_time=True)]


def test_a_python_class_is_a_component_cpp_creates(registry):
    registry.register(QuestionGuide, "py-guide", name="Questions", summary="ours", plugin="our-python")
    assert registry.find("coaching-guide", "py-guide").name == "Questions"
    assert registry.plugin("our-python").type == coachkit.PluginType.python
    described = registry.describe("coaching-guide", "py-guide")  # created and called from C++
    assert described["focus"] == "questioning"
    assert [p["id"] for p in described["phases"]] == ["start", "pace"]
    first, second = registry.create("coaching-guide", "py-guide"), registry.create("coaching-guide", "py-guide")
    assert first is not second  # a class gives a new instance per create


def test_a_python_instance_is_kept_alive_by_cpp_after_garbage_collection(registry):
    def register_and_forget():
        instance = QuestionGuide("kept alive by C++")
        registry.register(instance, "py-instance")
        return weakref.ref(instance)

    ref = register_and_forget()
    gc.collect()
    assert ref() is not None, "the registry's C++ side must hold the Python object"
    assert registry.describe("coaching-guide", "py-instance")["focus"] == "kept alive by C++"


def test_a_locally_defined_class_survives_garbage_collection(registry):
    def register_local_class():
        class Local(coachkit.Workflow):
            def mode(self):
                return "co-coaching"

            def stages(self):
                return [coachkit.WorkflowStage("observe", "Observe each other", roles=["co-coach"], typical_minutes=50)]

        registry.register(Local, "local-cycle")

    register_local_class()
    gc.collect()
    described = registry.describe("workflow", "local-cycle")
    assert described["stages"][0]["typical_minutes"] == 50


def test_a_python_rubric_and_evidence_source_work_through_cpp(registry):
    class Count(coachkit.Rubric):
        def applies_to(self): return "ratings"
        def criteria(self): return [coachkit.RubricCriterion("c", "C")]
        def levels(self): return [coachkit.RubricLevel(1, "low", "Low"), coachkit.RubricLevel(2, "high", "High")]
        def evaluate(self, data):
            return coachkit.Assessment("count", [coachkit.CriterionResult("c", 2.0, "high", "two")], 2.0, "high", "ok")

    class Lines(coachkit.EvidenceSource):
        def formats(self): return ["text"]
        def privacy(self): return coachkit.PrivacyClass.no_personal_data
        def ingest(self, data, fmt):
            if not data:
                raise ValueError("nothing to read")
            return {"lines": data.decode().splitlines()}, {"lines": len(data.splitlines())}

    registry.register(Count, "py-count")
    registry.register(Lines, "py-lines")
    # coachkit.assess / coachkit.ingest call through C++, which dispatches to the Python methods.
    assessment, _ = coachkit.assess(registry.create("rubric", "py-count"), {"anything": 1})
    assert assessment.level == "high" and assessment.criteria[0].rationale == "two"
    content, metrics, _ = coachkit.ingest(registry.create("evidence-source", "py-lines"), b"a\nb", "text")
    assert content == {"lines": ["a", "b"]} and metrics == {"lines": 2.0}
    with pytest.raises(coachkit.InvalidDocumentError, match="nothing to read"):
        coachkit.ingest(registry.create("evidence-source", "py-lines"), b"", "text")


def test_registering_bad_python_components_is_refused(registry):
    with pytest.raises(coachkit.Error, match="must subclass"):
        registry.register(object, "not-a-component")
    registry.register(QuestionGuide, "twice")
    with pytest.raises(coachkit.Error, match="already provided"):
        registry.register(QuestionGuide, "twice")
    with pytest.raises(coachkit.Error, match="already provided by plugin 'curee-question-phases'"):
        registry.register(QuestionGuide, "curee-question-phases")


def test_the_register_decorator_uses_the_registry_given(registry):
    @plugins.register("decorated", name="Decorated", registry=registry)
    class Decorated(QuestionGuide):
        pass

    assert Decorated.__name__ == "Decorated"  # the decorator returns the class unchanged
    assert registry.describe("coaching-guide", "decorated")["focus"] == "questioning"


def test_discovery_from_a_folder_and_shadowing(tmp_path):
    first = write_plugin(tmp_path / "a" / "guide", data_guide("school-guide", "guide-a"))
    write_plugin(tmp_path / "b" / "guide", data_guide("school-guide", "guide-b"))
    reg = coachkit.Registry()
    reg.discover([tmp_path / "a", tmp_path / "b"])
    assert [c.id for c in reg.components()] == ["guide-a"]
    shadowed = [p for p in reg.problems if "shadowed" in p.message]
    assert len(shadowed) == 1 and str(first / "plugin.json") in shadowed[0].message


def test_a_broken_data_plugin_is_reported_and_others_still_load(tmp_path):
    broken = data_guide("broken", "broken-guide")
    broken["provides"][0]["definition"]["phases"] = []
    write_plugin(tmp_path / "broken", broken)
    write_plugin(tmp_path / "good", data_guide("good", "good-guide"))
    reg = coachkit.Registry()
    reg.discover([tmp_path])
    assert [c.id for c in reg.components()] == ["good-guide"]
    errors = [p for p in reg.problems if p.severity == coachkit.Severity.error]
    assert [(Path(e.file).parent.name, e.pointer) for e in errors] == [("broken", "/provides/0/definition/phases")]


def test_validate_reports_a_good_and_a_bad_plugin(tmp_path, registry):
    good = write_plugin(tmp_path / "good", data_guide("good", "good-guide"))
    check = plugins.validate(str(good))
    assert check.ok and check.plugin.id == "good"
    bad_manifest = data_guide("bad", "bad-guide")
    del bad_manifest["licence"]
    bad = write_plugin(tmp_path / "bad", bad_manifest)
    check = plugins.validate(str(bad / "plugin.json"))
    assert not check.ok and check.plugin is None
    assert [d.message for d in check.problems] == ["missing required field 'licence'"]
    compiled = registry.plugin("learner-reflection").manifest.parent
    assert plugins.validate(str(compiled)).ok


def test_a_missing_library_is_a_plugin_error_with_its_details(tmp_path):
    manifest = {
        "schema": "coachkit.plugin/1", "id": "ghost", "version": "1.0.0", "licence": "MIT",
        "library": "libghost.so",
        "provides": [{"kind": "rubric", "id": "ghost-rubric", "name": "Ghost"}],
    }
    write_plugin(tmp_path / "ghost", manifest)
    reg = coachkit.Registry()
    reg.discover([tmp_path])
    with pytest.raises(coachkit.PluginError) as caught:
        reg.create("rubric", "ghost-rubric")
    error = caught.value
    assert error.plugin_id == "ghost" and error.reason == "library file not found"
    assert error.file.endswith("libghost.so")
    with pytest.raises(coachkit.PluginError):  # not retried, same answer
        reg.create("rubric", "ghost-rubric")
    check = plugins.validate(str(tmp_path / "ghost"))
    assert not check.ok and "library file not found" in check.problems[-1].message


@pytest.mark.parametrize("version, constraint, expected", [
    ("0.1.0", ">=0.1 <1.0", True), ("1.0.0", ">=0.1 <1.0", False), ("0.1.0", "==0.1", True),
    ("0.1.0", ">0.1.0", False), ("0.1.0", "", True), ("0.1.0", "<=0.0.9, >=0.0.1", False),
])
def test_version_ranges(version, constraint, expected):
    assert coachkit.version_satisfies(version, constraint) is expected


def test_malformed_version_range_is_an_error():
    with pytest.raises(coachkit.Error, match="malformed version constraint '~1.0'"):
        coachkit.version_satisfies("0.1.0", "~1.0")


def shipped_manifests(source_dir: Path) -> list[Path]:
    return sorted((source_dir / "plugins").glob("*/plugin.json")) + [
        source_dir / "sdk" / "template" / "cpp" / "plugin.json",
        source_dir / "sdk" / "template" / "data" / "plugin.json",
    ]


def test_every_shipped_manifest_matches_the_json_schema(source_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((source_dir / "docs" / "schemas" / "plugin.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    manifests = shipped_manifests(source_dir)
    assert len(manifests) == 17
    for manifest in manifests:
        errors = [e.message for e in validator.iter_errors(json.loads(manifest.read_text()))]
        assert errors == [], f"{manifest}: {errors}"


def test_the_schema_rejects_what_the_loader_rejects(source_dir, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(
        json.loads((source_dir / "docs" / "schemas" / "plugin.schema.json").read_text()))
    broken = data_guide("broken", "broken-guide")
    del broken["provides"][0]["definition"]          # data-only without a definition
    assert not validator.is_valid(broken)
    write_plugin(tmp_path / "broken", broken)
    assert not plugins.validate(str(tmp_path / "broken")).ok


def test_the_data_template_is_a_valid_plugin(source_dir):
    check = plugins.validate(str(source_dir / "sdk" / "template" / "data"))
    assert check.ok, [str(p) for p in check.problems]
