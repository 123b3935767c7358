// Pupil voice as a spreadsheet, as survey tools export it: one row per response with the columns
// question and response (required), pupil and themes (optional, ';' between themes). Each distinct
// question text becomes a question, numbered q1, q2… in order of first appearance. A blank
// response (a pupil who skipped the question) is left out with a warning.
#include <coachkit/evidence/csv_reader.hpp>
#include <map>

#include "pupil_voice.hpp"

namespace coachkit::records {

std::optional<PupilVoice> read_pupil_voice_csv(ByteSource& input, const IngestRequest& request,
                                               Reporter& report) {
    PupilVoice voice;
    if (const auto* method = request.options.if_contains("method")) {
        const auto* text = method->if_string();
        voice.method = text != nullptr ? parse_voice_method(*text) : std::nullopt;
        if (!voice.method) {
            report.error(Where{}, "option 'method': " +
                                      unknown_method_message(text != nullptr ? std::string(*text)
                                                                             : std::string("?")));
        }
    }

    BoundedByteSource bounded(input, max_document_bytes);
    DiagnosticSink sink(report.diagnostics(), report.origin());
    CsvReader csv(bounded, sink);
    if (sink.failed()) {
        sink.finish();
        return std::nullopt;
    }
    const auto question_column = csv.column("question");
    const auto response_column = csv.column("response");
    const auto pupil_column = csv.column("pupil");
    const auto themes_column = csv.column("themes");
    if (!question_column || !response_column) {
        report.error(Where::at_line(1),
                     std::string("missing column ") +
                         (!question_column && !response_column ? "'question', 'response'"
                          : !question_column                   ? "'question'"
                                                               : "'response'") +
                         " (pupil voice in CSV has the columns question, response and optionally "
                         "pupil, themes)");
        return std::nullopt;
    }
    const auto extra_columns =
        extra_csv_columns(csv, {question_column, response_column, pupil_column, themes_column});

    std::map<std::string, std::string> question_ids;  // question text -> id
    CsvRecord row;
    while (csv.next(row)) {
        const Where where = Where::at_line(row.line);
        auto cell = [&](std::optional<std::size_t> column) {
            return column ? trimmed(row.fields[*column]) : std::string();
        };
        const std::string question = cell(question_column);
        if (question.empty()) {
            report.error(where, "column 'question' is empty");
            continue;
        }
        VoiceResponse response;
        response.text = cell(response_column);
        if (const std::string pupil = cell(pupil_column); !pupil.empty()) {
            if (!is_record_id(pupil)) {
                report.error(where, "column 'pupil': invalid id '" + pupil +
                                        "' (expected a pseudonymous id of letters, digits, '-', "
                                        "'_' or '.')");
                continue;
            }
            response.pupil = pupil;
        }
        for (const std::string& theme : split_cell_list(cell(themes_column))) {
            if (std::find(response.themes.begin(), response.themes.end(), theme) ==
                response.themes.end()) {
                response.themes.push_back(theme);
            }
            if (std::find(voice.themes.begin(), voice.themes.end(), theme) == voice.themes.end())
                voice.themes.push_back(theme);
        }
        for (const auto& [column, name] : extra_columns) {
            if (const std::string value = cell(column); !value.empty())
                response.extra[name] = value;
        }
        const auto [known, added] =
            question_ids.emplace(question, "q" + std::to_string(voice.questions.size() + 1));
        if (added)
            voice.questions.push_back(VoiceQuestion{known->second, question, {}, where});
        if (response.text.empty()) {
            sink.warning("csv-blank-response", row.line, 1,
                         "column 'response' is empty: the response is left out");
            continue;
        }
        response.question = known->second;
        voice.responses.push_back(std::move(response));
    }
    sink.finish();
    if (bounded.exceeded()) {
        report_too_large(report);
        return std::nullopt;
    }
    if (sink.failed())
        return std::nullopt;
    if (voice.questions.empty() && !report.failed())
        report.error(Where{}, "no responses: the file has a header but no rows");
    return voice;
}

}  // namespace coachkit::records
