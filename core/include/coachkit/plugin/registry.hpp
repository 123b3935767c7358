// The registry: every component the discovered plugins provide, by kind and id, created on demand.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/plugin/coaching_guide.hpp"
#include "coachkit/plugin/component.hpp"
#include "coachkit/plugin/evidence_source.hpp"
#include "coachkit/plugin/manifest.hpp"
#include "coachkit/plugin/registrar.hpp"
#include "coachkit/plugin/rubric.hpp"
#include "coachkit/plugin/workflow.hpp"

COACHKIT_NAMESPACE_BEGIN

/// A plugin that failed: which one, which file, and why. The host carries on without it.
class COACHKIT_API PluginError : public Error {
public:
    PluginError(std::string plugin_id, std::filesystem::path file, std::string reason);
    ~PluginError() override;
    [[nodiscard]] const std::string& plugin_id() const noexcept { return plugin_id_; }
    [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

private:
    std::string plugin_id_;
    std::filesystem::path file_;
    std::string reason_;
};

enum class PluginType { compiled, data, python };
[[nodiscard]] COACHKIT_API std::string_view to_string(PluginType type);

/// A discovered plugin, as listed by `coachkit plugins list`.
struct COACHKIT_API PluginSummary {
    std::string id;
    std::string version;
    std::string licence;
    std::string description;
    PluginType type = PluginType::data;
    std::filesystem::path manifest;  ///< empty for a Python plugin
    std::filesystem::path library;   ///< empty unless compiled
    bool loaded = false;             ///< its library has been opened (always true for data/python)
    std::vector<ComponentDescriptor> provides;
};

/// Knows every component by kind and id. Discovery reads manifests only; a compiled plugin's
/// library is opened the first time one of its components is created, and never closed.
/// Instances keep their library alive, so they may outlive the registry.
class COACHKIT_API Registry {
public:
    Registry();
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    /// COACHKIT_PLUGIN_PATH (':'-separated), then <dir of libcoachkit>/coachkit/plugins.
    [[nodiscard]] static std::vector<std::filesystem::path> default_search_path();

    /// Reads the manifests in `folders` (each folder, and each of its sub-folders, holding a
    /// plugin.json; a path to a manifest file is read as it is). The first plugin with a given id
    /// wins; later ones are reported as shadowed. Problems become diagnostics (see problems());
    /// discovery itself never throws for bad plugins.
    void discover(const std::vector<std::filesystem::path>& folders);
    void discover_default() { discover(default_search_path()); }

    /// Registers a component made in this process (a Python plugin, or an application's own).
    /// Throws Error if the kind and id are taken.
    void add(ComponentDescriptor descriptor, ComponentFactory factory);

    /// Everything discovery and loading reported so far (a copy: other threads may add to it).
    [[nodiscard]] Diagnostics problems() const;
    [[nodiscard]] std::vector<PluginSummary> plugins() const;
    [[nodiscard]] std::optional<PluginSummary> plugin(std::string_view id) const;
    /// Every component, or those of one kind, sorted by kind then id.
    [[nodiscard]] std::vector<ComponentDescriptor> components(
        std::optional<ComponentKind> kind = std::nullopt) const;
    [[nodiscard]] std::optional<ComponentDescriptor> find(ComponentKind kind,
                                                          std::string_view id) const;

    /// Creates an instance, loading its plugin first if needed. Throws NotFoundError for an
    /// unknown id and PluginError when the plugin cannot be loaded or its factory fails.
    [[nodiscard]] std::shared_ptr<Component> create(ComponentKind kind, std::string_view id);

    template <typename Interface>
    [[nodiscard]] std::shared_ptr<Interface> create(std::string_view id) {
        return std::static_pointer_cast<Interface>(create(Interface::component_kind, id));
    }

    /// Opens a compiled plugin now (what validate does), checking the handshake and that the binary
    /// provides what the manifest lists. Throws PluginError on failure; no-op if loaded already.
    void load(std::string_view plugin_id);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

COACHKIT_NAMESPACE_END
