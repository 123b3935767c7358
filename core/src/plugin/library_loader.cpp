#include "plugin/library_loader.hpp"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>
#include <cstddef>
#include <mutex>
#include <set>

#include "coachkit/plugin/entry_point.hpp"
#include "coachkit/plugin/registry.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

using Library = boost::dll::shared_library;

/// Every library ever opened, deliberately leaked: libraries are never unloaded while the process
/// runs (code from them may still be referenced by instances, vtables or static destructors).
void keep_forever(const std::shared_ptr<Library>& library) {
    static std::mutex mutex;
    static auto* libraries = new std::vector<std::shared_ptr<Library>>();
    const std::lock_guard lock(mutex);
    libraries->push_back(library);
}

/// Collects what a plugin's register function adds.
class CollectingRegistrar final : public PluginRegistrar {
public:
    void add(ComponentKind kind, std::string id, ComponentFactory factory) override {
        auto [it, inserted] =
            factories.emplace(ComponentKey{kind, std::move(id)}, std::move(factory));
        if (!inserted)
            duplicates.push_back(it->first);
    }
    std::map<ComponentKey, ComponentFactory> factories;
    std::vector<ComponentKey> duplicates;
};

std::string describe(const ComponentKey& key) {
    return std::string(to_string(key.first)) + " '" + key.second + "'";
}

/// Boost.DLL reports a failed load as a bare error code ("Bad file descriptor"); the system
/// loader's own message says what is really wrong (not an ELF file, a missing dependency, an
/// undefined symbol), so ask it.
std::string system_loader_reason(const std::filesystem::path& path,
                                 const boost::dll::fs::error_code& ec) {
    dlerror();  // clear any earlier message
    if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
        dlclose(handle);  // it opened this time; fall back to Boost's code
        return ec.message();
    }
    const char* reason = dlerror();
    return reason ? std::string(reason) : ec.message();
}

/// The smallest descriptor this host can read: up to and including register_components.
constexpr std::size_t kMinimumDescriptorSize =
    offsetof(coachkit_plugin_descriptor, register_components) + sizeof(void*);

}  // namespace

std::map<ComponentKey, ComponentFactory> open_plugin_library(const PluginManifest& manifest) {
    const auto& path = manifest.library;
    auto fail = [&](const std::string& reason) { return PluginError(manifest.id, path, reason); };

    std::error_code exists_error;
    if (!std::filesystem::exists(path, exists_error))
        throw fail("library file not found");

    auto library = std::make_shared<Library>();
    boost::dll::fs::error_code ec;
    library->load(path, ec, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    if (ec)
        throw fail("cannot open the library: " + system_loader_reason(path, ec));
    keep_forever(library);

    if (!library->has(COACHKIT_PLUGIN_ENTRY_NAME)) {
        throw fail("entry point '" COACHKIT_PLUGIN_ENTRY_NAME
                   "' not found (define it with COACHKIT_PLUGIN in one source file)");
    }
    const coachkit_plugin_descriptor* descriptor = nullptr;
    try {
        descriptor = library->get_alias<coachkit_plugin_entry_fn>(COACHKIT_PLUGIN_ENTRY_NAME)();
    } catch (const std::exception& e) {
        throw fail(std::string("entry point failed: ") + e.what());
    } catch (...) {
        throw fail("entry point failed with a non-standard exception");
    }
    if (descriptor == nullptr)
        throw fail("entry point returned no descriptor");

    // The handshake: nothing else in the library is called until these all pass.
    if (descriptor->struct_size < kMinimumDescriptorSize) {
        throw fail("descriptor is " + std::to_string(descriptor->struct_size) +
                   " bytes; this host needs at least " + std::to_string(kMinimumDescriptorSize));
    }
    const std::string host_abi =
        std::to_string(COACHKIT_ABI_MAJOR) + "." + std::to_string(COACHKIT_ABI_MINOR);
    const std::string plugin_abi =
        std::to_string(descriptor->abi_major) + "." + std::to_string(descriptor->abi_minor);
    if (descriptor->abi_major != COACHKIT_ABI_MAJOR) {
        throw fail("built for coachkit ABI " + plugin_abi + "; this host speaks ABI " + host_abi +
                   " (the major version must match: rebuild the plugin)");
    }
    if (descriptor->abi_minor > COACHKIT_ABI_MINOR) {
        throw fail("built for coachkit ABI " + plugin_abi + ", newer than this host's " + host_abi +
                   " (upgrade coachkit or build the plugin against this version)");
    }
    // Before 1.0 every minor may change interfaces and structs (semantic versioning's 0.x rule),
    // so an older minor is as foreign as a newer one.
    if (COACHKIT_ABI_MAJOR == 0 && descriptor->abi_minor != COACHKIT_ABI_MINOR) {
        throw fail("built for coachkit ABI " + plugin_abi + "; this host speaks ABI " + host_abi +
                   " (before 1.0 the minor must match too: rebuild the plugin)");
    }
    const std::string binary_id = descriptor->plugin_id ? descriptor->plugin_id : "";
    const std::string binary_version = descriptor->plugin_version ? descriptor->plugin_version : "";
    if (binary_id != manifest.id) {
        throw fail("the library says it is plugin '" + binary_id + "' but its manifest says '" +
                   manifest.id + "'");
    }
    if (binary_version != manifest.version) {
        throw fail("the library says it is version '" + binary_version +
                   "' but its manifest says '" + manifest.version + "'");
    }
    if (descriptor->register_components == nullptr)
        throw fail("descriptor has no register function");

    CollectingRegistrar registrar;
    char error[512] = {};
    // Passed as the base class the plugin casts it back to.
    PluginRegistrar* base = &registrar;
    if (descriptor->register_components(base, error, sizeof error) != 0) {
        throw fail(std::string("register function failed: ") +
                   (error[0] ? error : "no reason given"));
    }
    if (!registrar.duplicates.empty()) {
        throw fail("register function added " + describe(registrar.duplicates.front()) + " twice");
    }

    std::set<ComponentKey> listed;
    for (const auto& provided : manifest.provides) {
        listed.emplace(provided.descriptor.kind, provided.descriptor.id);
    }
    for (const auto& key : listed) {
        if (!registrar.factories.count(key)) {
            throw fail("the manifest lists " + describe(key) +
                       " but the library does not provide it");
        }
    }
    for (const auto& [key, factory] : registrar.factories) {
        if (!listed.count(key)) {
            throw fail("the library provides " + describe(key) +
                       " which its manifest does not list");
        }
    }

    // Each instance holds the library too, so it stays valid whatever happens to the registry.
    std::map<ComponentKey, ComponentFactory> factories;
    for (auto& [key, factory] : registrar.factories) {
        factories.emplace(
            key, [library, inner = std::move(factory)]() -> std::shared_ptr<Component> {
                std::shared_ptr<Component> instance = inner();
                if (!instance)
                    return nullptr;
                struct Holder {
                    std::shared_ptr<Library> library;  // destroyed after the instance below
                    std::shared_ptr<Component> instance;
                };
                auto holder = std::make_shared<Holder>(Holder{library, instance});
                return std::shared_ptr<Component>(holder, instance.get());
            });
    }
    return factories;
}

COACHKIT_NAMESPACE_END
