// The evidence area: stored evidence items, reading evidence with a named source, and reading
// transcripts utterance by utterance.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "coachkit/evidence/ingest.hpp"
#include "coachkit/evidence/transcript.hpp"
#include "coachkit/programme/evidence_item.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

py::dict reading_dict(const EvidenceReading& r) {
    py::dict out;
    out["kind"] = r.kind;
    out["plugin"] = r.plugin_id;
    out["plugin_version"] = r.plugin_version;
    out["privacy"] = std::string(to_string(r.privacy));
    out["format"] = r.content.format;
    out["bytes"] = r.bytes;
    out["content"] = to_python(r.content.content);
    out["metrics"] = r.content.metrics;
    out["details"] = to_python(r.content.details);
    out["warnings"] = r.warnings;
    return out;
}

py::dict utterance_dict(const Utterance& u) {
    py::dict out;
    out["index"] = u.index;
    out["line"] = u.line;
    out["speaker"] = u.speaker;
    out["text"] = u.text;
    out["start"] = u.start ? py::cast(*u.start) : py::none();
    out["end"] = u.end ? py::cast(*u.end) : py::none();
    out["fields"] = u.fields;
    return out;
}

}  // namespace

/// Options from Python (a dict or None) as a JSON object.
boost::json::object options_object(const py::object& options) {
    if (options.is_none())
        return {};
    boost::json::value value = from_python(options, "options");
    if (!value.is_object())
        throw py::type_error("options must be a dict");
    return std::move(value.as_object());
}

/// The input as a ByteSource: a path (read in chunks) or bytes (held by `held`).
std::unique_ptr<ByteSource> byte_source(const py::object& path, const py::object& data,
                                        std::string& held, const std::string& name) {
    if (path.is_none() == data.is_none())
        throw py::value_error("give exactly one of path= and data=");
    if (!path.is_none())
        return std::make_unique<FileByteSource>(
            py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>());
    held = data.cast<std::string>();  // bytes, or str as UTF-8
    return std::make_unique<MemoryByteSource>(held, name);
}

void bind_evidence(py::module_& m) {
    py::class_<EvidenceItem>(m, "EvidenceItem",
                             "Evidence stored on a stage: what an evidence source read, with its "
                             "measures, owner and privacy class.")
        .def_readonly("id", &EvidenceItem::id)
        .def_readonly("partnership", &EvidenceItem::partnership)
        .def_readonly("cycle", &EvidenceItem::cycle)
        .def_readonly("stage", &EvidenceItem::stage)
        .def_readonly("kind", &EvidenceItem::kind, "the evidence source's id")
        .def_readonly("plugin", &EvidenceItem::plugin)
        .def_readonly("plugin_version", &EvidenceItem::plugin_version)
        .def_readonly("format", &EvidenceItem::format)
        .def_readonly("origin", &EvidenceItem::origin, "the file name it was read from")
        .def_readonly("bytes", &EvidenceItem::bytes)
        .def_readonly("summary", &EvidenceItem::summary)
        .def_readonly("owner", &EvidenceItem::owner)
        .def_readonly("privacy", &EvidenceItem::privacy)
        .def_property_readonly(
            "content", [](const EvidenceItem& i) { return to_python(i.content); },
            "the structured record, as dicts and lists")
        .def_readonly("metrics", &EvidenceItem::metrics)
        .def_property_readonly(
            "details", [](const EvidenceItem& i) { return to_python(i.details); },
            "figures that are not single numbers (per tenth of a lesson, per observer pair)")
        .def_readonly("warnings", &EvidenceItem::warnings)
        .def_readonly("by", &EvidenceItem::by)
        .def_readonly("at", &EvidenceItem::at)
        .def(
            "to_dict", [](const EvidenceItem& i) { return to_python(to_json(i)); },
            "every field, as `evidence show ITEM --json` prints it")
        .def("__repr__", [](const EvidenceItem& i) {
            return "<EvidenceItem " + i.id + " " + i.kind + " on " + i.cycle + "/" + i.stage + ">";
        });

    m.def(
        "read_evidence",
        [](Registry& registry, const std::string& kind, const py::object& path,
           const py::object& data, const std::string& format, const py::object& options,
           bool keep_content, const std::string& origin) {
            std::string held;
            const auto input = byte_source(path, data, held, origin.empty() ? "<bytes>" : origin);
            IngestRequest request{format, origin.empty() ? input->name() : origin,
                                  options_object(options), keep_content};
            EvidenceReading reading;
            {
                py::gil_scoped_release unlocked;
                reading = read_evidence(registry, kind, *input, std::move(request));
            }
            return reading_dict(reading);
        },
        py::arg("registry"), py::arg("kind"), py::arg("path") = py::none(), py::kw_only(),
        py::arg("data") = py::none(), py::arg("format") = "", py::arg("options") = py::none(),
        py::arg("keep_content") = true, py::arg("origin") = "",
        "Read a file (path=) or bytes (data=) with the evidence source `kind`, storing nothing. "
        "Returns a dict: kind, plugin, plugin_version, privacy, format, bytes, content, metrics, "
        "details, warnings. keep_content=False lets a streaming source read a file of any size "
        "in bounded memory. Raises InvalidDocumentError (every diagnostic), NotFoundError or "
        "PluginError. The GIL is released while reading.");

    m.def(
        "read_transcript",
        [](const py::object& path, const py::object& data, const std::string& format,
           const std::string& origin) {
            std::string held;
            const auto input = byte_source(path, data, held, origin.empty() ? "<bytes>" : origin);
            std::string chosen = format;
            if (chosen.empty()) {
                const auto guessed = transcript_format_for_path(input->name());
                if (!guessed)
                    throw py::value_error("give format= (webvtt, srt, csv or text)");
                chosen = std::string(to_string(*guessed));
            }
            const auto parsed = parse_transcript_format(chosen);
            if (!parsed)
                throw py::value_error("unknown transcript format '" + chosen +
                                      "' (webvtt, srt, csv or text)");
            Diagnostics diagnostics;
            std::vector<Utterance> utterances;
            {
                py::gil_scoped_release unlocked;
                DiagnosticSink sink(diagnostics, origin.empty() ? input->name() : origin);
                (void)read_transcript(*parsed, *input, sink,
                                      [&](const Utterance& u) { utterances.push_back(u); });
                sink.finish();
            }
            if (has_errors(diagnostics))
                throw InvalidDocumentError(std::move(diagnostics));
            py::list rows;
            for (const auto& u : utterances)
                rows.append(utterance_dict(u));
            return py::make_tuple(rows, diagnostics);
        },
        py::arg("path") = py::none(), py::kw_only(), py::arg("data") = py::none(),
        py::arg("format") = "", py::arg("origin") = "",
        "Read a transcript (path= or data=) into (utterances, warnings): one dict per utterance "
        "with index, line, speaker, text, start, end (seconds or None) and fields (extra CSV "
        "columns). The format comes from the file extension unless given.");
}

}  // namespace coachkit::python
