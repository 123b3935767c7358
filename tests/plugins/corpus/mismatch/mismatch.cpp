// A correct plugin (id corpus-mismatch, version 1.0.0, two workflows) whose library is copied next
// to manifests that disagree with it: on the id, on the version, and on the components.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>

namespace {

class Flow final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "mismatch"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override {
        coachkit::WorkflowStage only;
        only.id = "only";
        only.name = "Only";
        return {only};
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<Flow>("corpus-mismatch-flow");
    registrar.add<Flow>("corpus-mismatch-extra");
}

}  // namespace

COACHKIT_PLUGIN("corpus-mismatch", "1.0.0", register_components)
