// Shared by the programme verbs (programme_commands.cpp, cycle_commands.cpp): the --store, --by
// and --at options, opening a programme's store with the engine, and printing what a command did.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "coachkit/journal/store.hpp"
#include "coachkit/plugin/registry.hpp"
#include "coachkit/plugin/workflow.hpp"
#include "coachkit/programme/engine.hpp"

namespace coachkit::cli {

/// Where a programme's journal lives: --store FILE, else $COACHKIT_STORE, else `coachkit.db` in
/// the working folder.
struct StoreOption {
    std::string path = "coachkit.db";
    void add_to(CLI::App& command);
};

/// Who gives a command (--by) and when it happened (--at, ISO 8601 UTC; empty means now).
struct ActorOptions {
    std::string by = "system";
    std::string at;
    /// `by_required`: agreement and cycle verbs must say who acts; the others default to "system".
    void add_to(CLI::App& command, bool by_required);
    [[nodiscard]] CommandContext context() const { return CommandContext{by, at}; }
};

/// Who is reading (--as PERSON, else $COACHKIT_AS): every verb that shows records asks the
/// privacy policy on this person's behalf (docs/privacy.md).
struct ViewerOption {
    std::string as;
    void add_to(CLI::App& command);
};

/// "(as coord: 3 records withheld, 2 redacted; `coachkit privacy explain RECORD --as coord`
/// says why)", or nothing when the view holds nothing back.
void print_withheld_note(std::ostream& out, const ProgrammeView& view);

/// Accepts exactly YYYY-MM-DDTHH:MM:SSZ naming a real time (a usage error otherwise).
[[nodiscard]] CLI::Validator utc_time_check();
/// Accepts exactly YYYY-MM-DD naming a real date.
[[nodiscard]] CLI::Validator date_check();

/// An open programme store with the discovered plugins and the engine on top.
class Session {
public:
    /// Whether opening may create the store file.
    enum class Create { no, yes };
    /// Opens `path`. With Create::no a missing file is an Error telling how to start a programme
    /// (the store is never created as a side effect of a typo in --store).
    Session(const std::string& path, Create create);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    [[nodiscard]] ProgrammeEngine& engine() { return *engine_; }
    /// The journal's own state: for echoing what a command just did to the person who did it.
    /// Verbs that show records use view() instead.
    [[nodiscard]] const ProgrammeState& state() const { return engine_->state(); }
    /// What `viewer` may see of the programme (or of `scope`, a record id), through the privacy
    /// policy, with the audit entries written; `via` names the verb ("cli cycle show").
    const ProgrammeView& view(const std::string& viewer, const std::string& via,
                              const std::string& scope = {});
    [[nodiscard]] EventStore& store() { return *store_; }
    [[nodiscard]] Registry& registry() { return registry_; }
    [[nodiscard]] const std::string& path() const { return path_; }

    /// The stages of the workflow `partnership` follows, or none if its plugin is missing or
    /// broken (showing a programme never fails because a plugin went away).
    [[nodiscard]] std::vector<WorkflowStage> stages_of(const std::string& partnership);
    /// The prompts for a stage, or none if they cannot be resolved.
    [[nodiscard]] std::vector<std::string> prompts_for(const std::string& cycle,
                                                       const std::string& stage);

private:
    std::string path_;
    std::unique_ptr<EventStore> store_;
    Registry registry_;
    std::unique_ptr<ProgrammeEngine> engine_;
    std::optional<ProgrammeView> view_;
};

/// Runs `work` on a store that may be created by it (`programme init`, `import`). If `work`
/// throws and the store file did not exist before, the file it left behind is removed, so a
/// failed command leaves no empty store.
int with_new_store(const std::string& path, const std::function<int(Session&)>& work);

/// Prints the framework warnings a command raised, one per line on standard error:
/// `coachkit: warning (RULE): message [source]`.
void print_warnings(const std::vector<Finding>& warnings);

/// Prints the registry's problems (why a plugin may be missing) on standard error.
void print_plugin_problems(const Registry& registry);

/// The text of a file named on the command line (an Error naming it if it cannot be read).
[[nodiscard]] std::string read_text_file(const std::string& path);

/// Writes `text` to `output`, or to standard output when `output` is empty or "-".
void write_output(const std::string& text, const std::string& output);

/// "a, b and c".
[[nodiscard]] std::string join_words(const std::vector<std::string>& words,
                                     const std::string& last = " and ");

}  // namespace coachkit::cli
