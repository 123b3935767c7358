#include "coachkit/plugin/validate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "coachkit/json/document.hpp"

extern char** environ;

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Loads the plugin and creates each of its components. Returns the first failure's reason.
std::optional<std::string> exercise(Registry& registry, const PluginSummary& plugin) {
    try {
        registry.load(plugin.id);
        for (const auto& component : plugin.provides)
            (void)registry.create(component.kind, component.id);
    } catch (const PluginError& e) {
        return e.reason();
    } catch (const std::exception& e) {
        return std::string(e.what());
    } catch (...) {
        return std::string("a non-standard exception");
    }
    return std::nullopt;
}

/// coachkit-plugin-check sits beside the built-in plugins: <libdir>/coachkit/.
std::filesystem::path checker_path() {
    boost::dll::fs::error_code ec;
    const auto library = boost::dll::this_line_location(ec);
    if (ec)
        return {};
    return std::filesystem::path(library.string()).parent_path() / "coachkit" /
           "coachkit-plugin-check";
}

struct ChildOutcome {
    std::string output;
    bool timed_out = false;
    int status = 0;
    bool reaped = false;
};

/// Runs `checker manifest` with its stdout on a pipe, until it ends or `timeout` passes (then it
/// is killed). Fork and exec happen in posix_spawn, so nothing unsafe runs between them even in a
/// multi-threaded host; the pipe is close-on-exec so no other child inherits it.
ChildOutcome run_checker(const std::filesystem::path& checker,
                         const std::filesystem::path& manifest, std::chrono::milliseconds timeout) {
    ChildOutcome outcome;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        throw Error("cannot make a pipe: " + std::string(std::strerror(errno)));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);  // dup2 clears close-on-exec
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    const std::string program = checker.string();
    const std::string argument = manifest.string();
    char* argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(argument.c_str()),
                    nullptr};
    pid_t child = 0;
    const int spawned = posix_spawn(&child, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (spawned != 0) {
        close(fds[0]);
        throw Error("cannot start " + program + ": " + std::strerror(spawned));
    }

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            outcome.timed_out = true;
            break;
        }
        pollfd pfd{fds[0], POLLIN, 0};
        const int ready = poll(&pfd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue;  // timed out this round; the loop checks the deadline
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
            outcome.output.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;  // end of output: the checker has finished (or closed stdout)
        }
    }
    close(fds[0]);
    if (outcome.timed_out)
        kill(child, SIGKILL);
    for (;;) {
        const pid_t done = waitpid(child, &outcome.status, 0);
        if (done == child) {
            outcome.reaped = true;
            break;
        }
        if (done < 0 && errno != EINTR)
            break;  // ECHILD when the host ignores SIGCHLD
    }
    return outcome;
}

/// Reads the checker's lines into `check`. Returns whether its final result line was seen.
bool read_checker_output(const std::string& output, PluginCheck& check) {
    bool finished = false;
    std::size_t start = 0;
    while (start < output.size()) {
        const auto end = output.find('\n', start);
        const std::string line =
            output.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? output.size() : end + 1;
        Diagnostics ignored;
        const auto value = parse_json(line, "checker", ignored);
        const auto* object = value ? value->if_object() : nullptr;
        if (object == nullptr)
            continue;  // a plugin printing to stdout is not our business
        if (const auto* result = object->if_contains("result"); result && result->is_string()) {
            finished = true;
            continue;
        }
        Diagnostic d;
        auto text = [&](const char* key) {
            const auto* v = object->if_contains(key);
            return v && v->is_string() ? std::string(v->as_string()) : std::string();
        };
        auto number = [&](const char* key) {
            const auto* v = object->if_contains(key);
            return v && v->is_number() ? v->to_number<std::size_t>() : std::size_t{0};
        };
        d.severity = text("severity") == "warning" ? Severity::warning : Severity::error;
        d.file = text("file");
        d.pointer = text("pointer");
        d.line = number("line");
        d.column = number("column");
        d.message = text("message");
        check.problems.push_back(std::move(d));
    }
    return finished;
}

}  // namespace

PluginCheck validate_plugin(const std::filesystem::path& folder_or_manifest, Isolation isolation,
                            std::chrono::milliseconds timeout) {
    PluginCheck check;
    std::error_code ec;
    const bool is_folder = std::filesystem::is_directory(folder_or_manifest, ec);
    const auto manifest = is_folder ? folder_or_manifest / "plugin.json" : folder_or_manifest;
    {
        Diagnostics problems;
        if (!read_manifest(manifest, problems)) {
            check.problems = std::move(problems);
            return check;
        }
    }
    // Discovery reads the manifest and checks data-only definitions; it never opens a library.
    Registry registry;
    registry.discover({manifest});
    check.problems = registry.problems();
    const auto plugins = registry.plugins();
    if (plugins.empty())
        return check;
    check.plugin = plugins.front();
    if (has_errors(check.problems) || check.plugin->type != PluginType::compiled)
        return check;

    if (isolation == Isolation::in_process) {
        if (const auto failure = exercise(registry, *check.plugin)) {
            check.problems.push_back(
                {Severity::error, check.plugin->library.string(), "", 0, 0, *failure});
        } else {
            check.plugin->loaded = true;
        }
        return check;
    }

    const auto checker = checker_path();
    const auto library = check.plugin->library.string();
    if (checker.empty() || !std::filesystem::exists(checker, ec)) {
        check.problems.push_back(
            {Severity::error, library, "", 0, 0,
             "cannot check the library in a separate process: " + checker.string() +
                 " is missing (a broken coachkit installation?)"});
        return check;
    }
    const ChildOutcome outcome =
        run_checker(checker, std::filesystem::absolute(manifest, ec), timeout);
    PluginCheck child;
    const bool finished = read_checker_output(outcome.output, child);
    // The checker re-reads the manifest; keep only what it found beyond what we already know.
    for (auto& problem : child.problems) {
        const bool known =
            std::any_of(check.problems.begin(), check.problems.end(), [&](const Diagnostic& d) {
                return d.message == problem.message && d.file == problem.file &&
                       d.pointer == problem.pointer;
            });
        if (!known)
            check.problems.push_back(std::move(problem));
    }
    if (outcome.timed_out) {
        check.problems.push_back({Severity::error, library, "", 0, 0,
                                  "the plugin did not finish loading within " +
                                      std::to_string(timeout.count() / 1000) +
                                      " s and was stopped"});
    } else if (outcome.reaped && WIFSIGNALED(outcome.status)) {
        const int signal_number = WTERMSIG(outcome.status);
        const char* name = strsignal(signal_number);
        check.problems.push_back({Severity::error, library, "", 0, 0,
                                  "the plugin crashed while loading (signal " +
                                      std::to_string(signal_number) +
                                      (name ? std::string(", ") + name : std::string()) + ")"});
    } else if (!finished) {
        check.problems.push_back(
            {Severity::error, library, "", 0, 0,
             "the check ended without a result (the plugin may have exited the process)"});
    }
    if (finished && !has_errors(check.problems))
        check.plugin->loaded = true;
    return check;
}

COACHKIT_NAMESPACE_END
