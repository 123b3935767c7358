// The evidence-source kind: turns what was collected in practice (a running record, a video's
// details, a transcript) into an evidence item: a validated record plus its measures.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// How sensitive an item of this kind is; the privacy policy uses it.
enum class PrivacyClass {
    no_personal_data,  ///< e.g. a lesson plan without names
    personal_data,     ///< about identifiable people (a reflection, a transcript)
    pupil_images,      ///< images or video of pupils (the most restricted)
};

[[nodiscard]] COACHKIT_API std::string_view to_string(PrivacyClass privacy);
[[nodiscard]] COACHKIT_API std::optional<PrivacyClass> parse_privacy_class(std::string_view text);

/// One measure a source computes. `id` may end in `.*` for a family keyed by what was found
/// ("phase_seconds.*": one per lesson phase).
struct COACHKIT_API MetricInfo {
    std::string id;
    std::string description;
    std::string unit;  ///< "seconds", "words", "count", "fraction"…
};

/// What to read and how.
struct COACHKIT_API IngestRequest {
    std::string format;           ///< one of the source's formats()
    std::string origin;           ///< what diagnostics call the input (a file name)
    boost::json::object options;  ///< source-specific ("speakers": {"Ms Khan": "teacher"}…)
    /// False when only the measures are wanted (`coachkit analyse`): a source may then skip
    /// building the content, which lets it read inputs of any size in bounded memory.
    bool keep_content = true;
};

/// What an evidence source makes of its input: structured content plus measures.
struct COACHKIT_API EvidenceContent {
    std::string format;          ///< the format it was read as
    boost::json::value content;  ///< the structured record
    std::map<std::string, double> metrics;
    /// Figures that are not single numbers (per tenth of a lesson, per observer pair); optional.
    boost::json::object details;
};

class COACHKIT_API EvidenceSource : public Component {
public:
    ~EvidenceSource() override;
    static constexpr ComponentKind component_kind = ComponentKind::evidence_source;
    [[nodiscard]] ComponentKind kind() const final { return component_kind; }
    /// Formats it reads ("text", "json", "webvtt"…).
    [[nodiscard]] virtual std::vector<std::string> formats() const = 0;
    [[nodiscard]] virtual PrivacyClass privacy() const = 0;
    /// The measures it computes. Default: none declared.
    [[nodiscard]] virtual std::vector<MetricInfo> measures() const;
    /// A JSON Schema for the content it stores. Default: an empty object (any JSON).
    [[nodiscard]] virtual boost::json::object content_schema() const;
    /// Reads `input`. Problems go to `out`, each naming request.origin and a line or pointer;
    /// when `out` holds an error afterwards the content must not be stored. A source that needs
    /// the whole input at once calls input.read_all(limit) and reports an input over its limit.
    [[nodiscard]] virtual EvidenceContent ingest(ByteSource& input, const IngestRequest& request,
                                                 Diagnostics& out) const = 0;
};

COACHKIT_NAMESPACE_END
