// Dies of SIGSEGV in a static initializer, that is while the library is being opened, before the
// host can look at anything in it. Never load this in the test process: validate_plugin() opens it
// in a child process and must report the crash with its signal.
#include <sys/resource.h>

#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>
#include <csignal>

namespace {

struct CrashOnLoad {
    CrashOnLoad() {
        // No core file for a deliberate crash, and the default action for SIGSEGV even if a
        // sanitizer or test framework installed a handler: the process must die of the signal.
        const rlimit no_core{0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        std::signal(SIGSEGV, SIG_DFL);
        std::raise(SIGSEGV);
    }
};
const CrashOnLoad crash_on_load;

class Flow final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "crash"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override { return {}; }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<Flow>("corpus-crash-flow");
}

}  // namespace

COACHKIT_PLUGIN("corpus-crash-on-load", "1.0.0", register_components)
