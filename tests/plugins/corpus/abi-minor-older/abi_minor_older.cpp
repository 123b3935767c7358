// The counterpart of abi-minor: a descriptor claiming an older ABI minor than the host's. While
// the major is 0 the host refuses it (every 0.x minor may break); from 1.0 it must be accepted,
// because a minor then only appends to the descriptor and the interfaces.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/workflow.hpp>

namespace {

class Flow final : public coachkit::Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "older-abi"; }
    [[nodiscard]] std::vector<coachkit::WorkflowStage> stages() const override { return {}; }
};

void add_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<Flow>("corpus-older-abi-flow");
}

int register_components(void* registrar, char* error, std::size_t size) noexcept {
    return coachkit::detail::call_register(add_components, registrar, error, size);
}

const coachkit_plugin_descriptor* describe() {
    static const coachkit_plugin_descriptor descriptor{
        sizeof(coachkit_plugin_descriptor),
        COACHKIT_ABI_MAJOR,
        COACHKIT_ABI_MINOR > 0 ? COACHKIT_ABI_MINOR - 1 : 0,
        "corpus-abi-minor-older",
        "1.0.0",
        &register_components};
    return &descriptor;
}

}  // namespace

BOOST_DLL_ALIAS(describe, coachkit_plugin_entry)
