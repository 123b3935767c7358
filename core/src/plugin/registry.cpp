// The registry: discovery from manifests, lazy loading of compiled plugins, creation on demand.
#include "coachkit/plugin/registry.hpp"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <cstdlib>
#include <map>
#include <mutex>

#include "plugin/data_components.hpp"
#include "plugin/library_loader.hpp"
#include "plugin/plugin_call.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

std::string where(const std::filesystem::path& path) {
    return path.string();
}

std::string describe(ComponentKind kind, std::string_view id) {
    return std::string(to_string(kind)) + " '" + std::string(id) + "'";
}

/// The instance really is of the interface its kind names (a class deriving straight from
/// Component could claim any kind; casting it would be undefined behaviour).
bool implements(const Component& instance, ComponentKind kind) {
    switch (kind) {
        case ComponentKind::workflow:
            return dynamic_cast<const Workflow*>(&instance) != nullptr;
        case ComponentKind::evidence_source:
            return dynamic_cast<const EvidenceSource*>(&instance) != nullptr;
        case ComponentKind::rubric:
            return dynamic_cast<const Rubric*>(&instance) != nullptr;
        case ComponentKind::coaching_guide:
            return dynamic_cast<const CoachingGuide*>(&instance) != nullptr;
    }
    return false;
}

}  // namespace

PluginError::PluginError(std::string plugin_id, std::filesystem::path file, std::string reason)
    : Error("plugin '" + plugin_id + "' (" + file.string() + "): " + reason)
    , plugin_id_(std::move(plugin_id))
    , file_(std::move(file))
    , reason_(std::move(reason)) {}
PluginError::~PluginError() = default;

PluginError plugin_failure(const Registry& registry, const ComponentDescriptor& component,
                           std::string reason) {
    const auto plugin = registry.plugin(component.plugin_id);
    return PluginError(component.plugin_id, plugin ? plugin->manifest : std::filesystem::path{},
                       std::move(reason));
}

std::string_view to_string(PluginType type) {
    switch (type) {
        case PluginType::compiled:
            return "compiled";
        case PluginType::data:
            return "data";
        case PluginType::python:
            return "python";
    }
    return "unknown";
}

struct Registry::Impl {
    struct Plugin {
        PluginSummary summary;
        std::optional<PluginManifest> manifest;  // absent for in-process (Python) plugins
        std::optional<PluginError> load_error;   // a failed load is not retried
    };
    struct Entry {
        ComponentDescriptor descriptor;
        std::size_t plugin = 0;    // index into plugins
        ComponentFactory factory;  // empty until a compiled plugin is loaded
    };

    mutable std::mutex mutex;
    std::vector<Plugin> plugins;                                   // in discovery order
    std::map<std::string, std::size_t, std::less<>> plugin_index;  // id -> position in plugins
    std::map<ComponentKey, Entry> components;
    Diagnostics problems;

    Plugin* find_plugin(std::string_view id) {
        const auto found = plugin_index.find(id);
        return found == plugin_index.end() ? nullptr : &plugins[found->second];
    }

    Plugin& add_plugin(Plugin plugin) {
        plugins.push_back(std::move(plugin));  // first, so a failure leaves no dangling index
        plugin_index.emplace(plugins.back().summary.id, plugins.size() - 1);
        return plugins.back();
    }

    void warn(const std::filesystem::path& file, std::string pointer, std::string message) {
        problems.push_back(
            {Severity::warning, where(file), std::move(pointer), 0, 0, std::move(message)});
    }
    void error(const std::filesystem::path& file, std::string pointer, std::string message) {
        problems.push_back(
            {Severity::error, where(file), std::move(pointer), 0, 0, std::move(message)});
    }

    void add_manifest(const std::filesystem::path& path) {
        auto manifest = read_manifest(path, problems);
        if (!manifest)
            return;
        if (const auto* first = find_plugin(manifest->id)) {
            warn(path, "/id",
                 "plugin '" + manifest->id + "' is shadowed by the one " +
                     (first->summary.manifest.empty() ? std::string("registered in this process")
                                                      : "at " + where(first->summary.manifest)) +
                     " (the first found wins)");
            return;
        }
        // Data-only definitions are checked now, so a broken one is reported at discovery.
        std::map<ComponentKey, ComponentFactory> factories;
        bool ok = true;
        for (const auto& provided : manifest->provides) {
            if (!provided.definition)
                continue;
            const auto& d = provided.descriptor;
            auto factory = make_data_component(
                d.kind, d.id, *provided.definition,
                Origin{where(path), provided.pointer + "/definition"}, problems);
            if (!factory) {
                ok = false;
                continue;
            }
            factories.emplace(ComponentKey{d.kind, d.id}, std::move(factory));
        }
        if (!ok)
            return;

        Plugin plugin;
        plugin.summary.id = manifest->id;
        plugin.summary.version = manifest->version;
        plugin.summary.licence = manifest->licence;
        plugin.summary.description = manifest->description;
        plugin.summary.type = manifest->is_compiled() ? PluginType::compiled : PluginType::data;
        plugin.summary.manifest = path;
        plugin.summary.library = manifest->library;
        plugin.summary.loaded = !manifest->is_compiled();
        const std::size_t index = plugins.size();
        for (const auto& provided : manifest->provides) {
            const auto& d = provided.descriptor;
            const ComponentKey key{d.kind, d.id};
            if (const auto existing = components.find(key); existing != components.end()) {
                const auto& owner = plugins[existing->second.plugin].summary;
                error(path, provided.pointer,
                      describe(d.kind, d.id) + " is also provided by plugin '" + owner.id + "' (" +
                          (owner.manifest.empty() ? std::string("registered in this process")
                                                  : where(owner.manifest)) +
                          "); keeping that one");
                continue;
            }
            plugin.summary.provides.push_back(d);
            auto factory = factories.count(key) ? factories.at(key) : ComponentFactory{};
            components.emplace(key, Entry{d, index, std::move(factory)});
        }
        plugin.manifest = std::move(*manifest);
        add_plugin(std::move(plugin));
    }

    /// Opens a compiled plugin's library once. Must be called with the mutex held.
    void load_locked(Plugin& plugin) {
        if (plugin.summary.loaded)
            return;
        if (plugin.load_error)
            throw *plugin.load_error;
        try {
            auto factories = open_plugin_library(*plugin.manifest);
            // Only this plugin's own entries: a component it lost to an earlier plugin stays with
            // the winner.
            const auto index = static_cast<std::size_t>(&plugin - plugins.data());
            for (auto& [key, factory] : factories) {
                auto& entry = components.at(key);
                if (entry.plugin == index)
                    entry.factory = std::move(factory);
            }
            plugin.summary.loaded = true;
        } catch (const PluginError& e) {
            plugin.load_error = e;
            error(e.file(), "", "plugin '" + e.plugin_id() + "': " + e.reason());
            throw;
        } catch (...) {
            // Anything else (bad_alloc, a non-standard exception) is stored the same way, so a
            // failed load is never silently retried.
            std::string reason = "loading failed";
            try {
                throw;
            } catch (const std::exception& e) {
                reason += std::string(": ") + e.what();
            } catch (...) {
                reason += " with a non-standard exception";
            }
            plugin.load_error = PluginError(plugin.summary.id, plugin.summary.library, reason);
            error(plugin.summary.library, "", "plugin '" + plugin.summary.id + "': " + reason);
            throw *plugin.load_error;
        }
    }
};

Registry::Registry() : impl_(std::make_unique<Impl>()) {}
Registry::~Registry() = default;

std::vector<std::filesystem::path> Registry::default_search_path() {
    std::vector<std::filesystem::path> folders;
    if (const char* env = std::getenv("COACHKIT_PLUGIN_PATH")) {
        std::string_view rest(env);
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const auto part = rest.substr(0, colon);
            if (!part.empty())
                folders.emplace_back(part);
            if (colon == std::string_view::npos)
                break;
            rest.remove_prefix(colon + 1);
        }
    }
    // Built-in plugins sit beside the library, in the build tree as in the install tree:
    // <libdir>/libcoachkit.so and <libdir>/coachkit/plugins/<plugin>/plugin.json.
    boost::dll::fs::error_code ec;
    const auto library = boost::dll::this_line_location(ec);
    if (!ec) {
        const auto builtin =
            std::filesystem::path(library.string()).parent_path() / "coachkit" / "plugins";
        std::error_code exists_error;
        if (std::filesystem::is_directory(builtin, exists_error))
            folders.push_back(builtin);
    }
    return folders;
}

void Registry::discover(const std::vector<std::filesystem::path>& folders) {
    const std::lock_guard lock(impl_->mutex);
    for (const auto& folder : folders) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(folder, ec)) {  // a manifest named directly
            impl_->add_manifest(folder);
            continue;
        }
        if (!std::filesystem::is_directory(folder, ec)) {
            impl_->warn(folder, "", "plugin folder not found");
            continue;
        }
        if (std::filesystem::exists(folder / "plugin.json", ec)) {
            impl_->add_manifest(folder / "plugin.json");
            continue;
        }
        // Sorted, so which plugin wins a clash does not depend on the file system's order.
        std::vector<std::filesystem::path> candidates;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
            std::error_code entry_error;
            if (entry.is_directory(entry_error) &&
                std::filesystem::exists(entry.path() / "plugin.json", entry_error)) {
                candidates.push_back(entry.path() / "plugin.json");
            }
        }
        if (ec)
            impl_->warn(folder, "", "cannot list plugin folder: " + ec.message());
        std::sort(candidates.begin(), candidates.end());
        for (const auto& manifest : candidates)
            impl_->add_manifest(manifest);
    }
}

void Registry::add(ComponentDescriptor descriptor, ComponentFactory factory) {
    const std::lock_guard lock(impl_->mutex);
    if (descriptor.plugin_id.empty())
        descriptor.plugin_id = "in-process";
    const ComponentKey key{descriptor.kind, descriptor.id};
    if (impl_->components.count(key)) {
        const auto& owner = impl_->plugins[impl_->components.at(key).plugin].summary;
        throw Error(describe(descriptor.kind, descriptor.id) + " is already provided by plugin '" +
                    owner.id + "'");
    }
    auto* plugin = impl_->find_plugin(descriptor.plugin_id);
    if (plugin == nullptr) {
        Impl::Plugin fresh;
        fresh.summary.id = descriptor.plugin_id;
        fresh.summary.version = descriptor.plugin_version;
        fresh.summary.type = PluginType::python;
        fresh.summary.loaded = true;
        plugin = &impl_->add_plugin(std::move(fresh));
    } else if (plugin->summary.type != PluginType::python) {
        throw Error("plugin id '" + descriptor.plugin_id + "' belongs to a discovered plugin (" +
                    where(plugin->summary.manifest) + ")");
    }
    plugin->summary.provides.push_back(descriptor);
    const auto index = static_cast<std::size_t>(plugin - impl_->plugins.data());
    impl_->components.emplace(key, Impl::Entry{std::move(descriptor), index, std::move(factory)});
}

Diagnostics Registry::problems() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->problems;
}

std::vector<PluginSummary> Registry::plugins() const {
    const std::lock_guard lock(impl_->mutex);
    std::vector<PluginSummary> out;
    for (const auto& p : impl_->plugins)
        out.push_back(p.summary);
    return out;
}

std::optional<PluginSummary> Registry::plugin(std::string_view id) const {
    const std::lock_guard lock(impl_->mutex);
    if (const auto* p = impl_->find_plugin(id))
        return p->summary;
    return std::nullopt;
}

std::vector<ComponentDescriptor> Registry::components(std::optional<ComponentKind> kind) const {
    const std::lock_guard lock(impl_->mutex);
    std::vector<ComponentDescriptor> out;
    for (const auto& [key, entry] : impl_->components) {  // map order: kind, then id
        if (!kind || key.first == *kind)
            out.push_back(entry.descriptor);
    }
    return out;
}

std::optional<ComponentDescriptor> Registry::find(ComponentKind kind, std::string_view id) const {
    const std::lock_guard lock(impl_->mutex);
    const auto found = impl_->components.find(ComponentKey{kind, std::string(id)});
    if (found == impl_->components.end())
        return std::nullopt;
    return found->second.descriptor;
}

void Registry::load(std::string_view plugin_id) {
    const std::lock_guard lock(impl_->mutex);
    auto* plugin = impl_->find_plugin(plugin_id);
    if (plugin == nullptr)
        throw NotFoundError("unknown plugin '" + std::string(plugin_id) + "'");
    impl_->load_locked(*plugin);
}

std::shared_ptr<Component> Registry::create(ComponentKind kind, std::string_view id) {
    ComponentFactory factory;
    std::string plugin_id;
    std::filesystem::path file;
    {
        const std::lock_guard lock(impl_->mutex);
        const auto found = impl_->components.find(ComponentKey{kind, std::string(id)});
        if (found == impl_->components.end()) {
            std::string known;
            for (const auto& [key, entry] : impl_->components) {
                if (key.first == kind)
                    known += (known.empty() ? "" : ", ") + key.second;
            }
            throw NotFoundError("unknown " + describe(kind, id) +
                                " (known: " + (known.empty() ? "none" : known) + ")");
        }
        auto& plugin = impl_->plugins[found->second.plugin];
        if (!found->second.factory)
            impl_->load_locked(plugin);
        factory = found->second.factory;
        plugin_id = plugin.summary.id;
        file = plugin.summary.library.empty() ? plugin.summary.manifest : plugin.summary.library;
    }
    // Called without the lock: a Python factory takes the GIL, and another thread holding the GIL
    // may be waiting for this registry.
    std::shared_ptr<Component> instance;
    try {
        instance = factory();
    } catch (const std::exception& e) {
        throw PluginError(plugin_id, file,
                          "creating " + describe(kind, id) + " failed: " + e.what());
    } catch (...) {
        throw PluginError(plugin_id, file, "creating " + describe(kind, id) + " failed");
    }
    if (!instance)
        throw PluginError(plugin_id, file, "creating " + describe(kind, id) + " returned nothing");
    if (instance->kind() != kind || !implements(*instance, kind)) {
        throw PluginError(plugin_id, file,
                          "asked for " + describe(kind, id) + " but got a " +
                              std::string(to_string(instance->kind())));
    }
    return instance;
}

COACHKIT_NAMESPACE_END
