// Replaying the journal: each event is checked against the state so far (ids exist, stages belong
// to the cycle) and then applied. The workflow's rules are not checked again here: they held when
// the engine accepted the command, and a journal must replay the same after a plugin changes.
#include "coachkit/programme/state.hpp"

#include <algorithm>
#include <unordered_map>

#include "coachkit/json/document.hpp"
#include "coachkit/plugin/assessment_json.hpp"
#include "programme/erasure.hpp"
#include "programme/event_data.hpp"

COACHKIT_NAMESPACE_BEGIN

ReplayError::~ReplayError() = default;

struct ProgrammeState::Index {
    std::unordered_map<std::string, std::size_t> people;
    std::unordered_map<std::string, std::size_t> partnerships;
    std::unordered_map<std::string, std::size_t> agreements;  // by partnership id
    std::unordered_map<std::string, std::size_t> cycles;
    std::unordered_map<std::string, std::vector<std::size_t>> cycles_by_partnership;
    std::unordered_map<std::string, std::size_t> evidence_items;

    void rebuild(const ProgrammeState& s) {
        *this = Index{};
        for (std::size_t i = 0; i < s.people_.size(); ++i)
            people.emplace(s.people_[i].id, i);
        for (std::size_t i = 0; i < s.partnerships_.size(); ++i)
            partnerships.emplace(s.partnerships_[i].id, i);
        for (std::size_t i = 0; i < s.agreements_.size(); ++i)
            agreements.emplace(s.agreements_[i].partnership, i);
        for (std::size_t i = 0; i < s.cycles_.size(); ++i) {
            cycles.emplace(s.cycles_[i].id, i);
            cycles_by_partnership[s.cycles_[i].partnership].push_back(i);
        }
        for (std::size_t i = 0; i < s.evidence_items_.size(); ++i)
            evidence_items.emplace(s.evidence_items_[i].id, i);
    }
};

/// Applies one event to a state; every check comes before the first change.
class StateApplier {
public:
    StateApplier(ProgrammeState& state, const Event& event, std::string_view origin)
        : s_(state)
        , e_(event)
        , base_(pointer_append(
              "/events", static_cast<std::size_t>(event.sequence > 0 ? event.sequence - 1 : 0)))
        , origin_(origin)
        , data_(event.data, Origin{std::string(origin), pointer_append(base_, "data")}, problems_) {
    }

    void apply() {
        using namespace event_type;
        if (e_.sequence != s_.last_sequence_ + 1) {
            fail("/sequence", "event " + std::to_string(e_.sequence) + " follows event " +
                                  std::to_string(s_.last_sequence_) +
                                  ": the journal must be numbered 1, 2, 3… with no gaps");
        }
        if (!s_.initialised()) {
            if (e_.type != programme_created)
                fail("/type", "the first event must be 'programme.created', not '" + e_.type + "'");
        } else if (e_.programme != s_.id_) {
            fail("/programme", "event of programme '" + e_.programme + "' in the journal of '" +
                                   s_.id_ + "' (one journal holds one programme)");
        }
        const std::string& t = e_.type;
        if (t == programme_created)
            programme();
        else if (t == person_added)
            person();
        else if (t == partnership_formed)
            partnership();
        else if (t == agreement_drafted)
            agreement();
        else if (t == agreement_signed)
            signature();
        else if (t == performance_link_set)
            performance_link();
        else if (t == cycle_started)
            cycle_start();
        else if (t == stage_scheduled || t == stage_started || t == stage_completed)
            stage_change();
        else if (t == evidence_attached || t == note_recorded)
            stage_item();
        else if (t == evidence_added)
            evidence_item();
        else if (t == action_agreed)
            action();
        else if (t == assessment_recorded)
            assessment();
        else if (t == cycle_closed || t == cycle_abandoned)
            cycle_end();
        else if (t == consent_granted)
            consent_grant();
        else if (t == consent_withdrawn)
            consent_withdraw();
        else if (t == anonymity_set)
            anonymity();
        else if (t == record_erased)
            tombstone();
        else
            fail("/type", "unknown event type '" + t +
                              "' (written by a newer coachkit? this one is " +
                              COACHKIT_VERSION_STRING + ")");
        s_.last_sequence_ = e_.sequence;
    }

private:
    [[noreturn]] void fail(std::string_view suffix, std::string message) {
        problems_.push_back(
            {Severity::error, origin_, base_ + std::string(suffix), 0, 0,
             "event " + std::to_string(e_.sequence) + " (" + e_.type + "): " + std::move(message)});
        throw ReplayError(problems_);
    }
    void stop_on_problems() {
        if (has_errors(problems_))
            throw ReplayError(problems_);
    }

    void programme() {
        if (s_.initialised())
            fail("/type", "the programme was already created by event 1");
        const std::string name = data_.text("name", Required::yes);
        stop_on_problems();
        s_.id_ = e_.programme;
        s_.name_ = name;
        s_.created_at_ = e_.at;
    }

    void person() {
        Person p = read_person(data_);
        stop_on_problems();
        if (s_.person(p.id) != nullptr)
            fail("/data/id", "person '" + p.id + "' was already added");
        if (!p.line_manager.empty() && s_.person(p.line_manager) == nullptr)
            fail("/data/line_manager", "unknown line manager '" + p.line_manager + "'");
        s_.index_->people.emplace(p.id, s_.people_.size());
        s_.people_.push_back(std::move(p));
    }

    void partnership() {
        Partnership p = read_partnership(data_);
        stop_on_problems();
        if (p.id != e_.partnership)
            fail("/partnership",
                 "names '" + e_.partnership + "' but its data forms '" + p.id + "'");
        if (s_.partnership(p.id) != nullptr)
            fail("/data/id", "partnership '" + p.id + "' was already formed");
        for (std::size_t i = 0; i < p.members.size(); ++i) {
            if (s_.person(p.members[i].person) == nullptr) {
                fail(pointer_append(pointer_append("/data/members", i), "person"),
                     "unknown person '" + p.members[i].person + "'");
            }
        }
        s_.index_->partnerships.emplace(p.id, s_.partnerships_.size());
        s_.partnerships_.push_back(std::move(p));
    }

    const Partnership& known_partnership() {
        const Partnership* p = s_.partnership(e_.partnership);
        if (p == nullptr)
            fail("/partnership", "unknown partnership '" + e_.partnership + "'");
        return *p;
    }

    void agreement() {
        known_partnership();
        LearningAgreement a = read_agreement(data_);
        stop_on_problems();
        a.partnership = e_.partnership;
        // Consents that came from signing the old terms go with them.
        withdraw_consents([](const Consent& c) { return c.source == "agreement"; });
        // A redraft replaces the terms; every signature must be given again.
        const auto found = s_.index_->agreements.find(e_.partnership);
        if (found != s_.index_->agreements.end()) {
            s_.agreements_[found->second] = std::move(a);
        } else {
            s_.index_->agreements.emplace(e_.partnership, s_.agreements_.size());
            s_.agreements_.push_back(std::move(a));
        }
    }

    LearningAgreement& known_agreement() {
        known_partnership();
        const auto found = s_.index_->agreements.find(e_.partnership);
        if (found == s_.index_->agreements.end())
            fail("/partnership", "partnership '" + e_.partnership + "' has no agreement");
        return s_.agreements_[found->second];
    }

    void signature() {
        const std::string person = data_.text("person", Required::yes);
        stop_on_problems();
        LearningAgreement& a = known_agreement();
        if (!known_partnership().has_member(person))
            fail("/data/person", "'" + person + "' is not a member of '" + e_.partnership + "'");
        a.acknowledgements.push_back(Acknowledgement{person, e_.at});
        // A learner signing terms that share beyond the partnership is that learner's consent.
        const auto learners = known_partnership().learners();
        if (std::find(learners.begin(), learners.end(), person) == learners.end())
            return;
        if (a.confidentiality == Confidentiality::summary_to_coordinator)
            grant_from_agreement(person, ConsentKind::share_with_coordinator);
        if (a.performance_management_link)
            grant_from_agreement(person, ConsentKind::performance_management);
    }

    void grant_from_agreement(const std::string& owner, ConsentKind kind) {
        for (const auto& c : s_.consents_) {
            if (c.active() && c.owner == owner && c.scope.kind == kind &&
                c.scope.partnership == e_.partnership)
                return;
        }
        Consent c;
        c.id = "consent-" + std::to_string(s_.consents_.size() + 1);
        c.owner = owner;
        c.scope.kind = kind;
        c.scope.partnership = e_.partnership;
        c.source = "agreement";
        c.granted_at = e_.at;
        s_.consents_.push_back(std::move(c));
    }

    void performance_link() {
        const auto on = data_.boolean("on", Required::yes);
        stop_on_problems();
        known_agreement().performance_management_link = on.value_or(false);
        if (on.value_or(false)) {
            grant_from_agreement(e_.actor, ConsentKind::performance_management);
        } else {
            withdraw_consents([](const Consent& c) {
                return c.scope.kind == ConsentKind::performance_management;
            });
        }
    }

    /// Withdraws, as of this event, the active consents on its partnership that `voided` picks.
    template <typename Pick>
    void withdraw_consents(Pick voided) {
        for (auto& c : s_.consents_) {
            if (c.active() && c.scope.partnership == e_.partnership && voided(c)) {
                c.withdrawn_at = e_.at;
                c.withdrawn_by = e_.actor;
            }
        }
    }

    void cycle_start() {
        const Partnership& p = known_partnership();
        Cycle c;
        c.id = e_.cycle;
        c.partnership = p.id;
        c.number = data_.integer("number", Required::yes).value_or(0);
        c.learner = data_.text("learner", Required::yes);
        c.formal = data_.boolean("formal", Required::no).value_or(false);
        c.workflow = data_.text("workflow", Required::yes);
        c.workflow_version = data_.text("workflow_version", Required::no);
        for (auto& id : data_.string_list("stages", Required::yes)) {
            StageProgress stage;
            stage.id = std::move(id);
            c.stages.push_back(std::move(stage));
        }
        stop_on_problems();
        if (c.id.empty())
            fail("/cycle", "a cycle.started event must name its cycle");
        if (s_.cycle(c.id) != nullptr)
            fail("/cycle", "cycle '" + c.id + "' was already started");
        if (c.stages.empty())
            fail("/data/stages", "a cycle needs at least one stage");
        if (!p.has_member(c.learner))
            fail("/data/learner", "'" + c.learner + "' is not a member of '" + p.id + "'");
        c.started_at = e_.at;
        c.started_by = e_.actor;
        s_.index_->cycles.emplace(c.id, s_.cycles_.size());
        s_.index_->cycles_by_partnership[c.partnership].push_back(s_.cycles_.size());
        s_.cycles_.push_back(std::move(c));
    }

    Cycle& open_cycle() {
        const auto found = s_.index_->cycles.find(e_.cycle);
        if (found == s_.index_->cycles.end())
            fail("/cycle", "unknown cycle '" + e_.cycle + "'");
        Cycle& c = s_.cycles_[found->second];
        if (c.status != CycleStatus::open)
            fail("/cycle", "cycle '" + c.id + "' is " + std::string(to_string(c.status)));
        return c;
    }

    /// A cycle of any status: an assessment may be recorded after a cycle closed.
    Cycle& any_cycle() {
        const auto found = s_.index_->cycles.find(e_.cycle);
        if (found == s_.index_->cycles.end())
            fail("/cycle", "unknown cycle '" + e_.cycle + "'");
        return s_.cycles_[found->second];
    }

    void assessment() {
        RecordedAssessment recorded;
        recorded.rubric = data_.text("rubric", Required::yes);
        recorded.subject = data_.text("subject", Required::no);
        if (const auto* document = data_.object("assessment", Required::yes)) {
            Diagnostics read;
            recorded.result = assessment_from_json(*document, origin_, read);
            for (auto& d : read) {
                d.pointer = base_ + "/data/assessment" + d.pointer;
                problems_.push_back(std::move(d));
            }
        }
        recorded.by = e_.actor;
        recorded.at = e_.at;
        stop_on_problems();
        any_cycle().assessments.push_back(std::move(recorded));
    }

    StageProgress& stage_of(Cycle& c, const std::string& id) {
        for (auto& stage : c.stages) {
            if (stage.id == id)
                return stage;
        }
        fail("/data/stage", "cycle '" + c.id + "' has no stage '" + id + "'");
    }

    void stage_change() {
        using namespace event_type;
        const std::string id = data_.text("stage", Required::yes);
        std::string when;
        std::string record;
        std::string grade;
        if (e_.type == stage_scheduled) {
            when = data_.text("for", Required::yes);
            if (auto problem = utc_time_problem(when); !when.empty() && !problem.empty())
                data_.error("/for", problem);
        } else if (e_.type == stage_completed) {
            record = data_.text("record", Required::no);
            grade = data_.text("grade", Required::no);
        }
        stop_on_problems();
        Cycle& c = open_cycle();
        StageProgress& stage = stage_of(c, id);
        if (stage.status == StageStatus::completed)
            fail("/data/stage", "stage '" + id + "' is already complete");
        if (e_.type == stage_scheduled) {
            if (stage.status == StageStatus::started)
                fail("/data/stage", "stage '" + id + "' has already started");
            stage.status = StageStatus::scheduled;
            stage.scheduled_for = when;
            stage.scheduled_by = e_.actor;
        } else if (e_.type == stage_started) {
            if (stage.status == StageStatus::started)
                fail("/data/stage", "stage '" + id + "' has already started");
            stage.status = StageStatus::started;
            stage.started_at = e_.at;
        } else {
            if (stage.status != StageStatus::started)
                fail("/data/stage", "stage '" + id + "' completes before it started");
            stage.status = StageStatus::completed;
            stage.completed_at = e_.at;
            stage.completed_by = e_.actor;
            if (!record.empty()) {
                stage.record = std::move(record);
                stage.record_by = e_.actor;
            }
            stage.grade = std::move(grade);
        }
    }

    void stage_item() {
        const std::string id = data_.text("stage", Required::yes);
        EvidenceRef evidence;
        Note note;
        if (e_.type == event_type::evidence_attached) {
            evidence = read_evidence(data_);
            evidence.by = e_.actor;
            evidence.at = e_.at;
        } else {
            note = Note{data_.text("text", Required::yes), e_.actor, e_.at};
        }
        stop_on_problems();
        Cycle& c = open_cycle();
        StageProgress& stage = stage_of(c, id);
        if (stage.status != StageStatus::started && stage.status != StageStatus::completed)
            fail("/data/stage", "stage '" + id + "' has not started");
        if (e_.type == event_type::evidence_attached)
            stage.evidence.push_back(std::move(evidence));
        else
            stage.notes.push_back(std::move(note));
    }

    void evidence_item() {
        EvidenceItem item = read_evidence_item(data_, e_.data);
        stop_on_problems();
        if (s_.index_->evidence_items.count(item.id) != 0)
            fail("/data/id", "evidence item '" + item.id + "' was already added");
        Cycle& c = open_cycle();
        StageProgress& stage = stage_of(c, item.stage);
        if (stage.status != StageStatus::started && stage.status != StageStatus::completed)
            fail("/data/stage", "stage '" + item.stage + "' has not started");
        item.partnership = c.partnership;
        item.cycle = c.id;
        item.by = e_.actor;
        item.at = e_.at;
        stage.evidence.push_back(
            EvidenceRef{item.kind, item.id, item.summary, item.id, item.by, item.at});
        s_.index_->evidence_items.emplace(item.id, s_.evidence_items_.size());
        s_.evidence_items_.push_back(std::move(item));
    }

    void action() {
        AgreedAction a = read_action(data_);
        stop_on_problems();
        Cycle& c = open_cycle();
        a.by = e_.actor;
        a.at = e_.at;
        c.actions.push_back(std::move(a));
    }

    void cycle_end() {
        std::string reason;
        if (e_.type == event_type::cycle_abandoned)
            reason = data_.text("reason", Required::yes);
        stop_on_problems();
        Cycle& c = open_cycle();
        if (e_.type == event_type::cycle_closed) {
            if (!c.all_stages_completed())
                fail("/type", "cycle '" + c.id + "' closes with stages incomplete");
            c.status = CycleStatus::closed;
        } else {
            c.status = CycleStatus::abandoned;
            c.abandon_reason = std::move(reason);
        }
        c.ended_at = e_.at;
    }

    void consent_grant() {
        Consent c;
        c.id = data_.text("id", Required::yes);
        const std::string kind = data_.text("kind", Required::yes);
        c.scope.item = data_.text("item", Required::no);
        c.scope.viewer = data_.text("viewer", Required::no);
        c.scope.turns = data_.text("turns", Required::no);
        stop_on_problems();
        const auto parsed = parse_consent_kind(kind);
        if (!parsed)
            fail("/data/kind", "unknown consent '" + kind + "'");
        if (std::any_of(s_.consents_.begin(), s_.consents_.end(),
                        [&](const Consent& other) { return other.id == c.id; }))
            fail("/data/id", "consent '" + c.id + "' was already granted");
        if (!e_.partnership.empty())
            known_partnership();
        if (!c.scope.viewer.empty() && s_.person(c.scope.viewer) == nullptr)
            fail("/data/viewer", "unknown person '" + c.scope.viewer + "'");
        c.scope.kind = *parsed;
        c.scope.partnership = e_.partnership;
        c.owner = e_.actor;
        c.granted_at = e_.at;
        s_.consents_.push_back(std::move(c));
    }

    void consent_withdraw() {
        const std::string id = data_.text("consent", Required::yes);
        stop_on_problems();
        const auto found = std::find_if(s_.consents_.begin(), s_.consents_.end(),
                                        [&](const Consent& c) { return c.id == id; });
        if (found == s_.consents_.end())
            fail("/data/consent", "unknown consent '" + id + "'");
        if (!found->active())
            fail("/data/consent", "consent '" + id + "' was already withdrawn");
        found->withdrawn_at = e_.at;
        found->withdrawn_by = e_.actor;
    }

    void anonymity() {
        const auto k = data_.integer("k", Required::yes, kMinimumAnonymityK);
        stop_on_problems();
        s_.anonymity_k_ = k.value_or(kDefaultAnonymityK);
    }

    /// The tombstone. A journal already rewritten holds no content to remove; a reader that saw
    /// the content before (another process's engine) removes it here, the same way.
    void tombstone() {
        const std::string id = data_.text("record", Required::yes);
        stop_on_problems();
        const auto record = find_record(s_, id);
        if (!record || !erasable(record->kind))
            fail("/data/record", "no record '" + id + "' to erase");
        erase_live(*record);
        s_.erasures_.push_back(Erasure{id, e_.actor, e_.at, e_.sequence});
    }

    void erase_live(const RecordRef& record) {
        const auto position = [](const std::string& id) {
            return static_cast<std::size_t>(std::stoul(id.substr(id.rfind('/') + 1))) - 1;
        };
        if (record.kind == RecordKind::agreement) {
            erase_agreement_text(s_.agreements_[s_.index_->agreements.at(record.partnership)]);
            return;
        }
        Cycle& c = s_.cycles_[s_.index_->cycles.at(record.cycle)];
        const auto stage_named = [&](const std::string& id) -> StageProgress& {
            const auto slash = id.find('/');
            const auto end = id.find('/', slash + 1);
            const std::string stage = id.substr(slash + 1, end - slash - 1);
            return *std::find_if(c.stages.begin(), c.stages.end(),
                                 [&](const StageProgress& s) { return s.id == stage; });
        };
        const auto erase_stored = [&](const std::string& item_id) {
            erase_item(s_.evidence_items_[s_.index_->evidence_items.at(item_id)]);
        };
        switch (record.kind) {
            case RecordKind::cycle:
                erase_cycle_text(c);
                for (const auto& stage : c.stages) {
                    for (const auto& ref : stage.evidence) {
                        if (!ref.item.empty())
                            erase_stored(ref.item);
                    }
                }
                break;
            case RecordKind::stage_record:
                erase_stage_record(stage_named(record.id));
                break;
            case RecordKind::note:
                erase_note(stage_named(record.id).notes.at(position(record.id)));
                break;
            case RecordKind::action:
                erase_action(c.actions.at(position(record.id)));
                break;
            case RecordKind::assessment:
                erase_assessment(c.assessments.at(position(record.id)));
                break;
            case RecordKind::evidence:
            case RecordKind::video:
                if (!record.item.empty()) {
                    erase_stored(record.item);
                    for (auto& stage : c.stages) {
                        for (auto& ref : stage.evidence) {
                            if (ref.item == record.item)
                                erase_reference(ref);
                        }
                    }
                } else {
                    erase_reference(stage_named(record.id).evidence.at(position(record.id)));
                }
                break;
            default:
                break;
        }
    }

    ProgrammeState& s_;
    const Event& e_;
    std::string base_;
    std::string origin_;
    Diagnostics problems_;
    FieldReader data_;
};

ProgrammeState::ProgrammeState() : index_(std::make_unique<Index>()) {}
ProgrammeState::~ProgrammeState() = default;
ProgrammeState::ProgrammeState(ProgrammeState&&) noexcept = default;
ProgrammeState& ProgrammeState::operator=(ProgrammeState&&) noexcept = default;

ProgrammeState::ProgrammeState(const ProgrammeState& other)
    : id_(other.id_)
    , name_(other.name_)
    , created_at_(other.created_at_)
    , last_sequence_(other.last_sequence_)
    , people_(other.people_)
    , partnerships_(other.partnerships_)
    , agreements_(other.agreements_)
    , cycles_(other.cycles_)
    , evidence_items_(other.evidence_items_)
    , consents_(other.consents_)
    , erasures_(other.erasures_)
    , anonymity_k_(other.anonymity_k_)
    , index_(std::make_unique<Index>()) {
    index_->rebuild(*this);
}

ProgrammeState& ProgrammeState::operator=(const ProgrammeState& other) {
    if (this != &other) {
        ProgrammeState copy(other);
        *this = std::move(copy);
    }
    return *this;
}

void ProgrammeState::apply(const Event& event, std::string_view origin) {
    // Every handler makes all its checks before its first change, so a refused event leaves the
    // state as it was without the cost of applying to a copy.
    StateApplier(*this, event, origin).apply();
}

ProgrammeState ProgrammeState::replay(const std::vector<Event>& events, std::string_view origin) {
    ProgrammeState state;
    for (const auto& event : events)
        state.apply(event, origin);
    return state;
}

const Person* ProgrammeState::person(std::string_view id) const {
    const auto found = index_->people.find(std::string(id));
    return found == index_->people.end() ? nullptr : &people_[found->second];
}

const Partnership* ProgrammeState::partnership(std::string_view id) const {
    const auto found = index_->partnerships.find(std::string(id));
    return found == index_->partnerships.end() ? nullptr : &partnerships_[found->second];
}

const LearningAgreement* ProgrammeState::agreement(std::string_view partnership) const {
    const auto found = index_->agreements.find(std::string(partnership));
    return found == index_->agreements.end() ? nullptr : &agreements_[found->second];
}

const Cycle* ProgrammeState::cycle(std::string_view id) const {
    const auto found = index_->cycles.find(std::string(id));
    return found == index_->cycles.end() ? nullptr : &cycles_[found->second];
}

const EvidenceItem* ProgrammeState::evidence_item(std::string_view id) const {
    const auto found = index_->evidence_items.find(std::string(id));
    return found == index_->evidence_items.end() ? nullptr : &evidence_items_[found->second];
}

std::vector<const EvidenceItem*> ProgrammeState::evidence_of(std::string_view cycle) const {
    std::vector<const EvidenceItem*> out;
    for (const auto& item : evidence_items_) {
        if (item.cycle == cycle)
            out.push_back(&item);
    }
    return out;
}

std::vector<const Cycle*> ProgrammeState::cycles_of(std::string_view partnership) const {
    std::vector<const Cycle*> out;
    const auto found = index_->cycles_by_partnership.find(std::string(partnership));
    if (found != index_->cycles_by_partnership.end()) {
        for (const auto i : found->second)
            out.push_back(&cycles_[i]);
    }
    return out;
}

bool ProgrammeState::agreement_signed(std::string_view partnership_id) const {
    const Partnership* p = partnership(partnership_id);
    const LearningAgreement* a = agreement(partnership_id);
    if (p == nullptr || a == nullptr)
        return false;
    return std::all_of(p->members.begin(), p->members.end(), [&](const Member& m) {
        return std::any_of(a->acknowledgements.begin(), a->acknowledgements.end(),
                           [&](const Acknowledgement& ack) { return ack.person == m.person; });
    });
}

void ProgrammeState::reindex() {
    index_->rebuild(*this);
}

std::vector<const Consent*> ProgrammeState::active_consents() const {
    std::vector<const Consent*> out;
    for (const auto& c : consents_) {
        if (c.active())
            out.push_back(&c);
    }
    return out;
}

ConformanceInput ProgrammeState::conformance_input() const {
    return ConformanceInput{people_, partnerships_, agreements_};
}

COACHKIT_NAMESPACE_END
