// Corpus scoring on every core. Work is handed out one file at a time from an atomic counter, so
// a long transcript does not hold up a thread's share of short ones; each result has its own
// slot, so no lock is needed beyond the counter.
#include "coachkit/analysis/corpus.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/evidence/ingest.hpp"
#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

bool is_transcript_file(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".vtt" || ext == ".srt" || ext == ".csv" || ext == ".txt";
}

void add_error(Diagnostics& out, const std::string& file, std::string message) {
    out.push_back({Severity::error, file, "", 0, 0, std::move(message)});
}

bool has_error(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

ScoredTranscript score_file(const std::filesystem::path& file, const EvidenceSource& source,
                            const Rubric& rubric, const CorpusOptions& options) {
    ScoredTranscript result;
    result.file = file.string();
    try {
        IngestRequest request;
        request.origin = result.file;
        request.options = options.source_options;
        if (const auto own = options.file_options.find(result.file);
            own != options.file_options.end()) {
            for (const auto& [key, value] : own->second)
                request.options[key] = value;
        }
        if (options.sidecars && !request.options.contains("codes")) {
            if (const auto sidecar = sidecar_for(file); !sidecar.empty()) {
                auto codes = read_json_file(sidecar, result.diagnostics);
                if (!codes)
                    return result;
                request.options["codes"] = std::move(*codes);
            }
        }
        request.format = choose_format(source, "the evidence source", options.format, result.file);
        FileByteSource input(file);
        auto content = source.ingest(input, request, result.diagnostics);
        if (has_error(result.diagnostics))
            return result;
        auto scored = score_content(content.content, rubric, options.rubric_input, result.file);
        scored.metrics = std::move(content.metrics);
        scored.diagnostics.insert(scored.diagnostics.begin(), result.diagnostics.begin(),
                                  result.diagnostics.end());
        return scored;
    } catch (const InvalidDocumentError& e) {
        result.diagnostics.insert(result.diagnostics.end(), e.diagnostics().begin(),
                                  e.diagnostics().end());
    } catch (const std::exception& e) {
        // A plugin that throws fails this file only; the message names the file.
        add_error(result.diagnostics, result.file, e.what());
    }
    return result;
}

}  // namespace

std::filesystem::path sidecar_for(const std::filesystem::path& transcript) {
    auto sidecar = transcript;
    sidecar.replace_extension(".codes.json");
    std::error_code ignored;
    return std::filesystem::is_regular_file(sidecar, ignored) ? sidecar : std::filesystem::path{};
}

std::vector<std::filesystem::path> corpus_files(const std::vector<std::filesystem::path>& paths,
                                                Diagnostics& out) {
    std::vector<std::filesystem::path> files;
    for (const auto& path : paths) {
        std::error_code error;
        if (std::filesystem::is_directory(path, error)) {
            std::vector<std::filesystem::path> found;
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
                if (entry.is_regular_file() && is_transcript_file(entry.path()))
                    found.push_back(entry.path());
            }
            std::sort(found.begin(), found.end());
            if (found.empty())
                add_error(out, path.string(),
                          "no transcript (.vtt, .srt, .csv, .txt) in this folder");
            files.insert(files.end(), found.begin(), found.end());
        } else if (std::filesystem::is_regular_file(path, error)) {
            files.push_back(path);
        } else {
            add_error(out, path.string(), "no such file or folder");
        }
    }
    return files;
}

ScoredTranscript score_content(const boost::json::value& content, const Rubric& rubric,
                               const boost::json::object& rubric_input, std::string origin) {
    ScoredTranscript result;
    result.file = std::move(origin);
    result.turns = coded_turns_from_content(content, result.file, result.diagnostics);
    if (has_error(result.diagnostics))
        return result;
    Diagnostics problems;
    if (rubric_input.empty()) {
        result.assessment = rubric.evaluate(content, problems);
    } else {
        boost::json::value input = content;
        if (auto* object = input.if_object()) {
            for (const auto& [key, value] : rubric_input)
                (*object)[key] = value;
        }
        result.assessment = rubric.evaluate(input, problems);
    }
    // The rubric names its input "input": say which file it was.
    for (auto& d : problems) {
        if (d.file.empty() || d.file == "input")
            d.file = result.file;
        result.diagnostics.push_back(std::move(d));
    }
    result.ok = !has_error(result.diagnostics);
    return result;
}

std::vector<ScoredTranscript> score_corpus(const std::vector<std::filesystem::path>& files,
                                           const EvidenceSource& source, const Rubric& rubric,
                                           const CorpusOptions& options) {
    std::vector<ScoredTranscript> results(files.size());
    unsigned jobs = options.jobs != 0 ? options.jobs : std::thread::hardware_concurrency();
    jobs = std::max(1U, std::min<unsigned>(jobs, static_cast<unsigned>(files.size())));
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++)
            results[i] = score_file(files[i], source, rubric, options);
    };
    if (jobs <= 1) {
        work();
        return results;
    }
    std::vector<std::jthread> threads;
    threads.reserve(jobs);
    for (unsigned t = 0; t < jobs; ++t)
        threads.emplace_back(work);
    threads.clear();  // joins
    return results;
}

COACHKIT_NAMESPACE_END
