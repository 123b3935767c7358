// `coachkit evidence add|show|metrics`: evidence read by an evidence source and stored on a cycle's
// stage; and `coachkit analyse lesson`: the talk metrics of a transcript, stored nowhere.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "coachkit/evidence/ingest.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/programme/evidence_item.hpp"
#include "commands.hpp"
#include "programme_support.hpp"
#include "source_options.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

/// A metric as people read it: whole numbers without decimals, the rest to three places.
std::string figure(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

void print_metrics(std::ostream& out, const std::map<std::string, double>& metrics) {
    TextTable table({"metric", "value"});
    for (const auto& [key, value] : metrics)
        table.add_row({key, figure(value)});
    table.print(out, terminal_width());
}

/// An array of flat objects (per tenth of a lesson, per speaker) as a table: one column per key
/// found, numbers as figures, nested values as JSON.
void print_rows(std::ostream& out, const boost::json::array& rows) {
    std::vector<std::string> columns;
    std::set<std::string> seen;
    for (const auto& row : rows) {
        if (const auto* object = row.if_object()) {
            for (const auto& [key, value] : *object) {
                if (seen.insert(std::string(key)).second)
                    columns.emplace_back(key);
            }
        }
    }
    TextTable table(columns);
    for (const auto& row : rows) {
        const auto* object = row.if_object();
        if (object == nullptr)
            continue;
        std::vector<std::string> cells;
        for (const auto& column : columns) {
            const auto* value = object->if_contains(column);
            if (value == nullptr)
                cells.emplace_back("-");
            else if (value->is_number())
                cells.push_back(figure(value->to_number<double>()));
            else if (value->is_string())
                cells.emplace_back(value->as_string());
            else
                cells.push_back(boost::json::serialize(*value));
        }
        table.add_row(std::move(cells));
    }
    table.print(out, terminal_width());
}

/// Per-tenth rows ({"tenth", "from", "to", "metrics": {…}}) as a table of the columns a reader
/// scans: talk shares, questions, open questions, wait time; columns that are zero throughout are
/// left out.
void print_tenths(std::ostream& out, const boost::json::object& segments) {
    const auto* tenths = segments.if_contains("tenths");
    if (tenths == nullptr || !tenths->is_array())
        return;
    auto wanted = [](std::string_view key) {
        return key.rfind("talk_share_words.", 0) == 0 || key.rfind("questions.", 0) == 0 ||
               key == "teacher_questions.open" || key == "wait_time.mean_seconds" ||
               key == "words" || key == "turns";
    };
    std::vector<std::string> columns;
    for (const auto& row : tenths->as_array()) {
        const auto* metrics = row.is_object() ? row.as_object().if_contains("metrics") : nullptr;
        if (metrics == nullptr || !metrics->is_object())
            continue;
        for (const auto& [key, value] : metrics->as_object()) {
            if (wanted(key) && value.is_number() && value.to_number<double>() != 0 &&
                std::find(columns.begin(), columns.end(), key) == columns.end())
                columns.emplace_back(key);
        }
    }
    std::sort(columns.begin(), columns.end());
    std::vector<std::string> headers{"tenth", "from", "to"};
    headers.insert(headers.end(), columns.begin(), columns.end());
    TextTable table(headers);
    for (const auto& row : tenths->as_array()) {
        const auto* object = row.if_object();
        if (object == nullptr)
            continue;
        auto cell = [&](const boost::json::object& from, std::string_view key) {
            const auto* value = from.if_contains(key);
            return value != nullptr && value->is_number() ? figure(value->to_number<double>())
                                                          : std::string("-");
        };
        std::vector<std::string> cells{cell(*object, "tenth"), cell(*object, "from"),
                                       cell(*object, "to")};
        const auto* metrics = object->if_contains("metrics");
        for (const auto& column : columns)
            cells.push_back(metrics != nullptr && metrics->is_object()
                                ? cell(metrics->as_object(), column)
                                : std::string("-"));
        table.add_row(std::move(cells));
    }
    const auto* basis = segments.if_contains("basis");
    out << "\nBy tenth of the lesson ("
        << (basis != nullptr && basis->is_string() && basis->as_string() == "time"
                ? "by time, seconds"
                : "by word position, words")
        << ")\n\n";
    table.print(out, terminal_width());
}

/// The tables in an item's details: arrays of flat objects (per speaker) under their name, and
/// per-tenth segments.
void print_details(std::ostream& out, const boost::json::object& details) {
    for (const auto& [name, value] : details) {
        if (const auto* rows = value.if_array(); rows != nullptr && !rows->empty()) {
            out << '\n' << name << "\n\n";
            print_rows(out, *rows);
        } else if (const auto* object = value.if_object(); object != nullptr) {
            print_tenths(out, *object);
        }
    }
}

/// What was measured, as `--json` prints it: the fields naming it, then "metrics" and "details".
void print_measures_json(boost::json::object out, const std::map<std::string, double>& metrics,
                         const boost::json::object& details) {
    out["metrics"] = boost::json::value_from(metrics);
    out["details"] = details;
    std::cout << to_pretty_json(out);
}

void print_reading_warnings(const Diagnostics& warnings) {
    for (const auto& w : warnings)
        std::cerr << w.to_string() << '\n';
}

const EvidenceItem& known_item(const ProgrammeState& state, const std::string& id) {
    const EvidenceItem* item = state.evidence_item(id);
    if (item == nullptr)
        throw NotFoundError("no evidence item '" + id + "' in the programme");
    return *item;
}

void add_evidence_add(CLI::App& evidence, Dispatch& dispatch) {
    auto* add = evidence.add_subcommand(
        "add", "read a file with an evidence source and store it on a cycle's stage");
    struct Args {
        StoreOption store;
        ActorOptions actor;
        std::string cycle, stage, file;
        EvidenceInput input;
        SourceOptions source;
    };
    auto args = std::make_shared<Args>();
    add->add_option("file", args->file, "the file to read")->required()->check(CLI::ExistingFile);
    add->add_option("--cycle", args->cycle, "the cycle")->required();
    add->add_option("--stage", args->stage, "the stage (default: the one in progress)");
    add->add_option("--kind", args->input.kind,
                    "the evidence source: observation-record, video-recording, "
                    "lesson-transcript, coaching-transcript, pupil-work, pupil-voice, "
                    "lesson-plan, learner-reflection, or a plugin's")
        ->required();
    add->add_option("--format", args->input.format,
                    "the file's format (default: the source's only one, or the extension's)");
    add->add_option("--summary", args->input.summary, "what it shows, in a few words");
    add->add_option("--owner", args->input.owner,
                    "whose it is (default: the cycle's learner; a partnership member)");
    add->add_option("--id", args->input.id, "the item's id (default: CYCLE-eN)");
    args->source.add_to(*add, true);
    args->store.add_to(*add);
    args->actor.add_to(*add, true);
    add->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            EvidenceInput input = args->input;
            input.options = args->source.build();
            FileByteSource bytes(args->file);
            const auto result = session.engine().add_evidence(args->cycle, args->stage, input,
                                                              bytes, args->actor.context());
            print_reading_warnings(result.diagnostics);
            print_warnings(result.warnings);
            const std::string id =
                result.events.empty()
                    ? std::string()
                    : std::string(result.events.front().data.at("id").as_string());
            const EvidenceItem& item = known_item(session.state(), id);  // the actor's own echo
            std::cout << "added " << item.id << " (" << item.kind << ", " << item.format << ", "
                      << item.bytes << " bytes) to " << item.stage << " of " << item.cycle
                      << "; owner " << item.owner << ", " << item.privacy << '\n';
            if (!item.metrics.empty())
                std::cout << item.metrics.size() << " metrics: coachkit evidence metrics "
                          << item.id << '\n';
            return 0;
        };
    });
}

void add_evidence_show(CLI::App& evidence, Dispatch& dispatch) {
    auto* show = evidence.add_subcommand(
        "show", "the evidence items stored (all, a cycle's, or one in full)");
    struct Args {
        StoreOption store;
        ViewerOption viewer;
        std::string item, cycle;
        bool json = false;
    };
    auto args = std::make_shared<Args>();
    show->add_option("item", args->item, "one item, shown in full");
    show->add_option("--cycle", args->cycle, "only this cycle's items");
    show->add_flag("--json", args->json, "print JSON (an item's every field, content included)");
    args->store.add_to(*show);
    args->viewer.add_to(*show);
    show->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            if (!args->item.empty()) {
                (void)known_item(session.state(), args->item);  // the usual "no evidence item"
                const ProgrammeView& view =
                    session.view(args->viewer.as, "cli evidence show", "evidence:" + args->item);
                const EvidenceItem& item = known_item(view.state, args->item);
                if (args->json) {
                    std::cout << to_pretty_json(to_json(item));
                    return 0;
                }
                std::cout << "Evidence " << item.id << ": " << item.kind << " on " << item.stage
                          << " of " << item.cycle << " (partnership " << item.partnership << ")\n";
                std::cout << "read from " << (item.origin.empty() ? "-" : item.origin) << " as "
                          << item.format << " (" << item.bytes << " bytes) by " << item.plugin
                          << ' ' << item.plugin_version << '\n';
                std::cout << "owner " << item.owner << ", " << item.privacy << "; added by "
                          << item.by << " at " << item.at << '\n';
                if (!item.summary.empty())
                    std::cout << "summary: " << item.summary << '\n';
                for (const auto& w : item.warnings)
                    std::cout << "reading warning: " << w << '\n';
                if (!item.metrics.empty()) {
                    std::cout << "\nMetrics\n\n";
                    print_metrics(std::cout, item.metrics);
                }
                std::cout << "\n(content: coachkit evidence show " << item.id << " --json)\n";
                return 0;
            }
            std::vector<const EvidenceItem*> items;
            const ProgrammeView& view =
                session.view(args->viewer.as, "cli evidence show",
                             args->cycle.empty() ? "" : "cycle:" + args->cycle);
            for (const auto& item : view.state.evidence_items())
                items.push_back(&item);
            if (args->json) {
                boost::json::array all;
                for (const auto* item : items)
                    all.push_back(to_json(*item));
                std::cout << to_pretty_json(all);
                return 0;
            }
            if (items.empty()) {
                std::cout << "no evidence items\n";
                return 0;
            }
            TextTable table({"item", "cycle", "stage", "kind", "from", "owner", "added"});
            for (const auto* item : items) {
                table.add_row({item->id, item->cycle, item->stage, item->kind,
                               item->origin.empty() ? "-" : item->origin, item->owner,
                               item->at + " by " + item->by});
            }
            table.print(std::cout, terminal_width());
            return 0;
        };
    });
}

void add_evidence_metrics(CLI::App& evidence, Dispatch& dispatch) {
    auto* metrics = evidence.add_subcommand("metrics", "an evidence item's measures");
    struct Args {
        StoreOption store;
        ViewerOption viewer;
        std::string item;
        bool json = false;
    };
    auto args = std::make_shared<Args>();
    metrics->add_option("item", args->item, "the item")->required();
    metrics->add_flag("--json", args->json, "print {\"metrics\": …, \"details\": …} as JSON");
    args->store.add_to(*metrics);
    args->viewer.add_to(*metrics);
    metrics->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            (void)known_item(session.state(), args->item);
            const ProgrammeView& view =
                session.view(args->viewer.as, "cli evidence metrics", "evidence:" + args->item);
            const EvidenceItem& item = known_item(view.state, args->item);
            if (args->json) {
                print_measures_json({{"item", item.id}, {"kind", item.kind}}, item.metrics,
                                    item.details);
                return 0;
            }
            std::cout << "Metrics of " << item.id << " (" << item.kind << ")\n\n";
            print_metrics(std::cout, item.metrics);
            print_details(std::cout, item.details);
            return 0;
        };
    });
}

void add_analyse_lesson(CLI::App& analyse, Dispatch& dispatch) {
    auto* lesson = analyse.add_subcommand(
        "lesson", "the talk metrics of a lesson transcript (nothing is stored; any size)");
    struct Args {
        std::string file, format;
        SourceOptions source;
        double wait_time = 0;
        bool json = false;
    };
    auto args = std::make_shared<Args>();
    lesson->add_option("file", args->file, "the transcript (.vtt, .srt, .csv or .txt)")
        ->required()
        ->check(CLI::ExistingFile);
    lesson->add_option("--format", args->format,
                       "webvtt, srt, csv or text (default: from the extension)");
    lesson
        ->add_option("--wait-time", args->wait_time,
                     "the wait time, in seconds, the report counts up to (default 3)")
        ->check(CLI::PositiveNumber);
    lesson->add_flag("--json", args->json, "print {\"metrics\": …, \"details\": …} as JSON");
    args->source.add_to(*lesson, false);
    lesson->callback([&dispatch, args] {
        dispatch.action = [args] {
            Registry registry;
            registry.discover_default();
            boost::json::object options = args->source.build();
            if (args->wait_time > 0)
                options["wait_time_threshold"] = args->wait_time;
            FileByteSource bytes(args->file);
            // keep_content false: the source streams, so a transcript of any size fits in memory.
            const EvidenceReading reading =
                read_evidence(registry, "lesson-transcript", bytes,
                              IngestRequest{args->format, args->file, std::move(options), false});
            print_reading_warnings(reading.warnings);
            if (args->json) {
                print_measures_json({{"file", args->file}, {"format", reading.content.format}},
                                    reading.content.metrics, reading.content.details);
                return 0;
            }
            std::cout << "Talk in " << args->file << " (" << reading.content.format
                      << "; definitions: docs/evidence-metrics.md)\n\n";
            print_metrics(std::cout, reading.content.metrics);
            print_details(std::cout, reading.content.details);
            return 0;
        };
    });
}

}  // namespace

void add_evidence_commands(CLI::App& app, Dispatch& dispatch) {
    auto* evidence = app.add_subcommand(
        "evidence", "evidence from practice, read by an evidence source and stored on a cycle");
    evidence->require_subcommand(1);
    add_evidence_add(*evidence, dispatch);
    add_evidence_show(*evidence, dispatch);
    add_evidence_metrics(*evidence, dispatch);

    auto* analyse = app.add_subcommand("analyse", "measure evidence without storing it");
    analyse->require_subcommand(1);
    add_analyse_lesson(*analyse, dispatch);
    add_analyse_coaching(*analyse, dispatch);
}

}  // namespace coachkit::cli
