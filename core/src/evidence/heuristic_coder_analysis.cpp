// The heuristic coder over whole transcripts: streamed (one turn and the one before it held) or in
// memory, alone or filling the gaps people left in a coded transcript. Roles and diagnostics are
// exactly analyse_coaching's, so coding a transcript never changes what its reading reports.
#include "coachkit/evidence/heuristic_coder.hpp"
#include "evidence/role_resolver.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// The turn before, kept by value while a transcript streams past.
struct HeldTurn {
    bool present = false;
    std::string text;
    std::string role;
    TurnCodeSet codes;
    std::vector<CodeReason> reasons;  // the coder's, when it coded the turn

    [[nodiscard]] PreviousTurn view() const { return PreviousTurn{text, role, &codes, &reasons}; }
    void hold(const Utterance& turn, const std::string& turn_role, const TurnCodeSet& turn_codes,
              std::vector<CodeReason> turn_reasons = {}) {
        present = true;
        text = turn.text;
        role = turn_role;
        codes = turn_codes;
        reasons = std::move(turn_reasons);
    }
};

/// The codes of one turn: people's (CSV columns, sidecar) when they gave any, else the coder's.
CodedTurnResult final_codes(const HeuristicCoder& coder, TurnCodeCollector& collector,
                            const Utterance& turn, const std::string& role,
                            const HeldTurn& previous, bool& by_coder) {
    CodedTurnResult result;
    result.codes = collector.codes(turn);
    by_coder = result.codes.empty();
    if (!by_coder)
        return result;
    const PreviousTurn before = previous.view();
    return coder.code(turn.text, role, previous.present ? &before : nullptr);
}

}  // namespace

std::size_t code_transcript(TranscriptFormat format, ByteSource& input, const SpeakerRoles& roles,
                            const HeuristicCoder& coder, DiagnosticSink& sink,
                            const std::function<void(const Utterance&, const std::string& role,
                                                     const CodedTurnResult&)>& each) {
    RoleResolver resolver(roles, sink, "learner");
    HeldTurn previous;
    return read_transcript(format, input, sink, [&](const Utterance& turn) {
        const std::string& role = resolver.role(turn);
        const PreviousTurn before = previous.view();
        const CodedTurnResult result =
            coder.code(turn.text, role, previous.present ? &before : nullptr);
        each(turn, role, result);
        previous.hold(turn, role, result.codes, result.reasons);
    });
}

CoachingTalkMetrics analyse_coaching_with_coder(TranscriptFormat format, ByteSource& input,
                                                const SpeakerRoles& roles, const TurnCodes* sidecar,
                                                const HeuristicCoder& coder, Diagnostics& out,
                                                std::string_view origin,
                                                std::size_t* coded_by_coder) {
    CoachingTalkMetrics metrics;
    DiagnosticSink sink(out, origin.empty() ? input.name() : std::string(origin));
    RoleResolver resolver(roles, sink, "learner");
    TurnCodeCollector collector(sidecar, sink);
    HeldTurn previous;
    read_transcript(format, input, sink, [&](const Utterance& turn) {
        const std::string& role = resolver.role(turn);
        bool by_coder = false;
        CodedTurnResult coded = final_codes(coder, collector, turn, role, previous, by_coder);
        if (by_coder && coded_by_coder != nullptr)
            ++*coded_by_coder;
        metrics.add(turn, role, coded.codes);
        previous.hold(turn, role, coded.codes, std::move(coded.reasons));
    });
    sink.finish();
    if (sidecar != nullptr && !sink.failed())
        sidecar->check_turns(metrics.turns(), out);
    return metrics;
}

CoachingTalkMetrics analyse_coaching_with_coder(const std::vector<Utterance>& turns,
                                                const SpeakerRoles& roles, const TurnCodes* sidecar,
                                                const HeuristicCoder& coder,
                                                std::string_view origin, Diagnostics& out,
                                                std::vector<TurnCodeSet>* codes,
                                                std::vector<bool>* by_coder) {
    CoachingTalkMetrics metrics;
    DiagnosticSink sink(out, std::string(origin));
    RoleResolver resolver(roles, sink, "learner");
    TurnCodeCollector collector(sidecar, sink);
    HeldTurn previous;
    for (const auto& turn : turns) {
        const std::string& role = resolver.role(turn);
        bool coded_by_coder = false;
        CodedTurnResult coded = final_codes(coder, collector, turn, role, previous, coded_by_coder);
        metrics.add(turn, role, coded.codes);
        previous.hold(turn, role, coded.codes, std::move(coded.reasons));
        TurnCodeSet turn_codes = std::move(coded.codes);
        if (by_coder != nullptr)
            by_coder->push_back(coded_by_coder);
        if (codes != nullptr)
            codes->push_back(std::move(turn_codes));
    }
    sink.finish();
    if (sidecar != nullptr)
        sidecar->check_turns(metrics.turns(), out);
    return metrics;
}

COACHKIT_NAMESPACE_END
