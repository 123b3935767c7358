// What plugins provide: components of a few kinds, each described before it is ever loaded.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The kinds of component a plugin can provide. Framework model packs are loaded by the framework
/// area (see docs/framework-pack.md) and are not components.
enum class ComponentKind { workflow, evidence_source, rubric, coaching_guide };

/// "workflow", "evidence-source", "rubric", "coaching-guide": the spelling used in manifests.
[[nodiscard]] COACHKIT_API std::string_view to_string(ComponentKind kind);
[[nodiscard]] COACHKIT_API std::optional<ComponentKind> parse_component_kind(std::string_view text);
/// Every kind, in a fixed order (for listings and validation messages).
[[nodiscard]] COACHKIT_API const std::vector<ComponentKind>& all_component_kinds();

/// A component as its plugin's manifest describes it: known without loading anything.
struct COACHKIT_API ComponentDescriptor {
    ComponentKind kind = ComponentKind::workflow;
    std::string id;
    std::string display_name;
    std::string summary;
    boost::json::object
        metadata;  ///< kind-specific facts the manifest gives (formats, applies_to…)
    std::string plugin_id;
    std::string plugin_version;
};

/// The base of every component instance. Interfaces are small on purpose: adding to them breaks
/// compiled plugins, so they grow only with a new ABI minor (and default implementations).
class COACHKIT_API Component {
public:
    Component() = default;
    Component(const Component&) = delete;
    Component& operator=(const Component&) = delete;
    virtual ~Component();
    [[nodiscard]] virtual ComponentKind kind() const = 0;
};

COACHKIT_NAMESPACE_END
