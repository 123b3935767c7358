// Assessments recorded against a cycle (`assessment.recorded`): a rubric's result kept in the
// journal like every other change, so it has history, an owner, a place in the privacy policy
// (`assessment:<cycle>/<n>`, docs/privacy.md) and can be erased. docs/rubrics.md#recording.
#include <boost/json.hpp>

#include "coachkit/json/document.hpp"
#include "coachkit/plugin/assessment_json.hpp"
#include "coachkit/plugin/rubric.hpp"
#include "programme/engine_impl.hpp"
#include "programme/event_data.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// The cycle (of any status: a conversation may be scored after the cycle closed), its
/// partnership checked to hold the actor, and the subject checked to be one of its items.
const Cycle& assessable_cycle(const Draft& d, const std::string& cycle,
                              const std::string& subject) {
    require_programme(d.state);
    const Cycle* c = d.state.cycle(cycle);
    if (c == nullptr)
        refuse("unknown-cycle", "no cycle '" + cycle + "' in the programme");
    require_member(known_partnership(d.state, c->partnership), d.actor, "record an assessment");
    if (!subject.empty()) {
        const EvidenceItem* item = d.state.evidence_item(subject);
        if (item == nullptr || item->cycle != cycle) {
            refuse("unknown-evidence",
                   "no evidence item '" + subject + "' in cycle '" + cycle + "'");
        }
    }
    return *c;
}

}  // namespace

CommandResult ProgrammeEngine::record_assessment(const std::string& cycle,
                                                 const std::string& subject,
                                                 const Assessment& assessment,
                                                 const CommandContext& ctx) {
    return impl_->run(ctx, [&](Draft& d) {
        const Cycle& c = assessable_cycle(d, cycle, subject);
        if (assessment.rubric.empty())
            refuse("invalid-input", "an assessment must name its rubric");
        boost::json::object document = assessment_to_json(assessment);
        if (const auto where = find_non_finite_number(document)) {
            refuse("invalid-input",
                   "the assessment holds a number JSON cannot write (NaN or an "
                   "infinity) at " +
                       *where);
        }
        boost::json::object data{{"rubric", assessment.rubric},
                                 {"assessment", std::move(document)}};
        put_if(data, "subject", subject);
        d.emit(event_type::assessment_recorded, c.partnership, cycle, std::move(data));
    });
}

CommandResult ProgrammeEngine::assess_evidence(const std::string& cycle, const std::string& item,
                                               const std::string& rubric,
                                               const boost::json::object& extra_input,
                                               const CommandContext& ctx) {
    // Checked first, so a refused request never runs the rubric.
    impl_->check(ctx, [&](Draft& d) { (void)assessable_cycle(d, cycle, item); });
    const EvidenceItem* evidence = state().evidence_item(item);
    auto component = impl_->registry.create<Rubric>(rubric);
    if (component->applies_to() != evidence->kind && component->applies_to() != "ratings") {
        refuse("invalid-input", "rubric '" + rubric + "' applies to " + component->applies_to() +
                                    ", not to a " + evidence->kind + " (evidence item " + item +
                                    ")");
    }
    boost::json::value input = evidence->content;
    if (auto* object = input.if_object()) {
        for (const auto& [key, value] : extra_input)
            (*object)[key] = value;
    }
    Diagnostics problems;
    Assessment result = component->evaluate(input, problems);
    if (has_errors(problems))
        throw InvalidDocumentError(std::move(problems));
    if (result.rubric.empty())
        result.rubric = rubric;
    CommandResult recorded = record_assessment(cycle, item, result, ctx);
    recorded.diagnostics.insert(recorded.diagnostics.begin(), problems.begin(), problems.end());
    return recorded;
}

COACHKIT_NAMESPACE_END
