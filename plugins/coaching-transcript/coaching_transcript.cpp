// A coaching conversation's transcript as evidence: its turns, who spoke (coach, learner,
// observer), and the codes of the dimensions of coaching talk each turn carries (initiation,
// stimulus, scale, time, interaction function; source: 002_4b16babbfb4ecaf5.txt). Codes come from
// extra CSV columns named after the dimensions, or from the option "codes", a coachkit.turn-codes/1
// sidecar (docs/schemas/turn-codes.schema.json); with the option "coder": "heuristic", turns that
// neither gave codes get the heuristic coder's (docs/heuristic-coder.md). The content is what the
// levels-of-coaching-practice rubric scores; the metrics are those of docs/evidence-metrics.md.
#include <algorithm>
#include <boost/json.hpp>
#include <coachkit/evidence/coaching_codes.hpp>
#include <coachkit/evidence/heuristic_coder.hpp>
#include <coachkit/evidence/talk_metrics.hpp>
#include <coachkit/json/document.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/evidence_source.hpp>
#include <optional>

namespace {

using coachkit::Diagnostic;
using coachkit::Diagnostics;
using coachkit::MetricInfo;
using coachkit::Severity;

boost::json::array role_enum() {
    const auto roles = coachkit::SpeakerRoles::coaching();
    boost::json::array list;
    for (const auto& role : roles.roles())
        list.emplace_back(role);
    return list;
}

/// {dimension: {"type": "array", "items": {"enum": [values]}}} for every dimension.
boost::json::object codes_schema() {
    boost::json::object properties;
    for (const auto& dimension : coachkit::coaching_dimensions()) {
        boost::json::array values;
        for (const auto& value : dimension.values)
            values.emplace_back(value.id);
        properties[dimension.id] =
            boost::json::object{{"description", dimension.name + ": " + dimension.description},
                                {"type", "array"},
                                {"items", boost::json::object{{"enum", std::move(values)}}}};
    }
    return boost::json::object{
        {"description", "the turn's codes by dimension (source: " +
                            coachkit::coaching_dimensions().front().source + ")"},
        {"type", "object"},
        {"additionalProperties", false},
        {"properties", std::move(properties)}};
}

boost::json::object codes_to_json(const coachkit::TurnCodeSet& codes) {
    boost::json::object out;
    for (const auto& [dimension, values] : codes) {
        boost::json::array list;
        for (const auto& value : values)
            list.emplace_back(value);
        out[dimension] = std::move(list);
    }
    return out;
}

class CoachingTranscript final : public coachkit::EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override {
        return {"webvtt", "srt", "csv", "text"};
    }
    [[nodiscard]] coachkit::PrivacyClass privacy() const override {
        return coachkit::PrivacyClass::personal_data;
    }

    [[nodiscard]] std::vector<MetricInfo> measures() const override {
        return {
            {"turns", "turns in the conversation (a cue, a row or a line each)", "count"},
            {"words", "words spoken", "count"},
            {"duration_seconds", "from the first timestamp to the last (timed transcripts)",
             "seconds"},
            {"turns.*", "turns by role (coach, learner, observer, other)", "count"},
            {"words.*", "words by role", "count"},
            {"talk_share_words.*", "the role's share of all words", "fraction"},
            {"talk_seconds.*", "the role's talk time (timed transcripts)", "seconds"},
            {"talk_share_time.*", "the role's share of all talk time (timed transcripts)",
             "fraction"},
            {"mean_turn_words.*", "mean words per turn of the role (when it spoke)", "words"},
            {"questions.*", "sentences ending in '?' by role", "count"},
            {"coded_turns", "turns with at least one code", "count"},
            {"codes.*",
             "turns carrying each code, keyed codes.<dimension>.<value> (when any turn is coded)",
             "count"},
            {"coder_coded_turns",
             "turns the coder named by the option 'coder' coded, because neither CSV columns nor "
             "the sidecar did (only with that option)",
             "count"},
        };
    }

    [[nodiscard]] boost::json::object content_schema() const override {
        boost::json::object turn{
            {"type", "object"},
            {"required", boost::json::array{"n", "line", "speaker", "role", "text", "codes"}},
            {"properties", boost::json::object{
                               {"n",
                                {{"description", "the turn's number, from 1"},
                                 {"type", "integer"},
                                 {"minimum", 1}}},
                               {"line", {{"type", "integer"}, {"minimum", 1}}},
                               {"speaker", {{"type", "string"}}},
                               {"role", {{"enum", role_enum()}}},
                               {"text", {{"type", "string"}}},
                               {"start", {{"type", "number"}, {"minimum", 0}}},
                               {"end", {{"type", "number"}, {"minimum", 0}}},
                               {"codes", codes_schema()},
                               {"coded_by",
                                {{"description",
                                  "present when the turn's codes are a coder's "
                                  "(option 'coder'), not people's"},
                                 {"enum", boost::json::array{coachkit::HeuristicCoder::name}}}}}}};
        return boost::json::object{
            {"$schema", "https://json-schema.org/draft/2020-12/schema"},
            {"title", "coaching-transcript content"},
            {"description",
             "The conversation's turns in order with their roles and codes, and the role each "
             "speaker was given."},
            {"type", "object"},
            {"required", boost::json::array{"turns", "speakers"}},
            {"properties",
             boost::json::object{
                 {"turns", {{"type", "array"}, {"items", std::move(turn)}}},
                 {"speakers",
                  {{"type", "object"},
                   {"additionalProperties", boost::json::object{{"enum", role_enum()}}}}}}}};
    }

    [[nodiscard]] coachkit::EvidenceContent ingest(coachkit::ByteSource& input,
                                                   const coachkit::IngestRequest& request,
                                                   Diagnostics& out) const override {
        coachkit::EvidenceContent result;
        result.format = request.format;
        const auto format = coachkit::parse_transcript_format(request.format);
        if (!format) {
            out.push_back(Diagnostic{Severity::error, request.origin, "", 0, 0,
                                     "unsupported format '" + request.format +
                                         "' (this source reads: webvtt, srt, csv, text)"});
            return result;
        }
        auto roles = coachkit::SpeakerRoles::coaching();
        std::optional<coachkit::TurnCodes> sidecar;
        std::optional<coachkit::HeuristicCoder> coder;
        const std::size_t problems_before = out.size();
        for (const auto& option : request.options) {
            const std::string at = coachkit::pointer_append("/options", option.key());
            if (option.key() == "speakers") {
                if (const auto* mapping = option.value().if_object())
                    roles.assign_all(*mapping, request.origin, at, out);
                else
                    out.push_back(Diagnostic{Severity::error, request.origin, at, 0, 0,
                                             "'speakers' must be an object of speaker → role, "
                                             "such as {\"Ana\": \"coach\"}"});
            } else if (option.key() == "codes") {
                sidecar = coachkit::TurnCodes::read(option.value(), request.origin, at, out);
            } else if (option.key() == "coder") {
                coder = coder_named(option.value(), request.origin, at, out);
            } else {
                out.push_back(Diagnostic{Severity::warning, request.origin, at, 0, 0,
                                         "unknown option '" + std::string(option.key()) +
                                             "' ignored (options: speakers, codes, coder)"});
            }
        }
        // Bad options are the caller's mistake: say so before reading anything.
        if (std::any_of(out.begin() + static_cast<std::ptrdiff_t>(problems_before), out.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::error; }))
            return result;
        const coachkit::TurnCodes* codes = sidecar ? &*sidecar : nullptr;

        if (!request.keep_content) {
            std::size_t coded_by_coder = 0;
            const auto metrics =
                coder
                    ? coachkit::analyse_coaching_with_coder(*format, input, roles, codes, *coder,
                                                            out, request.origin, &coded_by_coder)
                    : coachkit::analyse_coaching(*format, input, roles, codes, out, request.origin);
            result.metrics = metrics.metrics();
            if (coder)
                result.metrics["coder_coded_turns"] = static_cast<double>(coded_by_coder);
            result.details = metrics.details();
            return result;
        }
        std::vector<coachkit::Utterance> turns;
        coachkit::DiagnosticSink sink(out, request.origin);
        if (!coachkit::read_transcript_content(*format, input, sink, turns,
                                               "coachkit's analyse_coaching()"))
            return result;
        std::vector<coachkit::TurnCodeSet> turn_codes;
        std::vector<bool> by_coder;
        const auto metrics =
            coder
                ? coachkit::analyse_coaching_with_coder(turns, roles, codes, *coder, request.origin,
                                                        out, &turn_codes, &by_coder)
                : coachkit::analyse_coaching(turns, roles, codes, request.origin, out, &turn_codes);
        boost::json::array list;
        boost::json::object speakers;
        for (std::size_t i = 0; i < turns.size(); ++i) {
            const auto& turn = turns[i];
            const std::string role = roles.role_for(turn.speaker);
            if (!turn.speaker.empty())
                speakers[turn.speaker] = role;
            auto entry = coachkit::utterance_to_json(turn, role);
            entry["codes"] = codes_to_json(turn_codes[i]);
            if (coder && by_coder[i])
                entry["coded_by"] = coachkit::HeuristicCoder::name;
            list.push_back(std::move(entry));
        }
        result.content =
            boost::json::object{{"turns", std::move(list)}, {"speakers", std::move(speakers)}};
        result.metrics = metrics.metrics();
        if (coder)
            result.metrics["coder_coded_turns"] =
                static_cast<double>(std::count(by_coder.begin(), by_coder.end(), true));
        result.details = metrics.details();
        return result;
    }

private:
    /// The coder the option "coder" names, or an error at its pointer.
    static std::optional<coachkit::HeuristicCoder> coder_named(const boost::json::value& value,
                                                               const std::string& origin,
                                                               const std::string& at,
                                                               Diagnostics& out) {
        const auto* name = value.if_string();
        if (name == nullptr) {
            out.push_back(Diagnostic{Severity::error, origin, at, 0, 0,
                                     "'coder' must be the name of a coder, such as \"heuristic\""});
            return std::nullopt;
        }
        if (*name != coachkit::HeuristicCoder::name) {
            out.push_back(Diagnostic{Severity::error, origin, at, 0, 0,
                                     "unknown coder '" + std::string(*name) +
                                         "' (coders: heuristic; docs/heuristic-coder.md)"});
            return std::nullopt;
        }
        return coachkit::HeuristicCoder();
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<CoachingTranscript>("coaching-transcript");
}

}  // namespace

COACHKIT_PLUGIN("coaching-transcript", "1.0.0", register_components)
