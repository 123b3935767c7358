// The framework area: items, Framework and its queries, loading and validating packs.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <boost/json/serialize.hpp>

#include "bindings.hpp"
#include "coachkit/framework/framework.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

/// The fields every item shares, bound once for each item class.
template <typename Item, typename... Options>
py::class_<Item, Options...> bind_item(py::module_& m, const char* name, const char* doc) {
    py::class_<Item, Options...> cls(m, name, doc);
    cls.def_property_readonly("id", [](const Item& i) { return i.id; })
        .def_property_readonly("name", [](const Item& i) { return i.name; })
        .def_property_readonly("summary", [](const Item& i) { return i.summary; })
        .def_property_readonly(
            "source", [](const Item& i) { return i.source; }, "the source document the item cites")
        .def_property_readonly(
            "extra", [](const Item& i) { return to_python(i.extra); },
            "fields coachkit does not know, kept as the pack gave them")
        .def("__repr__",
             [name](const Item& i) { return std::string("<") + name + " '" + i.id + "'>"; });
    return cls;
}

}  // namespace

void bind_framework(py::module_& m) {
    bind_item<Principle>(m, "Principle", "One of the framework's principles.")
        .def_readonly("number", &Principle::number);

    py::class_<CoreConcepts>(m, "CoreConcepts", "The why, who, what, where and when of a mode.")
        .def_readonly("why", &CoreConcepts::why)
        .def_readonly("who", &CoreConcepts::who)
        .def_readonly("what", &CoreConcepts::what)
        .def_readonly("where", &CoreConcepts::where)
        .def_readonly("when", &CoreConcepts::when);

    bind_item<Purpose>(m, "Purpose", "A purpose a mode serves (mentoring for induction…).");

    bind_item<Mode>(m, "Mode", "A mode of support: mentoring, specialist coaching, co-coaching…")
        .def_readonly("definition", &Mode::definition)
        .def_readonly("practitioner_role", &Mode::practitioner_role)
        .def_readonly("learner_role", &Mode::learner_role)
        .def_readonly("concepts", &Mode::concepts)
        .def_readonly("purposes", &Mode::purposes);

    bind_item<FrameworkRole>(m, "Role", "A role people take in the framework.")
        .def_readonly("modes", &FrameworkRole::modes);

    bind_item<Theme>(m, "Theme", "A numbered thread through the activities of every mode.")
        .def_readonly("number", &Theme::number);

    py::class_<Placement>(m, "Placement", "Where a skill or ability sits in one mode.")
        .def_readonly("number", &Placement::number)
        .def_readonly("wording", &Placement::wording);

    bind_item<Competence>(m, "Competence",
                          "A practitioner skill or a professional learner's ability.")
        .def_readonly("modes", &Competence::modes, "mode id -> Placement")
        .def("in_mode", &Competence::in_mode, py::arg("mode"))
        .def("label_in", &Competence::label_in, py::arg("mode"),
             "the wording used in that mode (the placement's own, else the name)");

    bind_item<Activity>(m, "Activity", "A numbered activity of one mode, on one theme.")
        .def_readonly("mode", &Activity::mode)
        .def_readonly("number", &Activity::number)
        .def_readonly("theme", &Activity::theme);

    py::class_<ThemeRow>(m, "ThemeRow", "A theme and the activity each mode has on it.")
        .def_readonly("theme", &ThemeRow::theme)
        .def_readonly("activities", &ThemeRow::activities, "mode id -> Activity or None");

    py::class_<CompetenceComparison>(m, "CompetenceComparison")
        .def_readonly("shared_by_all", &CompetenceComparison::shared_by_all)
        .def_readonly("shared_by_some", &CompetenceComparison::shared_by_some)
        .def_readonly("unique", &CompetenceComparison::unique,
                      "mode id -> items only that mode has");

    py::class_<ModeComparison>(m, "ModeComparison", "The result of Framework.compare().")
        .def_readonly("modes", &ModeComparison::modes)
        .def_readonly("skills", &ModeComparison::skills)
        .def_readonly("abilities", &ModeComparison::abilities)
        .def_readonly("themes", &ModeComparison::themes);

    py::class_<PackInfo>(m, "PackInfo", "Identity of a model pack.")
        .def_readonly("id", &PackInfo::id)
        .def_readonly("name", &PackInfo::name)
        .def_readonly("version", &PackInfo::version)
        .def_readonly("description", &PackInfo::description)
        .def_readonly("layers", &PackInfo::layers,
                      "ids of the packs merged into this one, base first")
        .def_readonly("sources", &PackInfo::sources);

    // Lists and lookups return copies: items are small, and a copy cannot dangle if the Python
    // side outlives the Framework it came from.
    py::class_<Framework>(m, "Framework", "A loaded, validated mentoring and coaching framework.")
        .def_static("curee", &Framework::curee, py::return_value_policy::reference,
                    "The CUREE national framework compiled into the library.")
        .def_property_readonly("info", &Framework::info)
        .def_property_readonly("principles", &Framework::principles)
        .def_property_readonly("modes", &Framework::modes)
        .def_property_readonly("roles", &Framework::roles)
        .def_property_readonly("themes", &Framework::themes)
        .def_property_readonly("skills", &Framework::skills)
        .def_property_readonly("abilities", &Framework::abilities)
        .def_property_readonly("activities", &Framework::activities)
        .def("principle", &Framework::principle, py::arg("id"))
        .def("mode", &Framework::mode, py::arg("id"))
        .def("role", &Framework::role, py::arg("id"))
        .def("theme", &Framework::theme, py::arg("number"))
        .def("skill", &Framework::skill, py::arg("id"))
        .def("ability", &Framework::ability, py::arg("id"))
        .def("activity", &Framework::activity, py::arg("id"))
        .def("skills_of", &Framework::skills_of, py::arg("mode"),
             "the skills of a mode, in its order")
        .def("abilities_of", &Framework::abilities_of, py::arg("mode"),
             "what a professional learner develops in a mode")
        .def("activities_of", &Framework::activities_of, py::arg("mode"))
        .def("follow_theme", &Framework::follow_theme, py::arg("number"),
             "one theme followed around the modes")
        .def(
            "compare",
            [](const Framework& fw, const py::args& modes) {
                std::vector<std::string> ids;
                for (const auto& mode : modes)
                    ids.push_back(py::cast<std::string>(mode));
                return fw.compare(ids);
            },
            "compare(mode, mode, ...): shared and unique skills and abilities, activities by theme")
        .def(
            "to_json", [](const Framework& fw) { return to_python(fw.to_json()); },
            "the framework as a standalone pack (a dict)")
        .def("to_json_text",
             [](const Framework& fw) { return boost::json::serialize(fw.to_json()); })
        .def("to_markdown", &Framework::to_markdown)
        .def("__repr__", [](const Framework& fw) {
            return "<Framework '" + fw.info().id + "': " + std::to_string(fw.modes().size()) +
                   " modes>";
        });

    m.def("load_pack", &load_pack, py::arg("path"),
          "Load a model pack file (a pack that extends 'curee' is laid over it). Raises "
          "InvalidDocumentError listing every problem.");
    m.def("load_pack_text", &load_pack_text, py::arg("json"), py::arg("origin") = "<string>");
    m.def("validate_pack", &validate_pack, py::arg("path"),
          "Every problem in a pack file, as Diagnostics (empty when valid).");
}

}  // namespace coachkit::python
