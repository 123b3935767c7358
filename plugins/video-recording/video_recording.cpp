// The video recording of a lesson, as metadata only: no video is opened or processed. Video of
// teaching counts as personal data, belongs to the teacher, and is seen by coach and coachee alone
// unless the teacher agrees otherwise; some pupils may have no permission to be filmed and are
// seated out of the camera's view (source: 002_4b16babbfb4ecaf5.txt). This source records the
// facts that rule needs (who recorded it, which pupils must not appear); the privacy layer
// enforces who may view it. Format: json (coachkit.video-recording/1). See
// docs/evidence-records.md.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/evidence_source.hpp>

#include "video_record.hpp"

namespace {

using namespace coachkit::records;

constexpr std::string_view content_schema_text = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "video-recording content: coachkit.video-recording/1 with times in seconds",
  "type": "object",
  "required": ["schema", "location", "duration", "recorded_at", "recorded_by",
               "pupils_not_filmed", "clips", "bookmarks"],
  "properties": {
    "schema": { "const": "coachkit.video-recording/1" },
    "location": { "type": "string", "minLength": 1 },
    "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
    "duration": { "type": "number", "exclusiveMinimum": 0 },
    "recorded_at": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$" },
    "recorded_by": { "type": "string" },
    "pupils_not_filmed": { "type": "array", "items": { "type": "string" }, "uniqueItems": true },
    "clips": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "start", "end"],
        "properties": {
          "id": { "type": "string" },
          "start": { "type": "number", "minimum": 0 },
          "end": { "type": "number", "minimum": 0 },
          "label": { "type": "string" }
        }
      }
    },
    "bookmarks": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["at", "tags", "critical_incident"],
        "properties": {
          "at": { "type": "number", "minimum": 0 },
          "tags": { "type": "array", "items": { "type": "string" } },
          "comment": { "type": "string" },
          "by": { "type": "string" },
          "critical_incident": { "type": "boolean" }
        }
      }
    }
  }
})json";

class VideoRecording final : public coachkit::EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"json"}; }
    [[nodiscard]] coachkit::PrivacyClass privacy() const override {
        return coachkit::PrivacyClass::pupil_images;
    }

    [[nodiscard]] std::vector<coachkit::MetricInfo> measures() const override {
        return {
            {"duration_seconds", "length of the recording", "seconds"},
            {"clips", "clips picked out", "count"},
            {"clip_seconds", "the clips' lengths added up (the time to play them all)", "seconds"},
            {"clip_coverage", "share of the recording inside at least one clip", "fraction"},
            {"bookmarks", "bookmarks", "count"},
            {"critical_incidents", "bookmarks marked as a critical incident", "count"},
            {"bookmarks.tag.*", "bookmarks carrying each tag (keyed by tag)", "count"},
            {"pupils_not_filmed", "pupils without permission to be filmed", "count"},
        };
    }

    [[nodiscard]] boost::json::object content_schema() const override {
        return schema_from_text(content_schema_text);
    }

    [[nodiscard]] coachkit::EvidenceContent ingest(coachkit::ByteSource& input,
                                                   const coachkit::IngestRequest& request,
                                                   coachkit::Diagnostics& out) const override {
        coachkit::EvidenceContent result;
        result.format = request.format;
        Reporter report(request.origin, out);
        if (!check_format(request, formats(), report))
            return result;
        check_options(request, {}, report);
        auto record = read_video_record(input, report);
        if (!record || report.failed())
            return result;
        result.metrics = measure_video_record(*record);
        if (request.keep_content)
            result.content = std::move(record->content);
        return result;
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<VideoRecording>("video-recording");
}

}  // namespace

COACHKIT_PLUGIN("video-recording", "1.0.0", register_components)
