#include "programme_support.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "coachkit/journal/time.hpp"

namespace coachkit::cli {

void StoreOption::add_to(CLI::App& command) {
    command
        .add_option("--store", path,
                    "the programme's store (a SQLite file); default: $COACHKIT_STORE, else "
                    "coachkit.db in the working folder")
        ->envname("COACHKIT_STORE");
}

void ActorOptions::add_to(CLI::App& command, bool by_required) {
    auto* by_option =
        command.add_option("--by", by,
                           by_required ? "who does this: a person id in the programme"
                                       : "who does this: a person id, or system (the default)");
    if (by_required)
        by_option->required();
    command
        .add_option("--at", at,
                    "when it happened, ISO 8601 UTC (2026-11-23T09:00:00Z); default: now")
        ->check(utc_time_check());
}

void ViewerOption::add_to(CLI::App& command) {
    command
        .add_option("--as", as,
                    "who is reading: a person id in the programme (what they see is what the "
                    "privacy policy lets them see); default: $COACHKIT_AS")
        ->envname("COACHKIT_AS")
        ->required();
}

void print_withheld_note(std::ostream& out, const ProgrammeView& view) {
    std::size_t denied = 0;
    std::size_t redacted = 0;
    for (const auto& w : view.withheld)
        ++(w.access == Access::deny ? denied : redacted);
    if (denied + redacted == 0)
        return;
    out << "\n(as " << view.viewer << ": ";
    if (denied > 0)
        out << denied << (denied == 1 ? " record" : " records") << " withheld";
    if (denied > 0 && redacted > 0)
        out << ", ";
    if (redacted > 0)
        out << redacted << " redacted";
    out << "; `coachkit privacy explain RECORD --as " << view.viewer << "` says why)\n";
}

const ProgrammeView& Session::view(const std::string& viewer, const std::string& via,
                                   const std::string& scope) {
    view_ = engine_->view(viewer, ReadRequest{via, scope, {}});
    return *view_;
}

CLI::Validator utc_time_check() {
    return CLI::Validator([](std::string& value) { return utc_time_problem(value); }, "TIME",
                          "utc-time");
}

CLI::Validator date_check() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            if (is_calendar_date(value))
                return {};
            return "'" + value + "' is not a date: use YYYY-MM-DD, e.g. 2026-12-01";
        },
        "DATE", "date");
}

// ---- Session ---------------------------------------------------------------------------------

Session::Session(const std::string& path, Create create) : path_(path) {
    std::error_code ec;
    if (create == Create::no && !std::filesystem::exists(path, ec)) {
        throw Error("no programme store '" + path +
                    "': start one with `coachkit programme init --id ID --name NAME`, or name "
                    "the store with --store or COACHKIT_STORE");
    }
    store_ = open_sqlite_store(path);
    registry_.discover_default();
    engine_ = std::make_unique<ProgrammeEngine>(*store_, registry_);
}

Session::~Session() = default;

std::vector<WorkflowStage> Session::stages_of(const std::string& partnership) {
    try {
        return engine_->workflow_of(partnership)->stages();
    } catch (const Error&) {
        return {};
    }
}

std::vector<std::string> Session::prompts_for(const std::string& cycle, const std::string& stage) {
    try {
        return engine_->prompts_for(cycle, stage);
    } catch (const Error&) {
        return {};
    }
}

int with_new_store(const std::string& path, const std::function<int(Session&)>& work) {
    std::error_code ec;
    const bool existed = std::filesystem::exists(path, ec);
    auto clean_up = [&] {
        if (existed)
            return;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(path + suffix, ec);
    };
    int code = 1;
    try {
        auto session = std::make_unique<Session>(path, Session::Create::yes);
        code = work(*session);
        session.reset();  // close the store before anything is removed
    } catch (...) {
        clean_up();
        throw;
    }
    if (code != 0)
        clean_up();
    return code;
}

// ---- printing --------------------------------------------------------------------------------

void print_warnings(const std::vector<Finding>& warnings) {
    for (const auto& w : warnings) {
        std::cerr << "coachkit: warning (" << w.rule << "): " << w.message;
        if (!w.source.empty())
            std::cerr << " [" << w.source << "]";
        std::cerr << '\n';
    }
}

void print_plugin_problems(const Registry& registry) {
    for (const auto& d : registry.problems())
        std::cerr << d.to_string() << '\n';
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot read '" + path + "'");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw Error("cannot read '" + path + "'");
    return text.str();
}

void write_output(const std::string& text, const std::string& output) {
    if (output.empty() || output == "-") {
        std::cout << text;
        return;
    }
    const std::filesystem::path path(output);
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path());
    std::ofstream file(path, std::ios::binary);
    file << text;
    if (!file.flush())
        throw Error("cannot write '" + output + "'");
    std::cerr << "wrote " << output << '\n';
}

std::string join_words(const std::vector<std::string>& words, const std::string& last) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i)
        text += (i == 0 ? "" : i + 1 == words.size() ? last : ", ") + words[i];
    return text;
}

}  // namespace coachkit::cli
