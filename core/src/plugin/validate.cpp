#include "coachkit/plugin/validate.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

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
    }
    return std::nullopt;
}

/// Runs exercise() in a forked child so that a plugin which crashes on load takes only the child
/// down. The child reports a failure's reason through a pipe.
std::optional<std::string> exercise_in_child(Registry& registry, const PluginSummary& plugin) {
    int fds[2];
    if (pipe(fds) != 0)
        return "cannot start a child process: " + std::string(std::strerror(errno));
    const pid_t child = fork();
    if (child < 0) {
        close(fds[0]);
        close(fds[1]);
        return "cannot start a child process: " + std::string(std::strerror(errno));
    }
    if (child == 0) {
        close(fds[0]);
        const auto failure = exercise(registry, plugin);
        if (failure) {
            std::size_t written = 0;
            while (written < failure->size()) {
                const ssize_t n =
                    write(fds[1], failure->data() + written, failure->size() - written);
                if (n <= 0)
                    break;
                written += static_cast<std::size_t>(n);
            }
        }
        close(fds[1]);
        _exit(failure ? 1 : 0);  // _exit: no atexit handlers or static destructors in the child
    }
    close(fds[1]);
    std::string message;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
            message.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) {
        const int signal_number = WTERMSIG(status);
        const char* name = strsignal(signal_number);
        return "the plugin crashed while loading (signal " + std::to_string(signal_number) +
               (name ? std::string(", ") + name : std::string()) + ")";
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        return message.empty() ? "the check failed without a reason" : message;
    }
    return std::nullopt;
}

}  // namespace

PluginCheck validate_plugin(const std::filesystem::path& folder_or_manifest, Isolation isolation) {
    PluginCheck check;
    std::error_code ec;
    const bool is_folder = std::filesystem::is_directory(folder_or_manifest, ec);
    const auto manifest = is_folder ? folder_or_manifest / "plugin.json" : folder_or_manifest;
    Registry registry;
    {
        Diagnostics problems;
        if (!read_manifest(manifest, problems)) {
            check.problems = std::move(problems);
            return check;
        }
    }
    registry.discover({manifest});
    check.problems = registry.problems();
    const auto plugins = registry.plugins();
    if (plugins.empty())
        return check;
    check.plugin = plugins.front();
    if (has_errors(check.problems) || check.plugin->type != PluginType::compiled)
        return check;

    const auto failure = isolation == Isolation::child_process
                             ? exercise_in_child(registry, *check.plugin)
                             : exercise(registry, *check.plugin);
    if (failure) {
        check.problems.push_back(
            {Severity::error, check.plugin->library.string(), "", 0, 0, *failure});
    } else {
        check.plugin->loaded = true;
    }
    return check;
}

COACHKIT_NAMESPACE_END
