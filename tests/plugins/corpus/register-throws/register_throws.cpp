// The register function throws. No exception may cross the plugin boundary: COACHKIT_PLUGIN's
// thunk catches it and hands the host its message.
#include <coachkit/plugin/entry_point.hpp>
#include <stdexcept>

namespace {

void register_components(coachkit::PluginRegistrar&) {
    throw std::runtime_error("corpus: the licence server is unreachable");
}

}  // namespace

COACHKIT_PLUGIN("corpus-register-throws", "1.0.0", register_components)
