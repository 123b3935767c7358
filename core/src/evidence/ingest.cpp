#include "coachkit/evidence/ingest.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "coachkit/evidence/transcript.hpp"
#include "coachkit/json/document.hpp"
#include "plugin/plugin_call.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

std::string listed(const std::vector<std::string>& formats) {
    std::string text;
    for (const auto& f : formats)
        text += (text.empty() ? "" : ", ") + f;
    return text.empty() ? "none" : text;
}

/// The format a file's extension names, in the spelling evidence sources use: a transcript's by
/// the transcript readers' own rule, and JSON for record documents.
std::string format_for_extension(std::string_view origin) {
    if (const auto transcript = transcript_format_for_path(origin))
        return std::string(to_string(*transcript));
    std::string ext = std::filesystem::path(origin).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".text")
        return "text";
    if (ext == ".json")
        return "json";
    return {};
}

/// Counts what a source reads (the furthest point of any pass), for inputs whose size is not known
/// beforehand (a pipe).
class CountingSource final : public ByteSource {
public:
    explicit CountingSource(ByteSource& inner) : inner_(inner) {}
    ~CountingSource() override = default;
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t n = inner_.read(buffer, size);
        position_ += n;
        furthest_ = std::max(furthest_, position_);
        return n;
    }
    [[nodiscard]] bool rewind() override {
        position_ = 0;
        return inner_.rewind();
    }
    [[nodiscard]] std::optional<std::uint64_t> size() const override { return inner_.size(); }
    [[nodiscard]] const std::string& name() const override { return inner_.name(); }
    [[nodiscard]] std::uint64_t furthest() const { return furthest_; }

private:
    ByteSource& inner_;
    std::uint64_t position_ = 0;
    std::uint64_t furthest_ = 0;
};

[[noreturn]] void fail(std::string_view origin, std::string message) {
    throw InvalidDocumentError(
        {Diagnostic{Severity::error, std::string(origin), "", 0, 0, std::move(message)}});
}

}  // namespace

std::string choose_format(const EvidenceSource& source, std::string_view kind,
                          std::string_view format, std::string_view origin) {
    const auto formats = source.formats();
    auto reads = [&](std::string_view f) {
        return std::find(formats.begin(), formats.end(), f) != formats.end();
    };
    if (!format.empty()) {
        if (!reads(format))
            fail(origin, std::string(kind) + " does not read format '" + std::string(format) +
                             "' (it reads: " + listed(formats) + ")");
        return std::string(format);
    }
    if (formats.size() == 1)
        return formats.front();
    if (const auto guessed = format_for_extension(origin); !guessed.empty() && reads(guessed))
        return guessed;
    fail(origin, "cannot tell the format from the file name; give one of: " + listed(formats));
}

EvidenceReading read_evidence(Registry& registry, std::string_view kind, ByteSource& input,
                              IngestRequest request) {
    const auto descriptor = registry.find(ComponentKind::evidence_source, kind);
    if (!descriptor)
        throw NotFoundError("no plugin provides an evidence source '" + std::string(kind) +
                            "' (coachkit plugins list shows those there are)");
    EvidenceReading reading;
    reading.kind = std::string(kind);
    reading.plugin_id = descriptor->plugin_id;
    reading.plugin_version = descriptor->plugin_version;
    Diagnostics diagnostics;
    // A plugin that throws is reported as the plugin's failure, never as bad input; coachkit's
    // own errors (a file that cannot be read, say) pass through as they are.
    call_plugin(registry, *descriptor, "evidence source '" + std::string(kind) + "'", [&] {
        const auto source = registry.create<EvidenceSource>(kind);
        request.format = choose_format(*source, kind, request.format, request.origin);
        reading.privacy = source->privacy();
        CountingSource counted(input);
        reading.content = source->ingest(counted, request, diagnostics);
        reading.content.format = request.format;
        reading.bytes = input.size().value_or(counted.furthest());
    });
    // A source's arithmetic can overflow (a sum of long clips) and a Python source can return NaN;
    // neither is JSON, so it is the source's failure on this input, reported before anything is
    // stored.
    auto check_finite = [&](const boost::json::value& value, std::string_view part) {
        if (const auto where = find_non_finite_number(value, part)) {
            diagnostics.push_back({Severity::error, request.origin, *where, 0, 0,
                                   "evidence source '" + std::string(kind) +
                                       "' produced a number that is not finite (NaN or "
                                       "infinity); the input is out of its range"});
        }
    };
    check_finite(reading.content.content, "/content");
    check_finite(reading.content.details, "/details");
    for (const auto& [key, value] : reading.content.metrics) {
        if (!std::isfinite(value)) {
            diagnostics.push_back({Severity::error, request.origin, "/metrics", 0, 0,
                                   "evidence source '" + std::string(kind) + "' computed metric '" +
                                       key +
                                       "' as a number that is not finite (NaN or infinity); "
                                       "the input is out of its range"});
        }
    }
    if (has_errors(diagnostics))
        throw InvalidDocumentError(std::move(diagnostics));
    reading.warnings = std::move(diagnostics);
    return reading;
}

COACHKIT_NAMESPACE_END
