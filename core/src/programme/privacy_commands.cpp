// The engine's privacy commands (consent, k, erasure) and its audited reads (views, reports,
// journal export). docs/privacy.md describes the rules each one enforces.
#include <algorithm>

#include "programme/engine_impl.hpp"
#include "programme/erasure.hpp"
#include "programme/event_data.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

bool is_learner_of(const Partnership& p, std::string_view person) {
    const auto learners = p.learners();
    return std::find(learners.begin(), learners.end(), person) != learners.end();
}

/// The turns of a training excerpt: "FROM-TO", 1 ≤ FROM ≤ TO.
void require_turns(const std::string& turns) {
    if (!turns.empty() && !parse_turns(turns))
        refuse("invalid-input", "turns must be FROM-TO with 1 <= FROM <= TO, not '" + turns + "'");
}

/// Checks a consent's scope against the state and fills in its partnership.
ConsentScope checked_scope(const ProgrammeState& state, ConsentScope scope,
                           const std::string& owner) {
    if (!scope.item.empty()) {
        const EvidenceItem* item = state.evidence_item(scope.item);
        if (item == nullptr)
            refuse("unknown-evidence", "no evidence item '" + scope.item + "' in the programme");
        if (item->owner != owner)
            refuse("consent-owner", "'" + owner + "' does not own evidence item '" + item->id +
                                        "' (its owner, " + item->owner + ", gives consent for it)");
        if (!scope.partnership.empty() && scope.partnership != item->partnership)
            refuse("invalid-input", "evidence item '" + item->id + "' is not in partnership '" +
                                        scope.partnership + "'");
        scope.partnership = item->partnership;
        const bool video = item->privacy == "pupil-images";
        if (scope.kind == ConsentKind::video_viewer && !video)
            refuse("invalid-input", "'" + item->id + "' is not a video");
        if (scope.kind == ConsentKind::training_excerpt && video)
            refuse(
                "invalid-input",
                "video cannot be anonymised into a training excerpt; add a video viewer instead");
    }
    if (scope.kind == ConsentKind::training_excerpt && scope.item.empty())
        refuse("invalid-input", "a training excerpt names the evidence item it comes from");
    if (scope.kind != ConsentKind::training_excerpt && !scope.turns.empty())
        refuse("invalid-input", "only a training excerpt takes turns");
    require_turns(scope.turns);
    if (scope.partnership.empty())
        refuse("invalid-input", "say which partnership's records the consent opens");
    const Partnership& p = known_partnership(state, scope.partnership);
    if (!is_learner_of(p, owner))
        refuse("consent-owner", "only the learner whose records they are gives consent; '" + owner +
                                    "' is not a learner in '" + p.id + "'");
    if (scope.kind == ConsentKind::video_viewer) {
        if (scope.viewer.empty())
            refuse("invalid-input", "a video viewer consent names the viewer");
        if (state.person(scope.viewer) == nullptr)
            refuse("unknown-person", "no person '" + scope.viewer + "' in the programme");
    } else if (!scope.viewer.empty()) {
        refuse("invalid-input", "only a video viewer consent names a viewer");
    }
    return scope;
}

bool same_scope(const ConsentScope& a, const ConsentScope& b) {
    return a.kind == b.kind && a.partnership == b.partnership && a.item == b.item &&
           a.viewer == b.viewer && a.turns == b.turns;
}

AuditEntry entry(std::string at, std::string actor, std::string action, std::string record,
                 std::string via) {
    AuditEntry e;
    e.at = at.empty() ? utc_now() : std::move(at);
    e.actor = std::move(actor);
    e.action = std::move(action);
    e.record = std::move(record);
    e.via = std::move(via);
    return e;
}

boost::json::object scope_json(const ConsentScope& scope) {
    boost::json::object out{{"kind", to_string(scope.kind)}};
    put_if(out, "partnership", scope.partnership);
    put_if(out, "item", scope.item);
    put_if(out, "viewer", scope.viewer);
    put_if(out, "turns", scope.turns);
    return out;
}

}  // namespace

CommandResult ProgrammeEngine::grant_consent(const ConsentScope& requested,
                                             const CommandContext& ctx) {
    std::string id;
    ConsentScope granted;
    auto result = impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        granted = checked_scope(d.state, requested, d.actor);
        for (const Consent* c : d.state.active_consents()) {
            if (c->owner == d.actor && same_scope(c->scope, granted))
                refuse("consent-exists", "the same consent already holds (" + c->id + ")");
        }
        id = "consent-" + std::to_string(d.state.consents().size() + 1);
        boost::json::object data = scope_json(granted);
        data.erase("partnership");  // the event names it
        data["id"] = id;
        d.emit(event_type::consent_granted, granted.partnership, "", std::move(data));
    });
    AuditEntry e = entry(result.events.at(0).at, ctx.actor, "consent.granted",
                         "partnership:" + granted.partnership, "engine");
    e.detail = scope_json(granted);
    e.detail["consent"] = id;
    impl_->store.audit().append({std::move(e)});
    return result;
}

CommandResult ProgrammeEngine::withdraw_consent(const std::string& consent,
                                                const CommandContext& ctx) {
    ConsentScope scope;
    auto result = impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const auto& all = d.state.consents();
        const auto found =
            std::find_if(all.begin(), all.end(), [&](const Consent& c) { return c.id == consent; });
        if (found == all.end())
            refuse("unknown-consent", "no consent '" + consent + "' in the programme");
        if (found->owner != d.actor)
            refuse("consent-owner", "only " + found->owner + ", who gave consent '" + consent +
                                        "', can withdraw it");
        if (!found->active())
            refuse("consent-withdrawn",
                   "consent '" + consent + "' was withdrawn at " + found->withdrawn_at);
        scope = found->scope;
        d.emit(event_type::consent_withdrawn, found->scope.partnership, "", {{"consent", consent}});
    });
    AuditEntry e = entry(result.events.at(0).at, ctx.actor, "consent.withdrawn",
                         "partnership:" + scope.partnership, "engine");
    e.detail = scope_json(scope);
    e.detail["consent"] = consent;
    impl_->store.audit().append({std::move(e)});
    return result;
}

CommandResult ProgrammeEngine::set_anonymity_k(int k, const CommandContext& ctx) {
    auto result = impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const Person* person = d.state.person(d.actor);
        if (person == nullptr || person->role != StaffRole::coaching_coordinator)
            refuse("anonymity-setter", "only the coaching co-ordinator sets k for aggregates");
        if (k < kMinimumAnonymityK || k > 1000)
            refuse("invalid-input", "k must be from " + std::to_string(kMinimumAnonymityK) +
                                        " to 1000, not " + std::to_string(k));
        d.emit(event_type::anonymity_set, "", "", {{"k", k}});
    });
    AuditEntry e = entry(result.events.at(0).at, ctx.actor, "k.set", "", "engine");
    e.detail["k"] = k;
    impl_->store.audit().append({std::move(e)});
    return result;
}

CommandResult ProgrammeEngine::erase(const std::string& record, const CommandContext& ctx) {
    auto result = impl_->run(ctx, [&](Draft& d) {
        require_programme(d.state);
        const auto found = find_record(d.state, record);
        if (!found)
            refuse("unknown-record", "no record '" + record + "' in the programme");
        if (!erasable(found->kind))
            refuse("invalid-input", "a " + std::string(to_string(found->kind)) +
                                        " has no personal content to erase");
        if (!found->owned_by(d.actor))
            refuse("erase-owner", "only the record's owner can ask for it to be erased");
        d.rewrites = erasure_rewrites(impl_->store.read(), *found);
        if (d.rewrites.empty())
            refuse("already-erased", "'" + record + "' holds no content left to erase");
        boost::json::array sequences;
        for (const auto& r : d.rewrites)
            sequences.push_back(r.sequence);
        d.emit(event_type::record_erased, found->partnership, found->cycle,
               {{"record", record}, {"rewritten", std::move(sequences)}});
    });
    impl_->store.audit().append(
        {entry(result.events.at(0).at, ctx.actor, "erased", record, "engine")});
    return result;
}

ProgrammeView ProgrammeEngine::view(const std::string& viewer, const ReadRequest& request) {
    impl_->refresh();
    const ProgrammeState& state = impl_->state;
    if (state.person(viewer) == nullptr)
        throw AccessDeniedError("unknown-viewer",
                                "'" + viewer + "' is not a person in programme '" + state.id() +
                                    "'; say who is reading with a person's id");
    if (!request.scope.empty()) {
        const auto scope = find_record(state, request.scope);
        if (!scope)
            throw NotFoundError("no record '" + request.scope + "' in the programme");
        const Decision d = decide(state, viewer, *scope);
        if (d.access == Access::deny) {
            AuditEntry e = entry(request.at, viewer, "denied", request.scope, request.via);
            e.detail["reason"] = d.reason;
            impl_->store.audit().append({std::move(e)});
            throw AccessDeniedError("not-in-audience", "'" + viewer + "' may not see '" +
                                                           request.scope + "' (" + d.reason + ")");
        }
    }
    ProgrammeView view = view_as(state, viewer, request.scope);
    std::vector<AuditEntry> reads;
    const std::string at = request.at.empty() ? utc_now() : request.at;
    for (const auto& shown : view.shown) {
        if (shown.record.kind == RecordKind::person || shown.record.owned_by(viewer))
            continue;
        AuditEntry e = entry(at, viewer, "read", shown.record.id, request.via);
        e.access = std::string(to_string(shown.decision.access));
        e.detail["relation"] = std::string(to_string(shown.decision.relation));
        reads.push_back(std::move(e));
    }
    for (const auto& w : view.withheld) {
        if (w.excerpt) {
            AuditEntry e = entry(at, viewer, "read", w.record, request.via);
            e.access = "redacted";
            e.detail["excerpt"] = true;
            reads.push_back(std::move(e));
        }
    }
    if (!reads.empty())
        impl_->store.audit().append(std::move(reads));
    return view;
}

AggregateTable ProgrammeEngine::report(const std::string& viewer,
                                       const std::vector<AggregateDimension>& by,
                                       const ReadRequest& request) {
    impl_->refresh();
    AggregateTable table = aggregate(impl_->state, viewer, by);
    AuditEntry e = entry(request.at, viewer, "aggregate", "", request.via);
    boost::json::array dims;
    for (const auto d : by)
        dims.push_back(boost::json::string(to_string(d)));
    e.detail["by"] = std::move(dims);
    e.detail["k"] = table.k;
    impl_->store.audit().append({std::move(e)});
    return table;
}

void ProgrammeEngine::record_journal_export(const std::string& actor, const ReadRequest& request) {
    AuditEntry e = entry(request.at, actor, "journal.exported", "", request.via);
    e.detail["events"] = impl_->store.last_sequence();
    impl_->store.audit().append({std::move(e)});
}

COACHKIT_NAMESPACE_END
