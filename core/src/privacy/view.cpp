// Building a viewer's view: decide every record once, then copy the state and remove or strip
// what the decisions say. The copy is made by PrivacyFilter, the one class besides the journal's
// replay that may change a ProgrammeState.
#include "coachkit/privacy/view.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <map>

COACHKIT_NAMESPACE_BEGIN

namespace {

std::string after_colon(std::string_view id) {
    const auto colon = id.find(':');
    return std::string(colon == std::string_view::npos ? id : id.substr(colon + 1));
}

/// Replaces every name and id of the programme's people in `value`'s strings with "[person]",
/// and each utterance's speaker with its role: an excerpt for training names no one.
class Anonymiser {
public:
    explicit Anonymiser(const ProgrammeState& state) {
        for (const auto& p : state.people()) {
            names_.push_back(p.name);
            names_.push_back(p.id);
        }
        // Longest first, so "Amara Okafor" goes before "Amara".
        std::sort(names_.begin(), names_.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        names_.erase(std::remove_if(names_.begin(), names_.end(),
                                    [](const std::string& n) { return n.size() < 3; }),
                     names_.end());
    }

    void apply(boost::json::value& value) const {
        if (value.is_string()) {
            value = scrub(std::string(value.as_string()));
        } else if (value.is_array()) {
            for (auto& element : value.as_array())
                apply(element);
        } else if (value.is_object()) {
            // Keys can be names too (a speakers map): rebuild the object with scrubbed keys.
            boost::json::object scrubbed;
            auto& object = value.as_object();
            if (object.contains("speaker") && object.contains("role"))
                object["speaker"] = object["role"];
            for (auto& member : object) {
                std::string key = scrub(std::string(member.key()));
                for (int n = 2; scrubbed.contains(key); ++n)
                    key = scrub(std::string(member.key())) + " " + std::to_string(n);
                apply(member.value());
                scrubbed[key] = std::move(member.value());
            }
            value = std::move(scrubbed);
        }
    }

    /// Every whole-word occurrence of a name or id replaced ("teach" leaves "teacher" alone).
    [[nodiscard]] std::string scrub(std::string text) const {
        const auto word_char = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
        };
        for (const auto& name : names_) {
            for (auto at = text.find(name); at != std::string::npos;) {
                const bool starts = at == 0 || !word_char(text[at - 1]);
                const auto end = at + name.size();
                const bool ends = end >= text.size() || !word_char(text[end]);
                if (starts && ends) {
                    text.replace(at, name.size(), "[person]");
                    at = text.find(name, at + 8);
                } else {
                    at = text.find(name, at + 1);
                }
            }
        }
        return text;
    }

private:
    std::vector<std::string> names_;
};

/// Keeps the turns a training consent names, where the content is a list of numbered turns.
void keep_turns(boost::json::value& content, const std::string& turns) {
    // The engine refused turns that do not parse; a hand-made journal's are ignored.
    const auto range = parse_turns(turns);
    if (!range)
        return;
    const auto [from, to] = *range;
    const auto trim = [&](boost::json::array& list) {
        boost::json::array kept;
        for (auto& element : list) {
            const auto* n = element.is_object() ? element.as_object().if_contains("n") : nullptr;
            // A number read back from the store is signed; one fresh from a reader is unsigned.
            std::int64_t number = 0;
            if (n != nullptr && n->is_int64())
                number = n->as_int64();
            else if (n != nullptr && n->is_uint64() && n->as_uint64() <= INT64_MAX)
                number = static_cast<std::int64_t>(n->as_uint64());
            if (number >= from && number <= to)
                kept.push_back(std::move(element));
        }
        list = std::move(kept);
    };
    if (content.is_array()) {
        trim(content.as_array());
    } else if (content.is_object()) {
        for (auto& member : content.as_object()) {
            if (member.value().is_array())
                trim(member.value().as_array());
        }
    }
}

void redact_item(EvidenceItem& item) {
    item.content = nullptr;
    item.details.clear();
    item.warnings.clear();
    item.summary.clear();
    item.origin.clear();
}

}  // namespace

class PrivacyFilter {
public:
    PrivacyFilter(const ProgrammeState& source, std::string_view viewer, std::string_view scope)
        : source_(source) {
        view_.viewer = std::string(viewer);
        view_.scope = std::string(scope);
        for (auto& record : records_of(source)) {
            if (!in_scope(record, scope))
                continue;
            Decision d = decide(source, viewer, record);
            decisions_[record.id] = d;
            if (d.access == Access::allow || (d.access == Access::redacted && !d.anonymised))
                view_.shown.push_back(ShownRecord{record, d});
            if (d.access != Access::allow && record.kind != RecordKind::person)
                view_.withheld.push_back(
                    WithheldRecord{record.id, record.kind, d.access, d.anonymised, d.reason});
            if (d.anonymised)
                excerpt(record);
        }
    }

    ProgrammeView take() {
        ProgrammeState& s = view_.state;
        s = source_;
        filter_partnerships(s);
        filter_cycles(s);
        filter_items(s);
        const std::string& viewer = view_.viewer;
        std::erase_if(s.consents_, [&](const Consent& c) {
            return c.owner != viewer && c.scope.viewer != viewer;
        });
        std::erase_if(s.erasures_, [&](const Erasure& e) { return !shown("", e.record); });
        s.reindex();
        return std::move(view_);
    }

private:
    [[nodiscard]] Access access(const std::string& id) const {
        const auto found = decisions_.find(id);
        if (found == decisions_.end())
            return Access::deny;  // out of scope: as if it were not there
        return found->second.anonymised ? Access::deny : found->second.access;
    }
    [[nodiscard]] bool shown(std::string_view prefix, const std::string& id) const {
        return access(std::string(prefix) + id) != Access::deny;
    }

    void filter_partnerships(ProgrammeState& s) {
        std::erase_if(s.partnerships_,
                      [&](const Partnership& p) { return !shown("partnership:", p.id); });
        for (auto& p : s.partnerships_) {
            if (access("partnership:" + p.id) == Access::redacted) {
                p.purpose.clear();
                p.focus.clear();
                p.focus_chosen_by.clear();
                p.specialist_input.clear();
            }
        }
        std::erase_if(s.agreements_, [&](const LearningAgreement& a) {
            return !shown("agreement:", a.partnership);
        });
        for (auto& a : s.agreements_) {
            if (access("agreement:" + a.partnership) == Access::redacted) {
                a.goals.clear();
                a.ground_rules.clear();
            }
        }
    }

    void filter_cycles(ProgrammeState& s) {
        std::erase_if(s.cycles_, [&](const Cycle& c) { return !shown("cycle:", c.id); });
        for (auto& c : s.cycles_) {
            if (access("cycle:" + c.id) == Access::redacted)
                c.abandon_reason.clear();
            for (auto& stage : c.stages)
                filter_stage(c, stage);
            std::vector<AgreedAction> actions;
            for (std::size_t i = 0; i < c.actions.size(); ++i) {
                const Access a = access("action:" + c.id + "/" + std::to_string(i + 1));
                if (a == Access::allow)
                    actions.push_back(c.actions[i]);
            }
            c.actions = std::move(actions);
            std::vector<RecordedAssessment> assessments;
            for (std::size_t i = 0; i < c.assessments.size(); ++i) {
                const Access a = access("assessment:" + c.id + "/" + std::to_string(i + 1));
                if (a == Access::deny)
                    continue;
                RecordedAssessment shown_assessment = c.assessments[i];
                if (a == Access::redacted) {
                    // The level only: the reasons and cited turns are the conversation's.
                    shown_assessment.result.rationale.clear();
                    shown_assessment.result.citations.clear();
                    shown_assessment.result.details.clear();
                    for (auto& criterion : shown_assessment.result.criteria) {
                        criterion.rationale.clear();
                        criterion.citations.clear();
                    }
                }
                assessments.push_back(std::move(shown_assessment));
            }
            c.assessments = std::move(assessments);
        }
    }

    void filter_stage(const Cycle& c, StageProgress& stage) {
        const std::string base = c.id + "/" + stage.id;
        if (access("stage-record:" + base) != Access::allow) {
            stage.record.clear();
            stage.record_by.clear();
            stage.grade.clear();
        }
        std::vector<Note> notes;
        for (std::size_t i = 0; i < stage.notes.size(); ++i) {
            if (access("note:" + base + "/" + std::to_string(i + 1)) == Access::allow)
                notes.push_back(stage.notes[i]);
        }
        stage.notes = std::move(notes);
        std::vector<EvidenceRef> evidence;
        for (std::size_t i = 0; i < stage.evidence.size(); ++i) {
            EvidenceRef ref = stage.evidence[i];
            const std::string id = ref.item.empty()
                                       ? "evidence:" + base + "/" + std::to_string(i + 1)
                                       : "evidence:" + ref.item;
            const Access a = access(id);
            if (a == Access::deny)
                continue;
            if (a == Access::redacted) {
                if (ref.item.empty())
                    ref.ref.clear();
                ref.summary.clear();
            }
            evidence.push_back(std::move(ref));
        }
        stage.evidence = std::move(evidence);
    }

    void filter_items(ProgrammeState& s) {
        std::erase_if(s.evidence_items_,
                      [&](const EvidenceItem& item) { return !shown("evidence:", item.id); });
        for (auto& item : s.evidence_items_) {
            if (access("evidence:" + item.id) == Access::redacted)
                redact_item(item);
        }
    }

    void excerpt(const RecordRef& record) {
        const EvidenceItem* item = source_.evidence_item(record.item);
        if (item == nullptr)
            return;
        std::string turns;
        for (const auto& c : source_.consents()) {
            if (c.active() && c.scope.kind == ConsentKind::training_excerpt &&
                c.scope.item == item->id)
                turns = c.scope.turns;
        }
        boost::json::value content = item->content;
        keep_turns(content, turns);
        Anonymiser(source_).apply(content);
        view_.excerpts.push_back(boost::json::object{{"kind", item->kind},
                                                     {"format", item->format},
                                                     {"turns", turns},
                                                     {"content", content}});
    }

    const ProgrammeState& source_;
    ProgrammeView view_;
    std::map<std::string, Decision> decisions_;
};

bool in_scope(const RecordRef& record, std::string_view scope) {
    if (scope.empty() || record.kind == RecordKind::person)
        return true;
    const std::string what = after_colon(scope);
    if (scope.starts_with("cycle:"))
        return record.cycle == what;
    if (scope.starts_with("partnership:"))
        return record.partnership == what;
    // An agreement is read with its partnership (who the members are, whose signatures).
    if (scope.starts_with("agreement:"))
        return record.id == scope || record.id == "partnership:" + what;
    return record.id == scope;
}

ProgrammeView view_as(const ProgrammeState& state, std::string_view viewer,
                      std::string_view scope) {
    return PrivacyFilter(state, viewer, scope).take();
}

boost::json::object to_json(const ProgrammeView& view) {
    boost::json::object out = to_json(view.state);
    out["viewer"] = view.viewer;
    if (!view.scope.empty())
        out["scope"] = view.scope;
    boost::json::array withheld;
    for (const auto& w : view.withheld) {
        withheld.push_back(boost::json::object{{"record", w.record},
                                               {"kind", to_string(w.kind)},
                                               {"access", to_string(w.access)},
                                               {"excerpt", w.excerpt},
                                               {"reason", w.reason}});
    }
    out["withheld"] = std::move(withheld);
    out["excerpts"] = view.excerpts;
    return out;
}

COACHKIT_NAMESPACE_END
