// Fuzz target: a built-in evidence source, through the registry and ingest, as the CLI uses it.
// Which source and format come from the environment (COACHKIT_FUZZ_SOURCE, e.g.
// "lesson-transcript", and COACHKIT_FUZZ_FORMAT, e.g. "webvtt"), so one binary serves every
// source; the ctest cases fuzz.source.<id>.<format> set them. Plugins are found in
// COACHKIT_FUZZ_PLUGIN_DIR (compiled in; the environment variable of that name overrides it).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_support.hpp"

namespace {

std::shared_ptr<coachkit::EvidenceSource> source;
std::string format;

std::string environment(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : (fallback != nullptr ? fallback : "");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    const std::string id = environment("COACHKIT_FUZZ_SOURCE", nullptr);
    format = environment("COACHKIT_FUZZ_FORMAT", nullptr);
    if (id.empty() || format.empty()) {
        std::fprintf(stderr,
                     "fuzz_evidence_source: set COACHKIT_FUZZ_SOURCE (a source id) and "
                     "COACHKIT_FUZZ_FORMAT (one of its formats)\n");
        std::exit(2);
    }
    static coachkit::Registry registry;
    registry.discover({environment("COACHKIT_FUZZ_PLUGIN_DIR", COACHKIT_FUZZ_PLUGIN_DIR)});
    try {
        source = registry.create<coachkit::EvidenceSource>(id);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_evidence_source: cannot create '%s': %s\n", id.c_str(),
                     e.what());
        std::exit(2);
    }
    const auto formats = source->formats();
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
        std::fprintf(stderr, "fuzz_evidence_source: '%s' does not read format '%s'\n", id.c_str(),
                     format.c_str());
        std::exit(2);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    coachkit::fuzz::ChunkedSource input(bytes, coachkit::fuzz::chunk_size_for(bytes), "fuzz");
    const coachkit::IngestRequest request{format, "fuzz", {}, true};
    coachkit::Diagnostics diagnostics;
    // An exception escaping ingest is a bug in the source: it aborts the run, input saved.
    const auto content = source->ingest(input, request, diagnostics);
    for (const auto& d : diagnostics) {
        coachkit::fuzz::check(d.file == "fuzz", "a diagnostic names its origin");
        coachkit::fuzz::check(!d.message.empty(), "a diagnostic says something");
    }
    (void)content;
    return 0;
}
