"""`coachkit framework show|compare|theme|export|validate`, `coachkit --version`, and the exit codes:
0 success, 1 bad input or a failed validation, 2 a command-line usage error."""

import json
import re

import pytest

MODE_NAMES = ["Mentoring", "Specialist coaching", "Co-coaching"]


# --- reading the text tables ---------------------------------------------------------------------


def cells(line: str) -> list[str]:
    """A table row's cells (columns are separated by two or more spaces)."""
    return [cell for cell in re.split(r"\s{2,}", line.strip())]


def row(output: str, first_cell: str) -> list[str]:
    """The cells of the first row whose first cell is exactly `first_cell`."""
    for line in output.splitlines():
        if line.startswith(first_cell) and cells(line)[0] == first_cell:
            return cells(line)
    raise AssertionError(f"no row starting {first_cell!r} in:\n{output}")


def section(output: str, start: str, end: str | None = None) -> str:
    """The text after the line `start`, up to the line `end` (or the end)."""
    lines = output.splitlines()
    begin = lines.index(start) + 1
    finish = lines.index(end, begin) if end else len(lines)
    return "\n".join(lines[begin:finish])


def numbered_rows(text: str) -> list[tuple[int, str]]:
    """(number, second cell) of every table row that starts with a number."""
    found = []
    for line in text.splitlines():
        match = re.match(r"^(\d+)\s{2,}(\S.*?)(?:\s{2,}|$)", line)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    return found


# --- --version -----------------------------------------------------------------------------------


def test_version(run):
    result = run("--version")
    assert result.returncode == 0, result
    assert re.fullmatch(r"coachkit \d+\.\d+\.\d+\S*\n", result.stdout), result


# --- show ----------------------------------------------------------------------------------------


def test_show_overview(run):
    result = run("framework", "show")
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("National Framework for Mentoring and Coaching (CUREE) (pack 'curee' 1.0.0)")
    principles = section(out, "Principles", "Modes")
    assert [n for n, _ in numbered_rows(principles)] == list(range(1, 11))
    assert row(principles, "1")[1] == "a learning conversation"
    assert row(principles, "10")[1] == "using resources effectively"
    modes = section(out, "Modes", "Themes (follow one around the modes with `coachkit framework theme N`)")
    assert row(modes, "mentoring")[1:5] == ["Mentoring", "10", "5", "9"]
    assert row(modes, "specialist-coaching")[1:5] == ["Specialist coaching", "10", "5", "8"]
    assert row(modes, "co-coaching")[1:5] == ["Co-coaching", "10", "5", "8"]
    themes = section(out, "Themes (follow one around the modes with `coachkit framework theme N`)")
    assert numbered_rows(themes)[0] == (1, "setting learning goals")
    assert numbered_rows(themes)[-1] == (9, "brokering support")


def test_show_mentoring(run):
    result = run("framework", "show", "--mode", "mentoring")
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("Mentoring (mentoring)\n")
    purposes = section(out, "Purposes", "Core concepts")
    assert [row(purposes, name)[0] for name in ("Induction", "Progression", "Challenge")] == [
        "Induction",
        "Progression",
        "Challenge",
    ]
    concepts = section(out, "Core concepts", "Skills a Mentor learns")
    for question in ("why", "who", "what", "where", "when"):
        assert re.search(rf"^{question}\s{{2,}}\S", concepts, re.M), f"no '{question}' row"
    skills = numbered_rows(section(out, "Skills a Mentor learns", "What the professional learner develops"))
    assert [n for n, _ in skills] == list(range(1, 11))
    assert skills[0] == (1, "relate sensitively to learners")
    assert skills[5] == (6, "provide information and feedback")
    assert skills[9] == (10, "relate practice to assessment")
    abilities = section(out, "What the professional learner develops", "Activities")
    assert row(abilities, "respond proactively to modelled expertise")
    assert row(abilities, "think and act honestly")
    activities = numbered_rows(section(out, "Activities"))
    assert [n for n, _ in activities] == list(range(1, 10))
    assert activities[0] == (1, "setting learning goals")
    assert activities[8] == (9, "brokering support")


def test_show_specialist_coaching(run):
    result = run("framework", "show", "--mode", "specialist-coaching")
    assert result.returncode == 0, result
    out = result.stdout
    assert "Purposes" not in out.splitlines()
    skills = numbered_rows(section(out, "Skills a Specialist coach learns", "What the professional learner develops"))
    assert skills[5] == (6, "provide information")
    assert skills[9] == (10, "establish buffer zones")
    assert len(numbered_rows(section(out, "Activities"))) == 8


def test_show_unknown_mode(run):
    result = run("framework", "show", "--mode", "team-coaching")
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert "unknown mode 'team-coaching'" in result.stderr
    assert "mentoring, specialist-coaching, co-coaching" in result.stderr


def test_show_with_a_school_pack(run, school_pack):
    result = run("framework", "show", "--pack", school_pack)
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("Riverside School coaching framework (pack 'riverside-coaching' 2025.2)")
    assert row(out, "11")[1] == "listening to pupils"
    assert row(out, "team-coaching")[1:5] == ["Team coaching", "5", "2", "3"]

    result = run("framework", "show", "--mode", "team-coaching", "--pack", school_pack)
    assert result.returncode == 0, result
    skills = numbered_rows(section(result.stdout, "Skills a Team coach learns", "What the professional learner develops"))
    assert skills == [
        (1, "listen to the whole team"),
        (2, "use open questions"),
        (3, "observe, analyse and reflect"),
        (4, "relate sensitively to learners"),
        (5, "facilitate group enquiry"),
    ]


# --- compare -------------------------------------------------------------------------------------


def test_compare_three_modes(run):
    result = run("framework", "compare", "mentoring", "specialist-coaching", "co-coaching")
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("Comparing Mentoring, Specialist coaching and Co-coaching\n")
    skills = section(out, "Skills practitioners learn (number in each mode)", "What professional learners develop")
    assert row(skills, "establish buffer zones")[1:] == ["only Specialist coaching", "-", "10", "-"]
    assert row(skills, "set aside existing relationships")[1:] == ["only Co-coaching", "-", "-", "10"]
    assert row(skills, "model expertise")[1:] == ["some", "2", "2", "-"]
    for name, number in [
        ("relate sensitively to learners", "1"),
        ("observe, analyse and reflect", "5"),
        ("provide information", "6"),
        ("use open questions", "8"),
        ("listen actively", "9"),
    ]:
        assert row(skills, name)[1:] == ["all", number, number, number]
    abilities = section(out, "What professional learners develop", "Activities by theme (follow a theme around the circles)")
    assert row(abilities, "think and act honestly")[1:] == ["all", "yes", "yes", "yes"]
    assert row(abilities, "seek out specialist expertise")[1:] == ["only Co-coaching", "-", "-", "yes"]
    themes = section(out, "Activities by theme (follow a theme around the circles)")
    assert row(themes, "1. setting learning goals")[1].startswith("agreeing what the learner")
    assert row(themes, "9. brokering support")[2:] == ["-", "-"]


def test_compare_two_modes(run):
    result = run("framework", "compare", "specialist-coaching", "co-coaching")
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("Comparing Specialist coaching and Co-coaching\n")
    assert row(out, "listen actively")[1:] == ["both", "9", "9"]
    assert row(out, "model expertise")[1:] == ["only Specialist coaching", "2", "-"]
    assert row(out, "establish buffer zones")[1:] == ["only Specialist coaching", "10", "-"]
    assert "some" not in [cells(line)[1] for line in out.splitlines() if len(cells(line)) > 2]
    assert "9. brokering support" not in out  # neither mode has an activity on theme 9


def test_compare_with_the_school_pack(run, school_pack):
    result = run("framework", "compare", "team-coaching", "mentoring", "--pack", school_pack)
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("Comparing Team coaching and Mentoring\n")
    assert row(out, "listen actively")[1:] == ["both", "1", "9"]
    assert row(out, "facilitate group enquiry")[1:] == ["only Team coaching", "5", "-"]
    assert row(out, "1. setting learning goals")[1] == "agreeing the team's shared question"


@pytest.mark.parametrize(
    "modes, message",
    [
        (["mentoring", "mentoring"], "mode 'mentoring' is given twice"),
        (["mentoring", "tutoring"], "unknown mode 'tutoring' (known: mentoring, specialist-coaching, co-coaching)"),
    ],
)
def test_compare_bad_modes(run, modes, message):
    result = run("framework", "compare", *modes)
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert message in result.stderr


# --- theme ---------------------------------------------------------------------------------------


def test_theme_one_in_all_three_modes(run):
    result = run("framework", "theme", "1")
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("Theme 1: setting learning goals\n")
    assert row(out, "Mentoring")[1] == "1"
    assert row(out, "Specialist coaching")[1:] == ["1", "helping the learner pin down their learning goals"]
    assert row(out, "Co-coaching")[1] == "1"
    assert "(no activity on this theme)" not in out


def test_theme_nine_only_in_mentoring(run):
    result = run("framework", "theme", "9")
    assert result.returncode == 0, result
    out = result.stdout
    assert out.startswith("Theme 9: brokering support\n")
    assert row(out, "Mentoring")[1:] == ["9", "arranging a range of further support"]
    assert row(out, "Specialist coaching")[1:] == ["-", "(no activity on this theme)"]
    assert row(out, "Co-coaching")[1:] == ["-", "(no activity on this theme)"]


def test_theme_with_the_school_pack(run, school_pack):
    result = run("framework", "theme", "5", "--pack", school_pack)
    assert result.returncode == 0, result
    assert row(result.stdout, "Team coaching")[1:] == ["2", "observing one another's lessons in turn"]


@pytest.mark.parametrize("number", ["0", "10", "99"])
def test_unknown_theme(run, number):
    result = run("framework", "theme", number)
    assert result.returncode == 1, result
    assert f"unknown theme {number}" in result.stderr


# --- export --------------------------------------------------------------------------------------


def test_export_json_is_the_shipped_pack(run, shipped_pack_path):
    result = run("framework", "export", "--format", "json")
    assert result.returncode == 0, result
    with open(shipped_pack_path, encoding="utf-8") as f:
        assert json.loads(result.stdout) == json.load(f)


def test_export_defaults_to_json(run):
    default, explicit = run("framework", "export"), run("framework", "export", "--format", "json")
    assert default.returncode == 0, default
    assert default.stdout_bytes == explicit.stdout_bytes


def test_export_json_of_the_school_pack(run, school_pack):
    result = run("framework", "export", "--format", "json", "--pack", school_pack)
    assert result.returncode == 0, result
    exported = json.loads(result.stdout)
    assert exported["id"] == "riverside-coaching"
    assert "extends" not in exported
    assert [m["id"] for m in exported["modes"]] == ["mentoring", "specialist-coaching", "co-coaching", "team-coaching"]
    assert exported["riverside_review"]["round"] == 3
    buffer = next(s for s in exported["skills"] if s["id"] == "establish-buffer-zones")
    assert buffer["name"] == "keep coaching apart from appraisal"
    assert buffer["modes"] == {"specialist-coaching": {"number": 10}}


def test_exported_json_is_a_pack_the_cli_accepts(run, tmp_path):
    exported = tmp_path / "exported.json"
    result = run("framework", "export", "-o", exported)
    assert result.returncode == 0, result
    check = run("framework", "validate", exported)
    assert check.returncode == 0, check
    assert "valid pack 'curee'" in check.stdout


def test_export_markdown_to_a_file(run, tmp_path):
    target = tmp_path / "docs" / "out" / "framework.md"  # folders are created
    result = run("framework", "export", "--format", "markdown", "-o", target)
    assert result.returncode == 0, result
    assert result.stdout == ""
    assert str(target) in result.stderr
    on_stdout = run("framework", "export", "--format", "markdown")
    assert target.read_bytes() == on_stdout.stdout_bytes
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# National Framework for Mentoring and Coaching (CUREE)\n")
    assert "## Principles" in text and "### Specialist coaching (`specialist-coaching`)" in text


def test_export_dash_means_stdout(run):
    result = run("framework", "export", "--format", "markdown", "-o", "-")
    assert result.returncode == 0, result
    assert result.stdout.startswith("# National Framework")


def test_docs_framework_md_is_generated_from_the_pack(run, source_dir):
    # docs/framework.md is generated: `coachkit framework export --format markdown -o docs/framework.md`
    docs = source_dir / "docs" / "framework.md"
    assert docs.is_file(), f"{docs} is missing; generate it with coachkit framework export --format markdown"
    result = run("framework", "export", "--format", "markdown")
    assert result.returncode == 0, result
    assert docs.read_bytes() == result.stdout_bytes, (
        f"{docs} is out of date; regenerate it with coachkit framework export --format markdown"
    )


# --- validate ------------------------------------------------------------------------------------


def test_validate_a_good_pack(run, school_pack):
    result = run("framework", "validate", school_pack)
    assert result.returncode == 0, result
    assert result.stdout == (
        f"{school_pack}: valid pack 'riverside-coaching' (11 principles, 4 modes, 20 skills, 28 activities)\n"
    )
    assert result.stderr == ""


def test_validate_a_pack_with_a_warning(run, packs_dir):
    path = packs_dir / "unlisted_source.json"
    result = run("framework", "validate", path)
    assert result.returncode == 0, result
    assert result.stdout.startswith(f"{path}: valid pack 'school'")
    assert f"{path}:/principles/0/source: warning: " in result.stderr


BAD = [
    ("missing_schema.json", "/schema", "missing required field 'schema'"),
    ("newer_schema_version.json", "/schema", "unsupported schema 'coachkit.framework/2'"),
    ("missing_required_field.json", "/modes/0", "missing required field 'definition'"),
    ("wrong_type.json", "/principles/0/number", "'number' must be a whole number, not a string"),
    ("duplicate_id.json", "/themes/2", "duplicate id 'pupil-feedback'"),
    ("unknown_mode_in_skill.json", "/skills/0/modes/co-coching", "unknown mode 'co-coching'"),
    ("unknown_theme_in_activity.json", "/activities/0/theme", "unknown theme 42"),
    ("unknown_base.json", "/extends", "unknown base pack 'grow-model'"),
    ("root_not_object.json", "/", "a pack must be a JSON object"),
]


@pytest.mark.parametrize("name, pointer, fragment", BAD, ids=[b[0] for b in BAD])
def test_validate_a_bad_pack(run, bad_packs_dir, name, pointer, fragment):
    path = bad_packs_dir / name
    result = run("framework", "validate", path)
    assert result.returncode == 1, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{path}:{pointer}: ") and fragment in line for line in lines), result
    assert lines[-1] == f"{path}: invalid (1 error)"


def test_validate_a_syntax_error_gives_line_and_column(run, bad_packs_dir):
    path = bad_packs_dir / "syntax_error.json"
    result = run("framework", "validate", path)
    assert result.returncode == 1, result
    assert result.stderr.splitlines()[0].startswith(f"{path}:5:22: invalid JSON")


def test_validate_reports_every_problem(run, bad_packs_dir):
    path = bad_packs_dir / "many_problems.json"
    result = run("framework", "validate", path)
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines[:4]] == [
        f"{path}:/principles/0",
        f"{path}:/modes/0/practitioner_role",
        f"{path}:/skills/0/modes/nowhere",
        f"{path}:/activities/0/theme",
    ]
    assert lines[4] == f"{path}: invalid (4 errors)"


def test_validate_a_missing_file(run, tmp_path):
    path = tmp_path / "nowhere.json"
    result = run("framework", "validate", path)
    assert result.returncode == 1, result
    assert f"{path}:/: file not found" in result.stderr.splitlines()


@pytest.mark.parametrize("verb", [["show"], ["compare", "mentoring", "co-coaching"], ["theme", "1"], ["export"]])
def test_a_bad_pack_given_with_pack(run, bad_packs_dir, verb):
    path = bad_packs_dir / "unknown_mode_in_skill.json"
    result = run("framework", *verb, "--pack", path)
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:/skills/0/modes/co-coching: unknown mode 'co-coching'")


def test_a_pack_with_a_syntax_error_given_with_pack(run, bad_packs_dir):
    path = bad_packs_dir / "syntax_error.json"
    result = run("framework", "show", "--pack", path)
    assert result.returncode == 1, result
    assert result.stderr.startswith(f"{path}:5:22: invalid JSON")


def test_a_missing_pack_given_with_pack_is_bad_input(run, tmp_path):
    # A file that does not exist is bad input (exit 1), as it is for `framework validate`; the
    # command line itself is well formed.
    path = tmp_path / "nowhere.json"
    result = run("framework", "show", "--pack", path)
    assert str(path) in result.stderr
    assert result.returncode == 1, result


# --- usage errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["framework"],
        ["frobnicate"],
        ["framework", "show", "--bogus"],
        ["framework", "show", "--mode"],
        ["framework", "compare", "mentoring"],
        ["framework", "compare"],
        ["framework", "theme"],
        ["framework", "theme", "one"],
        ["framework", "export", "--format", "xml"],
        ["framework", "export", "--format"],
        ["framework", "validate"],
        ["demo", "--bogus"],
    ],
    ids=lambda args: " ".join(args) or "no-arguments",
)
def test_usage_errors_exit_2(run, args):
    result = run(*args)
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr.strip(), "a usage error must say what is wrong"


def test_help_exits_0(run):
    result = run("framework", "--help")
    assert result.returncode == 0, result
    for verb in ("show", "compare", "theme", "export", "validate"):
        assert verb in result.stdout
