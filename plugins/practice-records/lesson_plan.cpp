// The lesson plan (coachkit.lesson-plan/1): title, date, class or group, objectives, the phases
// with their planned minutes, the coaching focus, and files by reference. Coach and coachee may
// plan the lesson together before it is taught (source: 002_4b16babbfb4ecaf5.txt); tagging each
// phase with the lesson-phase vocabulary of the running record lets planned minutes be set beside
// the time the observers recorded. A plan names a class, never pupils: it is classed as holding no
// personal data, and a 'pupils' field is refused. See docs/evidence-records.md#lesson-plan.
#include <coachkit/plugin/evidence_source.hpp>
#include <map>

#include "attachment.hpp"
#include "lesson_phase.hpp"
#include "practice_records.hpp"
#include "record_reading.hpp"

namespace coachkit::records {

namespace {

constexpr std::string_view family = "coachkit.lesson-plan";

constexpr std::string_view content_schema_text = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "lesson-plan content: coachkit.lesson-plan/1",
  "type": "object",
  "required": ["schema", "title", "objectives", "phases", "attachments"],
  "not": { "required": ["pupils"] },
  "properties": {
    "schema": { "const": "coachkit.lesson-plan/1" },
    "title": { "type": "string", "minLength": 1 },
    "date": { "type": "string", "format": "date" },
    "group": { "type": "string" },
    "subject": { "type": "string" },
    "duration_minutes": { "type": "number", "exclusiveMinimum": 0 },
    "objectives": { "type": "array", "items": { "type": "string" } },
    "phases": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["name", "minutes"],
        "properties": {
          "name": { "type": "string" },
          "kind": { "enum": ["teacher-talk", "whole-class-discussion", "group-work", "independent-work", "transition"] },
          "minutes": { "type": "number", "minimum": 0 },
          "activity": { "type": "string" }
        }
      }
    },
    "coaching_focus": { "type": "string" },
    "attachments": {
      "type": "array",
      "items": { "type": "object", "required": ["uri"], "properties": { "uri": { "type": "string" } } }
    }
  }
})json";

class LessonPlan final : public EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"json"}; }
    [[nodiscard]] PrivacyClass privacy() const override { return PrivacyClass::no_personal_data; }

    [[nodiscard]] std::vector<MetricInfo> measures() const override {
        return {
            {"objectives", "learning objectives", "count"},
            {"phases", "planned phases", "count"},
            {"planned_minutes", "the phases' planned minutes added up", "minutes"},
            {"planned_minutes.*",
             "planned minutes of each lesson phase kind (teacher-talk, group-work…), summed over "
             "the phases of that kind",
             "minutes"},
            {"attachments", "files referred to", "count"},
        };
    }

    [[nodiscard]] boost::json::object content_schema() const override {
        return schema_from_text(content_schema_text);
    }

    [[nodiscard]] EvidenceContent ingest(ByteSource& input, const IngestRequest& request,
                                         Diagnostics& out) const override {
        EvidenceContent result;
        result.format = request.format;
        Reporter report(request.origin, out);
        if (!check_format(request, formats(), report))
            return result;
        check_options(request, {}, report);
        const auto document = read_tagged_document(input, family, report);
        if (!document)
            return result;
        Fields fields(*document, "", report);
        if (document->contains("pupils")) {
            fields.error("pupils",
                         "a lesson plan names the class or group, not pupils (it is "
                         "stored as holding no personal data); record pupils in "
                         "pupil-work or pupil-voice");
        }
        boost::json::object content{{"schema", std::string(family) + "/1"}};
        if (const auto title = fields.text("title", Need::required))
            content["title"] = *title;
        if (const auto date = fields.date("date", Need::optional))
            content["date"] = *date;
        for (const std::string_view key : {"group", "subject"}) {
            if (const auto text = fields.text(key, Need::optional))
                content[key] = *text;
        }
        const auto duration = fields.number("duration_minutes", Need::optional, 0);
        if (duration && *duration <= 0)
            fields.error("duration_minutes", "'duration_minutes' must be above zero");
        else if (duration)
            content["duration_minutes"] = *duration;

        const auto objectives = fields.texts("objectives", Need::required);
        boost::json::array objectives_out;
        for (const auto& objective : objectives)
            objectives_out.emplace_back(objective);
        content["objectives"] = std::move(objectives_out);

        double planned = 0;
        std::map<std::string, double> by_kind;
        boost::json::array phases;
        fields.each_object("phases", Need::required, [&](Fields& entry, std::size_t) {
            const auto name = entry.text("name", Need::required);
            const auto minutes = entry.number("minutes", Need::required, 0);
            std::optional<std::string> kind;
            if (const auto written = entry.text("kind", Need::optional)) {
                kind = parse_lesson_phase(*written);
                if (!kind)
                    entry.error("kind", unknown_phase_message(*written));
            }
            const auto activity = entry.text("activity", Need::optional);
            if (!name || !minutes)
                return;
            planned += *minutes;
            boost::json::object phase{{"name", *name}};
            if (kind) {
                by_kind[*kind] += *minutes;
                phase["kind"] = *kind;
            }
            phase["minutes"] = *minutes;
            if (activity)
                phase["activity"] = *activity;
            entry.keep_unknown(phase, {"name", "kind", "minutes", "activity"});
            phases.emplace_back(std::move(phase));
        });
        if (duration && *duration > 0 && !phases.empty() && planned != *duration) {
            fields.warning("duration_minutes", "the phases add up to " + format_number(planned) +
                                                   " minutes, not the lesson's " +
                                                   format_number(*duration));
        }
        const std::size_t phase_count = phases.size();
        content["phases"] = std::move(phases);
        if (const auto focus = fields.text("coaching_focus", Need::optional))
            content["coaching_focus"] = *focus;
        auto attachments = read_attachments(fields, "attachments");
        const std::size_t attachment_count = attachments.size();
        content["attachments"] = std::move(attachments);
        fields.keep_unknown(content,
                            {"schema", "title", "date", "group", "subject", "duration_minutes",
                             "objectives", "phases", "coaching_focus", "attachments"});
        if (report.failed())
            return result;

        auto& metrics = result.metrics;
        metrics["objectives"] = count(objectives.size());
        metrics["phases"] = count(phase_count);
        metrics["planned_minutes"] = planned;
        for (const auto& [kind, minutes] : by_kind)
            metrics["planned_minutes." + kind] = minutes;
        metrics["attachments"] = count(attachment_count);
        if (request.keep_content)
            result.content = std::move(content);
        return result;
    }
};

}  // namespace

std::shared_ptr<Component> make_lesson_plan_source() {
    return std::make_shared<LessonPlan>();
}

}  // namespace coachkit::records
