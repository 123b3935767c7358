// The pupil-voice evidence source: its content and metrics (docs/evidence-records.md#pupil-voice).
#include "pupil_voice.hpp"

#include <coachkit/plugin/evidence_source.hpp>
#include <map>
#include <set>

#include "practice_records.hpp"

namespace coachkit::records {

namespace {

constexpr std::string_view content_schema_text = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "pupil-voice content: coachkit.pupil-voice/1",
  "type": "object",
  "required": ["schema", "questions", "responses", "themes", "attachments"],
  "properties": {
    "schema": { "const": "coachkit.pupil-voice/1" },
    "method": { "enum": ["survey", "interview", "focus-group"] },
    "date": { "type": "string", "format": "date" },
    "group": { "type": "string" },
    "questions": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "text"],
        "properties": { "id": { "type": "string" }, "text": { "type": "string" } }
      }
    },
    "responses": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["question", "text"],
        "properties": {
          "question": { "type": "string" },
          "pupil": { "type": "string" },
          "text": { "type": "string", "minLength": 1 },
          "themes": { "type": "array", "items": { "type": "string" } }
        }
      }
    },
    "themes": { "type": "array", "items": { "type": "string" } },
    "attachments": {
      "type": "array",
      "items": { "type": "object", "required": ["uri"], "properties": { "uri": { "type": "string" } } }
    }
  }
})json";

boost::json::object content_of(const PupilVoice& voice) {
    boost::json::object content{{"schema", std::string(pupil_voice_family) + "/1"}};
    if (voice.method)
        content["method"] = *voice.method;
    if (voice.date)
        content["date"] = *voice.date;
    if (voice.group)
        content["group"] = *voice.group;
    boost::json::array questions;
    for (const auto& question : voice.questions) {
        boost::json::object entry{{"id", question.id}, {"text", question.text}};
        for (const auto& [key, value] : question.extra)
            entry[key] = value;
        questions.emplace_back(std::move(entry));
    }
    content["questions"] = std::move(questions);
    boost::json::array responses;
    for (const auto& response : voice.responses) {
        boost::json::object entry{{"question", response.question}};
        if (response.pupil)
            entry["pupil"] = *response.pupil;
        entry["text"] = response.text;
        if (!response.themes.empty()) {
            boost::json::array themes;
            for (const auto& theme : response.themes)
                themes.emplace_back(theme);
            entry["themes"] = std::move(themes);
        }
        for (const auto& [key, value] : response.extra)
            entry[key] = value;
        responses.emplace_back(std::move(entry));
    }
    content["responses"] = std::move(responses);
    boost::json::array themes;
    for (const auto& theme : voice.themes)
        themes.emplace_back(theme);
    content["themes"] = std::move(themes);
    content["attachments"] = voice.attachments;
    for (const auto& [key, value] : voice.extra)
        content[key] = value;
    return content;
}

std::map<std::string, double> measure(const PupilVoice& voice) {
    std::map<std::string, double> metrics;
    metrics["questions"] = count(voice.questions.size());
    metrics["responses"] = count(voice.responses.size());
    if (!voice.questions.empty()) {
        metrics["responses_per_question"] =
            count(voice.responses.size()) / count(voice.questions.size());
    }
    for (const auto& question : voice.questions)
        metrics["responses." + question.id] = 0;
    for (const auto& theme : voice.themes)
        metrics["responses_by_theme." + theme] = 0;
    std::set<std::string> pupils;
    double anonymous = 0;
    for (const auto& response : voice.responses) {
        metrics["responses." + response.question] += 1;
        if (response.pupil)
            pupils.insert(*response.pupil);
        else
            anonymous += 1;
        for (const auto& theme : response.themes)
            metrics["responses_by_theme." + theme] += 1;
    }
    metrics["anonymous_responses"] = anonymous;
    metrics["pupils"] = count(pupils.size());
    metrics["themes"] = count(voice.themes.size());
    metrics["attachments"] = count(voice.attachments.size());
    return metrics;
}

class PupilVoiceSource final : public EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"json", "csv"}; }
    [[nodiscard]] PrivacyClass privacy() const override { return PrivacyClass::personal_data; }

    [[nodiscard]] std::vector<MetricInfo> measures() const override {
        return {
            {"questions", "questions asked", "count"},
            {"responses", "responses recorded (blank CSV responses are left out)", "count"},
            {"responses_per_question", "responses over questions", "count"},
            {"responses.*", "responses to each question (keyed by question id)", "count"},
            {"anonymous_responses", "responses without a pupil id", "count"},
            {"pupils", "distinct pupils named by responses", "count"},
            {"themes", "themes listed or named by responses", "count"},
            {"responses_by_theme.*", "responses tagged with each theme (keyed by theme)", "count"},
            {"attachments", "files referred to (the survey form, interview notes)", "count"},
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
        const bool csv = request.format == "csv";
        if (csv)
            check_options(request, {"method"}, report);
        else
            check_options(request, {}, report);
        const auto voice = csv ? read_pupil_voice_csv(input, request, report)
                               : read_pupil_voice_json(input, report);
        if (!voice || report.failed())
            return result;
        result.metrics = measure(*voice);
        for (const auto& question : voice->questions) {
            if (result.metrics["responses." + question.id] == 0) {
                report.warning(question.where, "question " + question.id + " ('" + question.text +
                                                   "') has no responses");
            }
        }
        if (request.keep_content)
            result.content = content_of(*voice);
        return result;
    }
};

}  // namespace

std::shared_ptr<Component> make_pupil_voice_source() {
    return std::make_shared<PupilVoiceSource>();
}

}  // namespace coachkit::records
