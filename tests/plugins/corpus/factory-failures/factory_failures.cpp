// The handshake and registration succeed; the trouble starts at create(). One factory throws, one
// returns nothing, one returns a component of another kind than it was registered as. A fourth
// works, to show that the others do not spoil the plugin.
#include <coachkit/plugin/coaching_guide.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>
#include <stdexcept>

namespace {

class Flow final : public coachkit::Workflow {
public:
    Flow() = default;
    explicit Flow(bool fail) {
        if (fail)
            throw std::runtime_error("corpus: no observation template is configured");
    }
    [[nodiscard]] std::string mode() const override { return "factory"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override {
        coachkit::WorkflowStage only;
        only.id = "only";
        only.name = "Only";
        return {only};
    }
};

class Guide final : public coachkit::CoachingGuide {
public:
    [[nodiscard]] std::string focus() const override { return "any"; }
    [[nodiscard]] std::vector<coachkit::PromptGroup> phases() const override { return {}; }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    using coachkit::ComponentKind;
    registrar.add(ComponentKind::workflow, "corpus-factory-throws",
                  [] { return std::make_shared<Flow>(true); });
    registrar.add(ComponentKind::workflow, "corpus-factory-null",
                  [] { return std::shared_ptr<coachkit::Component>(); });
    registrar.add(ComponentKind::workflow, "corpus-factory-wrong-kind",
                  [] { return std::make_shared<Guide>(); });
    registrar.add<Flow>("corpus-factory-fine");
}

}  // namespace

COACHKIT_PLUGIN("corpus-factory-failures", "1.0.0", register_components)
