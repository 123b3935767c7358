// A hand-written entry point whose descriptor claims to be only 12 bytes long (the three integers),
// as a broken or foreign build might. The host must not read past what the plugin says exists.
#include <coachkit/plugin/entry_point.hpp>

namespace {

int register_components(void*, char* error, std::size_t size) noexcept {
    coachkit::detail::copy_message("the host called register_components despite the size check",
                                   error, size);
    return 1;
}

const coachkit_plugin_descriptor* describe() {
    static const coachkit_plugin_descriptor descriptor{3 * sizeof(std::uint32_t),
                                                       COACHKIT_ABI_MAJOR,
                                                       COACHKIT_ABI_MINOR,
                                                       "corpus-descriptor-too-small",
                                                       "1.0.0",
                                                       &register_components};
    return &descriptor;
}

}  // namespace

BOOST_DLL_ALIAS(describe, coachkit_plugin_entry)
