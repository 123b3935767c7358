// THE privacy policy. The default cells are one table (kMatrix); consent opens specific cells for
// specific relations; the most open answer among a viewer's relations wins. docs/privacy.md prints
// the same table and a test reads it back from there, so the two cannot drift apart.
#include "coachkit/privacy/policy.hpp"

#include <algorithm>
#include <array>

#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

AccessDeniedError::AccessDeniedError(std::string rule, const std::string& message)
    : Error(rule + ": " + message), rule_(std::move(rule)) {}
AccessDeniedError::~AccessDeniedError() = default;

namespace {

constexpr Access A = Access::allow;
constexpr Access R = Access::redacted;
constexpr Access D = Access::deny;

// Rows: Relation in declaration order. Columns: RecordKind in declaration order
// (person, partnership, agreement, cycle, stage-record, note, action, evidence, video,
// assessment).
constexpr std::array<std::array<Access, 10>, 9> kMatrix{{
    /* owner        */ {A, A, A, A, A, A, A, A, A, A},
    /* partner      */ {A, A, A, A, A, A, A, A, A, A},
    /* observer     */ {A, A, A, A, A, A, A, A, D, A},
    /* coordinator  */ {A, A, R, R, D, D, D, D, D, D},
    /* leader       */ {A, R, D, D, D, D, D, D, D, D},
    /* line-manager */ {A, R, D, D, D, D, D, D, D, D},
    /* integration  */ {A, R, R, R, D, D, D, D, D, D},
    /* video-viewer */ {A, D, D, D, D, D, D, D, A, D},
    /* other        */ {A, D, D, D, D, D, D, D, D, D},
}};

/// What share-with-coordinator and performance-management open, for the relation they name.
Access opened_by_sharing(RecordKind kind) {
    switch (kind) {
        case RecordKind::partnership:
        case RecordKind::agreement:
        case RecordKind::cycle:
        case RecordKind::stage_record:
        case RecordKind::action:
            return A;
        case RecordKind::evidence:
            return R;  // what was gathered and its measures, not its content
        case RecordKind::assessment:
            return R;  // the rubric and the level, not the reasons or the turns cited
        case RecordKind::person:
            return A;
        case RecordKind::note:   // a conversation's working notes stay in the partnership
        case RecordKind::video:  // video needs its own consent (video-viewer)
            return D;
    }
    return D;
}

/// An active consent of `kind` given by an owner of `record` that covers it.
const Consent* consent_for(const ProgrammeState& state, ConsentKind kind, const RecordRef& record,
                           std::string_view viewer = {}) {
    for (const auto& c : state.consents()) {
        if (!c.active() || c.scope.kind != kind || !record.owned_by(c.owner))
            continue;
        if (!c.scope.partnership.empty() && c.scope.partnership != record.partnership)
            continue;
        if (!viewer.empty() && c.scope.viewer != viewer)
            continue;
        if (!c.scope.item.empty()) {
            const std::string_view id = std::string_view(record.id).substr(record.id.find(':') + 1);
            if (c.scope.item != record.item && c.scope.item != id)
                continue;
        }
        return &c;
    }
    return nullptr;
}

Decision answer_for(const ProgrammeState& state, Relation relation, const RecordRef& record) {
    Decision d{default_access(relation, record.kind), relation, false, {}};
    const std::string as = std::string(to_string(relation));
    d.reason = as + ": " + std::string(to_string(d.access)) + " by default";
    const auto open = [&](Access access, std::string why) {
        if (access > d.access) {
            d.access = access;
            d.reason = as + ": " + std::string(to_string(access)) + " by " + std::move(why);
        }
    };
    if (relation == Relation::coordinator &&
        consent_for(state, ConsentKind::share_with_coordinator, record) != nullptr)
        open(opened_by_sharing(record.kind), "the owner's consent to share with the co-ordinator");
    if (relation == Relation::line_manager &&
        consent_for(state, ConsentKind::performance_management, record) != nullptr)
        open(opened_by_sharing(record.kind),
             "the owner's consent to link to performance management");
    if ((relation == Relation::coordinator || relation == Relation::leader) &&
        record.kind == RecordKind::evidence && d.access == D &&
        consent_for(state, ConsentKind::training_excerpt, record) != nullptr) {
        d.access = R;
        d.anonymised = true;
        d.reason = as + ": an anonymised excerpt, by the owner's consent for training";
    }
    return d;
}

}  // namespace

std::string_view to_string(Access access) {
    switch (access) {
        case Access::deny:
            return "deny";
        case Access::redacted:
            return "redacted";
        case Access::allow:
            return "allow";
    }
    return "deny";
}

std::string_view to_string(RecordKind kind) {
    switch (kind) {
        case RecordKind::person:
            return "person";
        case RecordKind::partnership:
            return "partnership";
        case RecordKind::agreement:
            return "agreement";
        case RecordKind::cycle:
            return "cycle";
        case RecordKind::stage_record:
            return "stage-record";
        case RecordKind::note:
            return "note";
        case RecordKind::action:
            return "action";
        case RecordKind::evidence:
            return "evidence";
        case RecordKind::video:
            return "video";
        case RecordKind::assessment:
            return "assessment";
    }
    return "unknown";
}

const std::vector<RecordKind>& all_record_kinds() {
    static const std::vector<RecordKind> kinds{RecordKind::person,       RecordKind::partnership,
                                               RecordKind::agreement,    RecordKind::cycle,
                                               RecordKind::stage_record, RecordKind::note,
                                               RecordKind::action,       RecordKind::evidence,
                                               RecordKind::video,        RecordKind::assessment};
    return kinds;
}

std::optional<RecordKind> parse_record_kind(std::string_view text) {
    for (const RecordKind kind : all_record_kinds()) {
        if (to_string(kind) == text)
            return kind;
    }
    return std::nullopt;
}

std::string_view to_string(Relation relation) {
    switch (relation) {
        case Relation::owner:
            return "owner";
        case Relation::partner:
            return "partner";
        case Relation::observer:
            return "observer";
        case Relation::coordinator:
            return "coordinator";
        case Relation::leader:
            return "leader";
        case Relation::line_manager:
            return "line-manager";
        case Relation::integration:
            return "integration";
        case Relation::video_viewer:
            return "video-viewer";
        case Relation::other:
            return "other";
    }
    return "other";
}

const std::vector<Relation>& all_relations() {
    static const std::vector<Relation> relations{
        Relation::owner,       Relation::partner,      Relation::observer,
        Relation::coordinator, Relation::leader,       Relation::line_manager,
        Relation::integration, Relation::video_viewer, Relation::other};
    return relations;
}

Access default_access(Relation relation, RecordKind kind) {
    return kMatrix.at(static_cast<std::size_t>(relation)).at(static_cast<std::size_t>(kind));
}

std::vector<Relation> relations(const ProgrammeState& state, std::string_view viewer,
                                const RecordRef& record) {
    std::vector<Relation> out;
    const Person* person = state.person(viewer);
    if (person == nullptr)
        return out;
    if (record.owned_by(viewer))
        out.push_back(Relation::owner);
    if (const Partnership* p = state.partnership(record.partnership)) {
        for (const auto& m : p->members) {
            if (m.person == viewer && !record.owned_by(viewer))
                out.push_back(m.role == "observer" ? Relation::observer : Relation::partner);
        }
    }
    if (person->role == StaffRole::coaching_coordinator)
        out.push_back(Relation::coordinator);
    if (person->role == StaffRole::senior_leader)
        out.push_back(Relation::leader);
    if (person->role == StaffRole::integration)
        out.push_back(Relation::integration);
    for (const auto& owner : record.owners) {
        const Person* o = state.person(owner);
        if (o != nullptr && o->line_manager == viewer && owner != viewer) {
            out.push_back(Relation::line_manager);
            break;
        }
    }
    // Only a stored video can be opened to a viewer: a reference lives inside its cycle, which
    // the viewer does not see, so a view could not show it anyway.
    if (record.kind == RecordKind::video && !record.item.empty() &&
        consent_for(state, ConsentKind::video_viewer, record, viewer) != nullptr)
        out.push_back(Relation::video_viewer);
    if (out.empty())
        out.push_back(Relation::other);
    return out;
}

Decision decide(const ProgrammeState& state, std::string_view viewer, const RecordRef& record) {
    const auto rels = relations(state, viewer, record);
    if (rels.empty())
        return Decision{Access::deny, Relation::other, false,
                        "'" + std::string(viewer) + "' is not a person in the programme"};
    Decision best;
    bool first = true;
    for (const Relation r : rels) {
        Decision d = answer_for(state, r, record);
        // More open wins; between two redactions the identified one (fields withheld) wins over
        // the anonymised excerpt, which must never be joined to an identity.
        const bool better = first || d.access > best.access ||
                            (d.access == best.access && best.anonymised && !d.anonymised);
        if (better)
            best = std::move(d);
        first = false;
    }
    return best;
}

COACHKIT_NAMESPACE_END
