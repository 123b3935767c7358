// The register function adds one component twice (a copy-and-paste slip).
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>

namespace {

class Flow final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "twice"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override { return {}; }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<Flow>("corpus-twice-flow");
    registrar.add<Flow>("corpus-twice-flow");
}

}  // namespace

COACHKIT_PLUGIN("corpus-register-twice", "1.0.0", register_components)
