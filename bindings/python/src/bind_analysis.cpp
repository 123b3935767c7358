// The coaching profile and corpus scoring for Python: the compiled half of coachkit.analysis.
// Scoring runs with the GIL released, so a corpus scored on every core leaves the interpreter's
// other threads running; a component written in Python takes the GIL back for its own calls.
#include <pybind11/stl.h>

#include <boost/json.hpp>
#include <fstream>
#include <limits>

#include "bindings.hpp"
#include "coachkit/analysis/coaching_profile.hpp"
#include "coachkit/analysis/corpus.hpp"
#include "coachkit/analysis/corpus_table.hpp"
#include "coachkit/evidence/ingest.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/plugin/registry.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

constexpr const char* kSource = "coaching-transcript";

std::string type_name(const py::handle& value) {
    return py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>();
}

bool is_path_like(const py::handle& value) {
    return py::isinstance<py::str>(value) || py::hasattr(value, "__fspath__");
}

/// A str or os.PathLike as a path; `where` names the argument in the message.
std::filesystem::path path_of(const py::handle& value, const std::string& where) {
    if (!is_path_like(value))
        throw py::type_error(where + ": expected a str or os.PathLike (a file or folder), not " +
                             type_name(value));
    const py::object text = py::module_::import("os").attr("fspath")(value);
    if (!py::isinstance<py::str>(text))
        throw py::type_error(where + ": give paths as str or pathlib.Path, not bytes");
    return {text.cast<std::string>()};
}

/// `paths`: one file or folder, or an iterable of them.
std::vector<std::filesystem::path> path_list(const py::object& paths) {
    if (is_path_like(paths))
        return {path_of(paths, "paths")};
    if (!py::isinstance<py::iterable>(paths) || py::isinstance<py::bytes>(paths))
        throw py::type_error(
            "paths must be a file or folder (str or pathlib.Path) or a list of them, not " +
            type_name(paths));
    std::vector<std::filesystem::path> list;
    for (const auto& item : paths)
        list.push_back(path_of(item, "paths[" + std::to_string(list.size()) + "]"));
    if (list.empty())
        throw py::value_error("paths is empty: give at least one transcript or folder");
    return list;
}

/// The registry given, or coachkit.plugins.default_registry() (built-in plugins plus
/// COACHKIT_PLUGIN_PATH), so a rubric registered from Python is found without passing it on.
Registry& registry_of(const py::object& given, py::object& held) {
    held = given.is_none() ? py::module_::import("coachkit.plugins").attr("default_registry")()
                           : given;
    if (!py::isinstance<Registry>(held))
        throw py::type_error("registry must be a coachkit.Registry or None, not " +
                             type_name(held));
    return held.cast<Registry&>();
}

/// The rubric named by id (created from the registry) or given as a coachkit.Rubric; it must
/// score coaching transcripts, as the CLI's `analyse coaching` requires.
std::shared_ptr<Rubric> rubric_of(const py::object& rubric, Registry& registry) {
    std::shared_ptr<Rubric> created;
    if (py::isinstance<Rubric>(rubric)) {
        created = rubric.cast<std::shared_ptr<Rubric>>();
    } else if (py::isinstance<py::str>(rubric)) {
        const auto id = rubric.cast<std::string>();
        py::gil_scoped_release release;  // loading a plugin needs no Python
        created = registry.create<Rubric>(id);
    } else {
        throw py::type_error("rubric must be a rubric id (str) or a coachkit.Rubric, not " +
                             type_name(rubric));
    }
    if (const auto applies = created->applies_to(); applies != kSource) {
        const std::string name = py::isinstance<py::str>(rubric)
                                     ? "rubric '" + rubric.cast<std::string>() + "'"
                                     : "the rubric given";
        throw Error(name + " applies to " + applies + ", not to a coaching transcript");
    }
    return created;
}

/// `thresholds` (None, a dict, or the path of a coachkit.coaching-levels/1 file) as rubric input.
boost::json::object rubric_input(const py::object& thresholds) {
    boost::json::object input;
    if (thresholds.is_none())
        return input;
    if (is_path_like(thresholds)) {
        const auto path = path_of(thresholds, "thresholds");
        Diagnostics problems;
        auto document = read_json_file(path, problems);
        if (!document)
            throw InvalidDocumentError(std::move(problems));
        input["thresholds"] = std::move(*document);
    } else if (py::isinstance<py::dict>(thresholds)) {
        input["thresholds"] = from_python(thresholds, "thresholds");
    } else {
        throw py::type_error(
            "thresholds must be None, a dict or the path of a coachkit.coaching-levels/1 file, "
            "not " +
            type_name(thresholds));
    }
    return input;
}

/// Scores one small, valid conversation with the given thresholds and raises their errors: a
/// typo in a recalibrated file is then one clear exception, not the same error on every file.
void check_thresholds(const Rubric& rubric, const boost::json::object& input) {
    if (!input.contains("thresholds"))
        return;
    boost::json::object probe = input;
    probe["turns"] = boost::json::array{boost::json::object{
        {"n", 1},
        {"speaker", "Coach"},
        {"role", "coach"},
        {"text", "Shall we start with the first episode?"},
        {"codes", boost::json::object{{"initiation", boost::json::array{"coach"}}}}}};
    Diagnostics problems;
    {
        py::gil_scoped_release release;
        (void)rubric.evaluate(probe, problems);
    }
    Diagnostics about_thresholds;
    for (auto& d : problems) {
        const bool theirs = d.file.find("thresholds") != std::string::npos ||
                            d.pointer.rfind("/thresholds", 0) == 0;
        if (d.severity == Severity::error && theirs)
            about_thresholds.push_back(std::move(d));
    }
    if (!about_thresholds.empty())
        throw InvalidDocumentError(std::move(about_thresholds));
}

/// A turn as Python sees it: the keys of a coaching-transcript content's turns, so a result's
/// turns can be given back to profile_coaching.
py::dict turn_dict(const CodedTurn& turn) {
    py::dict codes;
    for (const auto& [dimension, values] : turn.codes)
        codes[py::str(dimension)] = py::cast(values);
    py::dict out;
    out["n"] = turn.turn;
    out["speaker"] = turn.speaker;
    out["role"] = turn.role;
    out["text"] = turn.text;
    out["codes"] = std::move(codes);
    return out;
}

std::size_t whole_number(const py::handle& value, const std::string& key, std::size_t minimum) {
    if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
        throw py::type_error("options['" + key + "'] must be an int, not " + type_name(value));
    const auto n = value.cast<long long>();
    if (n < static_cast<long long>(minimum))
        throw py::value_error("options['" + key + "'] must be at least " + std::to_string(minimum) +
                              ", not " + std::to_string(n));
    return static_cast<std::size_t>(n);
}

ProfileOptions profile_options(const py::object& options) {
    ProfileOptions out;
    if (options.is_none())
        return out;
    if (!py::isinstance<py::dict>(options))
        throw py::type_error("options must be a dict or None, not " + type_name(options));
    for (const auto& [key, value] : options.cast<py::dict>()) {
        const auto name = py::str(key).cast<std::string>();
        if (name == "run_max_words")
            out.run_max_words = whole_number(value, name, 1);
        else if (name == "run_min_turns")
            out.run_min_turns = whole_number(value, name, 2);
        else if (name == "challenge_window")
            out.challenge_window = whole_number(value, name, 1);
        else
            throw py::value_error("unknown profile option '" + name +
                                  "' (options: run_max_words, run_min_turns, challenge_window)");
    }
    return out;
}

/// The coded turns of a ScoredTranscript, a coaching-transcript content (a dict with "turns") or
/// a list of its turns.
std::vector<CodedTurn> coded_turns_of(const py::object& given) {
    if (py::isinstance<ScoredTranscript>(given))
        return given.cast<const ScoredTranscript&>().turns;
    boost::json::value content;
    if (py::isinstance<py::dict>(given)) {
        content = from_python(given, "");
    } else if (py::isinstance<py::list>(given) || py::isinstance<py::tuple>(given)) {
        content = boost::json::object{{"turns", from_python(given, "/turns")}};
    } else {
        throw py::type_error(
            "profile_coaching takes a coaching-transcript content (a dict with \"turns\"), a list "
            "of its turns or a ScoredTranscript, not " +
            type_name(given));
    }
    Diagnostics problems;
    auto turns = coded_turns_from_content(content, "turns", problems);
    if (has_errors(problems))
        throw InvalidDocumentError(std::move(problems));
    return turns;
}

py::dict profile(const py::object& turns_or_content, const py::object& options,
                 const py::object& features) {
    const auto turns = coded_turns_of(turns_or_content);
    const auto settings = profile_options(options);
    std::vector<std::string> names;
    if (!features.is_none()) {
        if (py::isinstance<py::str>(features))
            throw py::type_error("features must be a list of feature names, not one str");
        for (const auto& name : features) {
            if (!py::isinstance<py::str>(name))
                throw py::type_error("features: expected names (str), not " + type_name(name));
            names.push_back(name.cast<std::string>());
        }
    }
    CoachingProfile result;
    {
        py::gil_scoped_release release;
        result = profile_coaching(turns, settings);
    }
    auto json = result.to_json();
    if (!features.is_none()) {
        boost::json::object values;
        for (const auto& name : names) {
            const auto value = result.feature(name);
            if (!value)
                throw py::value_error("unknown feature '" + name + "' (docs/rubrics.md#features)");
            values[name] = *value;
        }
        json["features"] = std::move(values);
    }
    return to_python(json).cast<py::dict>();
}

std::vector<ScoredTranscript> score_files(const py::object& paths, const py::object& rubric,
                                          const py::object& registry, long long jobs,
                                          const std::string& format, const py::object& options,
                                          const py::object& thresholds, bool sidecars) {
    if (jobs < 0)
        throw py::value_error("jobs must be 0 (one thread per core) or more, not " +
                              std::to_string(jobs));
    const auto given = path_list(paths);
    CorpusOptions settings;
    // More threads than files are never started (score_corpus), so a large number is harmless.
    settings.jobs =
        static_cast<unsigned>(std::min<long long>(jobs, std::numeric_limits<unsigned>::max()));
    settings.format = format;
    settings.source_options = options_object(options);
    settings.rubric_input = rubric_input(thresholds);
    settings.sidecars = sidecars;

    py::object held;
    Registry& components = registry_of(registry, held);
    std::shared_ptr<EvidenceSource> source;
    {
        py::gil_scoped_release release;
        source = components.create<EvidenceSource>(kSource);
    }
    const auto scorer = rubric_of(rubric, components);
    if (!format.empty())
        (void)choose_format(*source, kSource, format, "format");  // raises, naming the formats
    check_thresholds(*scorer, settings.rubric_input);

    Diagnostics missing;
    std::vector<ScoredTranscript> results;
    {
        py::gil_scoped_release release;
        const auto files = corpus_files(given, missing);
        if (!has_errors(missing))
            results = score_corpus(files, *source, *scorer, settings);
    }
    if (has_errors(missing))
        throw InvalidDocumentError(std::move(missing));
    return results;
}

ScoredTranscript score_one(const py::object& content, const py::object& rubric,
                           const py::object& registry, const py::object& thresholds,
                           std::string origin) {
    if (!py::isinstance<py::dict>(content))
        throw py::type_error(
            "content must be a coaching-transcript content (a dict with \"turns\"), not " +
            type_name(content));
    const auto value = from_python(content, "");
    const auto input = rubric_input(thresholds);
    py::object held;
    const auto scorer = rubric_of(rubric, registry_of(registry, held));
    check_thresholds(*scorer, input);
    py::gil_scoped_release release;
    return score_content(value, *scorer, input, std::move(origin));
}

py::tuple table_tuple(const CorpusTable& table) {
    py::list rows;
    for (const auto& row : table.rows) {
        py::list cells;
        for (const auto& cell : row)
            cells.append(to_python(cell));
        rows.append(std::move(cells));
    }
    return py::make_tuple(py::cast(table.columns), std::move(rows));
}

void write_table(const std::vector<ScoredTranscript>& results, const py::object& path,
                 const std::string& which) {
    if (which != "transcripts" && which != "turns")
        throw py::value_error("table must be 'transcripts' or 'turns', not '" + which + "'");
    const auto file = path_of(path, "path");
    py::gil_scoped_release release;
    const auto table = which == "turns" ? turn_table(results) : transcript_table(results);
    std::ofstream out(file, std::ios::binary);
    if (!out)
        throw Error(file.string() + ": cannot be written");
    write_csv(table, out);
    out.flush();
    if (!out)
        throw Error(file.string() + ": writing failed");
}

std::string result_repr(const ScoredTranscript& r) {
    return "<ScoredTranscript " + r.file + ": " +
           (r.ok ? r.assessment.level : std::string("not scored")) + ", " +
           std::to_string(r.turns.size()) + " turns>";
}

}  // namespace

void bind_analysis(py::module_& m) {
    py::class_<ScoredTranscript>(
        m, "ScoredTranscript",
        "One transcript of a scored corpus. A file that could not be read or scored has ok "
        "False, assessment None and its errors in diagnostics; the others are scored all the "
        "same.")
        .def_readonly("file", &ScoredTranscript::file)
        .def_readonly("ok", &ScoredTranscript::ok)
        .def_property_readonly(
            "assessment",
            [](const ScoredTranscript& r) { return r.ok ? py::cast(r.assessment) : py::none(); },
            "the rubric's Assessment (None when the transcript was not scored)")
        .def_property_readonly(
            "turns",
            [](const ScoredTranscript& r) {
                py::list turns;
                for (const auto& t : r.turns)
                    turns.append(turn_dict(t));
                return turns;
            },
            "the turns in order, as dicts: n, speaker, role, text, codes ({dimension: [values]})")
        .def_readonly("metrics", &ScoredTranscript::metrics,
                      "the evidence source's measures (docs/evidence-metrics.md)")
        .def_readonly("diagnostics", &ScoredTranscript::diagnostics)
        .def_property_readonly(
            "errors",
            [](const ScoredTranscript& r) {
                std::vector<std::string> errors;
                for (const auto& d : r.diagnostics) {
                    if (d.severity == Severity::error)
                        errors.push_back(d.to_string());
                }
                return errors;
            },
            "the error diagnostics as text (empty when ok)")
        .def("__repr__", &result_repr);

    m.def("score_corpus", &score_files, py::arg("paths"), py::arg("rubric") = "coaching-levels",
          py::arg("registry") = py::none(), py::arg("jobs") = 0, py::arg("format") = "",
          py::arg("options") = py::none(), py::arg("thresholds") = py::none(),
          py::arg("sidecars") = true,
          "Score transcripts (files, or folders searched for .vtt, .srt, .csv and .txt) with a "
          "rubric for coaching transcripts, on `jobs` threads (0: one per core), the GIL "
          "released. Returns a ScoredTranscript per file, in order.");
    m.def("score_content", &score_one, py::arg("content"), py::arg("rubric") = "coaching-levels",
          py::arg("registry") = py::none(), py::arg("thresholds") = py::none(),
          py::arg("origin") = "<content>",
          "Score one coaching-transcript content already read (a dict with \"turns\").");
    m.def("profile_coaching", &profile, py::arg("turns_or_content"),
          py::arg("options") = py::none(), py::arg("features") = py::none(),
          "The dimension profile of a coded conversation as a dict (docs/rubrics.md#the-profile); "
          "with features=[names], their values under \"features\".");
    m.def(
        "transcript_table",
        [](const std::vector<ScoredTranscript>& results) {
            return table_tuple(transcript_table(results));
        },
        py::arg("results"),
        "(columns, rows): one row per transcript (docs/rubrics.md#tables), cells as Python "
        "values (None where a transcript was not scored).");
    m.def(
        "turn_table",
        [](const std::vector<ScoredTranscript>& results) {
            return table_tuple(turn_table(results));
        },
        py::arg("results"), "(columns, rows): one row per turn (docs/rubrics.md#tables).");
    m.def("write_corpus_csv", &write_table, py::arg("results"), py::arg("path"),
          py::arg("table") = "transcripts",
          "Write the 'transcripts' or 'turns' table as CSV, as `coachkit analyse coaching --csv` "
          "does.");
}

}  // namespace coachkit::python
