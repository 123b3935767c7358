// `coachkit audit show|verify`: the audit log kept beside a programme's journal (docs/privacy.md,
// "Audit"). `show` lists the entries a person may see; `verify` checks the whole hash chain.
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <iostream>
#include <memory>
#include <optional>

#include "coachkit/json/document.hpp"
#include "coachkit/privacy/audit.hpp"
#include "coachkit/privacy/policy.hpp"
#include "coachkit/programme/state.hpp"
#include "commands.hpp"
#include "programme_support.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

/// Entries read at a time, so a long log is listed in bounded steps.
constexpr std::size_t kPage = 1000;

/// Calls `visit` with every entry of `log`, in order.
template <typename Visit>
void for_each_entry(const AuditLog& log, const Visit& visit) {
    std::int64_t after = 0;
    while (true) {
        const auto page = log.read(after, kPage);
        for (const auto& entry : page)
            visit(entry);
        if (page.size() < kPage)
            return;
        after = page.back().sequence;
    }
}

/// Which entries a person may see. Entries carry ids, never content; still, who read what about
/// whom is itself confidential, so a person sees the entries where they acted or that concern a
/// record they own (or their own directory entry), and only the coaching co-ordinator and senior
/// leaders, who answer for the programme, see every entry.
class AuditReader {
public:
    AuditReader(const ProgrammeState& state, const std::string& person) : state_(state) {
        if (person.empty())
            throw Error("say who is reading: --as PERSON (or set COACHKIT_AS)");
        const Person* found = state.person(person);
        if (found == nullptr) {
            throw Error("no person '" + person +
                        "' in the programme: the audit log is shown only to its people (--as "
                        "names a person id)");
        }
        person_ = found->id;
        sees_all_ = found->role == StaffRole::coaching_coordinator ||
                    found->role == StaffRole::senior_leader;
    }

    [[nodiscard]] bool sees(const AuditEntry& entry) const {
        if (sees_all_ || entry.actor == person_ || entry.record == "person:" + person_)
            return true;
        if (entry.record.empty())
            return false;
        const auto record = find_record(state_, entry.record);
        return record && record->owned_by(person_);
    }

    [[nodiscard]] const std::string& person() const { return person_; }

private:
    const ProgrammeState& state_;
    std::string person_;
    bool sees_all_ = false;
};

std::string cell(const std::string& text) {
    return text.empty() ? std::string("-") : text;
}

std::string entries_word(std::int64_t count) {
    return std::to_string(count) + (count == 1 ? " entry" : " entries");
}

void add_audit_show(CLI::App& audit, Dispatch& dispatch) {
    auto* show = audit.add_subcommand(
        "show", "the audit log's entries a person may see (--head: its head hash and count)");
    struct Args {
        StoreOption store;
        std::string as, record, actor;
        bool json = false;
        bool head = false;
    };
    auto args = std::make_shared<Args>();
    show->add_option("--as", args->as,
                     "who is reading: a person id (the coaching co-ordinator and senior leaders "
                     "see every entry, anyone else those about them and their records)")
        ->envname("COACHKIT_AS");
    show->add_option("--record", args->record, "only the entries about this record id");
    show->add_option("--actor", args->actor, "only the entries of this person");
    show->add_flag("--head", args->head,
                   "print only the head hash and the number of entries (keep it: `audit verify "
                   "--expect-head` then shows whether entries were cut from the end); needs no "
                   "--as");
    show->add_flag("--json", args->json, "print JSON");
    args->store.add_to(*show);
    show->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            const AuditLog& log = session.store().audit();
            if (args->head) {
                // Like `audit verify`, this shows only the count and a hash: no --as needed.
                std::int64_t count = 0;
                std::string head = audit_genesis_hash();
                for_each_entry(log, [&](const AuditEntry& entry) {
                    ++count;
                    head = entry.hash;
                });
                if (args->json)
                    std::cout << to_pretty_json(
                        boost::json::object{{"head", head}, {"entries", count}});
                else
                    std::cout << head << " (" << entries_word(count) << ")\n";
                return 0;
            }
            const AuditReader reader(session.state(), args->as);
            std::vector<AuditEntry> shown;
            std::int64_t left_out = 0;
            for_each_entry(log, [&](const AuditEntry& entry) {
                if (!reader.sees(entry)) {
                    ++left_out;
                    return;
                }
                if ((args->record.empty() || entry.record == args->record) &&
                    (args->actor.empty() || entry.actor == args->actor))
                    shown.push_back(entry);
            });
            if (args->json) {
                boost::json::array entries;
                for (const auto& entry : shown)
                    entries.push_back(to_json(entry));
                std::cout << to_pretty_json(boost::json::object{{"viewer", reader.person()},
                                                                {"entries", std::move(entries)},
                                                                {"left_out", left_out}});
                return 0;
            }
            if (shown.empty()) {
                std::cout << "no audit entries to show\n";
            } else {
                TextTable table({"sequence", "at", "actor", "action", "record", "access", "via"});
                for (const auto& entry : shown) {
                    table.add_row({std::to_string(entry.sequence), entry.at, cell(entry.actor),
                                   cell(entry.action), cell(entry.record), cell(entry.access),
                                   cell(entry.via)});
                }
                table.print(std::cout, terminal_width());
            }
            if (left_out > 0) {
                std::cout << '\n'
                          << entries_word(left_out) << " left out: " << reader.person()
                          << " sees only the entries about them or their records\n";
            }
            return 0;
        };
    });
}

/// Accepts a SHA-256 hash: 64 hex digits.
CLI::Validator sha256_check() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            const bool hex =
                value.size() == 64 && std::all_of(value.begin(), value.end(), [](char c) {
                    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
                });
            if (hex)
                return {};
            return "'" + value +
                   "' is not a head hash: give the 64 hex digits `coachkit audit show --head` "
                   "printed";
        },
        "HASH", "sha256");
}

void add_audit_verify(CLI::App& audit, Dispatch& dispatch) {
    auto* verify = audit.add_subcommand(
        "verify", "check the audit log's hash chain: any edited, inserted or deleted entry shows");
    struct Args {
        StoreOption store;
        std::string expect_head;
    };
    auto args = std::make_shared<Args>();
    verify
        ->add_option("--expect-head", args->expect_head,
                     "the head hash recorded earlier (`audit show --head`): it must still be "
                     "in the log, which catches entries cut from the end")
        ->check(sha256_check());
    args->store.add_to(*verify);
    verify->callback([&dispatch, args] {
        dispatch.action = [args] {
            Session session(args->store.path, Session::Create::no);
            const auto result = verify_audit(
                session.store().audit(),
                args->expect_head.empty() ? std::nullopt : std::optional(args->expect_head));
            if (!result.intact) {
                std::cerr << "coachkit: audit log broken at entry " << result.broken_at.value_or(0)
                          << ": " << result.problem << '\n';
                return 1;
            }
            std::cout << "audit log intact: " << entries_word(result.entries) << ", head "
                      << result.head << '\n';
            return 0;
        };
    });
}

}  // namespace

void add_audit_commands(CLI::App& app, Dispatch& dispatch) {
    auto* audit = app.add_subcommand(
        "audit", "the audit log: who read confidential records, consent changes, erasures");
    audit->require_subcommand(1);
    add_audit_show(*audit, dispatch);
    add_audit_verify(*audit, dispatch);
}

}  // namespace coachkit::cli
