// The plugin area: component interfaces (subclassable from Python), the registry, validation, and
// registering Python classes as components that C++ calls like any other.
#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/plugin/assessment_json.hpp"
#include "coachkit/plugin/describe.hpp"
#include "coachkit/plugin/registry.hpp"
#include "coachkit/plugin/validate.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

// ---- trampolines: let Python classes implement the interfaces
// ------------------------------------ PYBIND11_OVERRIDE_PURE takes the GIL itself, so C++ threads
// may call these.

class PyWorkflow : public Workflow {
public:
    [[nodiscard]] std::string mode() const override {
        PYBIND11_OVERRIDE_PURE(std::string, Workflow, mode, );
    }
    [[nodiscard]] std::vector<WorkflowStage> stages() const override {
        PYBIND11_OVERRIDE_PURE(std::vector<WorkflowStage>, Workflow, stages, );
    }
    [[nodiscard]] CyclePlan cycle_plan() const override {
        PYBIND11_OVERRIDE(CyclePlan, Workflow, cycle_plan, );
    }
};

class PyCoachingGuide : public CoachingGuide {
public:
    [[nodiscard]] std::string focus() const override {
        PYBIND11_OVERRIDE_PURE(std::string, CoachingGuide, focus, );
    }
    [[nodiscard]] std::vector<PromptGroup> phases() const override {
        PYBIND11_OVERRIDE_PURE(std::vector<PromptGroup>, CoachingGuide, phases, );
    }
};

class PyRubric : public Rubric {
public:
    [[nodiscard]] std::string applies_to() const override {
        PYBIND11_OVERRIDE_PURE(std::string, Rubric, applies_to, );
    }
    [[nodiscard]] std::vector<RubricCriterion> criteria() const override {
        PYBIND11_OVERRIDE_PURE(std::vector<RubricCriterion>, Rubric, criteria, );
    }
    [[nodiscard]] std::vector<RubricLevel> levels() const override {
        PYBIND11_OVERRIDE_PURE(std::vector<RubricLevel>, Rubric, levels, );
    }
    // Python's evaluate(input: dict) -> Assessment; problems are raised as exceptions there and
    // become an error diagnostic here.
    [[nodiscard]] Assessment evaluate(const boost::json::value& input,
                                      Diagnostics& out) const override {
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const Rubric*>(this), "evaluate");
        if (!override)
            throw Error("Python rubric does not implement evaluate()");
        try {
            return override(to_python(input)).cast<Assessment>();
        } catch (const std::exception& e) {  // a raised exception, or a wrong return type
            out.push_back(
                {Severity::error, "", "", 0, 0, std::string("evaluate() failed: ") + e.what()});
            return {};
        }
    }
};

class PyEvidenceSource : public EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override {
        PYBIND11_OVERRIDE_PURE(std::vector<std::string>, EvidenceSource, formats, );
    }
    [[nodiscard]] PrivacyClass privacy() const override {
        PYBIND11_OVERRIDE_PURE(PrivacyClass, EvidenceSource, privacy, );
    }
    [[nodiscard]] std::vector<MetricInfo> measures() const override {
        PYBIND11_OVERRIDE(std::vector<MetricInfo>, EvidenceSource, measures, );
    }
    // Python's ingest(data: bytes, format: str[, options: dict]) -> (content, metrics). The whole
    // input is handed over as bytes (up to 256 MiB): a Python source does not stream. An
    // exception becomes an error.
    [[nodiscard]] EvidenceContent ingest(ByteSource& input, const IngestRequest& request,
                                         Diagnostics& out) const override {
        EvidenceContent result;
        result.format = request.format;
        constexpr std::size_t limit = std::size_t{256} << 20;
        // Read before taking the GIL: C++ callers (coachkit.ingest, the engine) release it, and a
        // file needs no Python.
        const std::optional<std::string> bytes = input.read_all(limit);
        if (!bytes) {
            out.push_back({Severity::error, request.origin, "", 0, 0,
                           "larger than 256 MiB, the most a Python evidence source is given"});
            return result;
        }
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const EvidenceSource*>(this), "ingest");
        if (!override)
            throw Error("Python evidence source does not implement ingest()");
        try {
            const py::bytes data(bytes->data(), bytes->size());
            const py::tuple answer =
                request.options.empty() ? override(data, request.format)
                                        : override(data, request.format,
                                                   py::arg("options") = to_python(request.options));
            const py::module_ json = py::module_::import("json");
            // allow_nan=False: NaN is not JSON, and storing null in its place would lose it
            // silently.
            const std::string text =
                json.attr("dumps")(answer[0], py::arg("allow_nan") = false).cast<std::string>();
            if (auto value = parse_json(text, request.origin, out))
                result.content = std::move(*value);
            result.metrics = answer[1].cast<std::map<std::string, double>>();
        } catch (const std::exception& e) {
            out.push_back({Severity::error, request.origin, "", 0, 0,
                           std::string("ingest() raised: ") + e.what()});
        }
        return result;
    }
};

// ---- Python objects owned by C++
// ------------------------------------------------------------------

/// A reference to a Python object that C++ may copy and drop from any thread: the count of C++
/// owners is a shared_ptr (no GIL needed), and the last owner takes the GIL to release the object.
std::shared_ptr<py::object> share(py::object object) {
    return std::shared_ptr<py::object>(new py::object(std::move(object)), [](py::object* held) {
        if (!Py_IsInitialized())
            return;  // at interpreter exit, leaking beats crashing
        py::gil_scoped_acquire gil;
        delete held;
    });
}

/// A component implemented in Python, as C++ holds it: the shared_ptr keeps the Python object
/// (and so its overrides) alive for as long as any C++ code holds the component.
std::shared_ptr<Component> hold(py::object instance) {
    auto* component = instance.cast<Component*>();
    auto keeper = share(std::move(instance));
    return std::shared_ptr<Component>(keeper, component);
}

ComponentKind kind_of_class(const py::handle& cls) {
    const py::module_ m = py::module_::import("coachkit._coachkit");
    const std::pair<const char*, ComponentKind> bases[] = {
        {"Workflow", ComponentKind::workflow},
        {"CoachingGuide", ComponentKind::coaching_guide},
        {"Rubric", ComponentKind::rubric},
        {"EvidenceSource", ComponentKind::evidence_source}};
    for (const auto& [name, kind] : bases) {
        if (PyObject_IsSubclass(cls.ptr(), m.attr(name).ptr()) == 1)
            return kind;
    }
    throw Error(
        "a Python component must subclass coachkit.Workflow, CoachingGuide, Rubric or "
        "EvidenceSource");
}

ComponentKind parse_kind(const std::string& text) {
    if (const auto kind = parse_component_kind(text))
        return *kind;
    throw Error("unknown kind '" + text +
                "' (known: workflow, evidence-source, rubric, coaching-guide)");
}

/// Returns a created component as its interface type, so Python sees its methods even when the
/// concrete class (from a compiled plugin) is unknown to pybind11.
py::object as_interface(const std::shared_ptr<Component>& component) {
    switch (component->kind()) {
        case ComponentKind::workflow:
            return py::cast(std::dynamic_pointer_cast<Workflow>(component));
        case ComponentKind::coaching_guide:
            return py::cast(std::dynamic_pointer_cast<CoachingGuide>(component));
        case ComponentKind::rubric:
            return py::cast(std::dynamic_pointer_cast<Rubric>(component));
        case ComponentKind::evidence_source:
            return py::cast(std::dynamic_pointer_cast<EvidenceSource>(component));
    }
    return py::none();
}

/// Registers a Python class (a new instance per create) or instance (shared by every create).
void register_python(Registry& registry, const py::object& target, const std::string& id,
                     const std::string& name, const std::string& summary, const std::string& plugin,
                     const py::dict& metadata) {
    const bool is_class = PyType_Check(target.ptr()) != 0;
    const py::handle cls = is_class
                               ? py::handle(target)
                               : py::handle(reinterpret_cast<PyObject*>(Py_TYPE(target.ptr())));
    ComponentDescriptor descriptor;
    descriptor.kind = kind_of_class(cls);
    descriptor.id = id;
    descriptor.display_name = name.empty() ? id : name;
    descriptor.summary = summary;
    descriptor.plugin_id = plugin;
    descriptor.plugin_version = "0";
    Diagnostics problems;
    const std::string metadata_text =
        py::module_::import("json").attr("dumps")(metadata).cast<std::string>();
    if (auto value = parse_json(metadata_text, "metadata", problems); value && value->is_object()) {
        descriptor.metadata = value->as_object();
    }
    ComponentFactory factory;
    if (is_class) {
        factory = [cls = share(target)]() -> std::shared_ptr<Component> {
            py::gil_scoped_acquire gil;
            return hold((*cls)());
        };
    } else {
        factory = [instance = hold(target)]() { return instance; };
    }
    registry.add(std::move(descriptor), std::move(factory));
}

/// Rubric::evaluate called through C++, so it reaches any rubric (compiled, data-only or Python).
py::tuple assess(const Rubric& rubric, const py::object& input) {
    // Python value -> JSON text -> Boost.JSON, so a rubric sees exactly what Python gave.
    const std::string text = py::module_::import("json").attr("dumps")(input).cast<std::string>();
    Diagnostics problems;
    auto value = parse_json(text, "input", problems);
    if (!value)
        throw InvalidDocumentError(std::move(problems));
    Assessment result = rubric.evaluate(*value, problems);
    if (has_errors(problems))
        throw InvalidDocumentError(std::move(problems));
    return py::make_tuple(result, problems);
}

/// Runs `source` over `input` through C++ (the GIL released: a built-in source is C++ all the
/// way; a Python one takes the GIL back). Errors raise InvalidDocumentError.
py::tuple run_ingest(const EvidenceSource& source, ByteSource& input, IngestRequest request) {
    Diagnostics problems;
    EvidenceContent content;
    {
        py::gil_scoped_release unlocked;
        content = source.ingest(input, request, problems);
    }
    if (has_errors(problems))
        throw InvalidDocumentError(std::move(problems));
    return py::make_tuple(to_python(content.content), content.metrics, problems);
}

/// EvidenceSource::ingest called through C++, for any evidence source.
py::tuple ingest(const EvidenceSource& source, const py::bytes& data, const std::string& format,
                 const std::string& origin, const py::object& options) {
    const std::string bytes = data;
    MemoryByteSource input(bytes, origin);
    return run_ingest(source, input, {format, origin, options_object(options), true});
}

/// The same for a file, read in chunks: with keep_content=False a streaming source reads a file of
/// any size in bounded memory.
py::tuple ingest_file(const EvidenceSource& source, const std::string& path,
                      const std::string& format, const py::object& options, bool keep_content) {
    FileByteSource input(path);
    return run_ingest(source, input, {format, path, options_object(options), keep_content});
}

}  // namespace

void bind_plugin(py::module_& m) {
    py::enum_<ComponentKind>(m, "ComponentKind")
        .value("workflow", ComponentKind::workflow)
        .value("evidence_source", ComponentKind::evidence_source)
        .value("rubric", ComponentKind::rubric)
        .value("coaching_guide", ComponentKind::coaching_guide)
        .def(
            "__str__", [](ComponentKind k) { return std::string(to_string(k)); }, py::prepend());

    py::enum_<PrivacyClass>(m, "PrivacyClass")
        .value("no_personal_data", PrivacyClass::no_personal_data)
        .value("personal_data", PrivacyClass::personal_data)
        .value("pupil_images", PrivacyClass::pupil_images);

    py::enum_<PluginType>(m, "PluginType")
        .value("compiled", PluginType::compiled)
        .value("data", PluginType::data)
        .value("python", PluginType::python);

    py::enum_<Grading>(m, "Grading", "Whether grades may be recorded when a stage completes.")
        .value("none", Grading::none)
        .value("formal_only", Grading::formal_only)
        .value("allowed", Grading::allowed);

    py::class_<StageTiming>(m, "StageTiming",
                            "When a stage may happen, measured from an earlier stage's end.")
        .def(py::init([](std::string after, std::optional<int> min_minutes_after,
                         std::optional<int> max_days_after, std::string scheduled_by) {
                 return StageTiming{std::move(after), min_minutes_after, max_days_after,
                                    std::move(scheduled_by)};
             }),
             py::arg("after") = "", py::arg("min_minutes_after") = py::none(),
             py::arg("max_days_after") = py::none(), py::arg("scheduled_by") = "")
        .def_readwrite("after", &StageTiming::after)
        .def_readwrite("min_minutes_after", &StageTiming::min_minutes_after)
        .def_readwrite("max_days_after", &StageTiming::max_days_after)
        .def_readwrite("scheduled_by", &StageTiming::scheduled_by);

    py::class_<CyclePlan>(m, "CyclePlan", "How a partnership's cycles repeat.")
        .def(py::init([](bool repeats, std::optional<int> min_cycles, std::optional<int> max_cycles,
                         std::optional<int> span_weeks, bool roles_alternate) {
                 return CyclePlan{repeats, min_cycles, max_cycles, span_weeks, roles_alternate};
             }),
             py::arg("repeats") = true, py::arg("min_cycles") = py::none(),
             py::arg("max_cycles") = py::none(), py::arg("span_weeks") = py::none(),
             py::arg("roles_alternate") = false)
        .def_readwrite("repeats", &CyclePlan::repeats)
        .def_readwrite("min_cycles", &CyclePlan::min_cycles)
        .def_readwrite("max_cycles", &CyclePlan::max_cycles)
        .def_readwrite("span_weeks", &CyclePlan::span_weeks)
        .def_readwrite("roles_alternate", &CyclePlan::roles_alternate);

    py::class_<WorkflowStage>(m, "WorkflowStage")
        .def(py::init([](std::string id, std::string name, std::string summary,
                         std::vector<std::string> roles, std::optional<int> typical_minutes,
                         std::vector<std::string> evidence, std::vector<std::string> record_writers,
                         std::optional<StageTiming> timing, std::vector<std::string> prompts,
                         Grading grading, bool first_cycle_only, bool concludes_agreement) {
                 WorkflowStage stage;
                 stage.id = std::move(id);
                 stage.name = std::move(name);
                 stage.summary = std::move(summary);
                 stage.roles = std::move(roles);
                 stage.typical_minutes = typical_minutes;
                 stage.evidence = std::move(evidence);
                 stage.record_writers = std::move(record_writers);
                 stage.timing = timing.value_or(StageTiming{});
                 stage.prompts = std::move(prompts);
                 stage.grading = grading;
                 stage.first_cycle_only = first_cycle_only;
                 stage.concludes_agreement = concludes_agreement;
                 return stage;
             }),
             py::arg("id"), py::arg("name"), py::arg("summary") = "",
             py::arg("roles") = std::vector<std::string>{}, py::arg("typical_minutes") = py::none(),
             py::arg("evidence") = std::vector<std::string>{},
             py::arg("record_writers") = std::vector<std::string>{}, py::arg("timing") = py::none(),
             py::arg("prompts") = std::vector<std::string>{}, py::arg("grading") = Grading::none,
             py::arg("first_cycle_only") = false, py::arg("concludes_agreement") = false)
        .def_readonly("id", &WorkflowStage::id)
        .def_readonly("name", &WorkflowStage::name)
        .def_readonly("summary", &WorkflowStage::summary)
        .def_readonly("roles", &WorkflowStage::roles)
        .def_readonly("typical_minutes", &WorkflowStage::typical_minutes)
        .def_readonly("evidence", &WorkflowStage::evidence)
        .def_readonly("record_writers", &WorkflowStage::record_writers)
        .def_readonly("timing", &WorkflowStage::timing)
        .def_readonly("prompts", &WorkflowStage::prompts)
        .def_readonly("grading", &WorkflowStage::grading)
        .def_readonly("first_cycle_only", &WorkflowStage::first_cycle_only)
        .def_readonly("concludes_agreement", &WorkflowStage::concludes_agreement);

    py::class_<PromptGroup>(m, "PromptGroup")
        .def(py::init([](std::string id, std::string name, std::vector<std::string> prompts,
                         std::string summary, bool any_time) {
                 return PromptGroup{std::move(id), std::move(name), std::move(summary),
                                    std::move(prompts), any_time};
             }),
             py::arg("id"), py::arg("name"), py::arg("prompts"), py::arg("summary") = "",
             py::arg("any_time") = false)
        .def_readonly("id", &PromptGroup::id)
        .def_readonly("name", &PromptGroup::name)
        .def_readonly("summary", &PromptGroup::summary)
        .def_readonly("prompts", &PromptGroup::prompts)
        .def_readonly("any_time", &PromptGroup::any_time);

    py::class_<RubricLevel>(m, "RubricLevel")
        .def(py::init([](int value, std::string id, std::string name) {
                 return RubricLevel{value, std::move(id), std::move(name)};
             }),
             py::arg("value"), py::arg("id"), py::arg("name"))
        .def_readonly("value", &RubricLevel::value)
        .def_readonly("id", &RubricLevel::id)
        .def_readonly("name", &RubricLevel::name);

    py::class_<RubricCriterion>(m, "RubricCriterion")
        .def(py::init([](std::string id, std::string name, std::string summary,
                         std::vector<std::string> descriptors) {
                 return RubricCriterion{std::move(id), std::move(name), std::move(summary),
                                        std::move(descriptors)};
             }),
             py::arg("id"), py::arg("name"), py::arg("summary") = "",
             py::arg("descriptors") = std::vector<std::string>{})
        .def_readonly("id", &RubricCriterion::id)
        .def_readonly("name", &RubricCriterion::name)
        .def_readonly("summary", &RubricCriterion::summary)
        .def_readonly("descriptors", &RubricCriterion::descriptors);

    py::class_<Citation>(m, "Citation", "what supports a finding: a turn or a record, and why")
        .def(py::init([](std::string ref, std::string note) {
                 return Citation{std::move(ref), std::move(note)};
             }),
             py::arg("ref"), py::arg("note") = "")
        .def_readonly("ref", &Citation::ref)
        .def_readonly("note", &Citation::note)
        .def("__repr__",
             [](const Citation& c) { return "Citation(" + c.ref + ": " + c.note + ")"; });

    py::class_<CriterionResult>(m, "CriterionResult")
        .def(py::init(
                 [](std::string criterion, double score, std::string level, std::string rationale) {
                     return CriterionResult{
                         std::move(criterion), score, std::move(level), std::move(rationale), {}};
                 }),
             py::arg("criterion"), py::arg("score"), py::arg("level") = "",
             py::arg("rationale") = "")
        .def_readonly("criterion", &CriterionResult::criterion)
        .def_readonly("score", &CriterionResult::score)
        .def_readonly("level", &CriterionResult::level)
        .def_readonly("rationale", &CriterionResult::rationale)
        .def_readwrite("citations", &CriterionResult::citations);

    py::class_<Assessment>(m, "Assessment")
        .def(py::init([](std::string rubric, std::vector<CriterionResult> criteria, double overall,
                         std::string level, std::string rationale) {
                 return Assessment{std::move(rubric),
                                   std::move(criteria),
                                   overall,
                                   std::move(level),
                                   std::move(rationale),
                                   {},
                                   {}};
             }),
             py::arg("rubric") = "", py::arg("criteria") = std::vector<CriterionResult>{},
             py::arg("overall") = 0.0, py::arg("level") = "", py::arg("rationale") = "")
        .def_readonly("rubric", &Assessment::rubric)
        .def_readonly("criteria", &Assessment::criteria)
        .def_readonly("overall", &Assessment::overall)
        .def_readonly("level", &Assessment::level)
        .def_readonly("rationale", &Assessment::rationale)
        .def_readwrite("citations", &Assessment::citations)
        .def_property(
            "details", [](const Assessment& a) { return to_python(boost::json::value(a.details)); },
            [](Assessment& a, const py::dict& d) {
                auto value = from_python(d, "/details");
                a.details = std::move(value.as_object());
            },
            "figures the rubric measured on the way, as a dict")
        .def(
            "to_dict", [](const Assessment& a) { return to_python(assessment_to_json(a)); },
            "the assessment as a coachkit.assessment/1 document");

    py::class_<Component, std::shared_ptr<Component>>(m, "Component",
                                                      "The base of every component.")
        .def_property_readonly("kind", &Component::kind)
        .def(
            "describe", [](const Component& c) { return to_python(describe_component(c)); },
            "the component's content as a dict (what `coachkit plugins show` prints)");

    py::class_<Workflow, Component, PyWorkflow, std::shared_ptr<Workflow>>(
        m, "Workflow", "Subclass to write a workflow in Python.")
        .def(py::init<>())
        .def("mode", &Workflow::mode)
        .def("stages", &Workflow::stages)
        .def("cycle_plan", &Workflow::cycle_plan);

    py::class_<CoachingGuide, Component, PyCoachingGuide, std::shared_ptr<CoachingGuide>>(
        m, "CoachingGuide", "Subclass to write a coaching guide in Python.")
        .def(py::init<>())
        .def("focus", &CoachingGuide::focus)
        .def("phases", &CoachingGuide::phases);

    py::class_<Rubric, Component, PyRubric, std::shared_ptr<Rubric>>(
        m, "Rubric", "Subclass to write a rubric in Python.")
        .def(py::init<>())
        .def("applies_to", &Rubric::applies_to)
        .def("criteria", &Rubric::criteria)
        .def("levels", &Rubric::levels)
        .def("evaluate", &assess, py::arg("input"),
             "Evaluate; returns (Assessment, warnings). Raises InvalidDocumentError on errors.");

    py::class_<MetricInfo>(m, "MetricInfo", "One measure an evidence source computes.")
        .def(py::init([](std::string id, std::string description, std::string unit) {
                 return MetricInfo{std::move(id), std::move(description), std::move(unit)};
             }),
             py::arg("id"), py::arg("description") = "", py::arg("unit") = "")
        .def_readwrite("id", &MetricInfo::id)
        .def_readwrite("description", &MetricInfo::description)
        .def_readwrite("unit", &MetricInfo::unit)
        .def("__repr__", [](const MetricInfo& info) { return "<MetricInfo " + info.id + ">"; });

    py::class_<EvidenceSource, Component, PyEvidenceSource, std::shared_ptr<EvidenceSource>>(
        m, "EvidenceSource", "Subclass to write an evidence source in Python.")
        .def(py::init<>())
        .def("formats", &EvidenceSource::formats)
        .def("privacy", &EvidenceSource::privacy)
        .def("measures", &EvidenceSource::measures)
        .def("content_schema",
             [](const EvidenceSource& source) { return to_python(source.content_schema()); })
        .def("ingest", &ingest, py::arg("data"), py::arg("format"), py::arg("origin") = "<bytes>",
             py::arg("options") = py::none(),
             "Ingest; returns (content, metrics, warnings). Raises InvalidDocumentError on "
             "errors.")
        .def("ingest_file", &ingest_file, py::arg("path"), py::arg("format"),
             py::arg("options") = py::none(), py::arg("keep_content") = true,
             "Ingest a file read in chunks; returns (content, metrics, warnings).");

    py::class_<ComponentDescriptor>(m, "ComponentDescriptor")
        .def_readonly("kind", &ComponentDescriptor::kind)
        .def_readonly("id", &ComponentDescriptor::id)
        .def_readonly("name", &ComponentDescriptor::display_name)
        .def_readonly("summary", &ComponentDescriptor::summary)
        .def_property_readonly("metadata",
                               [](const ComponentDescriptor& d) { return to_python(d.metadata); })
        .def_readonly("plugin_id", &ComponentDescriptor::plugin_id)
        .def_readonly("plugin_version", &ComponentDescriptor::plugin_version)
        .def("__repr__", [](const ComponentDescriptor& d) {
            return "<ComponentDescriptor " + std::string(to_string(d.kind)) + " '" + d.id + "'>";
        });

    py::class_<PluginSummary>(m, "PluginSummary")
        .def_readonly("id", &PluginSummary::id)
        .def_readonly("version", &PluginSummary::version)
        .def_readonly("licence", &PluginSummary::licence)
        .def_readonly("description", &PluginSummary::description)
        .def_readonly("type", &PluginSummary::type)
        .def_readonly("manifest", &PluginSummary::manifest)
        .def_readonly("library", &PluginSummary::library)
        .def_readonly("loaded", &PluginSummary::loaded)
        .def_readonly("provides", &PluginSummary::provides)
        .def("__repr__", [](const PluginSummary& p) {
            return "<PluginSummary '" + p.id + "' " + p.version + ">";
        });

    py::class_<PluginCheck>(m, "PluginCheck")
        .def_readonly("plugin", &PluginCheck::plugin)
        .def_readonly("problems", &PluginCheck::problems)
        .def_property_readonly("ok", &PluginCheck::ok);

    py::class_<Registry>(m, "Registry",
                         "Every component the discovered plugins provide, created on demand.")
        .def(py::init<>())
        .def_static("default_search_path", &Registry::default_search_path)
        .def("discover", &Registry::discover, py::arg("folders"),
             "Read the manifests in these folders (never opens a library).")
        .def("discover_default", &Registry::discover_default,
             "Discover along COACHKIT_PLUGIN_PATH, then beside the installed library.")
        .def_property_readonly("problems", &Registry::problems)
        .def("plugins", &Registry::plugins)
        .def("plugin", &Registry::plugin, py::arg("id"))
        .def(
            "components",
            [](const Registry& r, const std::optional<std::string>& kind) {
                return r.components(kind ? std::optional(parse_kind(*kind)) : std::nullopt);
            },
            py::arg("kind") = py::none())
        .def(
            "find",
            [](const Registry& r, const std::string& kind, const std::string& id) {
                return r.find(parse_kind(kind), id);
            },
            py::arg("kind"), py::arg("id"))
        .def(
            "create",
            [](Registry& r, const std::string& kind, const std::string& id) {
                std::shared_ptr<Component> component;
                {
                    // Loading a library and calling C++ factories need no GIL; a Python factory
                    // takes it back itself.
                    py::gil_scoped_release release;
                    component = r.create(parse_kind(kind), id);
                }
                return as_interface(component);
            },
            py::arg("kind"), py::arg("id"))
        .def(
            "describe",
            [](Registry& r, const std::string& kind, const std::string& id) {
                boost::json::object description;
                {
                    py::gil_scoped_release release;
                    description = describe_component(*r.create(parse_kind(kind), id));
                }
                return to_python(description);
            },
            py::arg("kind"), py::arg("id"),
            "Create a component in C++ and describe it (works the same for Python components).")
        .def("load", &Registry::load, py::arg("plugin_id"),
             py::call_guard<py::gil_scoped_release>())
        .def("register", &register_python, py::arg("target"), py::arg("id"), py::arg("name") = "",
             py::arg("summary") = "", py::arg("plugin") = "python",
             py::arg("metadata") = py::dict(),
             "Register a Python class (a new instance per create) or instance (shared) as a "
             "component.");

    m.def(
        "validate_plugin",
        [](const std::filesystem::path& path, bool isolate, double timeout) {
            py::gil_scoped_release release;
            return validate_plugin(
                path, isolate ? Isolation::child_process : Isolation::in_process,
                std::chrono::milliseconds(static_cast<long long>(timeout * 1000)));
        },
        py::arg("path"), py::arg("isolate") = true, py::arg("timeout") = 60.0,
        "Check a plugin folder or manifest; a compiled plugin is opened in a child process unless "
        "isolate=False.");
    m.def("version_satisfies", &version_satisfies, py::arg("version"), py::arg("range"));
    // A Python subclass's own evaluate()/ingest() shadow the bound methods; these always go
    // through C++, as the engine does, whatever language the component is written in.
    m.def("assess", &assess, py::arg("rubric"), py::arg("input"),
          "Evaluate any rubric through C++; returns (Assessment, warnings).");
    m.def("ingest", &ingest, py::arg("source"), py::arg("data"), py::arg("format"),
          py::arg("origin") = "<bytes>", py::arg("options") = py::none(),
          "Ingest with any evidence source through C++; returns (content, metrics, warnings).");

    // PluginError carries the plugin, the file and the reason.
    static py::handle plugin_error = [&m] {
        const py::object base = m.attr("Error");
        PyObject* type =
            PyErr_NewExceptionWithDoc("coachkit.PluginError",
                                      "A plugin could not be loaded or failed; .plugin_id, .file "
                                      "and .reason say which and why.",
                                      py::make_tuple(base).ptr(), nullptr);
        if (type == nullptr)
            throw py::error_already_set();
        m.attr("PluginError") = py::reinterpret_borrow<py::object>(type);
        return py::handle(type);
    }();
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown)
                std::rethrow_exception(thrown);
        } catch (const PluginError& e) {
            py::object instance = py::reinterpret_borrow<py::object>(plugin_error)(e.what());
            instance.attr("plugin_id") = e.plugin_id();
            instance.attr("file") = e.file().string();
            instance.attr("reason") = e.reason();
            PyErr_SetObject(plugin_error.ptr(), instance.ptr());
        }
    });
}

}  // namespace coachkit::python
