// Shared by the record-source tests (observation-record, video-recording, practice-records): a
// metric that must exist, and a diagnostic that must have been reported.
#pragma once

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>

#include "evidence_support.hpp"

namespace coachkit::testing {

/// The metric `name`; the test fails (and NaN is returned) if the source did not compute it.
inline double metric(const std::map<std::string, double>& metrics, const std::string& name) {
    const auto found = metrics.find(name);
    if (found == metrics.end()) {
        ADD_FAILURE() << "no metric '" << name << "'";
        return std::numeric_limits<double>::quiet_NaN();
    }
    return found->second;
}

/// Expects a diagnostic of `severity` at JSON pointer `pointer` whose message contains `text`.
inline void expect_diagnostic(const Ingested& result, Severity severity, std::string_view pointer,
                              std::string_view text) {
    for (const auto& d : result.diagnostics) {
        if (d.severity == severity && d.pointer == pointer &&
            d.message.find(text) != std::string::npos) {
            return;
        }
    }
    ADD_FAILURE() << "expected " << (severity == Severity::error ? "an error" : "a warning")
                  << " at '" << pointer << "' containing \"" << text << "\"; got:\n"
                  << result.text();
}

/// Expects a diagnostic of `severity` on line `line` whose message contains `text`.
inline void expect_line_diagnostic(const Ingested& result, Severity severity, std::size_t line,
                                   std::string_view text) {
    for (const auto& d : result.diagnostics) {
        if (d.severity == severity && d.line == line && d.message.find(text) != std::string::npos)
            return;
    }
    ADD_FAILURE() << "expected " << (severity == Severity::error ? "an error" : "a warning")
                  << " on line " << line << " containing \"" << text << "\"; got:\n"
                  << result.text();
}

}  // namespace coachkit::testing
