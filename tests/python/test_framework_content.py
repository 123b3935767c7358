"""The built-in CUREE framework, checked item by item against the source document
(001_02d9a7e25f685ada.txt, "National Framework for Mentoring and Coaching").

The expected values below are transcribed from that document, not from the pack, so a pack edit
that drifts from the source fails here.
"""

import re

import pytest

import coachkit

MODES = ["mentoring", "specialist-coaching", "co-coaching"]

# "Effective mentoring and coaching involves:" — the ten principles, in the document's order.
PRINCIPLES = [
    "a learning conversation",
    "setting challenging and personal goals",
    "a thoughtful relationship",
    "understanding why different approaches work",
    "a learning agreement",
    "acknowledging the benefits to the mentors and coaches",
    "combining support from fellow professional learners and specialists",
    "experimenting and observing",
    "growing self direction",
    "using resources effectively",
]

# "Skills for mentoring and coaching — mentors and coaches learn to:", numbered 1..10 per mode,
# in each mode's own wording.
SKILLS = {
    "mentoring": [
        "relate sensitively to learners",
        "model expertise",
        "relate guidance to evidence",
        "broker access to a range of opportunities",
        "observe, analyse and reflect",
        "provide information and feedback",
        "build a learner's control",
        "use open questions",
        "listen actively",
        "relate practice to assessment",
    ],
    "specialist-coaching": [
        "relate sensitively to learners",
        "model expertise",
        "facilitate access to research",
        "tailor activities in partnership",
        "observe, analyse and reflect",
        "provide information",
        "facilitate growing independence",
        "use open questions",
        "listen actively",
        "establish buffer zones",
    ],
    "co-coaching": [
        "relate sensitively to learners",
        "draw on specialist resources",
        "draw on evidence",
        "understand the goals",
        "observe, analyse and reflect",
        "provide information",
        "learn reciprocally",
        "use open questions",
        "listen actively",
        "set aside existing relationships",
    ],
}

# "Professional learners develop their ability to:" — five per mode, in the document's order.
ABILITIES = {
    "mentoring": [
        "respond proactively to modelled expertise",
        "respond positively to questions",
        "take an increasingly active role",
        "observe, analyse and reflect",
        "think and act honestly",
    ],
    "specialist-coaching": [
        "respond proactively to specialist expertise",
        "discuss practice and core concepts",
        "understand their own learning needs",
        "observe, analyse and reflect",
        "think and act honestly",
    ],
    "co-coaching": [
        "seek out specialist expertise",
        "discuss practice and core concepts",
        "understand their own learning needs",
        "observe, analyse and reflect",
        "think and act honestly",
    ],
}

ACTIVITY_COUNTS = {"mentoring": 9, "specialist-coaching": 8, "co-coaching": 8}


def all_items(fw):
    """Every item of the framework that can cite a source, with a label for messages."""
    for kind in ("principles", "modes", "roles", "themes", "skills", "abilities", "activities"):
        for item in getattr(fw, kind):
            yield f"{kind[:-1]} '{item.id}'", item
    for mode in fw.modes:
        for purpose in mode.purposes:
            yield f"purpose '{purpose.id}' of {mode.id}", purpose


# --- pack identity -------------------------------------------------------------------------------


def test_curee_is_the_same_framework_either_way(curee):
    other = coachkit.Framework.curee()
    assert other.info.id == curee.info.id == "curee"
    assert other.to_json() == curee.to_json()


def test_pack_info(curee):
    info = curee.info
    assert info.id == "curee"
    assert "CUREE" in info.name
    assert info.version == "1.0.0"
    assert info.layers == ["curee"]
    assert "001_02d9a7e25f685ada.txt" in info.sources
    assert "National Framework for Mentoring and Coaching" in info.sources["001_02d9a7e25f685ada.txt"]


# --- principles ----------------------------------------------------------------------------------


def test_exactly_ten_principles_numbered_one_to_ten(curee):
    assert [p.number for p in curee.principles] == list(range(1, 11))


def test_principle_names_in_source_order(curee):
    assert [p.name for p in curee.principles] == PRINCIPLES


def test_every_principle_has_an_id_and_summary(curee):
    ids = [p.id for p in curee.principles]
    assert len(set(ids)) == 10
    for p in curee.principles:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.id), p.id
        assert p.summary.strip(), f"principle {p.id} has no summary"


def test_principle_names_appear_in_the_source(seed_text):
    lines = {line.strip() for line in seed_text.splitlines()}
    for name in PRINCIPLES:
        assert name in lines, f"principle {name!r} is not a heading of the source document"


# --- modes, purposes and core concepts -----------------------------------------------------------


def test_three_modes_in_order(curee):
    assert [m.id for m in curee.modes] == MODES
    assert [m.name for m in curee.modes] == ["Mentoring", "Specialist coaching", "Co-coaching"]


@pytest.mark.parametrize(
    "mode, practitioner",
    [("mentoring", "mentor"), ("specialist-coaching", "specialist-coach"), ("co-coaching", "co-coach")],
)
def test_mode_roles(curee, mode, practitioner):
    m = curee.mode(mode)
    assert m.practitioner_role == practitioner
    assert m.learner_role == "professional-learner"
    assert m.definition.strip()


@pytest.mark.parametrize("mode", MODES)
def test_every_mode_has_all_five_core_concepts(curee, mode):
    concepts = curee.mode(mode).concepts
    assert concepts is not None
    for question in ("why", "who", "what", "where", "when"):
        assert getattr(concepts, question).strip(), f"{mode}: '{question}' is empty"


def test_mentoring_purposes_are_induction_progression_challenge(curee):
    purposes = curee.mode("mentoring").purposes
    assert [p.id for p in purposes] == ["induction", "progression", "challenge"]
    assert [p.name for p in purposes] == ["Induction", "Progression", "Challenge"]
    assert all(p.summary.strip() for p in purposes)


@pytest.mark.parametrize("mode", ["specialist-coaching", "co-coaching"])
def test_coaching_modes_have_no_purposes(curee, mode):
    assert curee.mode(mode).purposes == []


# --- roles ---------------------------------------------------------------------------------------


def test_roles_and_the_modes_they_take_part_in(curee):
    assert {r.id: r.modes for r in curee.roles} == {
        "mentor": ["mentoring"],
        "specialist-coach": ["specialist-coaching"],
        "co-coach": ["co-coaching"],
        "professional-learner": MODES,
        "coaching-co-ordinator": [],
        "school-leader": [],
    }


# --- skills --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_each_mode_has_exactly_ten_skills_numbered_one_to_ten(curee, mode):
    skills = curee.skills_of(mode)
    assert [s.modes[mode].number for s in skills] == list(range(1, 11))


@pytest.mark.parametrize("mode", MODES)
def test_skill_wording_per_mode_matches_the_source(curee, mode):
    assert [s.label_in(mode) for s in curee.skills_of(mode)] == SKILLS[mode]


@pytest.mark.parametrize("mode", MODES)
def test_skill_wording_appears_in_the_source(seed_text, mode):
    for label in SKILLS[mode]:
        assert f"**{label}" in seed_text, f"{label!r} is not a bold skill heading in the source"


def test_nineteen_distinct_skills(curee):
    # 30 placements; 5 skills are in all three modes and model-expertise in two: 30 - 10 - 1 = 19.
    assert len(curee.skills) == 19
    assert sum(len(s.modes) for s in curee.skills) == 30


def test_skills_shared_by_all_three_modes(curee):
    shared = {s.id for s in curee.skills if all(s.in_mode(m) for m in MODES)}
    assert shared == {
        "relate-sensitively-to-learners",
        "observe-analyse-and-reflect",
        "provide-information",
        "use-open-questions",
        "listen-actively",
    }


def test_establish_buffer_zones_is_only_in_specialist_coaching(curee):
    skill = curee.skill("establish-buffer-zones")
    assert skill.name == "establish buffer zones"
    assert list(skill.modes) == ["specialist-coaching"]
    assert skill.modes["specialist-coaching"].number == 10


def test_set_aside_existing_relationships_is_only_in_co_coaching(curee):
    skill = curee.skill("set-aside-existing-relationships")
    assert list(skill.modes) == ["co-coaching"]
    assert skill.modes["co-coaching"].number == 10


def test_mentors_provide_information_and_feedback(curee):
    skill = curee.skill("provide-information")
    assert skill.name == "provide information"
    assert skill.modes["mentoring"].wording == "provide information and feedback"
    assert skill.label_in("mentoring") == "provide information and feedback"
    assert skill.modes["specialist-coaching"].wording == ""
    assert skill.label_in("specialist-coaching") == "provide information"
    assert skill.label_in("co-coaching") == "provide information"


def test_model_expertise_is_shared_by_mentoring_and_specialist_coaching_only(curee):
    assert sorted(curee.skill("model-expertise").modes) == ["mentoring", "specialist-coaching"]


# --- abilities -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_each_mode_has_five_abilities_from_the_source(curee, mode):
    abilities = curee.abilities_of(mode)
    assert [a.label_in(mode) for a in abilities] == ABILITIES[mode]


def test_abilities_are_not_numbered(curee):
    for ability in curee.abilities:
        for mode, placement in ability.modes.items():
            assert placement.number is None, f"{ability.id} is numbered in {mode}"


def test_abilities_shared_by_all_three_modes(curee):
    shared = {a.id for a in curee.abilities if all(a.in_mode(m) for m in MODES)}
    assert shared == {"observe-analyse-and-reflect", "think-and-act-honestly"}


@pytest.mark.parametrize("mode", MODES)
def test_ability_wording_appears_in_the_source(seed_text, mode):
    for label in ABILITIES[mode]:
        assert f"**{label}**" in seed_text, f"{label!r} is not a bold ability in the source"


# --- themes and activities -----------------------------------------------------------------------


def test_nine_themes_numbered_one_to_nine(curee):
    assert [t.number for t in curee.themes] == list(range(1, 10))


def test_theme_one_is_setting_learning_goals(curee):
    theme = curee.theme(1)
    assert theme.name == "setting learning goals"
    assert theme.id == "setting-learning-goals"


def test_theme_one_name_is_quoted_in_the_source(seed_text):
    assert "No.1 'setting learning goals'" in seed_text


@pytest.mark.parametrize("mode, count", sorted(ACTIVITY_COUNTS.items()))
def test_activity_counts_per_mode(curee, mode, count):
    activities = curee.activities_of(mode)
    assert len(activities) == count
    assert [a.number for a in activities] == list(range(1, count + 1))
    assert all(a.mode == mode for a in activities)


def test_activities_total(curee):
    assert len(curee.activities) == sum(ACTIVITY_COUNTS.values()) == 25


@pytest.mark.parametrize("mode", MODES)
def test_activity_n_of_each_mode_is_on_theme_n(curee, mode):
    # The comparison diagram lines the numbered activities up by theme: activity n is on theme n.
    for activity in curee.activities_of(mode):
        assert activity.theme == activity.number, activity.id
        assert activity.summary.strip()


def test_theme_one_has_an_activity_in_every_mode(curee):
    modes = {a.mode for a in curee.activities if a.theme == 1}
    assert modes == set(MODES)


def test_theme_nine_is_only_in_mentoring(curee):
    assert [a.id for a in curee.activities if a.theme == 9] == ["mentoring-9"]
    assert curee.theme(9).name == "brokering support"


# --- sources -------------------------------------------------------------------------------------


def test_every_item_cites_a_declared_source(curee):
    declared = set(curee.info.sources)
    for label, item in all_items(curee):
        assert item.source, f"{label} has no source"
        assert item.source in declared, f"{label} cites {item.source!r}, not in the pack's sources"


def test_every_cited_source_is_a_seed_file(curee, seeds_dir):
    if not seeds_dir.is_dir():
        pytest.skip(f"source documents folder {seeds_dir} is absent; cannot check citations exist")
    cited = {item.source for _, item in all_items(curee)} | set(curee.info.sources)
    missing = sorted(name for name in cited if not (seeds_dir / name).is_file())
    assert not missing, f"cited sources missing from {seeds_dir}: {missing}"


def test_framework_content_comes_mostly_from_the_framework_document(curee):
    # The principles, modes, skills, abilities and activities are all the framework document's.
    for kind in ("principles", "modes", "themes", "skills", "abilities", "activities"):
        for item in getattr(curee, kind):
            assert item.source == "001_02d9a7e25f685ada.txt", f"{kind}: {item.id} cites {item.source}"


# --- Markdown reference --------------------------------------------------------------------------


def test_markdown_reference_names_every_principle_mode_and_skill(curee):
    md = curee.to_markdown()
    assert md.startswith("# National Framework for Mentoring and Coaching (CUREE)\n")
    for name in PRINCIPLES:
        assert f"**{name}**" in md
    for mode in curee.modes:
        assert f"### {mode.name} (`{mode.id}`)" in md
    for mode, labels in SKILLS.items():
        for label in labels:
            assert f"**{label}**" in md
    assert "10 principles, 3 modes, 19 distinct skills" in md
