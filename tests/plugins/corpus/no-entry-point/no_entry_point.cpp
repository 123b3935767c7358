// A valid shared library with components written but no COACHKIT_PLUGIN line: the host finds no
// entry point and must say so.
#include <coachkit/plugin/registrar.hpp>
#include <coachkit/plugin/workflow.hpp>

namespace {

class Unreachable final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "unreachable"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override { return {}; }
};

}  // namespace

// Exported, so the library has a public symbol, but it is not the entry point.
__attribute__((visibility("default"))) void corpus_register(coachkit::PluginRegistrar& registrar) {
    registrar.add<Unreachable>("corpus-no-entry-flow");
}
