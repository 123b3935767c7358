// A perfectly good library that the escape-relative and escape-absolute manifests point at from
// outside their own folders. The host must refuse those manifests without ever opening it.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>

namespace {

class Flow final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "escape"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override { return {}; }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<Flow>("corpus-escape-flow");
}

}  // namespace

COACHKIT_PLUGIN("corpus-escape", "1.0.0", register_components)
