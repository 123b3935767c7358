"""The programme model and the framework-conformance checks, from Python."""

from __future__ import annotations

import pytest

import coachkit


def test_staff_roles_are_the_nine_posts():
    assert coachkit.staff_roles() == [
        "teacher", "trainee", "early-career-teacher", "teaching-assistant", "hlta",
        "middle-leader", "senior-leader", "coaching-co-ordinator", "external-specialist", "integration"]


def test_an_unknown_staff_role_is_refused_naming_the_known_ones():
    with pytest.raises(coachkit.Error, match="unknown staff role 'head'.*hlta"):
        coachkit.Person("x", "X", role="head")


def test_conformance_finds_each_departure_with_its_source():
    people = [coachkit.Person("cara", "Cara", "middle-leader"),
              coachkit.Person("dan", "Dan", "teacher", line_manager="cara")]
    partnerships = [
        coachkit.Partnership("sc-1", "specialist-coaching",
                             [coachkit.Member("cara", "specialist-coach"), coachkit.Member("dan", "professional-learner")],
                             focus="questioning", focus_chosen_by="dan"),
        coachkit.Partnership("cc-1", "co-coaching",
                             [coachkit.Member("amy", "co-coach"), coachkit.Member("ben", "co-coach")],
                             focus="group talk", focus_chosen_by="amy"),
        coachkit.Partnership("m-1", "mentoring",
                             [coachkit.Member("sam", "mentor"), coachkit.Member("eve", "professional-learner")]),
    ]
    agreements = [coachkit.LearningAgreement("cc-1", planned_cycles=2)]
    findings = coachkit.check_conformance(people, partnerships, agreements)
    assert [(f.rule, f.partnership) for f in findings] == [
        ("buffer-zones", "sc-1"),
        ("co-coaching-cycles", "cc-1"),
        ("co-coaching-specialist-input", "cc-1"),
        ("mentoring-purpose", "m-1"),
    ]
    assert {f.source for f in findings} <= {"000_03436bf4eb73f4b1.txt", "001_02d9a7e25f685ada.txt"}


def test_a_conforming_partnership_has_no_findings():
    partnership = coachkit.Partnership(
        "cc-2", "co-coaching", [coachkit.Member("amy", "co-coach"), coachkit.Member("ben", "co-coach")],
        focus="feedback", focus_chosen_by="ben", specialist_input="a course on feedback")
    agreement = coachkit.LearningAgreement("cc-2", [coachkit.Goal("Pupils act on feedback")], planned_cycles=4,
                                           planned_weeks=12)
    assert coachkit.check_conformance([], [partnership], [agreement]) == []
    assert agreement.performance_management_link is False
    assert agreement.confidentiality == "partnership-only"
