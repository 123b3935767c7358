// A transcript kept whole as an evidence item's content, within limits: the store holds items,
// not corpora, and a researcher with a bigger transcript wants its metrics, which a stream gives.
#include "coachkit/evidence/talk_metrics.hpp"

COACHKIT_NAMESPACE_BEGIN

bool read_transcript_content(TranscriptFormat format, ByteSource& input, DiagnosticSink& sink,
                             std::vector<Utterance>& out, std::string_view instead,
                             const TranscriptContentLimits& limits) {
    const auto reader = make_transcript_reader(format, input, sink);
    std::size_t bytes = 0;
    Utterance utterance;
    while (reader->next(utterance)) {
        bytes += utterance.text.size() + utterance.speaker.size();
        if (out.size() >= limits.max_utterances || bytes > limits.max_text_bytes) {
            const std::string over =
                out.size() >= limits.max_utterances
                    ? "more than " + std::to_string(limits.max_utterances) + " utterances"
                    : "more than " + std::to_string(limits.max_text_bytes >> 20) + " MiB of text";
            sink.error(utterance.line, 1,
                       "the transcript is too large to store as an evidence item (" + over +
                           "); analyse it with " + std::string(instead) +
                           " instead, which reads a transcript of any size");
            break;
        }
        out.push_back(std::move(utterance));
        utterance = Utterance{};
    }
    sink.finish();
    return !sink.failed();
}

boost::json::object utterance_to_json(const Utterance& utterance, std::string_view role) {
    boost::json::object out{{"n", utterance.index + 1},
                            {"line", utterance.line},
                            {"speaker", utterance.speaker},
                            {"role", role},
                            {"text", utterance.text}};
    if (utterance.start)
        out["start"] = *utterance.start;
    if (utterance.end)
        out["end"] = *utterance.end;
    return out;
}

COACHKIT_NAMESPACE_END
