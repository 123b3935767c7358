"""Model packs: loading, extending CUREE, standalone packs, unknown fields, export round trips, and
every kind of bad pack (each must name the file and the place of the problem)."""

import json
from pathlib import Path

import pytest

import coachkit

CUREE_MODES = ["mentoring", "specialist-coaching", "co-coaching"]


def ids(items):
    return [item.id for item in items]


def diagnostics_of(load):
    """Runs a load that must fail and returns its diagnostics."""
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        load()
    diagnostics = raised.value.diagnostics
    assert diagnostics, "InvalidDocumentError without diagnostics"
    return raised.value, diagnostics


# =================================================================================================
# Extending CUREE (tests/data/packs/py/school_pack.json)
# =================================================================================================


def test_school_pack_identity(school):
    info = school.info
    assert info.id == "riverside-coaching"
    assert info.name == "Riverside School coaching framework"
    assert info.version == "2025.2"
    assert info.layers == ["curee", "riverside-coaching"]
    # sources merge: the base's stay, the school's is added
    assert "001_02d9a7e25f685ada.txt" in info.sources
    assert info.sources["riverside-handbook.md"] == "Riverside School staff development handbook"


def test_school_pack_adds_a_principle(school):
    assert [p.number for p in school.principles] == list(range(1, 12))
    added = school.principle("pupil-voice")
    assert added.number == 11
    assert added.name == "listening to pupils"
    assert added.source == "riverside-handbook.md"
    # the base's principles are untouched
    assert school.principle("learning-conversation").name == "a learning conversation"


def test_school_pack_renames_a_skill_and_keeps_its_placement(school):
    skill = school.skill("establish-buffer-zones")
    assert skill.name == "keep coaching apart from appraisal"
    assert list(skill.modes) == ["specialist-coaching"]
    assert skill.modes["specialist-coaching"].number == 10
    # fields the overlay does not give are the base's
    assert skill.summary == coachkit.curee().skill("establish-buffer-zones").summary
    assert skill.source == "001_02d9a7e25f685ada.txt"
    assert school.skills_of("specialist-coaching")[-1].label_in("specialist-coaching") == (
        "keep coaching apart from appraisal"
    )


def test_school_pack_adds_a_fourth_mode(school):
    assert ids(school.modes) == CUREE_MODES + ["team-coaching"]
    mode = school.mode("team-coaching")
    assert mode.name == "Team coaching"
    assert mode.practitioner_role == "team-coach"
    assert mode.learner_role == "professional-learner"
    assert mode.definition.startswith("A department team")
    assert mode.concepts is not None and mode.concepts.when == "Over one school term."
    assert mode.purposes == []
    assert school.role("team-coach").modes == ["team-coaching"]


def test_overlay_arrays_replace_the_base(school):
    # roles[].modes is an array: the school's list replaces the base's
    assert school.role("professional-learner").modes == CUREE_MODES + ["team-coaching"]
    # ...while fields it does not give are kept
    assert school.role("professional-learner").name == "Professional learner"


def test_fourth_mode_skills_placed_on_existing_skills(school):
    skills = school.skills_of("team-coaching")
    assert ids(skills) == [
        "listen-actively",
        "use-open-questions",
        "observe-analyse-and-reflect",
        "relate-sensitively-to-learners",
        "facilitate-group-enquiry",
    ]
    assert [s.modes["team-coaching"].number for s in skills] == [1, 2, 3, 4, 5]
    assert skills[0].label_in("team-coaching") == "listen to the whole team"
    # placing a skill in the new mode keeps its placements in the CUREE modes (objects merge)
    listen = school.skill("listen-actively")
    assert sorted(listen.modes) == sorted(CUREE_MODES + ["team-coaching"])
    assert listen.modes["co-coaching"].number == 9
    assert listen.label_in("mentoring") == "listen actively"
    # and every CUREE mode still has its ten skills
    for mode in CUREE_MODES:
        assert [s.modes[mode].number for s in school.skills_of(mode)] == list(range(1, 11))


def test_fourth_mode_abilities_and_activities(school):
    assert ids(school.abilities_of("team-coaching")) == [
        "discuss-practice-and-core-concepts",
        "build-on-colleagues-ideas",
    ]
    assert sorted(school.ability("discuss-practice-and-core-concepts").modes) == [
        "co-coaching",
        "specialist-coaching",
        "team-coaching",
    ]
    activities = school.activities_of("team-coaching")
    assert [(a.number, a.theme) for a in activities] == [(1, 1), (2, 5), (3, 7)]
    assert len(school.activities) == 25 + 3


def test_follow_theme_includes_the_fourth_mode(school):
    row = school.follow_theme(1)
    assert sorted(row.activities) == sorted(CUREE_MODES + ["team-coaching"])
    assert row.activities["team-coaching"].id == "team-coaching-1"
    assert school.follow_theme(2).activities["team-coaching"] is None


def test_compare_with_the_fourth_mode(school):
    c = school.compare("team-coaching", "mentoring")
    assert c.modes == ["team-coaching", "mentoring"]
    # ordered by the first compared mode's numbers (team coaching numbers them differently)
    assert ids(c.skills.shared_by_all) == [
        "listen-actively",
        "use-open-questions",
        "observe-analyse-and-reflect",
        "relate-sensitively-to-learners",
    ]
    assert ids(c.skills.unique["team-coaching"]) == ["facilitate-group-enquiry"]
    assert "provide-information" in ids(c.skills.unique["mentoring"])
    assert ids(c.abilities.unique["team-coaching"]) == [
        "discuss-practice-and-core-concepts",
        "build-on-colleagues-ideas",
    ]
    assert ids(c.abilities.shared_by_all) == []
    assert [row.theme.number for row in c.themes] == list(range(1, 10))
    assert c.themes[4].activities["team-coaching"].id == "team-coaching-2"
    assert c.themes[1].activities["team-coaching"] is None


def test_compare_same_modes_other_order(school):
    c = school.compare("mentoring", "team-coaching")
    assert ids(c.skills.shared_by_all) == [
        "relate-sensitively-to-learners",
        "observe-analyse-and-reflect",
        "use-open-questions",
        "listen-actively",
    ]


def test_compare_three_modes_with_the_fourth(school):
    c = school.compare("specialist-coaching", "co-coaching", "team-coaching")
    assert ids(c.skills.shared_by_all) == [
        "relate-sensitively-to-learners",
        "observe-analyse-and-reflect",
        "use-open-questions",
        "listen-actively",
    ]
    assert ids(c.skills.shared_by_some) == ["provide-information"]
    assert sorted(ids(c.abilities.shared_by_all)) == ["discuss-practice-and-core-concepts"]
    assert ids(c.skills.unique["team-coaching"]) == ["facilitate-group-enquiry"]


def test_compare_all_four_modes(school):
    c = school.compare(*CUREE_MODES, "team-coaching")
    assert len(c.modes) == 4
    assert ids(c.skills.shared_by_all) == [
        "relate-sensitively-to-learners",
        "observe-analyse-and-reflect",
        "use-open-questions",
        "listen-actively",
    ]


def test_loading_a_school_pack_leaves_curee_untouched(school):
    curee = coachkit.curee()
    assert ids(curee.modes) == CUREE_MODES
    assert len(curee.principles) == 10
    assert curee.skill("establish-buffer-zones").name == "establish buffer zones"
    assert "team-coaching" not in curee.skill("listen-actively").modes
    assert curee.role("professional-learner").modes == CUREE_MODES


def test_school_pack_markdown_shows_the_fourth_mode(school):
    md = school.to_markdown()
    assert md.startswith("# Riverside School coaching framework\n")
    assert "### Team coaching (`team-coaching`)" in md
    assert "**keep coaching apart from appraisal**" in md
    assert "**establish buffer zones**" not in md
    assert "11. **listening to pupils**" in md
    assert "11 principles, 4 modes" in md


def test_markdown_of_a_mode_without_roles_does_not_leave_a_gap(standalone_pack_path):
    # 'lesson-study' names no practitioner or learner role (both are optional).
    md = coachkit.load_pack(standalone_pack_path).to_markdown()
    assert "### Lesson study (`lesson-study`)" in md
    assert "the  " not in md, "an empty role name left a double space in the Markdown"


def test_extending_pack_only_changing_a_placement(write_pack, extending):
    path = write_pack(
        extending(skills=[{"id": "model-expertise", "modes": {"co-coaching": {"number": 11}}}])
    )
    fw = coachkit.load_pack(path)
    assert sorted(fw.skill("model-expertise").modes) == sorted(CUREE_MODES)
    assert fw.skills_of("co-coaching")[-1].id == "model-expertise"
    c = fw.compare(*CUREE_MODES)
    assert "model-expertise" in ids(c.skills.shared_by_all)


def test_extending_pack_without_version_keeps_the_base_fields(write_pack, extending):
    fw = coachkit.load_pack(write_pack(extending()))
    assert fw.info.id == "school"
    assert fw.info.name == "A school's pack"
    assert fw.info.layers == ["curee", "school"]
    assert len(fw.principles) == 10


# =================================================================================================
# Standalone packs
# =================================================================================================


def test_standalone_pack_replaces_curee(standalone_pack_path):
    fw = coachkit.load_pack(standalone_pack_path)
    assert fw.info.id == "peer-triads"
    assert fw.info.layers == ["peer-triads"]
    assert ids(fw.modes) == ["triad-coaching", "lesson-study"]
    assert ids(fw.principles) == ["mutual-trust"]
    with pytest.raises(coachkit.NotFoundError):
        fw.principle("learning-conversation")
    assert fw.mode("lesson-study").concepts is None
    assert fw.mode("lesson-study").practitioner_role == ""
    assert ids(fw.skills_of("lesson-study")) == ["plan-a-research-lesson", "ask-questions"]


def test_load_pack_accepts_str_and_pathlib(standalone_pack_path):
    assert coachkit.load_pack(str(standalone_pack_path)).info.id == "peer-triads"
    assert coachkit.load_pack(Path(standalone_pack_path)).info.id == "peer-triads"


# =================================================================================================
# to_json round trips
# =================================================================================================


def test_curee_to_json_is_the_shipped_pack(curee, shipped_pack):
    assert curee.to_json() == shipped_pack


def test_curee_round_trip_through_load_pack_text(curee):
    text = curee.to_json_text()
    assert json.loads(text) == curee.to_json()
    again = coachkit.load_pack_text(text)
    assert again.to_json() == curee.to_json()
    assert again.info.id == "curee"
    for kind in ("principles", "modes", "roles", "themes", "skills", "abilities", "activities"):
        assert ids(getattr(again, kind)) == ids(getattr(curee, kind)), kind
    assert [p.name for p in again.principles] == [p.name for p in curee.principles]
    assert again.skill("provide-information").label_in("mentoring") == "provide information and feedback"
    c1, c2 = curee.compare(*CUREE_MODES), again.compare(*CUREE_MODES)
    assert coachkit.comparison_rows(c1) == coachkit.comparison_rows(c2)
    assert again.to_markdown() == curee.to_markdown()


def test_school_to_json_is_a_standalone_pack(school):
    exported = school.to_json()
    assert exported["schema"] == "coachkit.framework/1"
    assert exported["id"] == "riverside-coaching"
    assert "extends" not in exported
    assert [m["id"] for m in exported["modes"]] == CUREE_MODES + ["team-coaching"]
    assert len(exported["principles"]) == 11


def test_school_round_trip_gives_equal_content(school):
    again = coachkit.load_pack_text(school.to_json_text(), "riverside-export.json")
    assert again.to_json() == school.to_json()
    assert again.info.layers == ["riverside-coaching"]  # standalone now
    assert ids(again.skills_of("team-coaching")) == ids(school.skills_of("team-coaching"))
    c1 = school.compare("team-coaching", "co-coaching")
    c2 = again.compare("team-coaching", "co-coaching")
    assert coachkit.comparison_rows(c1) == coachkit.comparison_rows(c2)


def test_load_pack_text_default_origin_is_named_in_diagnostics():
    error, diagnostics = diagnostics_of(lambda: coachkit.load_pack_text("[]"))
    assert diagnostics[0].file == "<string>"
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack_text("[]", origin="mine.json"))
    assert diagnostics[0].file == "mine.json"
    assert str(diagnostics[0]) == "mine.json:/: a pack must be a JSON object"


# =================================================================================================
# Unknown fields are kept
# =================================================================================================


def test_unknown_top_level_field_kept(school):
    assert school.to_json()["riverside_review"] == {
        "due": "2026-07-01",
        "owners": ["deputy-head", "coaching-lead"],
        "round": 3,
    }


def test_unknown_item_fields_kept_in_extra(school):
    assert school.principle("pupil-voice").extra == {"riverside_tag": "local"}
    # an overlay's unknown field is merged into a base item
    assert school.skill("establish-buffer-zones").extra == {
        "riverside_note": "Coaches never sit on the appraisal panel of someone they coach."
    }
    assert school.skill("facilitate-group-enquiry").extra == {}


def test_unknown_fields_in_the_shipped_pack_are_kept(curee):
    note = curee.skill("relate-guidance-to-evidence").extra["note"]
    assert "000_03436bf4eb73f4b1.txt" in note


def test_unknown_nested_fields_kept_through_to_json(school):
    exported = school.to_json()
    team = next(m for m in exported["modes"] if m["id"] == "team-coaching")
    assert team["concepts"]["riverside_timetable"] == {"slot": "Tuesday period 6", "weeks": [2, 4, 6]}
    questions = next(s for s in exported["skills"] if s["id"] == "use-open-questions")
    assert questions["modes"]["team-coaching"] == {"number": 2, "riverside_weight": 2}
    assert questions["modes"]["mentoring"] == {"number": 8}
    buffer = next(s for s in exported["skills"] if s["id"] == "establish-buffer-zones")
    assert buffer["riverside_note"].startswith("Coaches never")
    assert buffer["name"] == "keep coaching apart from appraisal"


def test_unknown_fields_survive_a_round_trip(school):
    again = coachkit.load_pack_text(school.to_json_text())
    exported = again.to_json()
    assert exported["riverside_review"]["round"] == 3
    team = next(m for m in exported["modes"] if m["id"] == "team-coaching")
    assert team["concepts"]["riverside_timetable"]["weeks"] == [2, 4, 6]
    assert again.principle("pupil-voice").extra == {"riverside_tag": "local"}


def test_unknown_fields_of_every_json_type(write_pack, extending):
    value = {"s": "é ✓", "i": -7, "big": 2**40, "f": 2.5, "t": True, "n": None, "a": [1, [2, {"b": []}]]}
    pack = extending(
        principles=[{"id": "pupil-voice", "number": 11, "name": "listening to pupils", "x-any": value}],
        modes=[
            {
                "id": "mentoring",
                "purposes": [{"id": "induction", "name": "Induction", "x-purpose": {"cohort": 2025}}],
            }
        ],
    )
    fw = coachkit.load_pack(write_pack(pack))
    assert fw.principle("pupil-voice").extra == {"x-any": value}
    assert fw.mode("mentoring").purposes[0].extra == {"x-purpose": {"cohort": 2025}}
    again = coachkit.load_pack_text(fw.to_json_text())
    assert again.principle("pupil-voice").extra == {"x-any": value}


def test_non_ascii_text_is_kept(write_pack, extending):
    pack = extending(name="École Saint-Éloi — coaching", principles=[
        {"id": "pupil-voice", "number": 11, "name": "écouter les élèves «toujours»", "summary": "Ünïcödé ✓"}
    ])
    fw = coachkit.load_pack(write_pack(pack))
    assert fw.info.name == "École Saint-Éloi — coaching"
    assert fw.principle("pupil-voice").name == "écouter les élèves «toujours»"
    assert json.loads(fw.to_json_text())["principles"][-1]["summary"] == "Ünïcödé ✓"


# =================================================================================================
# Bad packs: every problem names the file and the place
# =================================================================================================

# file in tests/data/packs/py/bad -> (JSON pointer, a fragment of the message)
BAD_PACKS = {
    "root_not_object.json": ("", "must be a JSON object"),
    "missing_schema.json": ("/schema", "missing required field 'schema'"),
    "wrong_schema_family.json": ("/schema", "unsupported schema 'coachkit.programme/1'"),
    "newer_schema_version.json": ("/schema", "unsupported schema 'coachkit.framework/2'"),
    "missing_required_field.json": ("/modes/0", "missing required field 'definition'"),
    "wrong_type.json": ("/principles/0/number", "'number' must be a whole number, not a string"),
    "duplicate_id.json": ("/themes/2", "duplicate id 'pupil-feedback' (first at /themes/0)"),
    "bad_id.json": ("/skills/1/id", "invalid id 'Team Work'"),
    "unknown_mode_in_skill.json": (
        "/skills/0/modes/co-coching",
        "unknown mode 'co-coching' (known: mentoring, specialist-coaching, co-coaching)",
    ),
    "unknown_theme_in_activity.json": ("/activities/0/theme", "unknown theme 42"),
    "unknown_base.json": ("/extends", "unknown base pack 'grow-model'"),
    "duplicate_skill_number.json": (
        "/skills/0/modes/co-coaching/number",
        "duplicate skill number 10 in mode 'co-coaching' (also 'set-aside-existing-relationships')",
    ),
    "standalone_incomplete.json": ("/modes", "missing required field 'modes'"),
}

# file -> (line, column, a fragment of the message): problems found before the JSON is parsed
SYNTAX_PACKS = {
    "syntax_error.json": (5, 22, "invalid JSON"),  # the second of two commas
    "empty.json": (1, 1, "the document is empty"),
    "whitespace_only.json": (3, 1, "the document is empty"),
    "invalid_utf8.json": (4, 15, "invalid UTF-8 (byte 0xE9"),  # a Latin-1 'é' in "Café"
}


@pytest.mark.parametrize("name", sorted(BAD_PACKS))
def test_bad_pack_names_file_and_pointer(bad_packs_dir, name):
    path = bad_packs_dir / name
    pointer, fragment = BAD_PACKS[name]
    error, diagnostics = diagnostics_of(lambda: coachkit.load_pack(path))
    assert isinstance(error, coachkit.Error)
    for d in diagnostics:
        assert d.file == str(path)
        assert d.severity == coachkit.Severity.error
        assert (d.line, d.column) == (0, 0), f"{d} carries a line for a document problem"
    matching = [d for d in diagnostics if d.pointer == pointer and fragment in d.message]
    assert matching, f"no diagnostic at {pointer!r} saying {fragment!r}; got {[str(d) for d in diagnostics]}"
    d = matching[0]
    assert str(d) == f"{path}:{pointer or '/'}: {d.message}"
    # the exception's text lists the same problems, one per line
    assert str(error).splitlines() == [str(x) for x in diagnostics]


@pytest.mark.parametrize("name", sorted(SYNTAX_PACKS))
def test_unparsable_pack_names_file_line_and_column(bad_packs_dir, name):
    path = bad_packs_dir / name
    line, column, fragment = SYNTAX_PACKS[name]
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack(path))
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert d.file == str(path)
    assert d.pointer == ""
    assert (d.line, d.column) == (line, column)
    assert fragment in d.message
    assert str(d) == f"{path}:{line}:{column}: {d.message}"


@pytest.mark.parametrize(
    "text, line, column",
    [
        ('{"schema": "coachkit.framework/1", "id": "x", "name": "y", "extends": "curee",}', 1, 79),  # at the '}'
        ('{\n  // a comment\n  "schema": "coachkit.framework/1"\n}', 2, 3),  # the '/'
        ("{\n  'schema': 'coachkit.framework/1'\n}", 2, 3),
        ('{"schema": "coachkit.framework/1", "id": "x", "name": "y", "extends": "curee"} {}', 1, 80),  # the second '{'
        ('{"schema": "coachkit.framework/1", "id": "x", "name": "y", "extends": "curee"', 1, 78),  # just past the end
    ],
    ids=["trailing-comma", "comment", "single-quotes", "two-documents", "unterminated"],
)
def test_strict_json(text, line, column):
    # Packs are exchanged between tools: no comments, trailing commas or other leniency.
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack_text(text, "strict.json"))
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert (d.file, d.pointer) == ("strict.json", "")
    assert (d.line, d.column) == (line, column), str(d)
    assert d.message.startswith("invalid JSON")


def test_valid_utf8_with_a_byte_order_mark_is_not_called_invalid_utf8(bad_packs_dir):
    # Windows editors save UTF-8 with a BOM. Accepting it or refusing it are both fine (RFC 8259
    # allows either), but the file is valid UTF-8 and must not be reported as invalid UTF-8.
    path = bad_packs_dir / "utf8_bom.json"
    try:
        fw = coachkit.load_pack(path)
    except coachkit.InvalidDocumentError as error:
        messages = [d.message for d in error.diagnostics]
        assert not any("invalid UTF-8" in m for m in messages), messages
    else:
        assert fw.info.id == "with-bom"


def test_several_problems_in_one_file_are_all_reported(bad_packs_dir):
    path = bad_packs_dir / "many_problems.json"
    error, diagnostics = diagnostics_of(lambda: coachkit.load_pack(path))
    places = {(d.pointer, d.message.split(" (")[0]) for d in diagnostics}
    assert places == {
        ("/principles/0", "missing required field 'number'"),
        ("/modes/0/practitioner_role", "unknown role 'team-coach'"),
        ("/skills/0/modes/nowhere", "unknown mode 'nowhere'"),
        ("/activities/0/theme", "unknown theme 99"),
    }
    assert all(d.file == str(path) for d in diagnostics)
    assert len(str(error).splitlines()) == 4


def test_shape_problems_do_not_hide_reference_problems_elsewhere(bad_packs_dir):
    # A badly formed id in one item and an unknown theme in an unrelated activity: a school fixing
    # its pack should see both at once ("reports every problem it finds at once").
    path = bad_packs_dir / "shape_and_reference_problems.json"
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack(path))
    pointers = {d.pointer for d in diagnostics}
    assert "/principles/0/id" in pointers
    assert "/activities/0/theme" in pointers, [str(d) for d in diagnostics]


def test_missing_file(tmp_path):
    path = tmp_path / "no-such-pack.json"
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack(path))
    assert len(diagnostics) == 1
    assert diagnostics[0].file == str(path)
    assert "not found" in diagnostics[0].message


# Smaller cases, each written to a file: overlay collections -> (pointer, message fragment).
OVERLAY_PROBLEMS = [
    pytest.param(
        {"skills": [{"id": "keep-notes", "name": "keep notes", "modes": {"team/coaching~1": {"number": 1}}}]},
        "/skills/0/modes/team~1coaching~01",
        "unknown mode 'team/coaching~1'",
        id="pointer-escapes-slash-and-tilde",
    ),
    pytest.param(
        {"themes": [{"id": "pupil-feedback", "number": 1, "name": "pupil feedback"}]},
        "/themes/0/number",
        "duplicate theme number 1 (also 'setting-learning-goals')",
        id="duplicate-theme-number-against-base",
    ),
    pytest.param(
        {"activities": [{"id": "mentoring-extra", "mode": "mentoring", "number": 3, "theme": 3, "summary": "s"}]},
        "/activities/0/number",
        "duplicate activity number 3",
        id="duplicate-activity-number",
    ),
    pytest.param(
        {"activities": [{"id": "team-1", "mode": "team-coaching", "number": 1, "theme": 1, "summary": "s"}]},
        "/activities/0/mode",
        "unknown mode 'team-coaching'",
        id="activity-in-unknown-mode",
    ),
    pytest.param(
        {"modes": [{"id": "team-coaching", "name": "T", "definition": "d", "learner_role": "pupil"}]},
        "/modes/0/learner_role",
        "unknown role 'pupil'",
        id="mode-names-unknown-role",
    ),
    pytest.param(
        {"roles": [{"id": "mentor", "modes": ["mentoring", "tutoring"]}]},
        "/roles/0/modes/1",
        "unknown mode 'tutoring'",
        id="role-in-unknown-mode",
    ),
    pytest.param(
        {"modes": [{"id": "team-coaching", "name": "T", "definition": "d", "concepts": {"why": "w", "who": "w", "what": "w", "where": "w"}}]},
        "/modes/0/concepts",
        "missing required field 'when'",
        id="concepts-missing-a-question",
    ),
    pytest.param(
        {"principles": [{"id": "pupil-voice", "number": 0, "name": "x"}]},
        "/principles/0/number",
        "from 1 to",
        id="number-zero",
    ),
    pytest.param(
        {"principles": [{"id": "pupil-voice", "number": 11.5, "name": "x"}]},
        "/principles/0/number",
        "must be a whole number",
        id="number-fraction",
    ),
    pytest.param(
        {"principles": [{"id": "pupil-voice", "number": True, "name": "x"}]},
        "/principles/0/number",
        "must be a whole number, not a boolean",
        id="number-boolean",
    ),
    pytest.param(
        {"principles": [{"id": "learning-conversation", "name": None}]},
        "/principles/0/name",
        "'name' must be a string, not null",
        id="overlay-with-wrong-type-on-base-item",
    ),
    pytest.param(
        {"skills": [{"id": "keep-notes", "name": "keep notes", "modes": {}}]},
        "/skills/0/modes",
        "at least one mode",
        id="skill-in-no-mode",
    ),
    pytest.param(
        {"skills": [{"id": "keep-notes", "name": "keep notes", "modes": {"mentoring": 11}}]},
        "/skills/0/modes/mentoring",
        "a placement must be a JSON object",
        id="placement-not-an-object",
    ),
    pytest.param(
        {"skills": [{"id": "keep-notes", "name": "keep notes", "modes": {"mentoring": {}}}]},
        "/skills/0/modes/mentoring",
        "missing required field 'number'",
        id="skill-placement-without-number",
    ),
    pytest.param(
        {"abilities": [
            {"id": "a-one", "name": "a", "modes": {"mentoring": {"number": 1}}},
            {"id": "a-two", "name": "b", "modes": {"mentoring": {"number": 1}}},
        ]},
        "/abilities/1/modes/mentoring/number",
        "duplicate ability number 1",
        id="duplicate-ability-number",
    ),
    pytest.param(
        {"principles": {"id": "pupil-voice"}},
        "/principles",
        "must be an array",
        id="collection-not-an-array",
    ),
    pytest.param(
        {"principles": ["pupil-voice"]},
        "/principles/0",
        "an item must be a JSON object",
        id="item-not-an-object",
    ),
    pytest.param(
        {"principles": [{"number": 11, "name": "x"}]},
        "/principles/0",
        "missing required field 'id'",
        id="item-without-id",
    ),
    pytest.param(
        {"sources": {"handbook.md": 3}},
        "/sources/handbook.md",
        "must be a string",
        id="source-title-not-a-string",
    ),
    pytest.param(
        {"modes": [{"id": "mentoring", "purposes": [{"id": "induction", "name": "I"}, {"id": "induction", "name": "J"}]}]},
        "/modes/0/purposes/1/id",
        "duplicate purpose id 'induction'",
        id="duplicate-purpose",
    ),
    pytest.param(
        {"activities": [{"id": "mentoring-10", "mode": "mentoring", "number": 10, "theme": 1}]},
        "/activities/0",
        "missing required field 'summary'",
        id="new-activity-without-summary",
    ),
]


@pytest.mark.parametrize("collections, pointer, fragment", OVERLAY_PROBLEMS)
def test_overlay_problem_names_file_and_pointer(write_pack, extending, collections, pointer, fragment):
    path = write_pack(extending(**collections))
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack(path))
    assert all(d.file == str(path) for d in diagnostics)
    assert any(d.pointer == pointer and fragment in d.message for d in diagnostics), [
        str(d) for d in diagnostics
    ]


@pytest.mark.parametrize(
    "top, pointer, fragment",
    [
        ({"schema": 1}, "/schema", "must be a string"),
        ({"schema": "coachkit.framework/0"}, "/schema", "unsupported schema"),
        ({"schema": "coachkit.framework"}, "/schema", "unsupported schema"),
        ({"id": "Riverside School"}, "/id", "invalid id"),
        ({"name": 7}, "/name", "'name' must be a string"),
        ({"extends": 5}, "/extends", "'extends' must be a string"),
    ],
)
def test_top_level_problems(extending, top, pointer, fragment):
    pack = extending()
    pack.update(top)
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack_text(json.dumps(pack), "top.json"))
    assert any(d.pointer == pointer and fragment in d.message for d in diagnostics), [
        str(d) for d in diagnostics
    ]


def test_pack_without_id(extending):
    pack = extending()
    del pack["id"]
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack_text(json.dumps(pack), "p.json"))
    assert [str(d) for d in diagnostics] == ["p.json:/: missing required field 'id'"]


def test_standalone_pack_with_a_dangling_reference(curee):
    pack = curee.to_json()
    pack["modes"] = [m for m in pack["modes"] if m["id"] != "co-coaching"]
    _, diagnostics = diagnostics_of(lambda: coachkit.load_pack_text(json.dumps(pack), "two-modes.json"))
    pointers = {d.pointer for d in diagnostics}
    # the co-coach role, every co-coaching skill placement and activity are reported
    assert "/roles/2/modes/0" in pointers
    assert "/skills/0/modes/co-coaching" in pointers
    assert "/activities/17/mode" in pointers
    assert len([p for p in pointers if p.startswith("/activities/")]) == 8


# =================================================================================================
# validate_pack
# =================================================================================================


def test_validate_good_packs_returns_an_empty_list(school_pack_path, standalone_pack_path, shipped_pack_path):
    for path in (school_pack_path, standalone_pack_path, shipped_pack_path):
        result = coachkit.validate_pack(path)
        assert isinstance(result, list)
        assert result == [], [str(d) for d in result]


@pytest.mark.parametrize("name", sorted(set(BAD_PACKS) | set(SYNTAX_PACKS) | {"many_problems.json"}))
def test_validate_reports_what_load_raises(bad_packs_dir, name):
    path = bad_packs_dir / name
    result = coachkit.validate_pack(path)  # never raises for bad content
    assert isinstance(result, list) and result
    assert all(isinstance(d, coachkit.Diagnostic) for d in result)
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.load_pack(path)
    assert [str(d) for d in result] == [str(d) for d in raised.value.diagnostics]


def test_an_unlisted_source_is_a_warning_not_an_error(packs_dir):
    path = packs_dir / "unlisted_source.json"
    fw = coachkit.load_pack(path)  # a warning does not stop the pack loading
    assert fw.principle("pupil-voice").source == "staff-handbook.md"
    result = coachkit.validate_pack(path)
    assert len(result) == 1, [str(d) for d in result]
    d = result[0]
    assert d.severity == coachkit.Severity.warning
    assert (d.file, d.pointer) == (str(path), "/principles/0/source")
    assert "staff-handbook.md" in d.message
    assert str(d) == f"{path}:/principles/0/source: warning: {d.message}"


def test_validate_reports_a_missing_file(tmp_path):
    path = tmp_path / "missing.json"
    result = coachkit.validate_pack(path)
    assert len(result) == 1
    assert result[0].file == str(path)
    assert "not found" in result[0].message
    assert str(result[0]) == f"{path}:/: file not found"


def test_validate_a_directory_does_not_raise(tmp_path):
    result = coachkit.validate_pack(tmp_path)
    assert isinstance(result, list)
    assert result, "a directory is not a pack"
    assert result[0].file == str(tmp_path)


def test_a_directory_is_reported_as_unreadable_not_as_empty_json(tmp_path):
    # `coachkit framework validate packs/` (a folder by mistake) must not claim the JSON is empty.
    result = coachkit.validate_pack(tmp_path)
    assert len(result) == 1
    assert "invalid JSON" not in result[0].message, str(result[0])
