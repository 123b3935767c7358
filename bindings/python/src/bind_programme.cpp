// The programme area: people, partnerships, learning agreements and the conformance checks.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/programme/conformance.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

StaffRole staff_role(const std::string& text) {
    if (const auto role = parse_staff_role(text))
        return *role;
    std::string known;
    for (const auto r : all_staff_roles())
        known += (known.empty() ? "" : ", ") + std::string(to_string(r));
    throw Error("unknown staff role '" + text + "' (known: " + known + ")");
}

Confidentiality confidentiality(const std::string& text) {
    if (const auto level = parse_confidentiality(text))
        return *level;
    throw Error("unknown confidentiality '" + text +
                "' (known: partnership-only, summary-to-co-ordinator)");
}

}  // namespace

void bind_programme(py::module_& m) {
    py::class_<Person>(m, "Person", "Someone on the staff (or an external specialist).")
        .def(py::init([](std::string id, std::string name, const std::string& role,
                         std::string line_manager) {
                 return Person{std::move(id), std::move(name), staff_role(role),
                               std::move(line_manager)};
             }),
             py::arg("id"), py::arg("name"), py::arg("role") = "teacher",
             py::arg("line_manager") = "")
        .def_readwrite("id", &Person::id)
        .def_readwrite("name", &Person::name)
        .def_property(
            "role", [](const Person& p) { return std::string(to_string(p.role)); },
            [](Person& p, const std::string& role) { p.role = staff_role(role); })
        .def_readwrite("line_manager", &Person::line_manager)
        .def("__repr__", [](const Person& p) {
            return "<Person '" + p.id + "' " + std::string(to_string(p.role)) + ">";
        });

    py::class_<Member>(m, "Member",
                       "A person's place in a partnership (a framework role id or 'observer').")
        .def(py::init([](std::string person, std::string role) {
                 return Member{std::move(person), std::move(role)};
             }),
             py::arg("person"), py::arg("role"))
        .def_readwrite("person", &Member::person)
        .def_readwrite("role", &Member::role);

    py::class_<Partnership>(m, "Partnership", "A relationship in one mode between people in roles.")
        .def(py::init([](std::string id, std::string mode, std::vector<Member> members,
                         std::string purpose, std::string workflow, std::string focus,
                         std::string focus_chosen_by, std::string specialist_input) {
                 Partnership p;
                 p.id = std::move(id);
                 p.mode = std::move(mode);
                 p.members = std::move(members);
                 p.purpose = std::move(purpose);
                 p.workflow = std::move(workflow);
                 p.focus = std::move(focus);
                 p.focus_chosen_by = std::move(focus_chosen_by);
                 p.specialist_input = std::move(specialist_input);
                 return p;
             }),
             py::arg("id"), py::arg("mode"), py::arg("members"), py::arg("purpose") = "",
             py::arg("workflow") = "", py::arg("focus") = "", py::arg("focus_chosen_by") = "",
             py::arg("specialist_input") = "")
        .def_readwrite("id", &Partnership::id)
        .def_readwrite("mode", &Partnership::mode)
        .def_readwrite("purpose", &Partnership::purpose)
        .def_readwrite("workflow", &Partnership::workflow)
        .def_readwrite("focus", &Partnership::focus)
        .def_readwrite("focus_chosen_by", &Partnership::focus_chosen_by)
        .def_readwrite("specialist_input", &Partnership::specialist_input)
        .def_readwrite("members", &Partnership::members)
        .def("people_in", &Partnership::people_in, py::arg("role"));

    py::class_<Goal>(m, "Goal")
        .def(py::init([](std::string text, std::string school_priority) {
                 return Goal{std::move(text), std::move(school_priority)};
             }),
             py::arg("text"), py::arg("school_priority") = "")
        .def_readwrite("text", &Goal::text)
        .def_readwrite("school_priority", &Goal::school_priority);

    py::class_<Acknowledgement>(m, "Acknowledgement", "A member's signature on an agreement.")
        .def_readonly("person", &Acknowledgement::person)
        .def_readonly("at", &Acknowledgement::at)
        .def("__repr__", [](const Acknowledgement& a) {
            return "<Acknowledgement '" + a.person + "' at " + a.at + ">";
        });

    py::class_<LearningAgreement>(m, "LearningAgreement",
                                  "The contract a partnership agrees before it starts.")
        .def(py::init([](std::string partnership, std::vector<Goal> goals,
                         std::optional<int> planned_cycles, std::optional<int> planned_weeks,
                         const std::string& level, bool video_consent,
                         std::vector<std::string> ground_rules, bool performance_management_link,
                         std::vector<std::string> review_dates) {
                 LearningAgreement a;
                 a.partnership = std::move(partnership);
                 a.goals = std::move(goals);
                 a.planned_cycles = planned_cycles;
                 a.planned_weeks = planned_weeks;
                 a.confidentiality = confidentiality(level);
                 a.video_consent = video_consent;
                 a.ground_rules = std::move(ground_rules);
                 a.performance_management_link = performance_management_link;
                 a.review_dates = std::move(review_dates);
                 return a;
             }),
             py::arg("partnership"), py::arg("goals") = std::vector<Goal>{},
             py::arg("planned_cycles") = py::none(), py::arg("planned_weeks") = py::none(),
             py::arg("confidentiality") = "partnership-only", py::arg("video_consent") = false,
             py::arg("ground_rules") = std::vector<std::string>{},
             py::arg("performance_management_link") = false,
             py::arg("review_dates") = std::vector<std::string>{})
        .def_readwrite("partnership", &LearningAgreement::partnership)
        .def_readwrite("goals", &LearningAgreement::goals)
        .def_readwrite("ground_rules", &LearningAgreement::ground_rules)
        .def_readwrite("planned_cycles", &LearningAgreement::planned_cycles)
        .def_readwrite("planned_weeks", &LearningAgreement::planned_weeks)
        .def_readwrite("video_consent", &LearningAgreement::video_consent)
        .def_readwrite("review_dates", &LearningAgreement::review_dates, "ISO 8601 dates")
        .def_readwrite("performance_management_link",
                       &LearningAgreement::performance_management_link,
                       "only the learner can switch this on: the programme engine refuses a "
                       "draft from anyone else that turns it on (rule pm-link-learner-only)")
        .def_readonly("acknowledgements", &LearningAgreement::acknowledgements,
                      "the members' signatures (set by the programme engine, never in a draft)")
        .def_property(
            "confidentiality",
            [](const LearningAgreement& a) { return std::string(to_string(a.confidentiality)); },
            [](LearningAgreement& a, const std::string& level) {
                a.confidentiality = confidentiality(level);
            })
        .def("__repr__", [](const LearningAgreement& a) {
            return "<LearningAgreement for '" + a.partnership + "', " +
                   std::to_string(a.acknowledgements.size()) + " signed>";
        });

    py::class_<Finding>(m, "Finding", "A departure from the framework's guidance, with its source.")
        .def_readonly("rule", &Finding::rule)
        .def_readonly("partnership", &Finding::partnership)
        .def_readonly("message", &Finding::message)
        .def_readonly("source", &Finding::source)
        .def("__repr__", [](const Finding& f) {
            return "<Finding " + f.rule + " on '" + f.partnership + "'>";
        });

    m.def(
        "check_conformance",
        [](std::vector<Person> people, std::vector<Partnership> partnerships,
           std::vector<LearningAgreement> agreements) {
            return check_conformance(ConformanceInput{std::move(people), std::move(partnerships),
                                                      std::move(agreements)});
        },
        py::arg("people"), py::arg("partnerships"),
        py::arg("agreements") = std::vector<LearningAgreement>{},
        "Check partnerships against the framework; returns a list of Finding.");
    m.def("staff_roles", [] {
        std::vector<std::string> names;
        for (const auto role : all_staff_roles())
            names.emplace_back(to_string(role));
        return names;
    });
}

}  // namespace coachkit::python
