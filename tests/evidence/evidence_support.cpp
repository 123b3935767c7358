#include "evidence_support.hpp"

#include <fstream>
#include <sstream>

namespace coachkit::testing {

std::filesystem::path evidence_data(std::string_view name) {
    return std::filesystem::path(COACHKIT_EVIDENCE_DATA) / name;
}

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

Registry& builtin_registry() {
    static Registry registry;
    static const bool discovered = (registry.discover({COACHKIT_BUILTIN_PLUGIN_DIR}), true);
    (void)discovered;
    return registry;
}

std::shared_ptr<EvidenceSource> builtin_source(std::string_view id) {
    return builtin_registry().create<EvidenceSource>(id);
}

std::string Ingested::text() const {
    std::string all;
    for (const auto& d : diagnostics)
        all += d.to_string() + "\n";
    return all;
}

Ingested ingest_bytes(const EvidenceSource& source, std::string_view bytes, std::string format,
                      std::string origin, boost::json::object options, bool keep_content) {
    MemoryByteSource input(bytes, origin);
    IngestRequest request{std::move(format), std::move(origin), std::move(options), keep_content};
    Ingested result;
    result.content = source.ingest(input, request, result.diagnostics);
    return result;
}

}  // namespace coachkit::testing
