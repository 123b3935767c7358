// The entry point written by hand (COACHKIT_PLUGIN always uses the real ABI), with a descriptor
// claiming a different ABI major (as if built against an
// incompatible coachkit). The host must refuse the library without calling
// register_components, which would otherwise report that it was called.
#include <coachkit/plugin/entry_point.hpp>

namespace {

int register_components(void*, char* error, std::size_t size) noexcept {
    coachkit::detail::copy_message("the host called register_components despite the ABI check",
                                   error, size);
    return 1;
}

const coachkit_plugin_descriptor* describe() {
    static const coachkit_plugin_descriptor descriptor{sizeof(coachkit_plugin_descriptor),
                                                       COACHKIT_ABI_MAJOR + 1,
                                                       COACHKIT_ABI_MINOR,
                                                       "corpus-abi-major",
                                                       "1.0.0",
                                                       &register_components};
    return &descriptor;
}

}  // namespace

BOOST_DLL_ALIAS(describe, coachkit_plugin_entry)
