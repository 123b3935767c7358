// The one symbol a compiled plugin exports, and the macro that defines it.
//
//     #include <coachkit/plugin/entry_point.hpp>
//     void register_components(coachkit::PluginRegistrar& r) { r.add<MyCycle>("my-cycle"); }
//     COACHKIT_PLUGIN("my-plugin", "1.0.0", register_components)
//
// The host finds the entry point by its Boost.DLL alias, reads the plain descriptor it returns, and
// refuses the library (without calling anything else in it) when the ABI major differs, the ABI
// minor is newer than the host's, the struct is too small, or the id or version disagree with the
// manifest. See docs/plugins.md.
#pragma once

#include <boost/dll/alias.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>

#include "coachkit/plugin/registrar.hpp"
#include "coachkit/version.hpp"

extern "C" {

/// The descriptor a plugin's entry point returns. Plain C so that its layout is fixed; later ABI
/// minors only ever append fields, and `struct_size` tells the host which fields exist.
struct coachkit_plugin_descriptor {
    std::uint32_t struct_size;
    std::uint32_t abi_major;
    std::uint32_t abi_minor;
    const char* plugin_id;
    const char* plugin_version;
    /// Adds the plugin's components to `registrar` (a coachkit::PluginRegistrar*). Returns 0, or
    /// non-zero with a NUL-terminated reason in `error`. Never throws.
    int (*register_components)(void* registrar, char* error, std::size_t error_size);
};

/// The signature behind the alias below.
using coachkit_plugin_entry_fn = const coachkit_plugin_descriptor*();
}

/// The Boost.DLL alias every compiled plugin exports.
#define COACHKIT_PLUGIN_ENTRY_NAME "coachkit_plugin_entry"

COACHKIT_NAMESPACE_BEGIN
namespace detail {

inline void copy_message(const char* message, char* error, std::size_t size) noexcept {
    if (error == nullptr || size == 0)
        return;
    std::strncpy(error, message, size - 1);
    error[size - 1] = '\0';
}

/// Calls the plugin's register function so that no exception leaves the plugin.
template <typename RegisterFn>
int call_register(RegisterFn fn, void* registrar, char* error, std::size_t size) noexcept {
    try {
        fn(*static_cast<PluginRegistrar*>(registrar));
        return 0;
    } catch (const std::exception& e) {
        copy_message(e.what(), error, size);
    } catch (...) {
        copy_message("register function threw a non-standard exception", error, size);
    }
    return 1;
}

}  // namespace detail
COACHKIT_NAMESPACE_END

/// Defines the plugin's entry point. Use once per plugin library, at namespace scope.
#define COACHKIT_PLUGIN(PLUGIN_ID, PLUGIN_VERSION, REGISTER_FN)                                   \
    namespace {                                                                                   \
    int coachkit_plugin_register_thunk(void* registrar, char* error, std::size_t size) noexcept { \
        return ::coachkit::detail::call_register(REGISTER_FN, registrar, error, size);            \
    }                                                                                             \
    const coachkit_plugin_descriptor* coachkit_plugin_describe() {                                \
        static const coachkit_plugin_descriptor descriptor{sizeof(coachkit_plugin_descriptor),    \
                                                           COACHKIT_ABI_MAJOR,                    \
                                                           COACHKIT_ABI_MINOR,                    \
                                                           PLUGIN_ID,                             \
                                                           PLUGIN_VERSION,                        \
                                                           &coachkit_plugin_register_thunk};      \
        return &descriptor;                                                                       \
    }                                                                                             \
    }                                                                                             \
    BOOST_DLL_ALIAS(coachkit_plugin_describe, coachkit_plugin_entry)
