// The state as JSON: the shape `programme show --json` prints and an export's `state` carries.
#include "coachkit/plugin/assessment_json.hpp"
#include "coachkit/programme/state.hpp"
#include "programme/event_data.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

boost::json::object stage_json(const StageProgress& s) {
    boost::json::object out;
    out["id"] = s.id;
    out["status"] = to_string(s.status);
    put_if(out, "scheduled_for", s.scheduled_for);
    put_if(out, "scheduled_by", s.scheduled_by);
    put_if(out, "started_at", s.started_at);
    put_if(out, "completed_at", s.completed_at);
    put_if(out, "completed_by", s.completed_by);
    put_if(out, "record", s.record);
    put_if(out, "record_by", s.record_by);
    put_if(out, "grade", s.grade);
    boost::json::array evidence;
    for (const auto& e : s.evidence) {
        auto item = evidence_data(e);
        put_if(item, "item", e.item);
        item["by"] = e.by;
        item["at"] = e.at;
        evidence.push_back(std::move(item));
    }
    out["evidence"] = std::move(evidence);
    boost::json::array notes;
    for (const auto& n : s.notes)
        notes.push_back(boost::json::object{{"text", n.text}, {"by", n.by}, {"at", n.at}});
    out["notes"] = std::move(notes);
    return out;
}

boost::json::object cycle_json(const Cycle& c) {
    boost::json::object out;
    out["id"] = c.id;
    out["partnership"] = c.partnership;
    out["number"] = c.number;
    out["learner"] = c.learner;
    out["formal"] = c.formal;
    out["workflow"] = c.workflow;
    put_if(out, "workflow_version", c.workflow_version);
    out["status"] = to_string(c.status);
    out["started_at"] = c.started_at;
    out["started_by"] = c.started_by;
    put_if(out, "ended_at", c.ended_at);
    put_if(out, "abandon_reason", c.abandon_reason);
    boost::json::array stages;
    for (const auto& s : c.stages)
        stages.push_back(stage_json(s));
    out["stages"] = std::move(stages);
    boost::json::array actions;
    for (const auto& a : c.actions) {
        auto item = action_data(a);
        item["by"] = a.by;
        item["at"] = a.at;
        actions.push_back(std::move(item));
    }
    out["actions"] = std::move(actions);
    // Written only when there are some, so documents of programmes without them are unchanged.
    if (!c.assessments.empty()) {
        boost::json::array assessments;
        for (const auto& a : c.assessments) {
            boost::json::object item{{"rubric", a.rubric},
                                     {"assessment", assessment_to_json(a.result)},
                                     {"by", a.by},
                                     {"at", a.at}};
            put_if(item, "subject", a.subject);
            assessments.push_back(std::move(item));
        }
        out["assessments"] = std::move(assessments);
    }
    return out;
}

}  // namespace

boost::json::object to_json(const ProgrammeState& state) {
    boost::json::object out;
    out["id"] = state.id();
    out["name"] = state.name();
    out["created_at"] = state.created_at();
    out["events"] = state.last_sequence();
    boost::json::array people;
    for (const auto& p : state.people())
        people.push_back(person_data(p));
    out["people"] = std::move(people);
    boost::json::array partnerships;
    for (const auto& p : state.partnerships())
        partnerships.push_back(partnership_data(p));
    out["partnerships"] = std::move(partnerships);
    boost::json::array agreements;
    for (const auto& a : state.agreements()) {
        auto item = agreement_data(a);
        item["partnership"] = a.partnership;
        boost::json::array acks;
        for (const auto& ack : a.acknowledgements)
            acks.push_back(boost::json::object{{"person", ack.person}, {"at", ack.at}});
        item["acknowledgements"] = std::move(acks);
        item["signed"] = state.agreement_signed(a.partnership);
        agreements.push_back(std::move(item));
    }
    out["agreements"] = std::move(agreements);
    boost::json::array cycles;
    for (const auto& c : state.cycles())
        cycles.push_back(cycle_json(c));
    out["cycles"] = std::move(cycles);
    boost::json::array items;
    for (const auto& item : state.evidence_items())
        items.push_back(to_json(item));
    out["evidence_items"] = std::move(items);
    boost::json::array consents;
    for (const auto& c : state.consents()) {
        boost::json::object consent{{"id", c.id},
                                    {"kind", to_string(c.scope.kind)},
                                    {"owner", c.owner},
                                    {"source", c.source},
                                    {"granted_at", c.granted_at}};
        put_if(consent, "partnership", c.scope.partnership);
        put_if(consent, "item", c.scope.item);
        put_if(consent, "viewer", c.scope.viewer);
        put_if(consent, "turns", c.scope.turns);
        put_if(consent, "withdrawn_at", c.withdrawn_at);
        put_if(consent, "withdrawn_by", c.withdrawn_by);
        consents.push_back(std::move(consent));
    }
    out["consents"] = std::move(consents);
    boost::json::array erasures;
    for (const auto& e : state.erasures()) {
        erasures.push_back(boost::json::object{
            {"record", e.record}, {"by", e.by}, {"at", e.at}, {"sequence", e.sequence}});
    }
    out["erasures"] = std::move(erasures);
    out["anonymity_k"] = state.anonymity_k();
    return out;
}

boost::json::object to_json(const EvidenceItem& item) {
    auto out = evidence_item_data(item);
    out["partnership"] = item.partnership;
    out["cycle"] = item.cycle;
    out["by"] = item.by;
    out["at"] = item.at;
    return out;
}

COACHKIT_NAMESPACE_END
