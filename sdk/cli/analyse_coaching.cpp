// `coachkit analyse coaching FILE...`: score coaching conversations with the levels rubric (or
// another rubric for coaching transcripts), in parallel, stored nowhere. One file gets the full
// account (level, reasons, each criterion, the cited turns with their words); several get a table
// and the count per level. --csv and --turns-csv write the tables researchers load into pandas.
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "coachkit/analysis/corpus.hpp"
#include "coachkit/analysis/corpus_manifest.hpp"
#include "coachkit/analysis/corpus_table.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/plugin/assessment_json.hpp"
#include "coachkit/plugin/registry.hpp"
#include "commands.hpp"
#include "programme_support.hpp"
#include "source_options.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

struct Args {
    std::vector<std::string> files;
    std::string format, rubric = "coaching-levels", thresholds, coder, csv, turns_csv, manifest;
    SourceOptions source;
    unsigned jobs = 0;
    bool json = false, explain = false, no_sidecars = false;
};

/// The words of turn `n`, shortened for a line of the account.
std::string turn_words(const ScoredTranscript& result, std::size_t n) {
    for (const auto& t : result.turns) {
        if (t.turn == n) {
            std::string words = t.text.size() > 90 ? t.text.substr(0, 87) + "..." : t.text;
            return t.speaker + ": " + words;
        }
    }
    return {};
}

/// Citations grouped by what they show: the finding, then each cited turn with its words.
void print_citations(std::ostream& out, const ScoredTranscript& result,
                     const std::vector<Citation>& citations, const std::string& indent) {
    for (std::size_t i = 0; i < citations.size();) {
        const std::string& note = citations[i].note;
        out << indent << note << ":\n";
        for (; i < citations.size() && citations[i].note == note; ++i) {
            const std::string& ref = citations[i].ref;
            const auto turn = cited_turn(citations[i]);  // a record's ref prints alone
            const std::string words = turn ? turn_words(result, *turn) : std::string();
            out << indent << "  " << ref << (words.empty() ? "" : "  " + words) << "\n";
        }
    }
}

void print_account(std::ostream& out, const ScoredTranscript& r) {
    std::size_t coded = 0;
    for (const auto& t : r.turns)
        coded += t.codes.empty() ? 0 : 1;
    out << r.file << ": " << r.assessment.level << " (" << r.turns.size() << " turns, " << coded
        << " coded)\n";
    out << "  why: " << r.assessment.rationale << "\n";
    if (!r.assessment.citations.empty()) {
        out << "  turns that show it:\n";
        print_citations(out, r, r.assessment.citations, "    ");
    }
    out << "  criteria:\n";
    for (const auto& c : r.assessment.criteria) {
        out << "    " << c.criterion << ": " << c.level << "\n      figures: " << c.rationale
            << "\n";
        print_citations(out, r, c.citations, "      ");
    }
}

void print_table(std::ostream& out, const std::vector<ScoredTranscript>& results) {
    TextTable table({"file", "turns", "coded", "level"});
    std::map<std::string, std::size_t> per_level;
    for (const auto& r : results) {
        std::size_t coded = 0;
        for (const auto& t : r.turns)
            coded += t.codes.empty() ? 0 : 1;
        table.add_row({r.file, std::to_string(r.turns.size()), std::to_string(coded),
                       r.ok ? r.assessment.level : "(not scored)"});
        if (r.ok)
            ++per_level[r.assessment.level];
    }
    table.print(out, terminal_width());
    out << "\n";
    for (const auto& [level, n] : per_level)
        out << level << ": " << n << "\n";
}

/// How often the rubric's level is the one people gave in the manifest, and where they differ.
void print_manifest_agreement(std::ostream& out, const std::vector<CorpusEntry>& entries,
                              const std::vector<ScoredTranscript>& results) {
    std::size_t judged = 0, same = 0;
    std::vector<std::string> differ;
    for (const auto& entry : entries) {
        if (entry.level.empty())
            continue;
        for (const auto& r : results) {
            if (r.file != entry.file.string() || !r.ok)
                continue;
            ++judged;
            if (r.assessment.level == entry.level)
                ++same;
            else
                differ.push_back(r.file + ": people " + entry.level + ", rubric " +
                                 r.assessment.level);
        }
    }
    if (judged == 0)
        return;
    out << "\nagreement with the manifest's levels: " << same << " of " << judged << "\n";
    for (const auto& line : differ)
        out << "  " << line << "\n";
}

void write_table_file(const CorpusTable& table, const std::string& path) {
    std::ofstream file(path, std::ios::binary);
    if (!file)
        throw Error(path + ": cannot be written");
    write_csv(table, file);
    if (!file)
        throw Error(path + ": writing failed");
}

int run(const Args& args) {
    Registry registry;
    registry.discover_default();
    print_plugin_problems(registry);
    auto source = registry.create<EvidenceSource>("coaching-transcript");
    auto rubric = registry.create<Rubric>(args.rubric);
    if (rubric->applies_to() != "coaching-transcript") {
        throw Error("rubric '" + args.rubric + "' applies to " + rubric->applies_to() +
                    ", not to a coaching transcript");
    }

    CorpusOptions options;
    options.jobs = args.jobs;
    options.format = args.format;
    options.source_options = args.source.build();
    options.sidecars = !args.no_sidecars;
    if (!args.coder.empty())
        options.source_options["coder"] = args.coder;
    if (!args.thresholds.empty()) {
        Diagnostics problems;
        auto document = read_json_file(args.thresholds, problems);
        if (!document)
            throw InvalidDocumentError(std::move(problems));
        options.rubric_input["thresholds"] = std::move(*document);
    }
    Diagnostics missing;
    std::vector<std::filesystem::path> paths(args.files.begin(), args.files.end());
    std::vector<CorpusEntry> entries;
    if (!args.manifest.empty()) {
        entries = read_corpus_manifest(args.manifest, missing);
        for (const auto& entry : entries) {
            paths.push_back(entry.file);
            if (!entry.speakers.empty())
                options.file_options[entry.file.string()]["speakers"] = entry.speakers;
        }
    }
    if (paths.empty())
        throw CLI::ValidationError("files", "give transcripts, folders or --manifest");
    const auto files = corpus_files(paths, missing);
    if (has_errors(missing))
        throw InvalidDocumentError(std::move(missing));
    if (files.size() > 1 && options.source_options.contains("codes"))
        throw CLI::ValidationError("--codes",
                                   "gives one sidecar: use it with one file (or put "
                                   "NAME.codes.json beside each transcript)");

    const auto results = score_corpus(files, *source, *rubric, options);

    bool failed = false;
    for (const auto& r : results) {
        for (const auto& d : r.diagnostics)
            std::cerr << d.to_string() << '\n';
        failed = failed || !r.ok;
    }
    if (!args.csv.empty())
        write_table_file(transcript_table(results), args.csv);
    if (!args.turns_csv.empty())
        write_table_file(turn_table(results), args.turns_csv);
    if (args.json) {
        boost::json::array all;
        for (const auto& r : results) {
            boost::json::object entry{{"file", r.file}, {"ok", r.ok}, {"turns", r.turns.size()}};
            if (r.ok)
                entry["assessment"] = assessment_to_json(r.assessment);
            all.push_back(std::move(entry));
        }
        std::cout << to_pretty_json(all);
    } else if (results.size() == 1 || args.explain) {
        for (const auto& r : results) {
            if (r.ok)
                print_account(std::cout, r);
        }
    } else {
        print_table(std::cout, results);
    }
    if (!args.json)
        print_manifest_agreement(std::cout, entries, results);
    return failed ? 1 : 0;
}

}  // namespace

void add_analyse_coaching(CLI::App& analyse, Dispatch& dispatch) {
    auto* coaching = analyse.add_subcommand(
        "coaching",
        "score coaching conversations against the levels of coaching practice development "
        "(nothing is stored; files and folders, in parallel)");
    auto args = std::make_shared<Args>();
    coaching->add_option("files", args->files,
                         "transcripts (.vtt, .srt, .csv, .txt) or folders of them; NAME.codes.json "
                         "beside NAME.csv gives its turns' codes");
    coaching
        ->add_option("--manifest", args->manifest,
                     "a coachkit.coaching-corpus/1 manifest: score its transcripts with their "
                     "speakers, and compare with the levels it gives")
        ->check(CLI::ExistingFile);
    coaching->add_option("--format", args->format,
                         "webvtt, srt, csv or text (default: from each extension)");
    coaching->add_option("--rubric", args->rubric,
                         "a rubric for coaching transcripts (default coaching-levels)");
    coaching
        ->add_option("--thresholds", args->thresholds,
                     "a coachkit.coaching-levels/1 file to use instead of the plugin's levels.json")
        ->check(CLI::ExistingFile);
    coaching->add_option("--coder", args->coder,
                         "code turns that carry no code: heuristic (docs/heuristic-coder.md)");
    coaching->add_option("--jobs,-j", args->jobs, "threads (default: one per core)");
    coaching->add_option("--csv", args->csv, "write one row per transcript to this CSV file");
    coaching->add_option("--turns-csv", args->turns_csv,
                         "write one row per turn (with its codes) to this CSV file");
    coaching->add_flag("--json", args->json, "print each transcript's assessment as JSON");
    coaching->add_flag("--explain", args->explain,
                       "give the full account of every transcript, not a table");
    coaching->add_flag("--no-sidecars", args->no_sidecars,
                       "ignore NAME.codes.json files beside the transcripts");
    args->source.add_to(*coaching, true);
    coaching->callback([&dispatch, args] { dispatch.action = [args] { return run(*args); }; });
}

}  // namespace coachkit::cli
