// `consent grant|withdraw|show`, `erase`, and `privacy explain|k`: the owner's choices about their
// records, and the policy explaining itself. docs/privacy.md describes the rules.
#include <iostream>

#include "coachkit/json/document.hpp"
#include "coachkit/privacy/policy.hpp"
#include "commands.hpp"
#include "programme_support.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

std::string consent_kinds_text() {
    std::vector<std::string> names;
    for (const auto kind : all_consent_kinds())
        names.emplace_back(to_string(kind));
    return join_words(names, " or ");
}

void add_consent_grant(CLI::App& consent, Dispatch& dispatch) {
    auto* grant = consent.add_subcommand(
        "grant",
        "the owner opens their records: to the co-ordinator, their line manager (PM), "
        "another video viewer, or as an anonymised training excerpt");
    struct Args {
        StoreOption store;
        ActorOptions actor;
        std::string kind;
        ConsentScope scope;
    };
    auto args = std::make_shared<Args>();
    grant->add_option("kind", args->kind, consent_kinds_text())->required();
    grant->add_option("--partnership", args->scope.partnership,
                      "whose records (the partnership; taken from --item when given)");
    grant->add_option("--item", args->scope.item,
                      "one evidence item (video-viewer: one video; training-excerpt: required)");
    grant->add_option("--viewer", args->scope.viewer, "video-viewer: the person added");
    grant->add_option("--turns", args->scope.turns,
                      "training-excerpt: the turns shared, FROM-TO (default: all)");
    args->store.add_to(*grant);
    args->actor.add_to(*grant, true);
    grant->callback([&dispatch, args] {
        dispatch.action = [args] {
            const auto kind = parse_consent_kind(args->kind);
            if (!kind)
                throw CLI::ValidationError("kind", "unknown consent '" + args->kind +
                                                       "' (known: " + consent_kinds_text() + ")");
            ConsentScope scope = args->scope;
            scope.kind = *kind;
            Session session(args->store.path, Session::Create::no);
            const auto result = session.engine().grant_consent(scope, args->actor.context());
            const auto& data = result.events.at(0).data;
            std::cout << args->actor.by << " granted " << data.at("id").as_string().c_str() << ": "
                      << args->kind << " for " << result.events.at(0).partnership
                      << "\n(withdraw it with `coachkit consent withdraw "
                      << data.at("id").as_string().c_str() << " --by " << args->actor.by << "`)\n";
            return 0;
        };
    });
}

void add_consent_withdraw(CLI::App& consent, Dispatch& dispatch) {
    auto* withdraw =
        consent.add_subcommand("withdraw", "the owner withdraws a consent (from the next read on)");
    struct Args {
        StoreOption store;
        ActorOptions actor;
        std::string id;
    };
    auto args = std::make_shared<Args>();
    withdraw->add_option("consent", args->id, "the consent's id (consent-N)")->required();
    args->store.add_to(*withdraw);
    args->actor.add_to(*withdraw, true);
    withdraw->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            session.engine().withdraw_consent(args->id, args->actor.context());
            std::cout << args->actor.by << " withdrew " << args->id << '\n';
            return 0;
        };
    });
}

void add_consent_show(CLI::App& consent, Dispatch& dispatch) {
    auto* show = consent.add_subcommand(
        "show", "the consents a person gave, or that name them as a video viewer");
    struct Args {
        StoreOption store;
        ViewerOption viewer;
        bool json = false;
    };
    auto args = std::make_shared<Args>();
    show->add_flag("--json", args->json, "print them as JSON");
    args->store.add_to(*show);
    args->viewer.add_to(*show);
    show->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            const ProgrammeView& view = session.view(args->viewer.as, "cli consent show");
            const boost::json::object all = to_json(view.state);
            if (args->json) {
                std::cout << to_pretty_json(all.at("consents"));
                return 0;
            }
            if (view.state.consents().empty()) {
                std::cout << "no consents given by or naming " << args->viewer.as << '\n';
                return 0;
            }
            TextTable table({"consent", "kind", "owner", "scope", "granted", "withdrawn"});
            for (const auto& c : view.state.consents()) {
                std::string scope = c.scope.partnership;
                if (!c.scope.item.empty())
                    scope += " item " + c.scope.item;
                if (!c.scope.viewer.empty())
                    scope += " viewer " + c.scope.viewer;
                if (!c.scope.turns.empty())
                    scope += " turns " + c.scope.turns;
                if (c.source == "agreement")
                    scope += " (signed agreement)";
                table.add_row({c.id, std::string(to_string(c.scope.kind)), c.owner, scope,
                               c.granted_at, c.withdrawn_at.empty() ? "-" : c.withdrawn_at});
            }
            table.print(std::cout, terminal_width());
            return 0;
        };
    });
}

void add_erase(CLI::App& app, Dispatch& dispatch) {
    auto* erase = app.add_subcommand(
        "erase",
        "the owner erases a record's personal content (a tombstone stays; counts survive)");
    struct Args {
        StoreOption store;
        ActorOptions actor;
        std::string record;
    };
    auto args = std::make_shared<Args>();
    erase
        ->add_option("record", args->record,
                     "the record: note:CYCLE/STAGE/N, stage-record:CYCLE/STAGE, action:CYCLE/N, "
                     "evidence:ITEM, agreement:PARTNERSHIP, or cycle:CYCLE for all of a cycle's")
        ->required();
    args->store.add_to(*erase);
    args->actor.add_to(*erase, true);
    erase->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            const auto result = session.engine().erase(args->record, args->actor.context());
            const auto& tombstone = result.events.at(0);
            const auto rewritten = tombstone.data.at("rewritten").as_array().size();
            std::cout << "erased " << args->record << ": " << rewritten
                      << (rewritten == 1 ? " event" : " events") << " rewritten, tombstone event "
                      << tombstone.sequence << '\n';
            return 0;
        };
    });
}

void add_privacy_explain(CLI::App& privacy, Dispatch& dispatch) {
    auto* explain = privacy.add_subcommand(
        "explain", "what the policy answers for a person and a record, and why");
    struct Args {
        StoreOption store;
        ViewerOption viewer;
        std::string record;
    };
    auto args = std::make_shared<Args>();
    explain->add_option("record", args->record, "the record's id (docs/privacy.md)")->required();
    args->store.add_to(*explain);
    args->viewer.add_to(*explain);
    explain->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            const ProgrammeState& state = session.state();
            // Explaining reads no content: only the record's kind, place and owners.
            const auto record = find_record(state, args->record);
            if (!record)
                throw NotFoundError("no record '" + args->record + "' in the programme");
            const Decision d = decide(state, args->viewer.as, *record);
            std::vector<std::string> rels;
            for (const auto r : relations(state, args->viewer.as, *record))
                rels.emplace_back(to_string(r));
            std::cout << args->record << " (" << to_string(record->kind) << ") for "
                      << args->viewer.as << ": " << to_string(d.access) << "\n  as "
                      << (rels.empty() ? std::string("no one in the programme")
                                       : join_words(rels, " and "))
                      << "\n  " << d.reason << '\n';
            return 0;
        };
    });
}

void add_privacy_records(CLI::App& privacy, Dispatch& dispatch) {
    auto* records = privacy.add_subcommand(
        "records", "every record of the programme (or a cycle) and what a person may see of it");
    struct Args {
        StoreOption store;
        ViewerOption viewer;
        std::string cycle;
    };
    auto args = std::make_shared<Args>();
    records->add_option("--cycle", args->cycle, "only this cycle's records");
    args->store.add_to(*records);
    args->viewer.add_to(*records);
    records->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            const ProgrammeState& state = session.state();
            if (state.person(args->viewer.as) == nullptr)
                throw AccessDeniedError(
                    "unknown-viewer", "'" + args->viewer.as + "' is not a person in the programme");
            // Ids, kinds and answers only: no content is read, so nothing is audited.
            TextTable table({"record", "kind", "access", "why"});
            for (const auto& record : records_of(state)) {
                if (record.kind == RecordKind::person ||
                    (!args->cycle.empty() && record.cycle != args->cycle))
                    continue;
                const Decision d = decide(state, args->viewer.as, record);
                table.add_row({record.id, std::string(to_string(record.kind)),
                               std::string(to_string(d.access)), d.reason});
            }
            table.print(std::cout, terminal_width());
            return 0;
        };
    });
}

void add_privacy_k(CLI::App& privacy, Dispatch& dispatch) {
    auto* k = privacy.add_subcommand(
        "k", "set the k of k-anonymity for reports (the co-ordinator; at least 2, default 5)");
    struct Args {
        StoreOption store;
        ActorOptions actor;
        int k = 0;
    };
    auto args = std::make_shared<Args>();
    k->add_option("k", args->k, "the smallest group a report shows")->required();
    args->store.add_to(*k);
    args->actor.add_to(*k, true);
    k->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            session.engine().set_anonymity_k(args->k, args->actor.context());
            std::cout << "k = " << args->k << ": reports suppress groups of fewer than " << args->k
                      << " learners\n";
            return 0;
        };
    });
}

}  // namespace

void add_privacy_commands(CLI::App& app, Dispatch& dispatch) {
    auto* consent = app.add_subcommand("consent", "an owner's consents to share their records");
    consent->require_subcommand(1);
    add_consent_grant(*consent, dispatch);
    add_consent_withdraw(*consent, dispatch);
    add_consent_show(*consent, dispatch);
    add_erase(app, dispatch);
    auto* privacy = app.add_subcommand("privacy", "the privacy policy: explain a decision, set k");
    privacy->require_subcommand(1);
    add_privacy_explain(*privacy, dispatch);
    add_privacy_records(*privacy, dispatch);
    add_privacy_k(*privacy, dispatch);
}

}  // namespace coachkit::cli
