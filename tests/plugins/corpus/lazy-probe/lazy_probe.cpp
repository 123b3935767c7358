// Opened by exactly one test (Discovery.OpensNoLibraryUntilFirstCreate), which checks that its
// library is mapped into the process only after the first create(). No other test may load it.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>

namespace {

class ProbeCycle final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "probe"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override {
        coachkit::WorkflowStage only;
        only.id = "only";
        only.name = "Only stage";
        return {only};
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<ProbeCycle>("corpus-lazy-probe-cycle");
}

}  // namespace

COACHKIT_PLUGIN("corpus-lazy-probe", "1.0.0", register_components)
