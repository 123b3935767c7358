// `coachkit assess RUBRIC`: evaluate a rubric and, against a cycle, record the result.
//   --cycle C --evidence ITEM --by P   the rubric scores a stored evidence item; recorded
//   --input FILE [--cycle C --by P]    the rubric scores a JSON document (ratings, scores)
//   --as P [--partnership P]           a programme rubric (principles-audit) on what P may see
// docs/rubrics.md#the-assess-verb.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "coachkit/json/document.hpp"
#include "coachkit/plugin/assessment_json.hpp"
#include "coachkit/plugin/registry.hpp"
#include "coachkit/privacy/view.hpp"
#include "commands.hpp"
#include "programme_support.hpp"

namespace coachkit::cli {

namespace {

struct Args {
    std::string rubric, cycle, evidence, input, partnership, thresholds;
    StoreOption store;
    ActorOptions actor;
    ViewerOption viewer;
    bool json = false;
};

void print_assessment(std::ostream& out, const Assessment& a) {
    out << a.rubric << ": " << (a.level.empty() ? "(no level)" : a.level) << "\n";
    if (!a.rationale.empty())
        out << "  why: " << a.rationale << "\n";
    for (const auto& c : a.citations)
        out << "    " << c.ref << "  " << c.note << "\n";
    for (const auto& c : a.criteria) {
        out << "  " << c.criterion << ": " << (c.level.empty() ? "-" : c.level);
        if (!c.rationale.empty())
            out << "  (" << c.rationale << ")";
        out << "\n";
        for (const auto& cite : c.citations)
            out << "      " << cite.ref << "  " << cite.note << "\n";
    }
}

boost::json::object read_object(const std::string& path) {
    Diagnostics problems;
    auto document = read_json_file(path, problems);
    if (!document)
        throw InvalidDocumentError(std::move(problems));
    if (!document->is_object()) {
        problems.push_back({Severity::error, path, "", 0, 0, "expected a JSON object"});
        throw InvalidDocumentError(std::move(problems));
    }
    return std::move(document->as_object());
}

/// Evaluates a rubric on `input`, throwing with every diagnostic when it reports an error.
Assessment evaluate(const Rubric& rubric, const std::string& id, const boost::json::value& input) {
    Diagnostics problems;
    Assessment result = rubric.evaluate(input, problems);
    if (has_errors(problems))
        throw InvalidDocumentError(std::move(problems));
    for (const auto& d : problems)
        std::cerr << d.to_string() << '\n';
    if (result.rubric.empty())
        result.rubric = id;
    return result;
}

/// A rubric scored on a document alone needs no programme: only the plugins.
int run_on_input(const Args& args) {
    Registry registry;
    registry.discover_default();
    print_plugin_problems(registry);
    auto rubric = registry.create<Rubric>(args.rubric);
    const Assessment result = evaluate(*rubric, args.rubric, read_object(args.input));
    if (args.json)
        std::cout << to_pretty_json(assessment_to_json(result));
    else
        print_assessment(std::cout, result);
    return 0;
}

int run(const Args& args) {
    if (!args.input.empty() && args.cycle.empty())
        return run_on_input(args);
    Session session(args.store.path, Session::Create::no);
    Assessment result;
    bool recorded = false;
    if (!args.evidence.empty()) {
        if (args.cycle.empty())
            throw CLI::ValidationError("--evidence", "needs --cycle");
        boost::json::object extra;
        if (!args.thresholds.empty())
            extra["thresholds"] = read_object(args.thresholds);
        const auto done = session.engine().assess_evidence(args.cycle, args.evidence, args.rubric,
                                                           extra, args.actor.context());
        const auto& cycle = *session.state().cycle(args.cycle);
        result = cycle.assessments.back().result;
        for (const auto& d : done.diagnostics)
            std::cerr << d.to_string() << '\n';
        recorded = true;
    } else {
        auto rubric = session.registry().create<Rubric>(args.rubric);
        boost::json::value input;
        if (rubric->applies_to() == "programme") {
            // A programme rubric sees only what the viewer may: the view, never the journal.
            if (args.viewer.as.empty())
                throw CLI::ValidationError("--as", "a programme rubric needs --as PERSON");
            const ProgrammeView& view =
                session.view(args.viewer.as, "cli assess " + args.rubric,
                             args.partnership.empty() ? "" : "partnership:" + args.partnership);
            boost::json::object in{{"programme", to_json(view)}};
            if (!args.partnership.empty())
                in["partnership"] = args.partnership;
            input = std::move(in);
        } else if (!args.input.empty()) {
            input = read_object(args.input);
        } else {
            throw CLI::ValidationError(
                "assess", "rubric '" + args.rubric + "' applies to " + rubric->applies_to() +
                              ": give --input FILE or --cycle and --evidence");
        }
        result = evaluate(*rubric, args.rubric, input);
        if (!args.cycle.empty()) {
            (void)session.engine().record_assessment(args.cycle, "", result, args.actor.context());
            recorded = true;
        }
    }
    if (args.json) {
        std::cout << to_pretty_json(assessment_to_json(result));
    } else {
        print_assessment(std::cout, result);
        if (recorded) {
            const auto& cycle = *session.state().cycle(args.cycle);
            std::cout << "recorded as assessment:" << args.cycle << "/" << cycle.assessments.size()
                      << "\n";
        }
    }
    return 0;
}

}  // namespace

void add_assess_commands(CLI::App& app, Dispatch& dispatch) {
    auto* assess = app.add_subcommand(
        "assess",
        "evaluate a rubric (a stored coaching conversation, a ratings file, or the "
        "programme as you may see it) and record the result against a cycle");
    auto args = std::make_shared<Args>();
    assess->add_option("rubric", args->rubric, "the rubric (coachkit plugins list --kind rubric)")
        ->required();
    assess->add_option("--cycle", args->cycle, "record the assessment against this cycle");
    assess->add_option("--evidence", args->evidence,
                       "score this evidence item of the cycle (its content is the input)");
    assess->add_option("--input", args->input, "score this JSON document (ratings, scores)")
        ->check(CLI::ExistingFile);
    assess->add_option("--partnership", args->partnership,
                       "a programme rubric: audit this partnership only");
    assess
        ->add_option("--thresholds", args->thresholds,
                     "with --evidence and coaching-levels: a coachkit.coaching-levels/1 file")
        ->check(CLI::ExistingFile);
    assess->add_flag("--json", args->json, "print the assessment as coachkit.assessment/1 JSON");
    args->store.add_to(*assess);
    args->actor.add_to(*assess, false);
    // Not ViewerOption: only a programme rubric reads records on someone's behalf.
    assess
        ->add_option("--as", args->viewer.as,
                     "a programme rubric: whose view of the programme to audit; default "
                     "$COACHKIT_AS")
        ->envname("COACHKIT_AS");
    assess->callback([&dispatch, args] { dispatch.action = [args] { return run(*args); }; });
}

}  // namespace coachkit::cli
