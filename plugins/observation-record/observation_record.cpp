// The observation running record: what one or more observers noted, with timings, while watching a
// lesson, and where each sat. In paired observation two observers sit apart to see the class from
// different sides and each keeps a timed running record (source: 004_e65dde9c8516a5b8.txt); the
// overlap metrics show how far their two records cover the same stretch of the lesson and agree.
// Formats: json (coachkit.running-record/1) and csv. See docs/evidence-records.md.
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/evidence_source.hpp>

#include "lesson_phase.hpp"
#include "running_record.hpp"

namespace {

using namespace coachkit::records;

constexpr double default_match_window = 60;

constexpr std::string_view content_schema_text = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "observation-record content: coachkit.running-record/1 with times in seconds",
  "type": "object",
  "required": ["schema", "observers", "notes"],
  "properties": {
    "schema": { "const": "coachkit.running-record/1" },
    "lesson": {
      "type": "object",
      "properties": {
        "starts": { "type": "number", "minimum": 0 },
        "ends": { "type": "number", "minimum": 0 },
        "focus": { "type": "string" }
      }
    },
    "observers": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id"],
        "properties": {
          "id": { "type": "string", "pattern": "^[A-Za-z0-9._-]+$" },
          "name": { "type": "string" },
          "position": { "type": "string" }
        }
      }
    },
    "notes": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["observer", "at", "text"],
        "properties": {
          "observer": { "type": "string" },
          "at": { "description": "seconds from the start of the timings", "type": "number", "minimum": 0 },
          "phase": { "enum": ["teacher-talk", "whole-class-discussion", "group-work", "independent-work", "transition"] },
          "focus_learners": { "type": "array", "items": { "type": "string" } },
          "text": { "type": "string", "minLength": 1 }
        }
      }
    }
  }
})json";

class ObservationRecord final : public coachkit::EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"json", "csv"}; }
    [[nodiscard]] coachkit::PrivacyClass privacy() const override {
        return coachkit::PrivacyClass::personal_data;
    }

    [[nodiscard]] std::vector<coachkit::MetricInfo> measures() const override {
        return {
            {"notes", "notes in the record, all observers together", "count"},
            {"observers", "observers listed", "count"},
            {"notes.*", "notes by each observer (keyed by observer id)", "count"},
            {"notes_per_focus.*", "notes naming each focus learner (keyed by learner id)", "count"},
            {"timed_seconds",
             "seconds of the lesson attributed to a phase (the sum of phase_seconds.*)", "seconds"},
            {"phase_seconds.*",
             "seconds in each lesson phase: from a note tagged with it until the next tagged note "
             "of any observer, the last until lesson.ends (or the last note), within the lesson",
             "seconds"},
            {"phase_share.*", "phase_seconds of the phase over timed_seconds", "fraction"},
            {"overlap.*.time",
             "for observers a~b (ids in byte order): length of the intersection of their recorded "
             "spans (first to last note) over the length of their union",
             "fraction"},
            {"overlap.*.matched_notes",
             "for observers a~b: share of their notes with a note by the other within "
             "match_window_seconds (default 60) that tags the same phase",
             "fraction"},
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
        if (request.format == "csv") {
            check_options(request,
                          {"match_window_seconds", "lesson_starts", "lesson_ends", "lesson_focus"},
                          report);
        } else {
            check_options(request, {"match_window_seconds"}, report);
        }
        const auto window =
            positive_number_option(request, "match_window_seconds", default_match_window, report);
        const auto record = request.format == "csv"
                                ? read_running_record_csv(input, request, report)
                                : read_running_record_json(input, report);
        if (!record || !window)
            return result;
        check_running_record(*record, report);
        if (report.failed())
            return result;
        auto measures = measure_running_record(*record, *window);
        result.metrics = std::move(measures.metrics);
        result.details = std::move(measures.details);
        if (request.keep_content)
            result.content = running_record_content(*record);
        return result;
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<ObservationRecord>("observation-record");
}

}  // namespace

COACHKIT_PLUGIN("observation-record", "1.0.0", register_components)
