// What a plugin's register function receives: the host's list of the plugin's components.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Makes a new instance of one component. Called by the host on first use and on every create.
using ComponentFactory = std::function<std::shared_ptr<Component>()>;

/// Handed to a plugin's register function. The plugin adds one factory per component its manifest
/// lists; the host then checks that the two lists agree.
class COACHKIT_API PluginRegistrar {
public:
    virtual ~PluginRegistrar();
    virtual void add(ComponentKind kind, std::string id, ComponentFactory factory) = 0;

    /// add<MyWorkflow>("my-cycle"): the kind comes from the interface MyWorkflow implements, and
    /// each create makes a new MyWorkflow.
    template <typename Impl>
    void add(std::string id) {
        add(Impl::component_kind, std::move(id), [] { return std::make_shared<Impl>(); });
    }
};

COACHKIT_NAMESPACE_END
