// Reading evidence with a named evidence source: the one path the engine, the CLI and Python use,
// so the format is chosen, a failing plugin is reported and errors are raised the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/plugin/evidence_source.hpp"
#include "coachkit/plugin/registry.hpp"

COACHKIT_NAMESPACE_BEGIN

/// What reading one input gave: the content, and who read it.
struct COACHKIT_API EvidenceReading {
    std::string kind;  ///< the evidence source's id
    std::string plugin_id;
    std::string plugin_version;
    PrivacyClass privacy = PrivacyClass::personal_data;
    std::uint64_t bytes = 0;  ///< the input's size (or, for a pipe, what the source read of it)
    EvidenceContent content;
    Diagnostics warnings;  ///< what the source reported short of an error
};

/// The format to read `origin` in: `format` when given (it must be one the source reads), else
/// the source's only format, else the one the file name's extension suggests (.vtt, .srt, .csv,
/// .txt, .json). Throws InvalidDocumentError saying which formats there are.
[[nodiscard]] COACHKIT_API std::string choose_format(const EvidenceSource& source,
                                                     std::string_view kind, std::string_view format,
                                                     std::string_view origin);

/// Reads `input` with the evidence source `kind`. request.format may be empty (choose_format).
/// Throws NotFoundError when no plugin provides `kind`, PluginError when the plugin fails (throws,
/// or cannot be loaded), and InvalidDocumentError carrying every diagnostic when the input has an
/// error.
[[nodiscard]] COACHKIT_API EvidenceReading read_evidence(Registry& registry, std::string_view kind,
                                                         ByteSource& input, IngestRequest request);

COACHKIT_NAMESPACE_END
