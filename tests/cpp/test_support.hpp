// Shared helpers for the C++ tests.
#pragma once

#include <filesystem>
#include <string>

#include "coachkit/diagnostics/diagnostic.hpp"

namespace coachkit::test {

inline std::filesystem::path data_path(const std::string& relative) {
    return std::filesystem::path(COACHKIT_TEST_DATA) / relative;
}

inline std::filesystem::path source_path(const std::string& relative) {
    return std::filesystem::path(COACHKIT_SOURCE_DIR) / relative;
}

/// All diagnostics as text, for failure messages.
inline std::string describe(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += d.to_string() + "\n";
    return out.empty() ? "(no diagnostics)" : out;
}

}  // namespace coachkit::test
