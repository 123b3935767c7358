// A hand-written entry point that returns no descriptor at all.
#include <coachkit/plugin/entry_point.hpp>

namespace {

const coachkit_plugin_descriptor* describe() {
    return nullptr;
}

}  // namespace

BOOST_DLL_ALIAS(describe, coachkit_plugin_entry)
