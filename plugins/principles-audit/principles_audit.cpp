// The principles audit: which of the ten principles of mentoring and coaching
// (001_02d9a7e25f685ada.txt) a partnership's records show, and which they do not, read from one
// person's view of the programme so that the audit never sees more than that person may.
// docs/skills-and-principles.md describes every rule.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <coachkit/framework/framework.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/rubric.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "principle_checks.hpp"
#include "programme_records.hpp"

namespace {

using coachkit::Assessment;
using coachkit::Citation;
using coachkit::CriterionResult;
using coachkit::Diagnostics;
using coachkit::Framework;
using coachkit::Severity;
using coachkit::audit::Finding;
using coachkit::audit::PartnershipRecord;
using coachkit::audit::ProgrammeRecords;
using coachkit::audit::Status;

const char* const kRubricId = "principles-audit";
const char* const kInputShape =
    "expected {\"programme\": one person's view of the programme (coachkit.programme-view/1), "
    "\"partnership\": an optional partnership id}";

std::string fixed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

std::string list_text(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return text;
}

/// The level a score rounds to; half-way goes down (claim no more than the records show).
Status nearest(double score) {
    const int value = std::clamp(static_cast<int>(std::ceil(score - 0.5)), 1, 3);
    return static_cast<Status>(value);
}

/// "5 (a learning agreement)".
std::string principle_text(const std::string& id) {
    const auto& p = Framework::curee().principle(id);
    return std::to_string(p.number) + " (" + p.name + ")";
}

/// What each check looks for, by level, for `coachkit plugins show rubric principles-audit`.
std::vector<std::string> descriptors_of(const std::string& id) {
    static const std::map<std::string, std::vector<std::string>> table{
        {"learning-conversation",
         {"no stage record, note or coaching transcript",
          "conversations written up, but no evidence from practice in the same cycle",
          "conversations written up beside evidence from practice in the same cycle"}},
        {"setting-challenging-and-personal-goals",
         {"no goals and no focus chosen by the learner",
          "goals in the agreement, or a focus the learner chose, but not both",
          "goals in the agreement and a focus the learner chose"}},
        {"learning-agreement",
         {"no agreement", "an agreement not signed by everyone, or without ground rules",
          "an agreement every member signed, with ground rules"}},
        {"acknowledging-the-benefits-to-mentors-and-coaches",
         {"nothing records the coach's learning",
          "the coach took on actions, but no reflection of theirs is recorded",
          "a reflection by the coach, or co-coaches taking the learner's role in turn"}},
        {"combining-support-from-peers-and-specialists",
         {"neither specialist input nor peers", "specialist input or peers, not both",
          "specialist input and peers"}},
        {"experimenting-and-observing",
         {"no evidence from practice", "evidence from practice, but no observation of a lesson",
          "a lesson observed with a running record, video or lesson transcript"}},
        {"growing-self-direction",
         {"the learner leads nothing recorded", "the learner leads in one cycle",
          "the learner leads in two or more cycles"}},
        {"using-resources-effectively",
         {"no plan of time and nothing scheduled", "time planned or stages scheduled, not both",
          "time planned in the agreement and stages scheduled ahead"}},
    };
    const auto found = table.find(id);
    return found == table.end() ? std::vector<std::string>{} : found->second;
}

boost::json::array refs_of(const std::vector<Citation>& citations) {
    boost::json::array out;
    for (const auto& c : citations)
        out.emplace_back(c.ref);
    return out;
}

struct PartnershipResult {
    const PartnershipRecord* partnership = nullptr;
    std::vector<Finding> findings;
    double overall = 0;
    std::size_t withheld = 0;
};

PartnershipResult audit(const ProgrammeRecords& records, const PartnershipRecord& p) {
    PartnershipResult result;
    result.partnership = &p;
    result.findings = coachkit::audit::audit_partnership(records, p);
    result.withheld = records.withheld_of(p.id).size();
    double total = 0;
    std::size_t scored = 0;
    for (const auto& f : result.findings) {
        if (f.status == Status::needs_judgement)
            continue;
        total += static_cast<int>(f.status);
        ++scored;
    }
    result.overall = scored == 0 ? 0 : total / static_cast<double>(scored);
    return result;
}

boost::json::object partnership_details(const PartnershipResult& r) {
    boost::json::object principles;
    for (const auto& f : r.findings) {
        principles[f.principle] = boost::json::object{{"status", to_string(f.status)},
                                                      {"rationale", f.rationale},
                                                      {"citations", refs_of(f.citations)}};
    }
    return boost::json::object{{"mode", r.partnership->mode},
                               {"overall", r.overall},
                               {"level", to_string(nearest(r.overall))},
                               {"withheld", r.withheld},
                               {"principles", std::move(principles)}};
}

class PrinciplesAudit final : public coachkit::Rubric {
public:
    [[nodiscard]] std::string applies_to() const override { return "programme"; }

    [[nodiscard]] std::vector<coachkit::RubricCriterion> criteria() const override {
        std::vector<coachkit::RubricCriterion> out;
        for (const auto& p : Framework::curee().principles()) {
            auto descriptors = descriptors_of(p.id);
            const std::string summary = descriptors.empty()
                                            ? p.summary +
                                                  " Records cannot show this: it needs people's "
                                                  "judgement (the principles-review rubric)."
                                            : p.summary;
            out.push_back({p.id, p.name, summary, std::move(descriptors)});
        }
        return out;
    }

    [[nodiscard]] std::vector<coachkit::RubricLevel> levels() const override {
        return {{1, "not-shown", "not shown"},
                {2, "partly-shown", "partly shown"},
                {3, "shown", "shown"}};
    }

    [[nodiscard]] Assessment evaluate(const boost::json::value& input,
                                      Diagnostics& out) const override {
        Assessment result;
        result.rubric = kRubricId;
        const auto* object = input.if_object();
        const auto* programme = object != nullptr ? object->if_contains("programme") : nullptr;
        if (programme == nullptr) {
            out.push_back(
                {Severity::error, "", object == nullptr ? "" : "/programme", 0, 0, kInputShape});
            return result;
        }
        std::string wanted;
        if (const auto* partnership = object->if_contains("partnership")) {
            if (!partnership->is_string() || partnership->get_string().empty()) {
                out.push_back({Severity::error, "", "/partnership", 0, 0,
                               "expected a partnership id (a string)"});
                return result;
            }
            wanted = std::string(partnership->get_string());
        }
        const auto records = coachkit::audit::read_programme_view(*programme, "/programme", out);
        if (!records) {
            result.rationale = "the programme view could not be read";
            return result;
        }
        std::vector<PartnershipResult> audited;
        if (!wanted.empty()) {
            const auto* p = records->partnership(wanted);
            if (p == nullptr) {
                out.push_back(
                    {Severity::error, "", "/partnership", 0, 0, unknown(*records, wanted)});
                return result;
            }
            audited.push_back(audit(*records, *p));
        } else {
            for (const auto& p : records->partnerships)
                audited.push_back(audit(*records, p));
        }
        if (audited.empty()) {
            out.push_back({Severity::warning, "", "/programme/partnerships", 0, 0,
                           "no partnership in this view: nothing to audit"});
            result.rationale = "no partnership to audit. " + coverage(*records);
            return result;
        }
        summarise(audited, result);
        result.details = details(*records, audited, wanted);
        for (const auto& r : audited)
            result.citations.push_back(
                {"partnership:" + r.partnership->id, "audited (" + r.partnership->mode + ")"});
        result.rationale = overall_rationale(*records, audited, result);
        return result;
    }

private:
    static std::string unknown(const ProgrammeRecords& records, const std::string& id) {
        std::vector<std::string> known;
        for (const auto& p : records.partnerships)
            known.push_back(p.id);
        return "unknown partnership '" + id + "' in this view (known: " +
               (known.empty() ? std::string("none") : list_text(known)) +
               "); a partnership the viewer may not see is not in their view";
    }

    /// What the audit could see: its honest limit.
    static std::string coverage(const ProgrammeRecords& records) {
        std::size_t left_out = 0, redacted = 0;
        for (const auto& w : records.withheld)
            (w.removed ? left_out : redacted) += 1;
        const std::string whose = records.viewer ? *records.viewer : "the person whose view it is";
        std::string text = "The audit covers only what " + whose + " may see";
        if (!records.viewer)
            text += " (the input does not say whose view it is)";
        if (left_out + redacted > 0)
            text += ": " + std::to_string(left_out) + " record" +
                    (left_out == 1 ? " was" : "s were") + " withheld from this view and " +
                    std::to_string(redacted) + " shown redacted";
        return text + ".";
    }

    /// One criterion result per principle the records can show: the partnership's finding, or
    /// across several partnerships the mean of their levels.
    static void summarise(const std::vector<PartnershipResult>& audited, Assessment& result) {
        const auto& principles = Framework::curee().principles();
        double total = 0;
        for (std::size_t i = 0; i < principles.size(); ++i) {
            const std::string& id = principles[i].id;
            if (audited.front().findings[i].status == Status::needs_judgement)
                continue;
            CriterionResult c;
            c.criterion = id;
            if (audited.size() == 1) {
                const Finding& f = audited.front().findings[i];
                c.score = static_cast<int>(f.status);
                c.rationale = f.rationale;
                c.citations = f.citations;
            } else {
                std::map<Status, std::vector<std::string>> by_status;
                double sum = 0;
                for (const auto& r : audited) {
                    const Finding& f = r.findings[i];
                    sum += static_cast<int>(f.status);
                    by_status[f.status].push_back(r.partnership->id);
                    c.citations.insert(c.citations.end(), f.citations.begin(), f.citations.end());
                }
                c.score = sum / static_cast<double>(audited.size());
                for (const Status s : {Status::shown, Status::partly_shown, Status::not_shown}) {
                    const auto& ids = by_status[s];
                    if (ids.empty())
                        continue;
                    c.rationale += std::string(c.rationale.empty() ? "" : "; ") + status_name(s) +
                                   " in " + std::to_string(ids.size()) + " of " +
                                   std::to_string(audited.size()) + " partnerships (" +
                                   list_text(ids) + ")";
                }
            }
            c.level = to_string(nearest(c.score));
            total += c.score;
            result.criteria.push_back(std::move(c));
        }
        result.overall = total / static_cast<double>(result.criteria.size());
        result.level = to_string(nearest(result.overall));
    }

    static boost::json::object details(const ProgrammeRecords& records,
                                       const std::vector<PartnershipResult>& audited,
                                       const std::string& wanted) {
        std::size_t left_out = 0, redacted = 0;
        for (const auto& w : records.withheld)
            (w.removed ? left_out : redacted) += 1;
        boost::json::object principles;
        const auto& list = Framework::curee().principles();
        for (std::size_t i = 0; i < list.size(); ++i) {
            std::size_t counts[4] = {0, 0, 0, 0};
            double sum = 0;
            for (const auto& r : audited) {
                ++counts[static_cast<int>(r.findings[i].status)];
                sum += static_cast<int>(r.findings[i].status);
            }
            const bool judgement = counts[0] == audited.size();
            const double score = sum / static_cast<double>(audited.size());
            principles[list[i].id] = boost::json::object{
                {"number", list[i].number},
                {"name", list[i].name},
                {"status", judgement ? "needs-judgement" : to_string(nearest(score))},
                {"score", judgement ? boost::json::value(nullptr) : boost::json::value(score)},
                {"shown", counts[3]},
                {"partly_shown", counts[2]},
                {"not_shown", counts[1]}};
        }
        boost::json::object partnerships;
        for (const auto& r : audited)
            partnerships[r.partnership->id] = partnership_details(r);
        return boost::json::object{
            {"viewer",
             records.viewer ? boost::json::value(*records.viewer) : boost::json::value(nullptr)},
            {"partnership",
             wanted.empty() ? boost::json::value(nullptr) : boost::json::value(wanted)},
            {"withheld", boost::json::object{{"left_out", left_out}, {"redacted", redacted}}},
            {"principles", std::move(principles)},
            {"partnerships", std::move(partnerships)}};
    }

    static std::string overall_rationale(const ProgrammeRecords& records,
                                         const std::vector<PartnershipResult>& audited,
                                         const Assessment& result) {
        std::map<Status, std::vector<std::string>> by_level;
        for (const auto& c : result.criteria)
            by_level[nearest(c.score)].push_back(principle_text(c.criterion));
        std::vector<std::string> judgement;
        for (const auto& f : audited.front().findings) {
            if (f.status == Status::needs_judgement)
                judgement.push_back(principle_text(f.principle));
        }
        std::string text = audited.size() == 1 ? "Partnership " + audited.front().partnership->id +
                                                     " (" + audited.front().partnership->mode + ")"
                                               : std::to_string(audited.size()) + " partnerships";
        text +=
            ": mean " + fixed(result.overall) + " (" + status_name(nearest(result.overall)) + ").";
        for (const Status s : {Status::shown, Status::partly_shown, Status::not_shown}) {
            const auto& names = by_level[s];
            if (!names.empty())
                text += std::string(" ") +
                        (s == Status::shown          ? "Shown"
                         : s == Status::partly_shown ? "Partly shown"
                                                     : "Not shown") +
                        ": " + list_text(names) + ".";
        }
        if (!judgement.empty())
            text += " Records cannot show " + list_text(judgement) +
                    ": they need people's judgement (use the principles-review rubric).";
        return text + " " + coverage(records);
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<PrinciplesAudit>(kRubricId);
}

}  // namespace

COACHKIT_PLUGIN("principles-audit", "1.0.0", register_components)
