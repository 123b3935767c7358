// coachkit: the command-line tool. Exit codes: 0 success, 1 bad input, a failed check or a move
// the programme's rules refuse (the message says what and where), 2 a usage error on the command
// line.
#include <iostream>
#include <string>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/privacy/policy.hpp"
#include "coachkit/programme/engine.hpp"
#include "coachkit/version.hpp"
#include "commands.hpp"

namespace {

/// what() is "rule: message"; say the rule once, in the format docs/cli.md gives. Returns 1.
int report_rule(const char* outcome, const std::string& rule, std::string message) {
    if (message.rfind(rule + ": ", 0) == 0)
        message.erase(0, rule.size() + 2);
    std::cerr << "coachkit: " << outcome << " (" << rule << "): " << message << '\n';
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"coachkit: mentoring and coaching in schools, after the CUREE national framework",
                 "coachkit"};
    app.set_version_flag("--version", "coachkit " + coachkit::library_version());
    app.require_subcommand(1);
    coachkit::cli::Dispatch dispatch;
    coachkit::cli::add_framework_commands(app, dispatch);
    coachkit::cli::add_plugin_commands(app, dispatch);
    coachkit::cli::add_demo_command(app, dispatch);
    coachkit::cli::add_programme_commands(app, dispatch);
    coachkit::cli::add_cycle_commands(app, dispatch);
    coachkit::cli::add_evidence_commands(app, dispatch);
    coachkit::cli::add_exchange_commands(app, dispatch);
    coachkit::cli::add_privacy_commands(app, dispatch);
    coachkit::cli::add_audit_commands(app, dispatch);
    coachkit::cli::add_report_commands(app, dispatch);
    coachkit::cli::add_code_commands(app, dispatch);
    coachkit::cli::add_assess_commands(app, dispatch);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        (void)app.exit(e);
        return 2;
    }
    try {
        return dispatch.action ? dispatch.action() : 2;
    } catch (const coachkit::RefusedError& e) {
        return report_rule("refused", e.rule(), e.what());
    } catch (const coachkit::AccessDeniedError& e) {
        // The privacy policy said no; the same shape as a refusal, so scripts read both alike.
        return report_rule("denied", e.rule(), e.what());
    } catch (const CLI::Error& e) {
        // A usage problem found only once the verb ran (two options that need each other).
        std::cerr << "coachkit: usage: " << e.what() << '\n';
        return 2;
    } catch (const coachkit::InvalidDocumentError& e) {
        for (const auto& d : e.diagnostics())
            std::cerr << d.to_string() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "coachkit: error: " << e.what() << '\n';
        return 1;
    }
}
