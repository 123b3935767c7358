#include "coachkit/diagnostics/diagnostic.hpp"

#include <algorithm>

COACHKIT_NAMESPACE_BEGIN

std::string Diagnostic::to_string() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line) + ':' + std::to_string(column);
    } else {
        // The root pointer is the empty string; show it as "/" so the place is never blank.
        out += ':' + (pointer.empty() ? std::string("/") : pointer);
    }
    out += ": ";
    if (severity == Severity::warning)
        out += "warning: ";
    out += message;
    return out;
}

bool has_errors(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

namespace {
std::string join_lines(const Diagnostics& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics) {
        if (!text.empty())
            text += '\n';
        text += d.to_string();
    }
    return text.empty() ? std::string("invalid document") : text;
}
}  // namespace

// Out-of-line destructors anchor the vtables and type_info in this library, so an exception thrown
// here is caught by type in a plugin or in the Python module.
Error::~Error() = default;
NotFoundError::~NotFoundError() = default;

InvalidDocumentError::InvalidDocumentError(Diagnostics diagnostics)
    : Error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}
InvalidDocumentError::~InvalidDocumentError() = default;

COACHKIT_NAMESPACE_END
