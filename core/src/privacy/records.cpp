// The records of a programme as the policy sees them: each with a kind, a stable id, where it sits
// and whose it is. The id forms are listed in docs/privacy.md ("Records").
#include <charconv>

#include "coachkit/privacy/policy.hpp"
#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Video is evidence of the pupil-images class, or a reference to a recording kept elsewhere.
bool is_video_source(std::string_view source) {
    return source == "video-recording" || source == "video";
}

RecordRef in_cycle(RecordKind kind, std::string id, const Cycle& c) {
    return RecordRef{kind, std::move(id), c.partnership, c.id, {c.learner}, {}};
}

RecordRef item_record(const EvidenceItem& item) {
    return RecordRef{item.privacy == "pupil-images" ? RecordKind::video : RecordKind::evidence,
                     "evidence:" + item.id,
                     item.partnership,
                     item.cycle,
                     {item.owner},
                     item.id};
}

/// A reference attached to a stage without being stored: its place in the stage's list.
RecordRef reference_record(const Cycle& c, const StageProgress& stage, std::size_t position,
                           const EvidenceRef& ref) {
    return in_cycle(is_video_source(ref.source) ? RecordKind::video : RecordKind::evidence,
                    "evidence:" + c.id + "/" + stage.id + "/" + std::to_string(position + 1), c);
}

void add_cycle_records(const ProgrammeState& state, const Cycle& c, std::vector<RecordRef>& out) {
    out.push_back(in_cycle(RecordKind::cycle, "cycle:" + c.id, c));
    for (const auto& stage : c.stages) {
        if (!stage.record.empty() || !stage.grade.empty())
            out.push_back(
                in_cycle(RecordKind::stage_record, "stage-record:" + c.id + "/" + stage.id, c));
        for (std::size_t i = 0; i < stage.notes.size(); ++i)
            out.push_back(in_cycle(RecordKind::note,
                                   "note:" + c.id + "/" + stage.id + "/" + std::to_string(i + 1),
                                   c));
        for (std::size_t i = 0; i < stage.evidence.size(); ++i) {
            const EvidenceRef& ref = stage.evidence[i];
            if (ref.item.empty()) {
                out.push_back(reference_record(c, stage, i, ref));
            } else if (const EvidenceItem* item = state.evidence_item(ref.item)) {
                out.push_back(item_record(*item));
            }
        }
    }
    for (std::size_t i = 0; i < c.actions.size(); ++i)
        out.push_back(
            in_cycle(RecordKind::action, "action:" + c.id + "/" + std::to_string(i + 1), c));
    for (std::size_t i = 0; i < c.assessments.size(); ++i)
        out.push_back(in_cycle(RecordKind::assessment,
                               "assessment:" + c.id + "/" + std::to_string(i + 1), c));
}

/// "a/b/3" → {"a", "b", 3}: splits on '/' into at most `parts` pieces.
std::vector<std::string_view> split(std::string_view text, std::size_t parts) {
    std::vector<std::string_view> out;
    while (out.size() + 1 < parts) {
        const auto slash = text.find('/');
        if (slash == std::string_view::npos)
            break;
        out.push_back(text.substr(0, slash));
        text.remove_prefix(slash + 1);
    }
    out.push_back(text);
    return out;
}

/// A 1-based position, or 0 when `text` is not one.
std::size_t position(std::string_view text) {
    std::size_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    return error == std::errc{} && end == text.data() + text.size() ? n : 0;
}

}  // namespace

std::vector<RecordRef> records_of(const ProgrammeState& state) {
    std::vector<RecordRef> out;
    for (const auto& person : state.people())
        out.push_back(RecordRef{RecordKind::person, "person:" + person.id, {}, {}, {}, {}});
    for (const auto& p : state.partnerships())
        out.push_back(
            RecordRef{RecordKind::partnership, "partnership:" + p.id, p.id, {}, p.learners(), {}});
    for (const auto& a : state.agreements()) {
        const Partnership* p = state.partnership(a.partnership);
        out.push_back(RecordRef{RecordKind::agreement,
                                "agreement:" + a.partnership,
                                a.partnership,
                                {},
                                p != nullptr ? p->learners() : std::vector<std::string>{},
                                {}});
    }
    for (const auto& c : state.cycles())
        add_cycle_records(state, c, out);
    return out;
}

std::optional<RecordRef> find_record(const ProgrammeState& state, std::string_view id) {
    const auto colon = id.find(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    const std::string_view prefix = id.substr(0, colon);
    const std::string_view rest = id.substr(colon + 1);
    const std::string full(id);
    if (prefix == "person") {
        if (state.person(rest) != nullptr)
            return RecordRef{RecordKind::person, full, {}, {}, {}, {}};
    } else if (prefix == "partnership" || prefix == "agreement") {
        const Partnership* p = state.partnership(rest);
        if (p != nullptr && (prefix == "partnership" || state.agreement(rest) != nullptr))
            return RecordRef{
                prefix == "partnership" ? RecordKind::partnership : RecordKind::agreement,
                full,
                p->id,
                {},
                p->learners(),
                {}};
    } else if (prefix == "cycle") {
        if (const Cycle* c = state.cycle(rest))
            return in_cycle(RecordKind::cycle, full, *c);
    } else if (prefix == "stage-record") {
        const auto parts = split(rest, 2);
        const Cycle* c = parts.size() == 2 ? state.cycle(parts[0]) : nullptr;
        const StageProgress* s = c != nullptr ? c->stage(parts[1]) : nullptr;
        if (s != nullptr && (!s->record.empty() || !s->grade.empty()))
            return in_cycle(RecordKind::stage_record, full, *c);
    } else if (prefix == "note") {
        const auto parts = split(rest, 3);
        const Cycle* c = parts.size() == 3 ? state.cycle(parts[0]) : nullptr;
        const StageProgress* s = c != nullptr ? c->stage(parts[1]) : nullptr;
        const std::size_t n = parts.size() == 3 ? position(parts[2]) : 0;
        if (s != nullptr && n >= 1 && n <= s->notes.size())
            return in_cycle(RecordKind::note, full, *c);
    } else if (prefix == "action" || prefix == "assessment") {
        const auto parts = split(rest, 2);
        const Cycle* c = parts.size() == 2 ? state.cycle(parts[0]) : nullptr;
        const std::size_t n = parts.size() == 2 ? position(parts[1]) : 0;
        const bool action = prefix == "action";
        if (c != nullptr && n >= 1 && n <= (action ? c->actions.size() : c->assessments.size()))
            return in_cycle(action ? RecordKind::action : RecordKind::assessment, full, *c);
    } else if (prefix == "evidence") {
        if (const EvidenceItem* item = state.evidence_item(rest))
            return item_record(*item);
        const auto parts = split(rest, 3);
        const Cycle* c = parts.size() == 3 ? state.cycle(parts[0]) : nullptr;
        const StageProgress* s = c != nullptr ? c->stage(parts[1]) : nullptr;
        const std::size_t n = parts.size() == 3 ? position(parts[2]) : 0;
        if (s != nullptr && n >= 1 && n <= s->evidence.size() && s->evidence[n - 1].item.empty())
            return reference_record(*c, *s, n - 1, s->evidence[n - 1]);
    }
    return std::nullopt;
}

COACHKIT_NAMESPACE_END
