// A corpus manifest (`coachkit.coaching-corpus/1`, docs/rubrics.md#a-corpus-manifest): the
// transcripts of a corpus with each one's speakers and, when people have judged it, its level.
// `coachkit analyse coaching --manifest` scores the files it lists and compares the levels.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"

COACHKIT_NAMESPACE_BEGIN

struct COACHKIT_API CorpusEntry {
    std::filesystem::path file;    ///< resolved against the manifest's folder
    boost::json::object speakers;  ///< name → role, the source's "speakers" option
    std::string level;             ///< the level people gave it; empty if none
};

/// Reads a manifest; problems go to `out` at their pointers, and what could be read is returned.
[[nodiscard]] COACHKIT_API std::vector<CorpusEntry> read_corpus_manifest(
    const std::filesystem::path& path, Diagnostics& out);

COACHKIT_NAMESPACE_END
