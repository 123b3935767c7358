// Private: calling into a component of a plugin, so that whatever it throws is reported as that
// plugin's failure. Used by every caller of component methods (the engine's workflows, evidence
// sources), which are not covered by Registry::create's own guard.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "coachkit/plugin/registry.hpp"

COACHKIT_NAMESPACE_BEGIN

/// PluginError naming `component`'s plugin and its manifest.
[[nodiscard]] PluginError plugin_failure(const Registry& registry,
                                         const ComponentDescriptor& component, std::string reason);

/// Runs `call`. coachkit's own errors (a PluginError from loading, a file that cannot be read)
/// pass through; anything else it throws (a Python component's exception, say) becomes
/// PluginError "<doing> failed: <what>".
template <typename Call>
decltype(auto) call_plugin(const Registry& registry, const ComponentDescriptor& component,
                           std::string_view doing, Call&& call) {
    try {
        return std::forward<Call>(call)();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw plugin_failure(registry, component, std::string(doing) + " failed: " + e.what());
    }
}

COACHKIT_NAMESPACE_END
