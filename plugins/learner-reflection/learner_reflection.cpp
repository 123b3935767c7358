// The learner's reflection: plain text the professional learner writes after a lesson or a cycle.
// Kept as paragraphs; measured by words, sentences, paragraphs and self-questions (sentences ending
// in '?', a sign of the learner questioning their own practice).
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/evidence_source.hpp>
#include <coachkit/text/utf8.hpp>

namespace {

using coachkit::Diagnostic;
using coachkit::Diagnostics;
using coachkit::Severity;

class LearnerReflection final : public coachkit::EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"text"}; }
    [[nodiscard]] coachkit::PrivacyClass privacy() const override {
        return coachkit::PrivacyClass::personal_data;
    }

    [[nodiscard]] std::vector<coachkit::MetricInfo> measures() const override {
        return {{"words", "words in the reflection", "count"},
                {"sentences", "sentences (ending in . ! or ?)", "count"},
                {"paragraphs", "paragraphs (separated by a blank line)", "count"},
                {"questions", "sentences ending in '?': the learner questioning their practice",
                 "count"}};
    }

    [[nodiscard]] coachkit::EvidenceContent ingest(coachkit::ByteSource& input,
                                                   const coachkit::IngestRequest& request,
                                                   Diagnostics& out) const override {
        coachkit::EvidenceContent result;
        result.format = request.format;
        auto error = [&](std::size_t line, std::size_t column, std::string message) {
            out.push_back(
                Diagnostic{Severity::error, request.origin, "", line, column, std::move(message)});
        };
        if (request.format != "text") {
            error(0, 0, "unsupported format '" + request.format + "' (this source reads: text)");
            return result;
        }
        // A reflection is a page or two; a bigger input is not one.
        constexpr std::size_t limit = std::size_t{4} << 20;
        const auto text = input.read_all(limit);
        if (!text) {
            error(0, 0, "the reflection is larger than 4 MiB; it is not a reflection");
            return result;
        }
        const std::string_view bytes = *text;
        if (const auto bad = coachkit::find_invalid_utf8(bytes)) {
            const std::string_view before = bytes.substr(0, *bad);
            const std::size_t line_start =
                before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
            error(static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1,
                  *bad - line_start + 1, "invalid UTF-8 at byte offset " + std::to_string(*bad));
            return result;
        }

        boost::json::array paragraphs;
        std::string paragraph;
        std::size_t words = 0, sentences = 0, questions = 0;
        bool in_word = false;
        auto close_paragraph = [&] {
            const auto end = paragraph.find_last_not_of(" \t\r\n");
            if (end != std::string::npos)
                paragraphs.emplace_back(paragraph.substr(0, end + 1));
            paragraph.clear();
        };
        std::size_t blank_run = 0;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const char c = bytes[i];
            const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
            if (!space && !in_word)
                ++words;
            in_word = !space;
            if (c == '.' || c == '!' || c == '?') {
                const bool end_of_sentence =
                    i + 1 == bytes.size() || std::isspace(static_cast<unsigned char>(bytes[i + 1]));
                if (end_of_sentence) {
                    ++sentences;
                    if (c == '?')
                        ++questions;
                }
            }
            if (c == '\n') {
                ++blank_run;
                if (blank_run >= 2)
                    close_paragraph();
            } else if (!space) {
                blank_run = 0;
            }
            // Line breaks inside a paragraph become spaces; a CR (Windows line ends) is dropped.
            if (c != '\r' && (c != '\n' || blank_run < 2))
                paragraph += (c == '\n' ? ' ' : c);
        }
        close_paragraph();
        if (words == 0) {
            error(0, 0, "the reflection is empty");
            return result;
        }
        result.content = boost::json::object{{"paragraphs", std::move(paragraphs)}};
        result.metrics = {
            {"words", static_cast<double>(words)},
            {"sentences", static_cast<double>(sentences)},
            {"paragraphs", static_cast<double>(result.content.at("paragraphs").as_array().size())},
            {"questions", static_cast<double>(questions)}};
        return result;
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<LearnerReflection>("learner-reflection");
}

}  // namespace

COACHKIT_PLUGIN("learner-reflection", "1.0.0", register_components)
