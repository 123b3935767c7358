// Diagnostics: how coachkit says what is wrong with an input, and where.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

enum class Severity { error, warning };

/// One problem found in one input. A document problem names a JSON pointer (`/skills/3/modes`); a
/// syntax problem names a line and column (1-based). Both name the file (or origin) it came from.
struct COACHKIT_API Diagnostic {
    Severity severity = Severity::error;
    std::string file;
    std::string pointer;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;

    /// `FILE:POINTER: message`, `FILE:LINE:COLUMN: message`, prefixed `warning: ` for warnings.
    [[nodiscard]] std::string to_string() const;
};

/// The diagnostics collected while reading one input.
using Diagnostics = std::vector<Diagnostic>;

[[nodiscard]] COACHKIT_API bool has_errors(const Diagnostics& diagnostics);

/// The base of every exception coachkit throws on purpose.
class COACHKIT_API Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    ~Error() override;
};

/// A lookup by id that found nothing (an unknown mode, theme or skill).
class COACHKIT_API NotFoundError : public Error {
public:
    using Error::Error;
    ~NotFoundError() override;
};

/// A document (pack, manifest, export) that could not be accepted. what() lists every problem, one
/// per line; diagnostics() gives them structured.
class COACHKIT_API InvalidDocumentError : public Error {
public:
    explicit InvalidDocumentError(Diagnostics diagnostics);
    ~InvalidDocumentError() override;
    [[nodiscard]] const Diagnostics& diagnostics() const noexcept { return diagnostics_; }

private:
    Diagnostics diagnostics_;
};

COACHKIT_NAMESPACE_END
