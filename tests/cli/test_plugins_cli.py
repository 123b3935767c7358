"""`coachkit plugins list|info|show|validate`, run as a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def guide_manifest(plugin_id: str, guide_id: str) -> dict:
    return {
        "schema": "coachkit.plugin/1", "id": plugin_id, "version": "2.0.0", "licence": "MIT",
        "description": "A school's own prompts.",
        "provides": [{
            "kind": "coaching-guide", "id": guide_id, "name": "Our prompts",
            "definition": {"phases": [{"id": "start", "name": "Start", "prompts": ["What happened?"]}]},
        }],
    }


@pytest.fixture
def school_plugins(tmp_path) -> Path:
    folder = tmp_path / "school-plugins" / "our-guide"
    folder.mkdir(parents=True)
    (folder / "plugin.json").write_text(json.dumps(guide_manifest("our-guide", "our-prompts")))
    return folder.parent


def test_list_shows_the_builtin_plugins(run):
    result = run("plugins", "list", columns=200)
    assert result.returncode == 0, result
    for expected in ("cflat-coaching-cycle", "curee-question-phases", "principles-review", "learner-reflection"):
        assert expected in result.stdout
    assert "compiled" in result.stdout and "data" in result.stdout


def test_list_by_kind(run):
    result = run("plugins", "list", "--kind", "workflow")
    assert result.returncode == 0, result
    assert "cflat-ideal-cycle" in result.stdout and "principles-review" not in result.stdout


def test_plugin_path_adds_a_school_folder(run, school_plugins):
    result = run("plugins", "list", "--kind", "coaching-guide", "--plugin-path", school_plugins)
    assert result.returncode == 0, result
    assert "our-prompts" in result.stdout and "curee-question-phases" in result.stdout


def test_the_environment_path_is_searched(run, school_plugins, monkeypatch):
    monkeypatch.setenv("COACHKIT_PLUGIN_PATH", str(school_plugins))
    result = run("plugins", "show", "coaching-guide", "our-prompts")
    assert result.returncode == 0, result
    assert json.loads(result.stdout)["phases"][0]["prompts"] == ["What happened?"]


def test_info_does_not_load_a_compiled_plugin(run):
    result = run("plugins", "info", "learner-reflection")
    assert result.returncode == 0, result
    assert "compiled plugin" in result.stdout and "(not loaded)" in result.stdout
    assert "evidence-source" in result.stdout


def test_show_prints_a_component_as_json(run):
    result = run("plugins", "show", "workflow", "cflat-ideal-cycle")
    assert result.returncode == 0, result
    described = json.loads(result.stdout)
    assert described["kind"] == "workflow" and len(described["stages"]) == 4


def test_show_loads_and_runs_the_compiled_plugin(run):
    result = run("plugins", "show", "evidence-source", "learner-reflection")
    assert result.returncode == 0, result
    described = json.loads(result.stdout)
    assert {k: described[k] for k in ("formats", "privacy", "kind")} == {
        "formats": ["text"], "privacy": "personal-data", "kind": "evidence-source"}
    assert [m["id"] for m in described["measures"]] == ["words", "sentences", "paragraphs", "questions"]


def test_validate_builtin_and_school_plugins(run, school_plugins):
    result = run("plugins", "validate", school_plugins / "our-guide")
    assert result.returncode == 0, result
    assert "valid data plugin 'our-guide' 2.0.0 (coaching-guide our-prompts)" in result.stdout


def test_validate_a_broken_manifest_names_file_and_place(run, tmp_path):
    manifest = guide_manifest("broken", "broken-guide")
    manifest["provides"][0]["kind"] = "quiz"
    path = tmp_path / "plugin.json"
    path.write_text(json.dumps(manifest))
    result = run("plugins", "validate", path)
    assert result.returncode == 1, result
    assert f"{path}:/provides/0/kind: unknown kind 'quiz'" in result.stderr
    assert result.stderr.strip().endswith("invalid plugin")


def test_validate_a_manifest_that_is_not_json(run, tmp_path):
    path = tmp_path / "plugin.json"
    path.write_text("{ not json")
    result = run("plugins", "validate", tmp_path)
    assert result.returncode == 1, result
    assert f"{path}:1:3: invalid JSON" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("plugins", "info", "nope"), "unknown plugin 'nope'"),
    (("plugins", "show", "rubric", "nope"), "unknown rubric 'nope' (known: coaching-levels, principles-audit, principles-review, skills-profile)"),
])
def test_unknown_ids_are_bad_input(run, args, message):
    result = run(*args)
    assert result.returncode == 1, result
    assert message in result.stderr


@pytest.mark.parametrize("args", [
    ("plugins",),
    ("plugins", "list", "--kind", "quiz"),
    ("plugins", "show", "quiz", "x"),
    ("plugins", "validate"),
])
def test_usage_errors_exit_2(run, args):
    assert run(*args).returncode == 2
