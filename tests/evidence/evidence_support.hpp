// Shared by the evidence tests: test data, the built-in evidence sources, and ingestion in one
// call.
#pragma once

#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace coachkit::testing {

/// tests/evidence/data/<name>.
[[nodiscard]] std::filesystem::path evidence_data(std::string_view name);
/// The file's bytes (the test fails if it cannot be read).
[[nodiscard]] std::string read_bytes(const std::filesystem::path& path);
/// A registry that has discovered the built-in plugins (no other plugin path).
[[nodiscard]] Registry& builtin_registry();
/// The built-in evidence source `id`.
[[nodiscard]] std::shared_ptr<EvidenceSource> builtin_source(std::string_view id);

/// What one ingestion produced.
struct Ingested {
    EvidenceContent content;
    Diagnostics diagnostics;
    [[nodiscard]] bool ok() const { return !has_errors(diagnostics); }
    /// Every diagnostic, one per line (for failure messages).
    [[nodiscard]] std::string text() const;
};

/// Ingests `bytes` with `source` in `format`, named `origin`.
[[nodiscard]] Ingested ingest_bytes(const EvidenceSource& source, std::string_view bytes,
                                    std::string format, std::string origin = "input",
                                    boost::json::object options = {}, bool keep_content = true);

}  // namespace coachkit::testing
