// The principles audit's checks (principle_checks.hpp). Each check looks only at the structure of
// the records (who signed, who chose the focus, which kinds of evidence were attached, who wrote
// or owns what, what was scheduled) and never quotes their content: a finding's citations hold
// record ids, people's ids and counts, nothing a note or goal says.
#include "principle_checks.hpp"

#include <algorithm>
#include <coachkit/framework/framework.hpp>
#include <functional>
#include <initializer_list>
#include <map>
#include <set>

namespace coachkit::audit {

namespace {

bool is_observation(const std::string& source) {
    return source == "observation-record" || source == "video-recording" || source == "video" ||
           source == "lesson-transcript";
}
bool is_conversation(const std::string& source) {
    return source == "coaching-transcript";
}
bool is_reflection(const std::string& source) {
    return source == "learner-reflection";
}
/// Evidence from the classroom: anything but a record of the coaching talk or a reflection.
bool is_practice(const std::string& source) {
    return !source.empty() && !is_conversation(source) && !is_reflection(source);
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::string list_text(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return text;
}

std::string count(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

Status from_parts(bool first, bool second) {
    return first && second   ? Status::shown
           : first || second ? Status::partly_shown
                             : Status::not_shown;
}

const char* const kReviewRubric = "the principles-review rubric";

class PartnershipAudit {
public:
    PartnershipAudit(const ProgrammeRecords& records, const PartnershipRecord& p)
        : records_(records), p_(p), cycles_(records.cycles_of(p.id)) {
        const auto found = records.agreements.find(p.id);
        agreement_ = found == records.agreements.end() ? nullptr : &found->second;
        for (const auto* w : records.withheld_of(p.id)) {
            if (w->record == "agreement:" + p.id)
                agreement_withheld_ = w->removed;
            if (w->removed)
                ++hidden_[w->kind];
        }
    }

    std::vector<Finding> run() const {
        const std::map<std::string, std::function<Finding(const PartnershipAudit&)>> checks{
            {"learning-conversation", &PartnershipAudit::learning_conversation},
            {"setting-challenging-and-personal-goals", &PartnershipAudit::goals},
            {"thoughtful-relationship", &PartnershipAudit::thoughtful_relationship},
            {"understanding-why-different-approaches-work", &PartnershipAudit::understanding_why},
            {"learning-agreement", &PartnershipAudit::learning_agreement},
            {"acknowledging-the-benefits-to-mentors-and-coaches",
             &PartnershipAudit::coaches_learning},
            {"combining-support-from-peers-and-specialists",
             &PartnershipAudit::peers_and_specialists},
            {"experimenting-and-observing", &PartnershipAudit::experimenting_and_observing},
            {"growing-self-direction", &PartnershipAudit::self_direction},
            {"using-resources-effectively", &PartnershipAudit::time_planned},
        };
        std::vector<Finding> out;
        for (const auto& principle : Framework::curee().principles()) {
            const auto check = checks.find(principle.id);
            Finding finding = check != checks.end()
                                  ? check->second(*this)
                                  : judgement("records cannot show '" + principle.name + "'");
            finding.principle = principle.id;
            out.push_back(std::move(finding));
        }
        return out;
    }

private:
    // ---- the ten checks, in the framework's order ---------------------------------------------

    Finding learning_conversation() const {
        std::vector<Citation> shown, written;
        std::vector<std::string> grounded;
        std::size_t write_ups = 0;
        for (const auto* c : cycles_) {
            std::vector<Citation> talk, practice;
            for (const auto& s : c->stages) {
                if (s.has_record)
                    talk.push_back(
                        {"stage-record:" + c->id + "/" + s.id,
                         "the record of stage '" + s.id + "'" +
                             (s.record_by.empty() ? "" : ", written by " + s.record_by)});
                for (const auto& n : s.notes)
                    talk.push_back({n.record, "a note at stage '" + s.id + "' by " + n.by});
                for (const auto& e : s.evidence) {
                    if (is_conversation(e.source))
                        talk.push_back(cite(*c, s, e));
                    else if (is_practice(e.source))
                        practice.push_back(cite(*c, s, e));
                }
            }
            write_ups += talk.size();
            written.insert(written.end(), talk.begin(), talk.end());
            if (!talk.empty() && !practice.empty()) {
                grounded.push_back(c->id);
                shown.insert(shown.end(), talk.begin(), talk.end());
                shown.insert(shown.end(), practice.begin(), practice.end());
            }
        }
        const std::string quality =
            "; whether the talk was a learning conversation rather than a chat needs the "
            "levels-of-coaching-practice rubric on a coaching transcript, or people's judgement "
            "(" +
            std::string(kReviewRubric) + ")";
        if (!grounded.empty())
            return {"", Status::shown,
                    "coaching conversations were written up alongside evidence from practice in " +
                        count(grounded.size(), "cycle", "cycles") + " (" + list_text(grounded) +
                        ")" + quality,
                    shown};
        if (write_ups > 0)
            return {"", Status::partly_shown,
                    "coaching conversations were written up (" +
                        count(write_ups, "record", "records") +
                        ") but no cycle has evidence from practice beside them" +
                        hidden({"stage-record", "note", "evidence", "video"}) + quality,
                    written};
        return {"",
                Status::not_shown,
                "no record of a coaching conversation (a stage record, a note or a coaching "
                "transcript)" +
                    hidden({"stage-record", "note", "evidence", "video"}) + quality,
                {}};
    }

    Finding goals() const {
        std::vector<Citation> citations;
        std::vector<std::string> reasons;
        const bool has_goals = agreement_ != nullptr && agreement_->goals > 0;
        if (has_goals) {
            citations.push_back(
                {"agreement:" + p_.id, count(agreement_->goals, "goal", "goals") + " set, " +
                                           std::to_string(agreement_->goals_with_school_priority) +
                                           " tied to a school priority"});
            reasons.push_back("the agreement sets " + count(agreement_->goals, "goal", "goals"));
        } else if (agreement_ != nullptr && agreement_->redacted) {
            reasons.push_back("the agreement's goals are withheld from this viewer");
        } else {
            reasons.push_back(agreement_ != nullptr ? "the agreement sets no goals"
                                                    : no_agreement_text());
        }
        const auto learners = p_.learners();
        const bool learner_chose = !p_.focus.empty() && !p_.focus_chosen_by.empty() &&
                                   contains(learners, p_.focus_chosen_by);
        if (learner_chose) {
            citations.push_back({"partnership:" + p_.id,
                                 "focus chosen by " + p_.focus_chosen_by + ", a learner in it"});
            reasons.push_back("the learner (" + p_.focus_chosen_by + ") chose the focus");
        } else if (p_.redacted) {
            reasons.push_back("the focus and who chose it are withheld from this viewer");
        } else if (p_.focus.empty()) {
            reasons.push_back("the partnership records no focus");
        } else if (p_.focus_chosen_by.empty()) {
            reasons.push_back("the partnership does not record who chose its focus");
        } else {
            reasons.push_back("the focus was chosen by " + p_.focus_chosen_by +
                              ", not by a learner in the partnership");
        }
        return {"", from_parts(has_goals, learner_chose), list_text(reasons), citations};
    }

    Finding thoughtful_relationship() const {
        return judgement(
            "records cannot show whether trust was built and feelings handled with "
            "care");
    }

    Finding understanding_why() const {
        return judgement(
            "records cannot show whether the learner understands why an approach "
            "works");
    }

    Finding learning_agreement() const {
        if (agreement_ == nullptr)
            return {"", Status::not_shown, no_agreement_text(), {}};
        const std::string ref = "agreement:" + p_.id;
        std::vector<std::string> unsigned_members;
        for (const auto& m : p_.members) {
            if (!contains(agreement_->signed_by, m.person))
                unsigned_members.push_back(m.person);
        }
        const bool signed_all = agreement_->signed_by_all;
        const bool rules = agreement_->ground_rules > 0;
        std::string text = signed_all
                               ? "the agreement is signed by every member"
                               : "the agreement is not yet signed by " +
                                     (unsigned_members.empty() ? std::string("every member")
                                                               : list_text(unsigned_members));
        if (rules)
            text += " and sets " + count(agreement_->ground_rules, "ground rule", "ground rules");
        else if (agreement_->redacted)
            text += "; its ground rules are withheld from this viewer";
        else
            text += " but sets no ground rules";
        const std::string note =
            std::string(signed_all ? "signed by all" : "not signed by all") + ", " +
            (agreement_->redacted ? std::string("ground rules withheld")
                                  : count(agreement_->ground_rules, "ground rule", "ground rules"));
        // An agreement at all is a start; signed with ground rules is the principle.
        const Status status = signed_all && rules ? Status::shown : Status::partly_shown;
        return {"", status, text, {{ref, note}}};
    }

    Finding coaches_learning() const {
        const auto practitioners = p_.practitioners();
        std::vector<Citation> reflections, actions;
        std::set<std::string> cycle_learners;
        std::vector<std::string> learner_turns;
        for (const auto* c : cycles_) {
            if (cycle_learners.insert(c->learner).second)
                learner_turns.push_back(c->learner + " in " + c->id);
            for (const auto& s : c->stages) {
                for (const auto& e : s.evidence) {
                    const std::string& author = e.owner.empty() ? e.by : e.owner;
                    if (is_reflection(e.source) && author != c->learner &&
                        contains(practitioners, author))
                        reflections.push_back(cite(
                            *c, s, e, "a reflection by " + author + ", who coached in this cycle"));
                }
            }
            for (const auto& a : c->actions) {
                const std::string& owner = a.owner.empty() ? a.by : a.owner;
                if (owner != c->learner && contains(practitioners, owner))
                    actions.push_back({a.record, "an action " + owner + " (coaching) took on"});
            }
        }
        if (!reflections.empty())
            return {"", Status::shown,
                    "the coach's own learning is recorded: " +
                        count(reflections.size(), "reflection", "reflections") + " by the coach",
                    reflections};
        if (p_.mode == "co-coaching" && cycle_learners.size() >= 2) {
            std::vector<Citation> cycles;
            for (const auto* c : cycles_)
                cycles.push_back({"cycle:" + c->id, c->learner + " was the learner"});
            return {"", Status::shown,
                    "the co-coaches took the learner's role in turn (" + list_text(learner_turns) +
                        "), so each coach's learning is recorded in their own cycle",
                    cycles};
        }
        if (!actions.empty())
            return {"", Status::partly_shown,
                    "the coach took on " + count(actions.size(), "action", "actions") +
                        " (their own learning or support for the learner: people can tell "
                        "which); no reflection by the coach is recorded",
                    actions};
        return {"",
                Status::not_shown,
                "no record shows what the coach learned (a reflection by the coach, or in "
                "co-coaching a cycle with the roles swapped, would)" +
                    hidden({"evidence", "action"}),
                {}};
    }

    Finding peers_and_specialists() const {
        std::vector<Citation> citations;
        std::vector<std::string> specialist, peers;
        if (!p_.specialist_input.empty())
            specialist.push_back("it names specialist input");
        for (const auto& m : p_.members) {
            if (m.role == "specialist-coach")
                specialist.push_back(m.person + " coaches as a specialist");
            const auto staff = records_.staff_roles.find(m.person);
            if (staff != records_.staff_roles.end() && staff->second == "external-specialist")
                specialist.push_back(m.person + " is an external specialist");
            if (m.role == "observer")
                peers.push_back(m.person + " observes");
        }
        const auto learners = p_.learners();
        if (learners.size() >= 2)
            peers.push_back(list_text(learners) + " learn side by side");
        if (!specialist.empty() || !peers.empty())
            citations.push_back(
                {"partnership:" + p_.id,
                 list_text(specialist.empty() ? peers : specialist) +
                     (specialist.empty() || peers.empty() ? "" : "; " + list_text(peers))});
        std::string text;
        text += specialist.empty() ? "no specialist input is recorded" +
                                         std::string(p_.redacted ? " (the partnership's specialist "
                                                                   "input is withheld from this "
                                                                   "viewer)"
                                                                 : "")
                                   : "specialist input: " + list_text(specialist);
        text += peers.empty() ? "; no fellow learner or peer observer takes part"
                              : "; support from peers: " + list_text(peers);
        return {"", from_parts(!specialist.empty(), !peers.empty()), text, citations};
    }

    Finding experimenting_and_observing() const {
        std::vector<Citation> observed, other;
        std::set<std::string> observed_stages;
        for (const auto* c : cycles_) {
            for (const auto& s : c->stages) {
                for (const auto& e : s.evidence) {
                    if (is_observation(e.source)) {
                        observed.push_back(cite(*c, s, e));
                        observed_stages.insert(c->id + "/" + s.id);
                    } else if (is_practice(e.source)) {
                        other.push_back(cite(*c, s, e));
                    }
                }
            }
        }
        if (!observed.empty()) {
            observed.insert(observed.end(), other.begin(), other.end());
            return {
                "", Status::shown,
                "lessons were observed with evidence gathered at " +
                    count(observed_stages.size(), "stage", "stages") + " (" +
                    list_text({observed_stages.begin(), observed_stages.end()}) + ")" +
                    (other.empty() ? ""
                                   : ", and " + count(other.size(), "other piece", "other pieces") +
                                         " of evidence from practice"),
                observed};
        }
        if (!other.empty())
            return {"", Status::partly_shown,
                    count(other.size(), "piece", "pieces") +
                        " of evidence from practice (pupils' work, pupil voice, plans) but no "
                        "observation of a lesson (a running record, video or lesson transcript)" +
                        hidden({"evidence", "video"}),
                    other};
        return {
            "",
            Status::not_shown,
            "no evidence from practice is attached to any cycle" + hidden({"evidence", "video"}),
            {}};
    }

    Finding self_direction() const {
        std::vector<Citation> citations;
        std::vector<std::string> led;
        for (const auto* c : cycles_) {
            std::size_t before = citations.size();
            for (const auto& s : c->stages) {
                if (s.has_record && s.record_by == c->learner)
                    citations.push_back({"stage-record:" + c->id + "/" + s.id,
                                         c->learner + " (the learner) wrote the record"});
                if (!s.scheduled_for.empty() && s.scheduled_by == c->learner)
                    citations.push_back(
                        {"cycle:" + c->id,
                         c->learner + " (the learner) scheduled stage '" + s.id + "'"});
            }
            for (const auto& a : c->actions) {
                if ((a.owner.empty() ? a.by : a.owner) == c->learner)
                    citations.push_back({a.record, c->learner + " (the learner) owns the action"});
            }
            if (citations.size() > before)
                led.push_back(c->id);
        }
        if (led.size() >= 2)
            return {"", Status::shown,
                    "the learner led parts of the work (wrote records, scheduled stages or owned "
                    "actions) in " +
                        count(led.size(), "cycle", "cycles") + " (" + list_text(led) +
                        "); whether their responsibility grew needs people's judgement",
                    citations};
        if (led.size() == 1)
            return {"", Status::partly_shown,
                    "the learner led parts of the work in one cycle (" + led.front() + ") only" +
                        hidden({"stage-record", "action"}),
                    citations};
        return {"",
                Status::not_shown,
                "no record shows the learner leading: no stage record they wrote, stage they "
                "scheduled or action they own" +
                    hidden({"stage-record", "action"}),
                {}};
    }

    Finding time_planned() const {
        std::vector<Citation> citations;
        std::vector<std::string> plan;
        if (agreement_ != nullptr) {
            if (agreement_->planned_weeks)
                plan.push_back(std::to_string(*agreement_->planned_weeks) + " weeks");
            if (agreement_->planned_cycles)
                plan.push_back(std::to_string(*agreement_->planned_cycles) + " cycles");
            if (!agreement_->review_dates.empty())
                plan.push_back(
                    count(agreement_->review_dates.size(), "review date", "review dates"));
            if (!plan.empty())
                citations.push_back({"agreement:" + p_.id, "plans " + list_text(plan)});
        }
        std::size_t scheduled = 0;
        for (const auto* c : cycles_) {
            for (const auto& s : c->stages) {
                if (s.scheduled_for.empty())
                    continue;
                ++scheduled;
                citations.push_back({"cycle:" + c->id,
                                     "stage '" + s.id + "' scheduled for " + s.scheduled_for +
                                         (s.scheduled_by.empty() ? "" : " by " + s.scheduled_by)});
            }
        }
        std::string text = plan.empty() ? (agreement_ == nullptr
                                               ? no_agreement_text()
                                               : "the agreement plans no length, number of cycles "
                                                 "or review dates")
                                        : "the agreement plans " + list_text(plan);
        text += scheduled == 0
                    ? "; no stage was scheduled ahead"
                    : "; " + count(scheduled, "stage was", "stages were") + " scheduled ahead";
        return {"", from_parts(!plan.empty(), scheduled > 0), text, citations};
    }

    // ---- helpers ------------------------------------------------------------------------------

    static Finding judgement(const std::string& why) {
        return {"",
                Status::needs_judgement,
                why + ": needs people's judgement: use " + std::string(kReviewRubric),
                {}};
    }

    [[nodiscard]] std::string no_agreement_text() const {
        return agreement_withheld_ ? "the agreement is withheld from this viewer"
                                   : "no learning agreement is recorded";
    }

    /// Says how many of the partnership's records of these kinds the viewer may not see, when any.
    [[nodiscard]] std::string hidden(std::initializer_list<std::string_view> kinds) const {
        std::size_t n = 0;
        for (const auto kind : kinds) {
            const auto found = hidden_.find(std::string(kind));
            if (found != hidden_.end())
                n += found->second;
        }
        if (n == 0)
            return "";
        return " (this viewer may not see " + count(n, "more record", "more records") +
               " of this partnership's cycles, which might show it)";
    }

    static Citation cite(const CycleRecord& c, const StageRecord& s, const EvidenceEntry& e,
                         const std::string& note = "") {
        const std::string what = note.empty() ? e.source + " at stage '" + s.id + "'" +
                                                    (e.by.empty() ? "" : " by " + e.by)
                                              : note;
        if (!e.record.empty())
            return {e.record, what};
        // The reference's own number cannot be told from this view (programme_records.cpp).
        return {"cycle:" + c.id, what + " (a reference in this cycle)"};
    }

    const ProgrammeRecords& records_;
    const PartnershipRecord& p_;
    std::vector<const CycleRecord*> cycles_;
    const AgreementRecord* agreement_ = nullptr;
    bool agreement_withheld_ = false;
    std::map<std::string, std::size_t> hidden_;  ///< withheld records of the partnership, by kind
};

}  // namespace

const char* to_string(Status status) {
    switch (status) {
        case Status::not_shown:
            return "not-shown";
        case Status::partly_shown:
            return "partly-shown";
        case Status::shown:
            return "shown";
        case Status::needs_judgement:
            return "needs-judgement";
    }
    return "not-shown";
}

const char* status_name(Status status) {
    switch (status) {
        case Status::not_shown:
            return "not shown";
        case Status::partly_shown:
            return "partly shown";
        case Status::shown:
            return "shown";
        case Status::needs_judgement:
            return "needs people's judgement";
    }
    return "not shown";
}

std::vector<Finding> audit_partnership(const ProgrammeRecords& records,
                                       const PartnershipRecord& partnership) {
    return PartnershipAudit(records, partnership).run();
}

}  // namespace coachkit::audit
