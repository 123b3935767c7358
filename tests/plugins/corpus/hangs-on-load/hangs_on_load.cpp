// A plugin that never finishes loading: its static initialiser waits (think of a licence server
// that does not answer). validate_plugin must stop it after its timeout and say so.
#include <chrono>
#include <coachkit/plugin/coaching_guide.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <thread>

namespace {

const bool waited_forever = [] {
    std::this_thread::sleep_for(std::chrono::minutes(10));
    return true;
}();

class Never final : public coachkit::CoachingGuide {
public:
    [[nodiscard]] std::string focus() const override { return waited_forever ? "never" : "never"; }
    [[nodiscard]] std::vector<coachkit::PromptGroup> phases() const override { return {}; }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<Never>("corpus-hangs-guide");
}

}  // namespace

COACHKIT_PLUGIN("corpus-hangs-on-load", "1.0.0", register_components)
