// `coachkit programme init|show`, `person add`, `partnership add`, `agreement draft|sign|show`,
// `export` and `import`: a school's programme, kept in a store (a SQLite journal). The cycle verbs
// are in cycle_commands.cpp; the options and helpers they share in programme_support.hpp.
#include <boost/json/serialize.hpp>
#include <iostream>
#include <memory>
#include <set>

#include "coachkit/json/document.hpp"
#include "coachkit/programme/exchange.hpp"
#include "coachkit/programme/summary.hpp"
#include "commands.hpp"
#include "programme_support.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

std::string members_text(const std::vector<Member>& members) {
    std::string text;
    for (const auto& m : members)
        text += (text.empty() ? "" : ", ") + m.person + " (" + m.role + ")";
    return text;
}

boost::json::object finding_json(const Finding& f) {
    return {{"rule", f.rule},
            {"partnership", f.partnership},
            {"message", f.message},
            {"source", f.source}};
}

void print_findings(std::ostream& out, const std::vector<Finding>& findings) {
    if (findings.empty()) {
        out << "\nNo conformance findings: every partnership follows the framework's guidance.\n";
        return;
    }
    out << "\nConformance findings (" << findings.size()
        << "): departures from the framework's guidance, for the co-ordinator to weigh\n\n";
    TextTable table({"rule", "partnership", "message", "source"});
    for (const auto& f : findings)
        table.add_row({f.rule, f.partnership, f.message, f.source});
    table.print(out, terminal_width());
}

void print_summary(std::ostream& out, const ProgrammeSummary& s, const std::string& store) {
    out << "Programme " << s.id << ": " << s.name << '\n';
    out << s.people << (s.people == 1 ? " person, " : " people, ") << s.partnerships.size()
        << (s.partnerships.size() == 1 ? " partnership, " : " partnerships, ") << s.events
        << (s.events == 1 ? " event" : " events") << " (store " << store << ")\n";
    if (!s.partnerships.empty()) {
        out << "\nPartnerships\n\n";
        TextTable who({"partnership", "mode", "workflow", "members"});
        for (const auto& p : s.partnerships)
            who.add_row({p.id, p.mode, p.workflow, members_text(p.members)});
        who.print(out, terminal_width());

        out << "\nAgreements and cycles\n\n";
        TextTable progress(
            {"partnership", "agreement", "closed", "open", "abandoned", "planned", "current"});
        for (const auto& p : s.partnerships) {
            progress.add_row({p.id, p.agreement, std::to_string(p.cycles_closed),
                              std::to_string(p.cycles_open), std::to_string(p.cycles_abandoned),
                              p.planned_cycles ? std::to_string(*p.planned_cycles) : "-",
                              p.current.empty() ? "-" : p.current});
        }
        progress.print(out, terminal_width());
    }
    print_findings(out, s.findings);
}

// ---- the agreement's options and file ---------------------------------------------------------

struct AgreementOptions {
    std::string partnership;
    std::vector<std::string> goals;
    std::vector<std::string> priority_goals;  // "TEXT=PRIORITY"
    std::vector<std::string> ground_rules;
    std::string confidentiality = "partnership-only";
    bool video_consent = false;
    std::optional<int> weeks;
    std::optional<int> cycles;
    std::vector<std::string> reviews;
    bool performance_management_link = false;
    std::string file;

    [[nodiscard]] LearningAgreement from_options() const {
        LearningAgreement a;
        a.partnership = partnership;
        for (const auto& text : goals)
            a.goals.push_back(Goal{text, ""});
        for (const auto& item : priority_goals) {
            const auto eq = item.rfind('=');
            a.goals.push_back(Goal{item.substr(0, eq), item.substr(eq + 1)});
        }
        a.ground_rules = ground_rules;
        a.confidentiality = *parse_confidentiality(confidentiality);
        a.video_consent = video_consent;
        a.planned_weeks = weeks;
        a.planned_cycles = cycles;
        a.review_dates = reviews;
        a.performance_management_link = performance_management_link;
        return a;
    }
};

/// Reads an agreement file (docs/cli.md, "The agreement file"). Every problem is collected with
/// the file and JSON pointer, then thrown as one InvalidDocumentError.
LearningAgreement read_agreement_file(const std::string& path, const std::string& partnership) {
    Diagnostics problems;
    const auto value = read_json_file(path, problems);
    if (!value)
        throw InvalidDocumentError(problems);
    auto error = [&](const std::string& pointer, const std::string& message) {
        problems.push_back(Diagnostic{Severity::error, path, pointer, 0, 0, message});
    };
    const auto* object = value->if_object();
    if (object == nullptr) {
        error("", "an agreement file must be a JSON object");
        throw InvalidDocumentError(problems);
    }
    LearningAgreement a;
    a.partnership = partnership;
    auto text_at = [&](const boost::json::value& v, const std::string& pointer) -> std::string {
        if (!v.is_string()) {
            error(pointer, "expected a string");
            return {};
        }
        return std::string(v.as_string());
    };
    auto strings_at = [&](const boost::json::value& v, const std::string& pointer) {
        std::vector<std::string> out;
        if (!v.is_array()) {
            error(pointer, "expected an array of strings");
            return out;
        }
        for (std::size_t i = 0; i < v.as_array().size(); ++i)
            out.push_back(text_at(v.as_array()[i], pointer_append(pointer, i)));
        return out;
    };
    auto count_at = [&](const boost::json::value& v, const std::string& pointer) {
        std::optional<int> out;
        if (v.is_int64() && v.as_int64() >= 1 && v.as_int64() <= 1000)
            out = static_cast<int>(v.as_int64());
        else if (v.is_uint64() && v.as_uint64() >= 1 && v.as_uint64() <= 1000)
            out = static_cast<int>(v.as_uint64());
        else
            error(pointer, "expected a whole number from 1 to 1000");
        return out;
    };
    auto flag_at = [&](const boost::json::value& v, const std::string& pointer) {
        if (!v.is_bool()) {
            error(pointer, "expected true or false");
            return false;
        }
        return v.as_bool();
    };
    for (const auto& [key, v] : *object) {
        const std::string pointer = pointer_append("", key);
        if (key == "schema") {
            const auto tag = v.is_string() ? SchemaTag::parse(v.as_string()) : std::nullopt;
            if (!tag || tag->family != "coachkit.agreement" || tag->version != 1)
                error(pointer, "expected \"coachkit.agreement/1\"");
        } else if (key == "partnership") {
            const std::string named = text_at(v, pointer);
            if (v.is_string() && named != partnership) {
                error(pointer, "names partnership '" + named + "', but --partnership is '" +
                                   partnership + "'");
            }
        } else if (key == "goals") {
            if (!v.is_array()) {
                error(pointer, "expected an array of goals");
                continue;
            }
            for (std::size_t i = 0; i < v.as_array().size(); ++i) {
                const auto& item = v.as_array()[i];
                const std::string at = pointer_append(pointer, i);
                if (item.is_string()) {
                    a.goals.push_back(Goal{std::string(item.as_string()), ""});
                    continue;
                }
                if (!item.is_object()) {
                    error(at, "a goal is a string, or an object with text and school_priority");
                    continue;
                }
                Goal goal;
                for (const auto& [field, fv] : item.as_object()) {
                    if (field == "text")
                        goal.text = text_at(fv, pointer_append(at, field));
                    else if (field == "school_priority")
                        goal.school_priority = text_at(fv, pointer_append(at, field));
                    else
                        error(pointer_append(at, field),
                              "unknown field (a goal has text and school_priority)");
                }
                if (!item.as_object().contains("text"))
                    error(at, "a goal needs its text");
                a.goals.push_back(std::move(goal));
            }
        } else if (key == "ground_rules") {
            a.ground_rules = strings_at(v, pointer);
        } else if (key == "confidentiality") {
            const std::string level = text_at(v, pointer);
            if (const auto parsed = parse_confidentiality(level))
                a.confidentiality = *parsed;
            else if (v.is_string())
                error(pointer, "unknown confidentiality '" + level +
                                   "' (known: partnership-only, summary-to-co-ordinator)");
        } else if (key == "performance_management_link") {
            a.performance_management_link = flag_at(v, pointer);
        } else if (key == "video_consent") {
            a.video_consent = flag_at(v, pointer);
        } else if (key == "planned_weeks") {
            a.planned_weeks = count_at(v, pointer);
        } else if (key == "planned_cycles") {
            a.planned_cycles = count_at(v, pointer);
        } else if (key == "review_dates") {
            a.review_dates = strings_at(v, pointer);
        } else {
            error(pointer,
                  "unknown field (known: schema, partnership, goals, ground_rules, "
                  "confidentiality, performance_management_link, video_consent, planned_weeks, "
                  "planned_cycles, review_dates)");
        }
    }
    if (!problems.empty())
        throw InvalidDocumentError(problems);
    return a;
}

void print_agreement(std::ostream& out, const ProgrammeState& state, const Partnership& p,
                     const LearningAgreement& a) {
    std::vector<std::string> waiting;
    for (const auto& m : p.members) {
        const bool signed_it =
            std::any_of(a.acknowledgements.begin(), a.acknowledgements.end(),
                        [&](const Acknowledgement& ack) { return ack.person == m.person; });
        if (!signed_it)
            waiting.push_back(m.person);
    }
    out << "Learning agreement of partnership " << p.id << " (" << p.mode << "): "
        << (state.agreement_signed(p.id) ? "signed by every member"
                                         : "drafted, waiting for " + join_words(waiting))
        << "\n\n";
    out << "Goals\n";
    if (a.goals.empty())
        out << "  (none yet)\n";
    for (std::size_t i = 0; i < a.goals.size(); ++i) {
        out << "  " << i + 1 << ". " << a.goals[i].text;
        if (!a.goals[i].school_priority.empty())
            out << " [school priority: " << a.goals[i].school_priority << "]";
        out << '\n';
    }
    out << "Ground rules\n";
    if (a.ground_rules.empty())
        out << "  (none added)\n";
    for (const auto& rule : a.ground_rules)
        out << "  - " << rule << '\n';
    out << "Confidentiality: " << to_string(a.confidentiality) << '\n';
    out << "Performance-management link: "
        << (a.performance_management_link ? "yes (the learner's choice)" : "no") << '\n';
    out << "Video consent: " << (a.video_consent ? "yes" : "no") << '\n';
    out << "Planned: "
        << (a.planned_weeks ? std::to_string(*a.planned_weeks) + " weeks" : "no length set") << ", "
        << (a.planned_cycles ? std::to_string(*a.planned_cycles) + " cycles"
                             : "no number of cycles set")
        << '\n';
    out << "Review dates: " << (a.review_dates.empty() ? "none" : join_words(a.review_dates, ", "))
        << '\n';
    out << "Signatures: ";
    if (a.acknowledgements.empty())
        out << "none yet";
    for (std::size_t i = 0; i < a.acknowledgements.size(); ++i) {
        out << (i == 0 ? "" : ", ") << a.acknowledgements[i].person << " at "
            << a.acknowledgements[i].at;
    }
    out << '\n';
}

void add_programme_verbs(CLI::App& app, Dispatch& dispatch) {
    auto* programme = app.add_subcommand("programme", "start a programme and see where it stands");
    programme->require_subcommand(1);
    {
        auto* init = programme->add_subcommand("init", "start a programme in a new store");
        auto store = std::make_shared<StoreOption>();
        auto actor = std::make_shared<ActorOptions>();
        auto id = std::make_shared<std::string>();
        auto name = std::make_shared<std::string>();
        init->add_option("--id", *id, "the programme's id (e.g. oakfield-2026)")->required();
        init->add_option("--name", *name, "its name, for people")->required();
        store->add_to(*init);
        actor->add_to(*init, false);
        init->callback([&dispatch, store, actor, id, name] {
            dispatch.action = [store, actor, id, name] {
                return with_new_store(store->path, [&](Session& session) {
                    session.engine().init(*id, *name, actor->context());
                    std::cout << "started programme " << *id << " (" << *name << ") in "
                              << store->path << '\n';
                    return 0;
                });
            };
        });
    }
    {
        auto* show = programme->add_subcommand(
            "show", "the programme: partnerships, agreements, cycles and conformance findings");
        auto store = std::make_shared<StoreOption>();
        auto viewer = std::make_shared<ViewerOption>();
        auto json = std::make_shared<bool>(false);
        show->add_flag("--json", *json,
                       "print what the viewer may see as JSON, with the findings and what was "
                       "withheld");
        store->add_to(*show);
        viewer->add_to(*show);
        show->callback([&dispatch, store, viewer, json] {
            dispatch.action = [store, viewer, json] {
                Session session(store->path, Session::Create::no);
                if (!session.state().initialised())
                    throw RefusedError("no-programme",
                                       "the store holds no programme yet: start "
                                       "one with `coachkit programme init`");
                const ProgrammeView& view = session.view(viewer->as, "cli programme show");
                const ProgrammeSummary summary = summarise(view.state);
                if (*json) {
                    boost::json::object out = to_json(view);
                    boost::json::array findings;
                    for (const auto& f : summary.findings)
                        findings.push_back(finding_json(f));
                    out["findings"] = std::move(findings);
                    std::cout << to_pretty_json(out);
                } else {
                    print_summary(std::cout, summary, store->path);
                    print_withheld_note(std::cout, view);
                }
                return 0;
            };
        });
    }
}

void add_person_verbs(CLI::App& app, Dispatch& dispatch) {
    auto* person = app.add_subcommand("person", "the people in a programme");
    person->require_subcommand(1);
    auto* add = person->add_subcommand("add", "add a member of staff");
    auto store = std::make_shared<StoreOption>();
    auto actor = std::make_shared<ActorOptions>();
    auto p = std::make_shared<Person>();
    auto role = std::make_shared<std::string>();
    std::vector<std::string> roles;
    for (const auto r : all_staff_roles())
        roles.emplace_back(to_string(r));
    add->add_option("--id", p->id, "their id (used by every other verb)")->required();
    add->add_option("--name", p->name, "their name")->required();
    add->add_option("--role", *role, "their post: " + join_words(roles, ", "))
        ->required()
        ->check(CLI::IsMember(roles));
    add->add_option("--line-manager", p->line_manager, "the id of their line manager");
    store->add_to(*add);
    actor->add_to(*add, false);
    add->callback([&dispatch, store, actor, p, role] {
        dispatch.action = [store, actor, p, role] {
            Session session(store->path, Session::Create::no);
            Person added = *p;
            added.role = *parse_staff_role(*role);
            const auto result = session.engine().add_person(added, actor->context());
            std::cout << "added " << added.id << " (" << added.name << ", " << *role;
            if (!added.line_manager.empty())
                std::cout << ", line manager " << added.line_manager;
            std::cout << ")\n";
            print_warnings(result.warnings);
            return 0;
        };
    });
}

void add_partnership_verbs(CLI::App& app, Dispatch& dispatch) {
    auto* partnership = app.add_subcommand("partnership", "mentoring and coaching partnerships");
    partnership->require_subcommand(1);
    auto* add = partnership->add_subcommand(
        "add", "form a partnership; prints where it departs from the framework's guidance");
    auto store = std::make_shared<StoreOption>();
    auto actor = std::make_shared<ActorOptions>();
    auto p = std::make_shared<Partnership>();
    auto members = std::make_shared<std::vector<std::string>>();
    add->add_option("--id", p->id, "the partnership's id")->required();
    add->add_option("--mode", p->mode, "mentoring, specialist-coaching or co-coaching")->required();
    add->add_option("--workflow", p->workflow,
                    "the workflow its cycles follow (coachkit plugins list --kind workflow)")
        ->required();
    add->add_option("--member", *members,
                    "PERSON:ROLE, once per member; roles: " + partnership_roles_text())
        ->required()
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                const auto colon = value.find(':');
                if (colon == std::string::npos || colon == 0 || colon + 1 == value.size())
                    return "'" + value + "' is not PERSON:ROLE (e.g. amara:mentor)";
                return {};
            },
            "PERSON:ROLE", "member"));
    add->add_option("--purpose", p->purpose, "for mentoring: induction, progression or challenge");
    add->add_option("--focus", p->focus, "the aspect of practice worked on");
    add->add_option("--focus-chosen-by", p->focus_chosen_by, "the member who chose the focus");
    add->add_option("--specialist-input", p->specialist_input,
                    "for co-coaching: where the specialist input comes from");
    store->add_to(*add);
    actor->add_to(*add, false);
    add->callback([&dispatch, store, actor, p, members] {
        dispatch.action = [store, actor, p, members] {
            Session session(store->path, Session::Create::no);
            Partnership formed = *p;
            for (const auto& item : *members) {
                const auto colon = item.find(':');
                formed.members.push_back(Member{item.substr(0, colon), item.substr(colon + 1)});
            }
            CommandResult result;
            try {
                result = session.engine().add_partnership(formed, actor->context());
            } catch (const RefusedError& e) {
                if (e.rule() == "unknown-workflow")
                    print_plugin_problems(session.registry());
                throw;
            }
            std::cout << "formed " << formed.id << " (" << formed.mode << ", workflow "
                      << formed.workflow << "): " << members_text(formed.members) << '\n';
            print_warnings(result.warnings);
            return 0;
        };
    });
}

void add_agreement_verbs(CLI::App& app, Dispatch& dispatch) {
    auto* agreement =
        app.add_subcommand("agreement",
                           "a partnership's learning agreement (draft|sign|show), or, given "
                           "files of codes, the agreement between their coders");
    // Either one of draft|sign|show, or files (agreement_statistics.cpp): docs/decisions.md.
    agreement->require_subcommand(0, 1);
    add_agreement_statistics(*agreement, dispatch);
    {
        auto* draft = agreement->add_subcommand(
            "draft", "draft or redraft the agreement (a redraft clears every signature)");
        auto store = std::make_shared<StoreOption>();
        auto actor = std::make_shared<ActorOptions>();
        auto o = std::make_shared<AgreementOptions>();
        draft->add_option("--partnership", o->partnership, "the partnership")->required();
        auto* file = draft->add_option("--file", o->file,
                                       "read the agreement from this JSON file (docs/cli.md) "
                                       "instead of the options below");
        std::vector<CLI::Option*> content{
            draft->add_option("--goal", o->goals, "a goal (repeat for more)"),
            draft
                ->add_option("--priority-goal", o->priority_goals,
                             "TEXT=PRIORITY: a goal serving a school priority (repeatable)")
                ->check(CLI::Validator(
                    [](std::string& value) -> std::string {
                        const auto eq = value.rfind('=');
                        if (eq == std::string::npos || eq == 0 || eq + 1 == value.size())
                            return "'" + value + "' is not TEXT=PRIORITY";
                        return {};
                    },
                    "TEXT=PRIORITY", "priority-goal")),
            draft->add_option("--ground-rule", o->ground_rules, "a ground rule (repeatable)"),
            draft
                ->add_option("--confidentiality", o->confidentiality,
                             "who beyond the members may read a summary")
                ->check(CLI::IsMember({"partnership-only", "summary-to-co-ordinator"}))
                ->capture_default_str(),
            draft->add_flag("--video-consent", o->video_consent,
                            "the learner consents to video of their lessons"),
            draft->add_option_function<int>(
                "--weeks", [o](const int& n) { o->weeks = n; }, "the planned length in weeks"),
            draft->add_option_function<int>(
                "--cycles", [o](const int& n) { o->cycles = n; }, "the planned number of cycles"),
            draft->add_option("--review", o->reviews, "a review date, YYYY-MM-DD (repeatable)")
                ->check(date_check()),
            draft->add_flag("--performance-management-link", o->performance_management_link,
                            "the records may inform performance management (the learner alone "
                            "may switch this on)"),
        };
        for (auto* option : content)
            file->excludes(option);
        store->add_to(*draft);
        actor->add_to(*draft, true);
        draft->callback([&dispatch, store, actor, o] {
            dispatch.action = [store, actor, o] {
                Session session(store->path, Session::Create::no);
                const LearningAgreement a = o->file.empty()
                                                ? o->from_options()
                                                : read_agreement_file(o->file, o->partnership);
                const auto result = session.engine().draft_agreement(a, actor->context());
                const Partnership* p = session.state().partnership(o->partnership);
                std::cout << "drafted the agreement of " << o->partnership << " (" << a.goals.size()
                          << (a.goals.size() == 1 ? " goal, " : " goals, ") << a.ground_rules.size()
                          << (a.ground_rules.size() == 1 ? " ground rule" : " ground rules")
                          << "); each of the " << (p != nullptr ? p->members.size() : 0)
                          << " members now signs it: coachkit agreement sign --partnership "
                          << o->partnership << " --by PERSON\n";
                print_warnings(result.warnings);
                return 0;
            };
        });
    }
    {
        auto* sign =
            agreement->add_subcommand("sign", "sign the agreement (each member for themself)");
        auto store = std::make_shared<StoreOption>();
        auto actor = std::make_shared<ActorOptions>();
        auto partnership = std::make_shared<std::string>();
        sign->add_option("--partnership", *partnership, "the partnership")->required();
        store->add_to(*sign);
        actor->add_to(*sign, true);
        sign->callback([&dispatch, store, actor, partnership] {
            dispatch.action = [store, actor, partnership] {
                Session session(store->path, Session::Create::no);
                const auto result = session.engine().sign_agreement(*partnership, actor->context());
                const auto& state = session.state();
                const Partnership* p = state.partnership(*partnership);
                const LearningAgreement* a = state.agreement(*partnership);
                std::cout << actor->by << " signed the agreement of " << *partnership;
                if (state.agreement_signed(*partnership)) {
                    std::cout << ": signed by every member\n";
                } else if (p != nullptr && a != nullptr) {
                    std::cout << " (" << a->acknowledgements.size() << " of " << p->members.size()
                              << " signed)\n";
                } else {
                    std::cout << '\n';
                }
                print_warnings(result.warnings);
                return 0;
            };
        });
    }
    {
        auto* show = agreement->add_subcommand("show", "a partnership's agreement");
        auto store = std::make_shared<StoreOption>();
        auto viewer = std::make_shared<ViewerOption>();
        auto partnership = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        show->add_option("--partnership", *partnership, "the partnership")->required();
        show->add_flag("--json", *json, "print the agreement as JSON");
        store->add_to(*show);
        viewer->add_to(*show);
        show->callback([&dispatch, store, viewer, partnership, json] {
            dispatch.action = [store, viewer, partnership, json] {
                Session session(store->path, Session::Create::no);
                if (session.state().partnership(*partnership) == nullptr)
                    throw NotFoundError("no partnership '" + *partnership + "' in the programme");
                const std::string scope = session.state().agreement(*partnership) != nullptr
                                              ? "agreement:" + *partnership
                                              : "partnership:" + *partnership;
                const auto& state = session.view(viewer->as, "cli agreement show", scope).state;
                const Partnership* p = state.partnership(*partnership);
                if (p == nullptr)
                    throw NotFoundError("no partnership '" + *partnership + "' in the programme");
                const LearningAgreement* a = state.agreement(*partnership);
                if (a == nullptr) {
                    throw NotFoundError("partnership '" + *partnership +
                                        "' has no agreement yet: draft one with `coachkit "
                                        "agreement draft --partnership " +
                                        *partnership + " --by PERSON`");
                }
                if (*json) {
                    const boost::json::object everything = to_json(state);
                    for (const auto& item : everything.at("agreements").as_array()) {
                        if (item.at("partnership") == partnership->c_str())
                            std::cout << to_pretty_json(item);
                    }
                } else {
                    print_agreement(std::cout, state, *p, *a);
                }
                return 0;
            };
        });
    }
}

}  // namespace

void add_programme_commands(CLI::App& app, Dispatch& dispatch) {
    add_programme_verbs(app, dispatch);
    add_person_verbs(app, dispatch);
    add_partnership_verbs(app, dispatch);
    add_agreement_verbs(app, dispatch);
}

void add_exchange_commands(CLI::App& app, Dispatch& dispatch) {
    {
        auto* exp = app.add_subcommand(
            "export", "write the programme as one coachkit.programme/1 document (JSON)");
        struct Args {
            StoreOption store;
            std::string output, as, by = "system";
            bool journal = false;
        };
        auto args = std::make_shared<Args>();
        exp->add_option("-o,--output", args->output,
                        "write to this file instead of standard output");
        auto* as = exp->add_option("--as", args->as,
                                   "export what this person may see (a coachkit.programme-view/1 "
                                   "document, not importable); default: $COACHKIT_AS")
                       ->envname("COACHKIT_AS");
        auto* journal =
            exp->add_flag("--journal", args->journal,
                          "export the whole journal (coachkit.programme/1, importable): the "
                          "custodian's backup, written to the audit log");
        exp->add_option("--by", args->by, "with --journal: who makes the backup (default: system)");
        as->excludes(journal);
        args->store.add_to(*exp);
        exp->callback([&dispatch, args] {
            dispatch.action = [args] {
                Session session(args->store.path, Session::Create::no);
                if (!session.state().initialised())
                    throw RefusedError("no-programme", "store '" + args->store.path +
                                                           "' holds no programme: nothing to "
                                                           "export");
                if (args->journal) {
                    session.engine().record_journal_export(
                        args->by, ReadRequest{"cli export --journal", {}, {}});
                    write_output(to_pretty_json(export_programme(session.store())), args->output);
                    return 0;
                }
                if (args->as.empty())
                    throw CLI::ValidationError(
                        "export",
                        "say whose view to export with --as PERSON (or COACHKIT_AS), "
                        "or export the whole journal with --journal");
                boost::json::object out{{"schema", "coachkit.programme-view/1"}};
                for (auto& [key, value] : to_json(session.view(args->as, "cli export")))
                    out[key] = value;
                write_output(to_pretty_json(out), args->output);
                return 0;
            };
        });
    }
    {
        auto* imp = app.add_subcommand(
            "import", "read a coachkit.programme/1 document into a new, empty store");
        auto store = std::make_shared<StoreOption>();
        auto file = std::make_shared<std::string>();
        imp->add_option("file", *file, "the programme document (JSON)")->required();
        store->add_to(*imp);
        imp->callback([&dispatch, store, file] {
            dispatch.action = [store, file] {
                return with_new_store(store->path, [&](Session& session) {
                    if (session.store().last_sequence() != 0) {
                        throw RefusedError("programme-exists",
                                           "store '" + store->path +
                                               "' already holds a programme; import into a new, "
                                               "empty store");
                    }
                    try {
                        const ProgrammeState state = import_programme_file(*file, session.store());
                        std::cout << "imported programme " << state.id() << " (" << state.name()
                                  << "): " << state.event_count() << " events, "
                                  << state.people().size() << " people, "
                                  << state.partnerships().size() << " partnerships, "
                                  << state.cycles().size() << " cycles, into " << store->path
                                  << '\n';
                        return 0;
                    } catch (const InvalidDocumentError& e) {
                        for (const auto& d : e.diagnostics())
                            std::cerr << d.to_string() << '\n';
                        const auto n = e.diagnostics().size();
                        std::cerr << "coachkit: error: " << *file << ": nothing imported (" << n
                                  << (n == 1 ? " problem" : " problems") << ")\n";
                        return 1;
                    }
                });
            };
        });
    }
}

}  // namespace coachkit::cli
