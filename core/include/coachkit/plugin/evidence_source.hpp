// The evidence-source kind: turns what was collected in practice into an evidence item.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// How sensitive an item of this kind is; the privacy policy uses it.
enum class PrivacyClass {
    no_personal_data,  ///< e.g. a lesson plan without names
    personal_data,     ///< about identifiable people (a reflection, a transcript)
    pupil_images,      ///< images or video of pupils (the most restricted)
};

[[nodiscard]] COACHKIT_API std::string_view to_string(PrivacyClass privacy);

/// What an evidence source makes of its input: structured content plus measures.
struct COACHKIT_API EvidenceContent {
    std::string format;          ///< the format it was read as
    boost::json::value content;  ///< the structured record
    std::map<std::string, double> metrics;
};

class COACHKIT_API EvidenceSource : public Component {
public:
    ~EvidenceSource() override;
    static constexpr ComponentKind component_kind = ComponentKind::evidence_source;
    [[nodiscard]] ComponentKind kind() const final { return component_kind; }
    /// Formats it reads ("text", "json", "webvtt"…).
    [[nodiscard]] virtual std::vector<std::string> formats() const = 0;
    [[nodiscard]] virtual PrivacyClass privacy() const = 0;
    /// Reads `bytes` (named `origin` in diagnostics) in `format`. Problems go to `out`; when `out`
    /// holds an error afterwards the returned content must not be stored.
    [[nodiscard]] virtual EvidenceContent ingest(std::string_view bytes, std::string_view format,
                                                 std::string_view origin,
                                                 Diagnostics& out) const = 0;
};

COACHKIT_NAMESPACE_END
