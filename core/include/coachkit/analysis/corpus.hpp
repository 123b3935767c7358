// Scoring a corpus: many transcripts read by an evidence source and scored by a rubric, in
// parallel on every core. Researchers reach it through `coachkit analyse coaching FILE...` and
// Python's coachkit.analysis.score_corpus (docs/rubrics.md#scoring-a-corpus).
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "coachkit/analysis/coaching_profile.hpp"
#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/plugin/evidence_source.hpp"
#include "coachkit/plugin/rubric.hpp"

COACHKIT_NAMESPACE_BEGIN

struct COACHKIT_API CorpusOptions {
    /// Threads to use; 0 means one per core (std::thread::hardware_concurrency).
    unsigned jobs = 0;
    /// The transcripts' format ("csv", "webvtt"…); empty: from each file's extension.
    std::string format;
    /// Options for the evidence source ("speakers", "coder": "heuristic"…).
    boost::json::object source_options;
    /// Keys added to every rubric input ("thresholds" for the levels rubric).
    boost::json::object rubric_input;
    /// Give NAME.codes.json, when it lies beside NAME.csv (or .vtt…), as the source's "codes".
    bool sidecars = true;
    /// Options for one file (its "speakers", from a corpus manifest), keyed by the path as given
    /// in `files`; they override source_options key by key.
    std::map<std::string, boost::json::object> file_options;
};

/// One transcript's result. A file that cannot be read or scored has ok false and its errors in
/// `diagnostics`; the others are scored all the same.
struct COACHKIT_API ScoredTranscript {
    std::string file;
    bool ok = false;
    Assessment assessment;
    std::vector<CodedTurn> turns;
    std::map<std::string, double> metrics;  ///< the evidence source's measures
    Diagnostics diagnostics;
};

/// The transcripts named by `paths`: files as given, folders searched (recursively) for .vtt,
/// .srt, .csv and .txt files, each folder's sorted by name. A path that does not exist is an
/// error in `out`.
[[nodiscard]] COACHKIT_API std::vector<std::filesystem::path> corpus_files(
    const std::vector<std::filesystem::path>& paths, Diagnostics& out);

/// The sidecar beside `transcript` (NAME.codes.json for NAME.csv), or empty if there is none.
[[nodiscard]] COACHKIT_API std::filesystem::path sidecar_for(
    const std::filesystem::path& transcript);

/// Reads each file with `source` and scores it with `rubric`, on `options.jobs` threads. Results
/// are in the order of `files`. Both components are called from several threads at once: the
/// built-in ones are stateless; a Python one is serialised by the GIL.
[[nodiscard]] COACHKIT_API std::vector<ScoredTranscript> score_corpus(
    const std::vector<std::filesystem::path>& files, const EvidenceSource& source,
    const Rubric& rubric, const CorpusOptions& options = {});

/// Scores one transcript already read as `content` (what score_corpus does per file after
/// reading), named `origin` in diagnostics.
[[nodiscard]] COACHKIT_API ScoredTranscript score_content(const boost::json::value& content,
                                                          const Rubric& rubric,
                                                          const boost::json::object& rubric_input,
                                                          std::string origin);

COACHKIT_NAMESPACE_END
