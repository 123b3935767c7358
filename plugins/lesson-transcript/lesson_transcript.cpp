// A lesson's transcript as evidence: who talked, how much, and how the teacher questioned. Reads
// WebVTT, SRT, CSV and plain `Speaker: text` lines through coachkit's transcript readers and
// computes the talk metrics of docs/evidence-metrics.md (the figures TeachFX and edu-convokit
// report: talk share, questions, wait time), for the lesson and each tenth of it.
//
// With keep_content the transcript is kept (up to 100 000 utterances or 32 MiB of text) as
// {"utterances": [...], "speakers": {name: role}}; without, it is streamed twice in bounded memory
// and only the metrics are returned, which is how `coachkit analyse lesson` reads any size.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <coachkit/evidence/talk_metrics.hpp>
#include <coachkit/json/document.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/evidence_source.hpp>

namespace {

using coachkit::Diagnostic;
using coachkit::Diagnostics;
using coachkit::MetricInfo;
using coachkit::Severity;

constexpr const char* role_enum = R"(["teacher", "pupil", "group", "other"])";

class LessonTranscript final : public coachkit::EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override {
        return {"webvtt", "srt", "csv", "text"};
    }
    [[nodiscard]] coachkit::PrivacyClass privacy() const override {
        return coachkit::PrivacyClass::personal_data;
    }

    [[nodiscard]] std::vector<MetricInfo> measures() const override {
        return {
            {"utterances", "utterances in the transcript", "count"},
            {"words", "words spoken", "count"},
            {"duration_seconds", "from the first timestamp to the last (timed transcripts)",
             "seconds"},
            {"utterances.*", "utterances by role (teacher, pupil, group, other)", "count"},
            {"words.*", "words by role", "count"},
            {"talk_share_words.*", "the role's share of all words", "fraction"},
            {"talk_seconds.*", "the role's talk time, end minus start (timed transcripts)",
             "seconds"},
            {"talk_share_time.*", "the role's share of all talk time (timed transcripts)",
             "fraction"},
            {"mean_utterance_words.*", "mean words per utterance of the role (when it spoke)",
             "words"},
            {"questions.*", "sentences ending in '?' by role", "count"},
            {"teacher_questions.open", "teacher questions judged open", "count"},
            {"teacher_questions.closed", "teacher questions judged closed", "count"},
            {"teacher_questions.open_share", "open teacher questions over all teacher questions",
             "fraction"},
            {"wait_time.count",
             "teacher utterances ending in a question and followed by a timed utterance (timed "
             "transcripts)",
             "count"},
            {"wait_time.mean_seconds", "mean wait time after a teacher question", "seconds"},
            {"wait_time.median_seconds", "median wait time (0.1 s bins)", "seconds"},
            {"wait_time.at_least_3s_share",
             "share of wait times of at least the threshold; the key carries the option "
             "wait_time_threshold (default 3 s)",
             "fraction"},
        };
    }

    [[nodiscard]] boost::json::object content_schema() const override {
        auto schema = boost::json::parse(R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "lesson-transcript content",
  "description": "The transcript's utterances in order, and the role each speaker was given.",
  "type": "object",
  "required": ["utterances", "speakers"],
  "properties": {
    "utterances": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["n", "line", "speaker", "role", "text"],
        "properties": {
          "n": {"description": "the utterance's number, from 1", "type": "integer", "minimum": 1},
          "line": {"description": "the line where it starts in the file", "type": "integer", "minimum": 1},
          "speaker": {"description": "as written; empty when none is named", "type": "string"},
          "role": {"enum": )" + std::string(role_enum) +
                                         R"(},
          "text": {"type": "string"},
          "start": {"description": "seconds from the transcript's zero", "type": "number", "minimum": 0},
          "end": {"type": "number", "minimum": 0}
        }
      }
    },
    "speakers": {
      "description": "each speaker's name → role",
      "type": "object",
      "additionalProperties": {"enum": )" +
                                         std::string(role_enum) + R"(}
    }
  }
})");
        return std::move(schema.as_object());
    }

    [[nodiscard]] coachkit::EvidenceContent ingest(coachkit::ByteSource& input,
                                                   const coachkit::IngestRequest& request,
                                                   Diagnostics& out) const override {
        coachkit::EvidenceContent result;
        result.format = request.format;
        auto error = [&](std::string pointer, std::string message) {
            out.push_back(Diagnostic{Severity::error, request.origin, std::move(pointer), 0, 0,
                                     std::move(message)});
        };
        const auto format = coachkit::parse_transcript_format(request.format);
        if (!format) {
            error("", "unsupported format '" + request.format +
                          "' (this source reads: webvtt, srt, csv, text)");
            return result;
        }
        auto roles = coachkit::SpeakerRoles::lesson();
        coachkit::LessonMetricsOptions options;
        const std::size_t problems_before = out.size();
        for (const auto& option : request.options) {
            const std::string at = coachkit::pointer_append("/options", option.key());
            if (option.key() == "speakers") {
                if (const auto* mapping = option.value().if_object())
                    roles.assign_all(*mapping, request.origin, at, out);
                else
                    error(at,
                          "'speakers' must be an object of speaker → role, such as "
                          "{\"Ms Khan\": \"teacher\"}");
            } else if (option.key() == "wait_time_threshold") {
                const auto& value = option.value();
                const double seconds = value.is_number() ? value.to_number<double>() : 0.0;
                if (!value.is_number() || !std::isfinite(seconds) || seconds <= 0)
                    error(at, "'wait_time_threshold' must be a number of seconds > 0, such as 3");
                else
                    options.wait_time_threshold = seconds;
            } else {
                out.push_back(Diagnostic{Severity::warning, request.origin, at, 0, 0,
                                         "unknown option '" + std::string(option.key()) +
                                             "' ignored (options: speakers, "
                                             "wait_time_threshold)"});
            }
        }
        // Bad options are the caller's mistake: say so before reading anything.
        if (std::any_of(out.begin() + static_cast<std::ptrdiff_t>(problems_before), out.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::error; }))
            return result;

        coachkit::DiagnosticSink sink(out, request.origin);
        if (!request.keep_content) {
            const auto metrics = coachkit::analyse_lesson(*format, input, roles, sink, options);
            sink.finish();
            result.metrics = metrics.metrics();
            result.details = metrics.details();
            return result;
        }
        std::vector<coachkit::Utterance> utterances;
        if (!coachkit::read_transcript_content(*format, input, sink, utterances,
                                               "`coachkit analyse lesson`"))
            return result;
        const auto metrics = coachkit::analyse_lesson(utterances, roles, sink, options);
        sink.finish();
        boost::json::array list;
        boost::json::object speakers;
        for (const auto& u : utterances) {
            const std::string role = roles.role_for(u.speaker);
            if (!u.speaker.empty())
                speakers[u.speaker] = role;
            list.push_back(coachkit::utterance_to_json(u, role));
        }
        result.content =
            boost::json::object{{"utterances", std::move(list)}, {"speakers", std::move(speakers)}};
        result.metrics = metrics.metrics();
        result.details = metrics.details();
        return result;
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<LessonTranscript>("lesson-transcript");
}

}  // namespace

COACHKIT_PLUGIN("lesson-transcript", "1.0.0", register_components)
