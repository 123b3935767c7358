// `coachkit code FILE`: the heuristic coder's codes for every turn of a coaching conversation, as a
// coachkit.turn-codes/1 sidecar (docs/heuristic-coder.md); `--given` writes instead the codes the
// file carries in its CSV columns, so people's codes and the coder's can be compared with
// `coachkit agreement`; `--explain` prints each code with the rule and the words that gave it.
// Nothing is stored, and the transcript streams: one turn and the one before it are held.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "coachkit/evidence/heuristic_coder.hpp"
#include "coachkit/json/document.hpp"
#include "commands.hpp"
#include "programme_support.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

struct CodeArgs {
    std::string file, format, out;
    std::vector<std::string> speakers;
    bool given = false;
    bool explain = false;
};

/// One row of the --explain table.
struct ExplainRow {
    std::size_t turn;
    std::string speaker, code, rule, cue;
};

TranscriptFormat format_of(const CodeArgs& args) {
    if (!args.format.empty()) {
        if (auto format = parse_transcript_format(args.format))
            return *format;
        throw Error("--format '" + args.format + "': expected webvtt, srt, csv or text");
    }
    if (auto format = transcript_format_for_path(args.file))
        return *format;
    throw Error(args.file +
                ": cannot tell the transcript's format from its name; give --format webvtt, srt, "
                "csv or text");
}

SpeakerRoles roles_of(const CodeArgs& args) {
    auto roles = SpeakerRoles::coaching();
    for (const auto& pair : args.speakers) {
        const auto eq = pair.rfind('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
            throw Error("--speaker '" + pair + "': expected NAME=ROLE");
        roles.assign(pair.substr(0, eq), pair.substr(eq + 1));
    }
    return roles;
}

boost::json::object sidecar_turn(std::size_t number, const TurnCodeSet& codes) {
    boost::json::object entry{{"turn", number}};
    for (const auto& [dimension, values] : codes) {
        boost::json::array list;
        for (const auto& value : values)
            list.emplace_back(value);
        entry[dimension] = std::move(list);
    }
    return entry;
}

void print_explanation(const std::vector<ExplainRow>& rows, const std::string& file, bool given) {
    std::cout << (given ? "Codes the file carries, turn by turn: "
                        : "The heuristic coder's codes, ")
              << file << (given ? "" : " (rules: docs/heuristic-coder.md)") << "\n\n";
    TextTable table({"turn", "speaker", "code", "rule", "cue"});
    for (const auto& row : rows)
        table.add_row({std::to_string(row.turn), row.speaker, row.code, row.rule, row.cue});
    table.print(std::cout, terminal_width());
}

int run_code(const CodeArgs& args) {
    const TranscriptFormat format = format_of(args);
    const SpeakerRoles roles = roles_of(args);
    Diagnostics problems;
    DiagnosticSink sink(problems, args.file);
    FileByteSource bytes(args.file);
    boost::json::array turns;
    std::vector<ExplainRow> rows;
    std::size_t coded = 0;
    auto add_rows = [&](std::size_t number, const std::string& speaker,
                        const std::vector<CodeReason>& reasons) {
        if (reasons.empty())
            rows.push_back({number, speaker, "-", "", ""});
        for (std::size_t i = 0; i < reasons.size(); ++i)
            rows.push_back({number, i == 0 ? speaker : "",
                            reasons[i].dimension + "=" + reasons[i].value, reasons[i].rule,
                            reasons[i].cue});
    };
    if (args.given) {
        TurnCodeCollector collector(nullptr, sink);
        read_transcript(format, bytes, sink, [&](const Utterance& turn) {
            const TurnCodeSet codes = collector.codes(turn);
            coded += codes.empty() ? 0 : 1;
            turns.push_back(sidecar_turn(turn.index + 1, codes));
            if (args.explain) {
                std::vector<CodeReason> reasons;
                for (const auto& [dimension, values] : codes) {
                    for (const auto& value : values)
                        reasons.push_back({dimension, value, "given", ""});
                }
                add_rows(turn.index + 1, turn.speaker, reasons);
            }
        });
    } else {
        const HeuristicCoder coder;
        code_transcript(format, bytes, roles, coder, sink,
                        [&](const Utterance& turn, const std::string&, const CodedTurnResult& r) {
                            turns.push_back(sidecar_turn(turn.index + 1, r.codes));
                            if (args.explain)
                                add_rows(turn.index + 1, turn.speaker, r.reasons);
                        });
    }
    if (sink.failed())
        throw InvalidDocumentError(std::move(problems));
    for (const auto& d : problems)
        std::cerr << d.to_string() << '\n';
    if (args.given && coded == 0)
        std::cerr << "coachkit: warning: " << args.file
                  << " carries no codes (CSV columns named initiation, stimulus, scale, time or "
                     "function); the sidecar lists its turns without codes\n";
    const boost::json::object sidecar{{"schema", "coachkit.turn-codes/1"},
                                      {"turns", std::move(turns)}};
    if (!args.explain || !args.out.empty())
        write_output(to_pretty_json(sidecar) + "\n", args.out);
    if (args.explain)
        print_explanation(rows, args.file, args.given);
    return 0;
}

}  // namespace

void add_code_commands(CLI::App& app, Dispatch& dispatch) {
    auto* code = app.add_subcommand(
        "code",
        "the heuristic coder's codes of coaching talk for every turn of a transcript, as a "
        "coachkit.turn-codes/1 sidecar (nothing is stored; docs/heuristic-coder.md)");
    auto args = std::make_shared<CodeArgs>();
    code->add_option("file", args->file, "the coaching conversation (.vtt, .srt, .csv or .txt)")
        ->required()
        ->check(CLI::ExistingFile);
    code->add_option("--format", args->format,
                     "webvtt, srt, csv or text (default: from the extension)");
    code->add_option("--speaker", args->speakers,
                     "map a speaker to a role, NAME=ROLE (coach, learner, observer, other; "
                     "repeatable)");
    code->add_flag("--given", args->given,
                   "write the codes the file itself carries (CSV columns) instead of the coder's, "
                   "to compare with `coachkit agreement`");
    code->add_flag("--explain", args->explain,
                   "print a table of each turn's codes with the rule and the words that gave them "
                   "(the sidecar then goes only to --out)");
    code->add_option("--out", args->out,
                     "write the sidecar to this file (default: standard output)");
    code->callback([&dispatch, args] { dispatch.action = [args] { return run_code(*args); }; });
}

}  // namespace coachkit::cli
