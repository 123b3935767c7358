// Pupil work (coachkit.pupil-work/1): samples of what pupils produced for one task, each a file by
// reference with the teacher's annotation and the success criteria it meets. Pupils are named by
// pseudonymous ids only. See docs/evidence-records.md#pupil-work.
#include <algorithm>
#include <coachkit/plugin/evidence_source.hpp>
#include <map>
#include <set>

#include "attachment.hpp"
#include "practice_records.hpp"
#include "record_reading.hpp"

namespace coachkit::records {

namespace {

constexpr std::string_view family = "coachkit.pupil-work";

constexpr std::string_view content_schema_text = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "pupil-work content: coachkit.pupil-work/1",
  "type": "object",
  "required": ["schema", "task", "pupils", "success_criteria", "samples", "attachments"],
  "properties": {
    "schema": { "const": "coachkit.pupil-work/1" },
    "task": { "type": "string", "minLength": 1 },
    "date": { "type": "string", "format": "date" },
    "group": { "type": "string" },
    "pupils": { "type": "array", "items": { "type": "string" } },
    "success_criteria": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "text"],
        "properties": { "id": { "type": "string" }, "text": { "type": "string" } }
      }
    },
    "samples": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["attachment", "criteria_met"],
        "properties": {
          "pupil": { "type": "string" },
          "attachment": { "$ref": "#/$defs/attachment" },
          "annotation": { "type": "string" },
          "criteria_met": { "type": "array", "items": { "type": "string" } }
        }
      }
    },
    "attachments": { "type": "array", "items": { "$ref": "#/$defs/attachment" } }
  },
  "$defs": {
    "attachment": {
      "type": "object",
      "required": ["uri"],
      "properties": {
        "uri": { "type": "string", "minLength": 1 },
        "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
        "media_type": { "type": "string" },
        "description": { "type": "string" }
      }
    }
  }
})json";

boost::json::array to_array(const std::vector<std::string>& items) {
    boost::json::array out;
    for (const auto& item : items)
        out.emplace_back(item);
    return out;
}

class PupilWork final : public EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"json"}; }
    [[nodiscard]] PrivacyClass privacy() const override { return PrivacyClass::personal_data; }

    [[nodiscard]] std::vector<MetricInfo> measures() const override {
        return {
            {"samples", "samples of work", "count"},
            {"annotated_samples", "samples with the teacher's annotation", "count"},
            {"attachments", "files referred to: one per sample plus the record's own attachments",
             "count"},
            {"pupils", "distinct pupils: those listed and those samples name", "count"},
            {"success_criteria", "success criteria", "count"},
            {"criteria_met_share",
             "criteria met over criteria that could be met: the sum over samples of criteria_met, "
             "over samples times success_criteria (only when there are criteria)",
             "fraction"},
            {"criteria_met.*", "samples meeting each success criterion (keyed by criterion id)",
             "count"},
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
        boost::json::object content{{"schema", std::string(family) + "/1"}};
        if (const auto task = fields.text("task", Need::required))
            content["task"] = *task;
        if (const auto date = fields.date("date", Need::optional))
            content["date"] = *date;
        if (const auto group = fields.text("group", Need::optional))
            content["group"] = *group;

        const auto listed = fields.ids("pupils", Need::optional);
        std::set<std::string> pupils(listed.begin(), listed.end());
        const bool pupils_listed = document->contains("pupils");
        content["pupils"] = to_array(listed);

        std::vector<std::string> criteria;
        boost::json::array criteria_out;
        fields.each_object("success_criteria", Need::optional, [&](Fields& entry, std::size_t) {
            const auto id = entry.id("id", Need::required);
            const auto text = entry.text("text", Need::required);
            if (!id || !text)
                return;
            if (std::find(criteria.begin(), criteria.end(), *id) != criteria.end()) {
                entry.error("id", "duplicate success criterion '" + *id + "'");
                return;
            }
            criteria.push_back(*id);
            boost::json::object criterion{{"id", *id}, {"text", *text}};
            entry.keep_unknown(criterion, {"id", "text"});
            criteria_out.emplace_back(std::move(criterion));
        });
        content["success_criteria"] = std::move(criteria_out);

        std::map<std::string, double> met;
        for (const auto& criterion : criteria)
            met[criterion] = 0;
        std::size_t met_total = 0;
        std::size_t annotated = 0;
        boost::json::array samples;
        fields.each_object("samples", Need::required, [&](Fields& entry, std::size_t) {
            boost::json::object sample;
            if (const auto pupil = entry.id("pupil", Need::optional)) {
                if (pupils_listed && pupils.count(*pupil) == 0) {
                    entry.error("pupil", "pupil '" + *pupil + "' is not in 'pupils'");
                }
                pupils.insert(*pupil);
                sample["pupil"] = *pupil;
            }
            if (auto attachment = read_attachment(entry, "attachment", Need::required))
                sample["attachment"] = std::move(*attachment);
            if (const auto annotation = entry.text("annotation", Need::optional)) {
                sample["annotation"] = *annotation;
                ++annotated;
            }
            const auto claimed = entry.ids("criteria_met", Need::optional);
            std::set<std::string> meets;
            std::vector<std::string> meets_in_order;
            for (std::size_t i = 0; i < claimed.size(); ++i) {
                if (met.count(claimed[i]) == 0) {
                    entry.error("criteria_met", "unknown success criterion '" + claimed[i] +
                                                    "' (not in 'success_criteria')");
                    continue;
                }
                if (meets.insert(claimed[i]).second) {
                    meets_in_order.push_back(claimed[i]);
                    met[claimed[i]] += 1;
                    ++met_total;
                }
            }
            sample["criteria_met"] = to_array(meets_in_order);
            entry.keep_unknown(sample, {"pupil", "attachment", "annotation", "criteria_met"});
            samples.emplace_back(std::move(sample));
        });
        if (samples.empty() && document->contains("samples") && !report.failed())
            fields.error("samples", "pupil work needs at least one sample");
        const std::size_t sample_count = samples.size();
        content["samples"] = std::move(samples);
        auto attachments = read_attachments(fields, "attachments");
        const std::size_t attachment_count = sample_count + attachments.size();
        content["attachments"] = std::move(attachments);
        fields.keep_unknown(content, {"schema", "task", "date", "group", "pupils",
                                      "success_criteria", "samples", "attachments"});
        if (report.failed())
            return result;

        auto& metrics = result.metrics;
        metrics["samples"] = count(sample_count);
        metrics["annotated_samples"] = count(annotated);
        metrics["attachments"] = count(attachment_count);
        metrics["pupils"] = count(pupils.size());
        metrics["success_criteria"] = count(criteria.size());
        if (!criteria.empty() && sample_count > 0) {
            metrics["criteria_met_share"] =
                count(met_total) / (count(sample_count) * count(criteria.size()));
        }
        for (const auto& [criterion, samples_meeting] : met)
            metrics["criteria_met." + criterion] = samples_meeting;
        if (request.keep_content)
            result.content = std::move(content);
        return result;
    }
};

}  // namespace

std::shared_ptr<Component> make_pupil_work_source() {
    return std::make_shared<PupilWork>();
}

}  // namespace coachkit::records
