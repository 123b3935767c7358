// The heuristic coder of coaching talk for Python: code_turns() over turns given as dicts or over
// a transcript file, and the rules and word lists it applies (docs/heuristic-coder.md). The coding
// runs without the GIL, so threads can code several transcripts at once.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "coachkit/evidence/heuristic_coder.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

/// One turn to code, taken out of Python before the GIL is released.
struct TurnIn {
    std::string speaker, role, text;
};

py::dict result_dict(std::size_t number, const std::string& speaker, const std::string& role,
                     const CodedTurnResult& result) {
    py::dict codes;
    for (const auto& [dimension, values] : result.codes)
        codes[py::str(dimension)] = py::cast(values);
    py::list reasons;
    for (const auto& r : result.reasons) {
        py::dict reason;
        reason["dimension"] = r.dimension;
        reason["value"] = r.value;
        reason["rule"] = r.rule;
        reason["cue"] = r.cue;
        reasons.append(std::move(reason));
    }
    py::dict out;
    out["turn"] = number;
    out["speaker"] = speaker;
    out["role"] = role;
    out["codes"] = std::move(codes);
    out["reasons"] = std::move(reasons);
    return out;
}

SpeakerRoles roles_from(const py::object& speakers) {
    auto roles = SpeakerRoles::coaching();
    if (speakers.is_none())
        return roles;
    if (!py::isinstance<py::dict>(speakers))
        throw py::type_error("speakers must be a dict of speaker name -> role");
    for (const auto& [name, role] : speakers.cast<py::dict>()) {
        const auto role_name = py::str(role).cast<std::string>();
        if (!roles.has_role(role_name))
            throw py::value_error("speakers[" + py::repr(name).cast<std::string>() +
                                  "]: unknown role '" + role_name +
                                  "' (roles: coach, learner, observer, other)");
        roles.assign(py::str(name).cast<std::string>(), role_name);
    }
    return roles;
}

std::string text_field(const py::dict& turn, const char* key, std::size_t index, bool required) {
    if (!turn.contains(key)) {
        if (required)
            throw py::value_error("turns[" + std::to_string(index) + "] has no '" + key + "'");
        return {};
    }
    const py::object value = turn[key];
    if (value.is_none() && !required)
        return {};
    if (!py::isinstance<py::str>(value))
        throw py::type_error("turns[" + std::to_string(index) + "]['" + key + "'] must be a str");
    return value.cast<std::string>();
}

std::vector<TurnIn> turns_from(const py::sequence& turns, const SpeakerRoles& roles) {
    std::vector<TurnIn> out;
    out.reserve(turns.size());
    for (std::size_t i = 0; i < turns.size(); ++i) {
        const py::object item = turns[i];
        if (!py::isinstance<py::dict>(item))
            throw py::type_error("turns[" + std::to_string(i) +
                                 "] must be a dict {speaker, role?, text}");
        const auto turn = item.cast<py::dict>();
        TurnIn in;
        in.text = text_field(turn, "text", i, true);
        in.speaker = text_field(turn, "speaker", i, false);
        in.role = text_field(turn, "role", i, false);
        if (in.role.empty())
            in.role = roles.role_for(in.speaker);
        else if (!roles.has_role(in.role))
            throw py::value_error("turns[" + std::to_string(i) + "]: unknown role '" + in.role +
                                  "' (roles: coach, learner, observer, other)");
        out.push_back(std::move(in));
    }
    return out;
}

py::list code_dicts(const py::sequence& turns, const py::object& speakers) {
    const auto roles = roles_from(speakers);
    const auto in = turns_from(turns, roles);
    std::vector<CodedTurnResult> results;
    results.reserve(in.size());
    {
        py::gil_scoped_release release;
        const HeuristicCoder coder;
        for (std::size_t i = 0; i < in.size(); ++i) {
            if (i == 0) {
                results.push_back(coder.code(in[i].text, in[i].role));
                continue;
            }
            const PreviousTurn previous{in[i - 1].text, in[i - 1].role, &results.back().codes,
                                        &results.back().reasons};
            results.push_back(coder.code(in[i].text, in[i].role, &previous));
        }
    }
    py::list out;
    for (std::size_t i = 0; i < in.size(); ++i)
        out.append(result_dict(i + 1, in[i].speaker, in[i].role, results[i]));
    return out;
}

py::list code_file(const py::object& path, const py::object& speakers, const py::object& format) {
    const auto file = py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>();
    std::optional<TranscriptFormat> chosen;
    if (!format.is_none()) {
        chosen = parse_transcript_format(py::str(format).cast<std::string>());
        if (!chosen)
            throw py::value_error("format must be webvtt, srt, csv or text");
    } else {
        chosen = transcript_format_for_path(file);
        if (!chosen)
            throw py::value_error(file + ": cannot tell the format from the name; give format=");
    }
    const auto roles = roles_from(speakers);
    struct Row {
        std::size_t turn;
        std::string speaker, role;
        CodedTurnResult result;
    };
    std::vector<Row> rows;
    Diagnostics problems;
    bool failed = false;
    {
        py::gil_scoped_release release;
        FileByteSource input(file);
        DiagnosticSink sink(problems, file);
        const HeuristicCoder coder;
        code_transcript(
            *chosen, input, roles, coder, sink,
            [&](const Utterance& turn, const std::string& role, const CodedTurnResult& result) {
                rows.push_back(Row{turn.index + 1, turn.speaker, role, result});
            });
        failed = sink.failed();
    }
    if (failed)
        throw InvalidDocumentError(std::move(problems));
    const auto warn = py::module_::import("warnings").attr("warn");
    for (const auto& d : problems)
        warn(d.to_string());
    py::list out;
    for (const auto& row : rows)
        out.append(result_dict(row.turn, row.speaker, row.role, row.result));
    return out;
}

py::list rules_list() {
    py::list out;
    for (const auto& rule : heuristic_rules()) {
        py::dict r;
        r["id"] = rule.id;
        r["dimension"] = rule.dimension;
        r["value"] = rule.value;
        r["kind"] = std::string(to_string(rule.kind));
        r["scope"] = std::string(to_string(rule.scope));
        r["after_challenge"] = rule.after_challenge;
        r["cues"] = rule.cues;
        r["with"] = rule.with;
        r["same_sentence"] = rule.same_sentence;
        r["not_followed_by"] = rule.not_followed_by;
        r["description"] = rule.description;
        out.append(std::move(r));
    }
    return out;
}

py::list word_lists() {
    py::list out;
    for (const auto& list : heuristic_word_lists()) {
        py::dict l;
        l["id"] = list.id;
        l["description"] = list.description;
        l["words"] = list.words;
        out.append(std::move(l));
    }
    return out;
}

}  // namespace

void bind_coder(py::module_& m) {
    m.def(
        "code_turns",
        [](const py::object& turns, const py::object& speakers, const py::object& format) {
            if (py::isinstance<py::str>(turns) || py::hasattr(turns, "__fspath__"))
                return code_file(turns, speakers, format);
            if (!format.is_none())
                throw py::type_error(
                    "format= applies to a transcript file, not to a list of turns");
            if (!py::isinstance<py::sequence>(turns))
                throw py::type_error(
                    "turns must be a list of dicts {speaker, role?, text} or a transcript's path");
            return code_dicts(turns.cast<py::sequence>(), speakers);
        },
        py::arg("turns"), py::arg("speakers") = py::none(), py::arg("format") = py::none(),
        R"(The heuristic coder's codes of coaching talk for every turn (docs/heuristic-coder.md).

turns: a list of dicts {"speaker": str, "role": str (optional), "text": str}, in order, or the
path (str or os.PathLike) of a transcript file (.vtt, .srt, .csv, .txt; format= overrides the
extension). A turn's role is its "role", else the role `speakers` ({name: role}) or the default
names ("Coach", "Teacher"...) give its speaker; roles are coach, learner, observer, other.
Returns a list of {"turn": n (from 1), "speaker", "role", "codes": {dimension: [values]},
"reasons": [{"dimension", "value", "rule", "cue"}]}. The coding runs without the GIL. A file with
an error raises InvalidDocumentError; its warnings (an unmapped speaker) go to warnings.warn.)");
    m.def("heuristic_coder_rules", &rules_list,
          "The heuristic coder's rules in the order it applies them: dicts {id, dimension, value, "
          "kind, scope, after_challenge, cues, with, same_sentence, not_followed_by, "
          "description}.");
    m.def("heuristic_coder_word_lists", &word_lists,
          "The word lists the heuristic coder's computed rules use: dicts {id, description, "
          "words}.");
}

}  // namespace coachkit::python
