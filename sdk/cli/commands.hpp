// The verbs of the `coachkit` tool, one registration function per area.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace coachkit::cli {

/// A verb's work, run after parsing succeeded. Returns the process exit code.
using Action = std::function<int()>;

/// Holds the action chosen on the command line (CLI11 callbacks cannot return a value).
struct Dispatch {
    Action action;
};

void add_framework_commands(CLI::App& app, Dispatch& dispatch);
void add_plugin_commands(CLI::App& app, Dispatch& dispatch);
void add_demo_command(CLI::App& app, Dispatch& dispatch);
/// programme, person, partnership, agreement (programme_commands.cpp).
void add_programme_commands(CLI::App& app, Dispatch& dispatch);
/// cycle start|begin|advance|schedule|note|evidence|action|close|abandon|show (cycle_commands.cpp).
void add_cycle_commands(CLI::App& app, Dispatch& dispatch);
/// evidence add|show|metrics, analyse lesson (evidence_commands.cpp).
void add_evidence_commands(CLI::App& app, Dispatch& dispatch);
/// export, import: a whole programme as one document (programme_commands.cpp).
void add_exchange_commands(CLI::App& app, Dispatch& dispatch);
/// consent grant|withdraw|show, erase (privacy_commands.cpp).
void add_privacy_commands(CLI::App& app, Dispatch& dispatch);
/// audit show|verify (audit_commands.cpp).
void add_audit_commands(CLI::App& app, Dispatch& dispatch);
/// report: k-anonymous aggregates for co-ordinators and leaders (report_commands.cpp).
void add_report_commands(CLI::App& app, Dispatch& dispatch);
/// `agreement CODES_A CODES_B...`: agreement between coders, when `agreement` is given files
/// instead of draft|sign|show (agreement_statistics.cpp).
void add_agreement_statistics(CLI::App& agreement, Dispatch& dispatch);
/// code FILE: the heuristic coder's codes for a transcript's turns (code_commands.cpp).
void add_code_commands(CLI::App& app, Dispatch& dispatch);
/// analyse coaching FILE...: score coaching conversations (analyse_coaching.cpp).
void add_analyse_coaching(CLI::App& analyse, Dispatch& dispatch);
/// assess RUBRIC: evaluate a rubric, and record the assessment against a cycle
/// (assess_commands.cpp).
void add_assess_commands(CLI::App& app, Dispatch& dispatch);

}  // namespace coachkit::cli
