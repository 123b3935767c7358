"""Questions asked of a framework: lookups, a mode's skills, following a theme, comparing modes."""

import re

import pytest

import coachkit

MODES = ["mentoring", "specialist-coaching", "co-coaching"]
SHARED_BY_ALL_SKILLS = [  # in mentoring's numbering
    "relate-sensitively-to-learners",
    "observe-analyse-and-reflect",
    "provide-information",
    "use-open-questions",
    "listen-actively",
]


def ids(items):
    return [item.id for item in items]


# --- lookups -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, key, expected_name",
    [
        ("principle", "learning-conversation", "a learning conversation"),
        ("mode", "specialist-coaching", "Specialist coaching"),
        ("role", "professional-learner", "Professional learner"),
        ("theme", 3, "active listening"),
        ("skill", "listen-actively", "listen actively"),
        ("ability", "think-and-act-honestly", "think and act honestly"),
    ],
)
def test_lookup_finds_the_item(curee, method, key, expected_name):
    assert getattr(curee, method)(key).name == expected_name


def test_activity_lookup(curee):
    activity = curee.activity("co-coaching-8")
    assert (activity.mode, activity.number, activity.theme) == ("co-coaching", 8, 8)
    assert "analysing" in activity.summary


@pytest.mark.parametrize(
    "method, key, known",
    [
        ("mode", "coaching", "mentoring, specialist-coaching, co-coaching"),
        ("principle", "trust", "learning-conversation"),
        ("role", "headteacher", "coaching-co-ordinator"),
        ("skill", "teach", "establish-buffer-zones"),
        ("ability", "teach", "think-and-act-honestly"),
        ("activity", "mentoring-10", "mentoring-9"),
    ],
)
def test_unknown_id_raises_not_found_listing_known_ids(curee, method, key, known):
    with pytest.raises(coachkit.NotFoundError) as raised:
        getattr(curee, method)(key)
    message = str(raised.value)
    assert f"'{key}'" in message
    assert known in message


def test_not_found_is_a_coachkit_error_and_a_lookup_error(curee):
    assert issubclass(coachkit.NotFoundError, coachkit.Error)
    assert issubclass(coachkit.NotFoundError, LookupError)
    with pytest.raises(LookupError):
        curee.mode("tutoring")
    with pytest.raises(coachkit.Error):
        curee.skill("tutoring")


def test_errors_are_distinct_types():
    assert issubclass(coachkit.InvalidDocumentError, coachkit.Error)
    assert not issubclass(coachkit.InvalidDocumentError, LookupError)
    assert not issubclass(coachkit.Error, LookupError)


@pytest.mark.parametrize("number", [0, 10, -1, 99])
def test_unknown_theme_number(curee, number):
    with pytest.raises(coachkit.NotFoundError, match=rf"unknown theme {number} \("):
        curee.theme(number)
    with pytest.raises(coachkit.NotFoundError):
        curee.follow_theme(number)


@pytest.mark.parametrize("method", ["skills_of", "abilities_of", "activities_of"])
def test_per_mode_queries_reject_an_unknown_mode(curee, method):
    with pytest.raises(coachkit.NotFoundError, match="specialist-coaching"):
        getattr(curee, method)("team-coaching")


def test_lookups_are_case_sensitive(curee):
    with pytest.raises(coachkit.NotFoundError):
        curee.mode("Mentoring")


# --- per-mode queries ----------------------------------------------------------------------------


def test_skills_of_is_in_the_modes_own_order(curee):
    skills = curee.skills_of("co-coaching")
    assert ids(skills)[:4] == [
        "relate-sensitively-to-learners",
        "draw-on-specialist-resources",
        "draw-on-evidence",
        "understand-the-goals",
    ]
    assert ids(skills)[-1] == "set-aside-existing-relationships"


def test_skills_of_contains_only_that_modes_skills(curee):
    for mode in MODES:
        assert all(s.in_mode(mode) for s in curee.skills_of(mode))
    assert "establish-buffer-zones" not in ids(curee.skills_of("mentoring"))


def test_in_mode_and_label_in(curee):
    skill = curee.skill("model-expertise")
    assert skill.in_mode("mentoring")
    assert not skill.in_mode("co-coaching")
    assert not skill.in_mode("no-such-mode")
    # a mode the skill is not in falls back to the skill's name
    assert skill.label_in("co-coaching") == "model expertise"


# --- following a theme ---------------------------------------------------------------------------


def test_follow_theme_one_around_the_circles(curee):
    row = curee.follow_theme(1)
    assert row.theme.number == 1
    assert row.theme.name == "setting learning goals"
    assert sorted(row.activities) == sorted(MODES)
    for mode in MODES:
        activity = row.activities[mode]
        assert activity is not None, f"{mode} has no activity on theme 1"
        assert (activity.mode, activity.number, activity.theme) == (mode, 1, 1)
    assert row.activities["specialist-coaching"].id == "specialist-coaching-1"


def test_follow_theme_nine_only_mentoring(curee):
    row = curee.follow_theme(9)
    assert row.theme.name == "brokering support"
    assert row.activities["mentoring"].id == "mentoring-9"
    assert row.activities["specialist-coaching"] is None
    assert row.activities["co-coaching"] is None


def test_follow_theme_three_is_active_listening_everywhere(curee):
    row = curee.follow_theme(3)
    assert {mode: a.summary for mode, a in row.activities.items()} == {
        mode: "listening attentively" for mode in MODES
    }


# --- comparing modes -----------------------------------------------------------------------------


def test_compare_three_modes_skills(curee):
    c = curee.compare(*MODES)
    assert c.modes == MODES
    assert ids(c.skills.shared_by_all) == SHARED_BY_ALL_SKILLS
    assert ids(c.skills.shared_by_some) == ["model-expertise"]
    assert sorted(c.skills.unique) == sorted(MODES)
    assert ids(c.skills.unique["mentoring"]) == [
        "relate-guidance-to-evidence",
        "broker-access-to-a-range-of-opportunities",
        "build-a-learners-control",
        "relate-practice-to-assessment",
    ]
    assert ids(c.skills.unique["specialist-coaching"]) == [
        "facilitate-access-to-research",
        "tailor-activities-in-partnership",
        "facilitate-growing-independence",
        "establish-buffer-zones",
    ]
    assert ids(c.skills.unique["co-coaching"]) == [
        "draw-on-specialist-resources",
        "draw-on-evidence",
        "understand-the-goals",
        "learn-reciprocally",
        "set-aside-existing-relationships",
    ]


def test_compare_accounts_for_every_skill_exactly_once(curee):
    c = curee.compare(*MODES)
    listed = ids(c.skills.shared_by_all) + ids(c.skills.shared_by_some)
    for mode in MODES:
        listed += ids(c.skills.unique[mode])
    assert sorted(listed) == sorted(ids(curee.skills))


def test_compare_three_modes_abilities(curee):
    c = curee.compare(*MODES)
    assert sorted(ids(c.abilities.shared_by_all)) == [
        "observe-analyse-and-reflect",
        "think-and-act-honestly",
    ]
    assert sorted(ids(c.abilities.shared_by_some)) == [
        "discuss-practice-and-core-concepts",
        "understand-their-own-learning-needs",
    ]
    assert ids(c.abilities.unique["mentoring"]) == [
        "respond-proactively-to-modelled-expertise",
        "respond-positively-to-questions",
        "take-an-increasingly-active-role",
    ]
    assert ids(c.abilities.unique["specialist-coaching"]) == ["respond-proactively-to-specialist-expertise"]
    assert ids(c.abilities.unique["co-coaching"]) == ["seek-out-specialist-expertise"]


def test_compare_three_modes_themes(curee):
    c = curee.compare(*MODES)
    assert [row.theme.number for row in c.themes] == list(range(1, 10))
    first, last = c.themes[0], c.themes[-1]
    assert all(first.activities[m] is not None for m in MODES)
    assert last.activities["mentoring"].id == "mentoring-9"
    assert last.activities["specialist-coaching"] is None
    assert last.activities["co-coaching"] is None


def test_compare_two_coaching_modes(curee):
    c = curee.compare("specialist-coaching", "co-coaching")
    assert c.modes == ["specialist-coaching", "co-coaching"]
    assert ids(c.skills.shared_by_all) == SHARED_BY_ALL_SKILLS
    assert c.skills.shared_by_some == []  # with two modes, shared means shared by both
    assert ids(c.skills.unique["specialist-coaching"]) == [
        "model-expertise",
        "facilitate-access-to-research",
        "tailor-activities-in-partnership",
        "facilitate-growing-independence",
        "establish-buffer-zones",
    ]
    assert "set-aside-existing-relationships" in ids(c.skills.unique["co-coaching"])
    assert sorted(ids(c.abilities.shared_by_all)) == [
        "discuss-practice-and-core-concepts",
        "observe-analyse-and-reflect",
        "think-and-act-honestly",
        "understand-their-own-learning-needs",
    ]
    # neither mode has an activity on theme 9, so it is left out
    assert [row.theme.number for row in c.themes] == list(range(1, 9))
    assert sorted(c.themes[0].activities) == ["co-coaching", "specialist-coaching"]


def test_compare_mentoring_and_specialist_coaching_share_model_expertise(curee):
    c = curee.compare("mentoring", "specialist-coaching")
    assert "model-expertise" in ids(c.skills.shared_by_all)
    assert "model-expertise" not in ids(c.skills.unique["mentoring"])
    assert [row.theme.number for row in c.themes] == list(range(1, 10))


def test_compare_keeps_the_order_asked_and_orders_by_the_first_mode(curee):
    c = curee.compare("co-coaching", "mentoring")
    assert c.modes == ["co-coaching", "mentoring"]
    # all five are numbered 1, 5, 6, 8, 9 in co-coaching as in mentoring
    assert ids(c.skills.shared_by_all) == SHARED_BY_ALL_SKILLS
    assert sorted(c.themes[0].activities) == ["co-coaching", "mentoring"]


def test_compare_with_no_unique_items_still_lists_the_mode(standalone_pack_path):
    fw = coachkit.load_pack(standalone_pack_path)
    c = fw.compare("lesson-study", "triad-coaching")
    assert c.abilities.unique == {"lesson-study": [], "triad-coaching": []}
    assert ids(c.skills.shared_by_all) == ["ask-questions"]
    assert ids(c.skills.unique["lesson-study"]) == ["plan-a-research-lesson"]


@pytest.mark.parametrize("modes", [(), ("mentoring",)])
def test_compare_needs_two_modes(curee, modes):
    with pytest.raises(coachkit.Error) as raised:
        curee.compare(*modes)
    assert not isinstance(raised.value, coachkit.NotFoundError)
    assert "two" in str(raised.value)


def test_compare_rejects_a_repeated_mode(curee):
    with pytest.raises(coachkit.Error, match="mentoring") as raised:
        curee.compare("mentoring", "co-coaching", "mentoring")
    assert not isinstance(raised.value, coachkit.NotFoundError)


def test_compare_rejects_an_unknown_mode(curee):
    with pytest.raises(coachkit.NotFoundError) as raised:
        curee.compare("mentoring", "team-coaching")
    assert "team-coaching" in str(raised.value)
    assert "mentoring, specialist-coaching, co-coaching" in str(raised.value)


def test_compare_rejects_non_string_modes(curee):
    with pytest.raises((TypeError, RuntimeError)):
        curee.compare("mentoring", 3)


# --- comparison_rows -----------------------------------------------------------------------------


def test_comparison_rows_for_skills(curee):
    rows = coachkit.comparison_rows(curee.compare(*MODES))
    assert len(rows) == 19
    by_id = {row["id"]: row for row in rows}
    assert by_id["establish-buffer-zones"] == {
        "id": "establish-buffer-zones",
        "name": "establish buffer zones",
        "shared": "only specialist-coaching",
        "mentoring": None,
        "specialist-coaching": 10,
        "co-coaching": None,
    }
    assert by_id["listen-actively"]["shared"] == "all"
    assert by_id["model-expertise"]["shared"] == "some"
    assert [row["id"] for row in rows][:5] == SHARED_BY_ALL_SKILLS


def test_comparison_rows_for_abilities_mark_unnumbered_placements_true(curee):
    rows = coachkit.comparison_rows(curee.compare("mentoring", "co-coaching"), what="abilities")
    by_id = {row["id"]: row for row in rows}
    assert by_id["think-and-act-honestly"]["mentoring"] is True
    assert by_id["think-and-act-honestly"]["shared"] == "all"
    assert by_id["seek-out-specialist-expertise"]["mentoring"] is None
    assert by_id["seek-out-specialist-expertise"]["shared"] == "only co-coaching"
    assert "respond-proactively-to-specialist-expertise" not in by_id


def test_comparison_rows_rejects_other_tables(curee):
    with pytest.raises(ValueError):
        coachkit.comparison_rows(curee.compare("mentoring", "co-coaching"), what="themes")


# --- values handed out are copies ----------------------------------------------------------------


def test_to_json_returns_a_fresh_dict(curee):
    exported = curee.to_json()
    exported["principles"].clear()
    exported["name"] = "changed"
    again = curee.to_json()
    assert len(again["principles"]) == 10
    assert again["name"] != "changed"


def test_item_lists_are_copies(curee):
    principles = curee.principles
    principles.pop()
    assert len(curee.principles) == 10


# --- the module ----------------------------------------------------------------------------------


def test_module_version_and_abi():
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", coachkit.__version__)
    assert isinstance(coachkit.ABI_MAJOR, int) and isinstance(coachkit.ABI_MINOR, int)


def test_repr_names_the_item(curee):
    assert repr(curee.mode("co-coaching")) == "<Mode 'co-coaching'>"
    assert repr(curee) == "<Framework 'curee': 3 modes>"
