#include "coachkit/programme/summary.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

std::string agreement_status(const ProgrammeState& state, const Partnership& p) {
    const LearningAgreement* a = state.agreement(p.id);
    if (a == nullptr)
        return "none";
    if (state.agreement_signed(p.id))
        return "signed";
    return "drafted (" + std::to_string(a->acknowledgements.size()) + " of " +
           std::to_string(p.members.size()) + " signed)";
}

}  // namespace

ProgrammeSummary summarise(const ProgrammeState& state) {
    ProgrammeSummary summary;
    summary.id = state.id();
    summary.name = state.name();
    summary.people = state.people().size();
    summary.events = state.event_count();
    for (const auto& p : state.partnerships()) {
        PartnershipSummary row;
        row.id = p.id;
        row.mode = p.mode;
        row.workflow = p.workflow;
        row.members = p.members;
        row.agreement = agreement_status(state, p);
        if (const LearningAgreement* a = state.agreement(p.id))
            row.planned_cycles = a->planned_cycles;
        for (const Cycle* c : state.cycles_of(p.id)) {
            switch (c->status) {
                case CycleStatus::open: {
                    ++row.cycles_open;
                    const StageProgress* stage = c->current_stage();
                    row.current = c->id + (stage != nullptr ? " at " + stage->id
                                                            : std::string(" ready to close"));
                    break;
                }
                case CycleStatus::closed:
                    ++row.cycles_closed;
                    break;
                case CycleStatus::abandoned:
                    ++row.cycles_abandoned;
                    break;
            }
        }
        summary.partnerships.push_back(std::move(row));
    }
    summary.findings = check_conformance(state.conformance_input());
    return summary;
}

COACHKIT_NAMESPACE_END
