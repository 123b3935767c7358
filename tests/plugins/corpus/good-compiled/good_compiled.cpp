// A well-behaved compiled plugin. Every corpus test loads it after a broken plugin failed, in the
// same registry, to show that the host carries on.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>

namespace {

class GoodCycle final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "corpus-mode"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override {
        coachkit::WorkflowStage plan;
        plan.id = "plan";
        plan.name = "Plan";
        coachkit::WorkflowStage review;
        review.id = "review";
        review.name = "Review";
        review.typical_minutes = 30;
        return {plan, review};
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<GoodCycle>("corpus-good-cycle");
}

}  // namespace

COACHKIT_PLUGIN("corpus-good", "1.0.0", register_components)
