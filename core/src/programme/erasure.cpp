// Erasure's two halves (erasure.hpp): the journal rewrite and the live change. Text becomes
// kErasedText rather than empty, so every reader that requires a field still finds one and a
// person reading sees that something was there and was erased.
#include "programme/erasure.hpp"

#include <map>

#include "programme/event_data.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

const boost::json::string erased_text{std::string(kErasedText)};

void erase_field(boost::json::object& data, std::string_view key) {
    if (auto* value = data.if_contains(key);
        value != nullptr && value->is_string() && !value->as_string().empty())
        *value = erased_text;
}

void erase_text(std::string& text) {
    if (!text.empty())
        text = kErasedText;
}

/// An assessment's reasons, citations and figures go; the rubric, the level and the scores,
/// which say nothing of what was said, stay (as counts do for other records).
void erase_assessment_document(boost::json::object& document) {
    erase_field(document, "rationale");
    document["citations"] = boost::json::array{};
    document["details"] = boost::json::object{};
    if (auto* criteria = document.if_contains("criteria"); criteria && criteria->is_array()) {
        for (auto& c : criteria->as_array()) {
            if (c.is_object()) {
                erase_field(c.as_object(), "rationale");
                c.as_object()["citations"] = boost::json::array{};
            }
        }
    }
}

/// Erases the fields of one event's data that hold personal content; the structural facts (ids,
/// stage, kind, owner, dates, sizes) stay.
boost::json::object erased_data(const Event& e) {
    boost::json::object data = e.data;
    const std::string& t = e.type;
    if (t == event_type::note_recorded || t == event_type::action_agreed) {
        erase_field(data, "text");
    } else if (t == event_type::stage_completed) {
        erase_field(data, "record");
        erase_field(data, "grade");
    } else if (t == event_type::evidence_attached) {
        erase_field(data, "ref");
        erase_field(data, "summary");
    } else if (t == event_type::evidence_added) {
        data["content"] = nullptr;
        data["metrics"] = boost::json::object{};
        data.erase("details");
        data.erase("warnings");
        erase_field(data, "summary");
        erase_field(data, "origin");
    } else if (t == event_type::agreement_drafted) {
        if (auto* goals = data.if_contains("goals"); goals != nullptr && goals->is_array()) {
            for (auto& goal : goals->as_array()) {
                if (goal.is_object())
                    erase_field(goal.as_object(), "text");
            }
        }
        if (auto* rules = data.if_contains("ground_rules"); rules != nullptr && rules->is_array()) {
            for (auto& rule : rules->as_array())
                rule = erased_text;
        }
    } else if (t == event_type::cycle_abandoned) {
        erase_field(data, "reason");
    } else if (t == event_type::assessment_recorded) {
        if (auto* a = data.if_contains("assessment"); a != nullptr && a->is_object())
            erase_assessment_document(a->as_object());
    }
    return data;
}

std::string text_of(const Event& e, std::string_view key) {
    const auto* value = e.data.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

/// Walks the journal keeping the positions the record ids count (notes and evidence per stage,
/// actions per cycle), and picks the events that hold the record's content.
class ContentFinder {
public:
    explicit ContentFinder(const RecordRef& record) : record_(record) {}

    bool holds(const Event& e) {
        const std::string& t = e.type;
        if (record_.kind == RecordKind::agreement)
            return t == event_type::agreement_drafted && e.partnership == record_.partnership;
        if (e.cycle.empty() || e.cycle != record_.cycle)
            return false;
        const std::string prefix = "cycle:";
        const std::string stage = text_of(e, "stage");
        std::string id;
        if (t == event_type::note_recorded)
            id = "note:" + e.cycle + "/" + stage + "/" + count(notes_, stage);
        else if (t == event_type::action_agreed)
            id = "action:" + e.cycle + "/" + count(actions_, "");
        else if (t == event_type::assessment_recorded)
            id = "assessment:" + e.cycle + "/" + count(assessments_, "");
        else if (t == event_type::stage_completed)
            id = "stage-record:" + e.cycle + "/" + stage;
        else if (t == event_type::evidence_attached)
            id = "evidence:" + e.cycle + "/" + stage + "/" + count(evidence_, stage);
        else if (t == event_type::evidence_added) {
            count(evidence_, stage);
            id = "evidence:" + text_of(e, "id");
        } else if (t == event_type::cycle_abandoned)
            return record_.kind == RecordKind::cycle;
        else
            return false;
        return record_.kind == RecordKind::cycle || id == record_.id;
    }

private:
    static std::string count(std::map<std::string, int>& counts, const std::string& key) {
        return std::to_string(++counts[key]);
    }
    const RecordRef& record_;
    std::map<std::string, int> notes_;
    std::map<std::string, int> evidence_;
    std::map<std::string, int> actions_;
    std::map<std::string, int> assessments_;
};

}  // namespace

bool erasable(RecordKind kind) {
    return kind != RecordKind::person && kind != RecordKind::partnership;
}

std::vector<EventStore::DataRewrite> erasure_rewrites(const std::vector<Event>& journal,
                                                      const RecordRef& record) {
    std::vector<EventStore::DataRewrite> out;
    if (!erasable(record.kind))
        return out;
    ContentFinder finder(record);
    for (const auto& e : journal) {
        if (finder.holds(e)) {
            boost::json::object data = erased_data(e);
            if (data != e.data)
                out.push_back(EventStore::DataRewrite{e.sequence, std::move(data)});
        }
    }
    return out;
}

void erase_agreement_text(LearningAgreement& agreement) {
    for (auto& goal : agreement.goals)
        erase_text(goal.text);
    for (auto& rule : agreement.ground_rules)
        rule = kErasedText;
}

void erase_stage_record(StageProgress& stage) {
    erase_text(stage.record);
    erase_text(stage.grade);
}

void erase_note(Note& note) {
    erase_text(note.text);
}

void erase_action(AgreedAction& action) {
    erase_text(action.text);
}

void erase_assessment(RecordedAssessment& assessment) {
    erase_text(assessment.result.rationale);
    assessment.result.citations.clear();
    assessment.result.details.clear();
    for (auto& c : assessment.result.criteria) {
        erase_text(c.rationale);
        c.citations.clear();
    }
}

void erase_reference(EvidenceRef& reference) {
    if (reference.item.empty())
        erase_text(reference.ref);
    erase_text(reference.summary);
}

void erase_item(EvidenceItem& item) {
    item.content = nullptr;
    item.metrics.clear();
    item.details.clear();
    item.warnings.clear();
    erase_text(item.summary);
    erase_text(item.origin);
}

void erase_cycle_text(Cycle& cycle) {
    for (auto& stage : cycle.stages) {
        erase_stage_record(stage);
        for (auto& note : stage.notes)
            erase_note(note);
        for (auto& ref : stage.evidence)
            erase_reference(ref);
    }
    for (auto& action : cycle.actions)
        erase_action(action);
    for (auto& assessment : cycle.assessments)
        erase_assessment(assessment);
    erase_text(cycle.abandon_reason);
}

COACHKIT_NAMESPACE_END
