"""`coachkit demo`: prints the three modes compared and theme 1 followed around them, and writes the
Markdown reference to DIR/curee-framework.md."""

import re


def test_demo_prints_the_comparison_and_theme_one(run, tmp_path):
    out_dir = tmp_path / "demo-out"
    result = run("demo", "--output-dir", out_dir)
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("coachkit demo: National Framework for Mentoring and Coaching (CUREE)\n")
    assert "Comparing Mentoring, Specialist coaching and Co-coaching" in out
    assert re.search(r"^establish buffer zones\s{2,}only Specialist coaching\s{2,}-\s{2,}10\s{2,}-$", out, re.M)
    assert re.search(r"^listen actively\s{2,}all\s{2,}9\s{2,}9\s{2,}9$", out, re.M)
    assert "Theme 1: setting learning goals" in out
    theme = out[out.index("Theme 1: setting learning goals"):]
    for mode in ("Mentoring", "Specialist coaching", "Co-coaching"):
        assert re.search(rf"^{mode}\s{{2,}}1\s{{2,}}\S", theme, re.M), f"{mode} has no activity 1 in theme 1"
    assert str(out_dir / "curee-framework.md") in out


def test_demo_writes_the_markdown_reference(run, tmp_path):
    out_dir = tmp_path / "demo-out"
    result = run("demo", "--output-dir", out_dir)
    assert result.returncode == 0, result
    written = out_dir / "curee-framework.md"
    assert written.is_file()
    exported = run("framework", "export", "--format", "markdown")
    assert exported.returncode == 0, exported
    assert written.read_bytes() == exported.stdout_bytes


def test_demo_default_output_dir_is_relative_to_the_working_directory(run, tmp_path):
    result = run("demo", cwd=tmp_path)
    assert result.returncode == 0, result
    assert (tmp_path / "coachkit-demo" / "curee-framework.md").is_file()


def test_demo_creates_nested_output_folders(run, tmp_path):
    out_dir = tmp_path / "a" / "b" / "c"
    result = run("demo", "--output-dir", out_dir)
    assert result.returncode == 0, result
    assert (out_dir / "curee-framework.md").is_file()


def test_demo_runs_twice_into_the_same_folder(run, tmp_path):
    out_dir = tmp_path / "demo-out"
    first = run("demo", "--output-dir", out_dir)
    second = run("demo", "--output-dir", out_dir)
    assert first.returncode == second.returncode == 0, second
    assert first.stdout == second.stdout


def test_demo_output_dir_that_is_a_file_is_an_error(run, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run("demo", "--output-dir", blocker)
    assert result.returncode == 1, result
    assert result.stderr.strip(), "the failure must be explained on stderr"
    assert blocker.read_text() == "x"


def test_demo_shows_the_builtin_plugins_at_work(run, tmp_path):
    result = run("demo", "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result
    for expected in ("cflat-ideal-cycle", "learner-reflection", "principles-review", "curee-question-phases",
                     "Pace (any time)"):
        assert expected in result.stdout, expected
