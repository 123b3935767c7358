// Pupil voice written as JSON (coachkit.pupil-voice/1); see docs/evidence-records.md#pupil-voice.
#include <algorithm>
#include <map>
#include <set>

#include "attachment.hpp"
#include "pupil_voice.hpp"

namespace coachkit::records {

std::optional<std::string> parse_voice_method(std::string_view text) {
    std::string key;
    for (const char c : text) {
        if (c == ' ' || c == '_' || c == '-') {
            if (!key.empty() && key.back() != '-')
                key += '-';
        } else {
            key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    if (key == "survey" || key == "questionnaire")
        return "survey";
    if (key == "interview" || key == "interviews")
        return "interview";
    if (key == "focus-group" || key == "focus-groups")
        return "focus-group";
    return std::nullopt;
}

std::string unknown_method_message(std::string_view text) {
    return "unknown method '" + std::string(text) +
           "' (expected one of: survey, interview, focus-group)";
}

std::optional<PupilVoice> read_pupil_voice_json(ByteSource& input, Reporter& report) {
    const auto document = read_tagged_document(input, pupil_voice_family, report);
    if (!document)
        return std::nullopt;
    Fields fields(*document, "", report);
    PupilVoice voice;
    if (const auto method = fields.text("method", Need::required)) {
        voice.method = parse_voice_method(*method);
        if (!voice.method)
            fields.error("method", unknown_method_message(*method));
    }
    voice.date = fields.date("date", Need::optional);
    voice.group = fields.text("group", Need::optional);
    const auto themes = fields.texts("themes", Need::optional);
    const bool themes_listed = document->contains("themes");
    for (const auto& theme : themes) {
        if (std::find(voice.themes.begin(), voice.themes.end(), theme) == voice.themes.end())
            voice.themes.push_back(theme);
    }

    std::map<std::string, std::string> question_at;  // id -> pointer
    fields.each_object("questions", Need::required, [&](Fields& entry, std::size_t) {
        const auto id = entry.id("id", Need::required);
        const auto text = entry.text("text", Need::required);
        if (!id || !text)
            return;
        if (const auto [first, added] = question_at.emplace(*id, entry.pointer()); !added) {
            entry.error("id",
                        "duplicate question id '" + *id + "' (first at " + first->second + ")");
            return;
        }
        VoiceQuestion question{*id, *text, {}, Where::at_pointer(entry.pointer())};
        entry.keep_unknown(question.extra, {"id", "text"});
        voice.questions.push_back(std::move(question));
    });
    if (voice.questions.empty() && document->contains("questions") && !report.failed())
        fields.error("questions", "pupil voice needs at least one question");

    fields.each_object("responses", Need::required, [&](Fields& entry, std::size_t) {
        VoiceResponse response;
        const auto question = entry.id("question", Need::required);
        if (question && question_at.count(*question) == 0) {
            entry.error("question", "unknown question '" + *question + "' (not in 'questions')");
        }
        response.pupil = entry.id("pupil", Need::optional);
        const auto text = entry.text("text", Need::required);
        const auto named = entry.texts("themes", Need::optional);
        for (const auto& theme : named) {
            if (std::find(response.themes.begin(), response.themes.end(), theme) !=
                response.themes.end()) {
                continue;
            }
            if (themes_listed &&
                std::find(voice.themes.begin(), voice.themes.end(), theme) == voice.themes.end()) {
                entry.error("themes", "unknown theme '" + theme + "' (not in 'themes')");
                continue;
            }
            response.themes.push_back(theme);
            if (std::find(voice.themes.begin(), voice.themes.end(), theme) == voice.themes.end())
                voice.themes.push_back(theme);
        }
        entry.keep_unknown(response.extra, {"question", "pupil", "text", "themes"});
        if (!question || !text)
            return;
        response.question = *question;
        response.text = *text;
        voice.responses.push_back(std::move(response));
    });
    voice.attachments = read_attachments(fields, "attachments");
    fields.keep_unknown(voice.extra, {"schema", "method", "date", "group", "themes", "questions",
                                      "responses", "attachments"});
    return voice;
}

}  // namespace coachkit::records
