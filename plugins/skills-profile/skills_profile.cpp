// The skills-profile rubric: ratings of the ten skills of one mode (001_02d9a7e25f685ada.txt) by
// the practitioner themselves, their partner and an observer, on the school's own scale, turned
// into each skill's current rating, its growth between two dates, and the places where the
// perspectives disagree enough to talk about. docs/skills-and-principles.md describes it.
#include <algorithm>
#include <boost/json.hpp>
#include <coachkit/framework/framework.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <coachkit/plugin/rubric.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "skill_profile.hpp"
#include "skill_ratings.hpp"

namespace {

using coachkit::Assessment;
using coachkit::Citation;
using coachkit::CriterionResult;
using coachkit::Diagnostics;
using coachkit::skills::Gap;
using coachkit::skills::Perspective;
using coachkit::skills::Profile;
using coachkit::skills::Rating;
using coachkit::skills::Scale;
using coachkit::skills::SkillProfile;
using coachkit::skills::SkillRatings;
using coachkit::skills::to_string;
using coachkit::skills::Track;

const char* const kRubricId = "skills-profile";

std::string fixed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

std::string signed_fixed(double value) {
    return (value >= 0 ? "+" : "") + fixed(value);
}

/// "3" or "3: secure".
std::string point_text(const Scale& scale, int point) {
    const std::string label = scale.label(point);
    return label == std::to_string(point) ? label : std::to_string(point) + ": " + label;
}

std::string list_text(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return text;
}

class Citer {
public:
    explicit Citer(const SkillRatings& ratings) {
        for (const auto& r : ratings.ratings)
            by_index_[r.index] = &r;
    }

    [[nodiscard]] Citation cite(std::size_t index, const std::string& why = "") const {
        const Rating& r = *by_index_.at(index);
        std::string note = std::string(to_string(r.perspective)) + " rating " + r.value_text +
                           " by " + r.rater + " on " + r.date;
        if (!why.empty())
            note += " (" + why + ")";
        return Citation{"/ratings/" + std::to_string(index), std::move(note)};
    }

private:
    std::map<std::size_t, const Rating*> by_index_;
};

const Track* track_of(const SkillProfile& skill, Perspective p) {
    for (const auto& t : skill.tracks) {
        if (t.perspective == p)
            return &t;
    }
    return nullptr;
}

std::string gap_text(const Gap& gap) {
    return std::string(to_string(gap.higher)) + " rates " + fixed(gap.difference) + " above " +
           to_string(gap.lower);
}

std::string skill_rationale(const SkillProfile& s, const Scale& scale) {
    std::string now, growth;
    for (const auto& t : s.tracks) {
        now += std::string(now.empty() ? "" : ", ") + to_string(t.perspective) + " " +
               fixed(t.latest) + " on " + t.latest_date;
        if (t.growth) {
            growth += std::string(growth.empty() ? "" : ", ") + to_string(t.perspective) + " " +
                      signed_fixed(*t.growth) + " since " + t.first_date;
        }
    }
    std::string text = "now " + fixed(s.latest) + " (" +
                       point_text(scale, scale.nearest(s.latest)) + "; " + now + ")";
    text += s.growth ? "; growth " + signed_fixed(*s.growth) + " (" + growth + ")"
                     : "; no growth yet (each perspective rated it on one date)";
    for (const auto& gap : s.gaps) {
        if (gap.worth_a_conversation)
            text += "; " + gap_text(gap) + ": worth a conversation";
    }
    return text;
}

boost::json::value optional_number(const std::optional<double>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::object skill_details(const SkillProfile& s) {
    boost::json::object out{{"number", s.number}, {"name", s.name}};
    for (const auto& t : s.tracks) {
        out[to_string(t.perspective)] = boost::json::object{{"first", t.first},
                                                            {"first_date", t.first_date},
                                                            {"latest", t.latest},
                                                            {"latest_date", t.latest_date},
                                                            {"growth", optional_number(t.growth)},
                                                            {"ratings", t.ratings.size()}};
    }
    out["combined"] =
        boost::json::object{{"latest", s.latest}, {"growth", optional_number(s.growth)}};
    return out;
}

boost::json::object details_of(const SkillRatings& ratings, const Profile& profile) {
    boost::json::object scale{{"min", ratings.scale.min}, {"max", ratings.scale.max}};
    if (!ratings.scale.labels.empty()) {
        boost::json::array labels;
        for (const auto& l : ratings.scale.labels)
            labels.emplace_back(l);
        scale["labels"] = std::move(labels);
    }
    boost::json::object skills;
    boost::json::array gaps;
    for (const auto& s : profile.skills) {
        skills[s.skill] = skill_details(s);
        for (const auto& gap : s.gaps) {
            gaps.push_back(boost::json::object{{"skill", s.skill},
                                               {"higher", to_string(gap.higher)},
                                               {"lower", to_string(gap.lower)},
                                               {"difference", gap.difference},
                                               {"worth_a_conversation", gap.worth_a_conversation}});
        }
    }
    boost::json::array unrated;
    for (const auto& id : profile.unrated)
        unrated.emplace_back(id);
    return boost::json::object{
        {"mode", ratings.mode},
        {"scale", std::move(scale)},
        {"from", ratings.from ? boost::json::value(*ratings.from) : boost::json::value(nullptr)},
        {"to", ratings.to ? boost::json::value(*ratings.to) : boost::json::value(nullptr)},
        {"gap_threshold", profile.gap_threshold},
        {"skills", std::move(skills)},
        {"gaps", std::move(gaps)},
        {"unrated", std::move(unrated)},
        {"outside_window", profile.outside_window}};
}

class SkillsProfile final : public coachkit::Rubric {
public:
    [[nodiscard]] std::string applies_to() const override { return "ratings"; }

    /// Every skill of the three modes, each once, in the framework's order; an assessment uses
    /// the ten of its document's mode.
    [[nodiscard]] std::vector<coachkit::RubricCriterion> criteria() const override {
        const auto& framework = coachkit::Framework::curee();
        std::vector<coachkit::RubricCriterion> out;
        for (const auto& skill : framework.skills()) {
            if (skill.modes.empty())
                continue;
            std::string modes;
            for (const auto& [mode, placement] : skill.modes) {
                modes += (modes.empty() ? "" : ", ") + mode + " " +
                         std::to_string(placement.number.value_or(0));
            }
            out.push_back({skill.id, skill.name, skill.summary + " (skill " + modes + ")", {}});
        }
        return out;
    }

    /// None fixed: each document brings the school's scale, and its points are the levels.
    [[nodiscard]] std::vector<coachkit::RubricLevel> levels() const override { return {}; }

    [[nodiscard]] Assessment evaluate(const boost::json::value& input,
                                      Diagnostics& out) const override {
        Assessment result;
        result.rubric = kRubricId;
        const auto ratings = coachkit::skills::read_skill_ratings(input, out);
        if (!ratings) {
            result.rationale = "the ratings could not be read";
            return result;
        }
        const Profile profile = coachkit::skills::build_profile(*ratings);
        const std::string window = ratings->from || ratings->to
                                       ? " between " + ratings->from.value_or("the start") +
                                             " and " + ratings->to.value_or("now")
                                       : "";
        for (const auto& id : profile.unrated) {
            out.push_back({coachkit::Severity::warning, "", "/ratings", 0, 0,
                           "skill '" + id + "' has no rating" + window});
        }
        const Citer citer(*ratings);
        double total = 0;
        for (const auto& s : profile.skills) {
            CriterionResult c;
            c.criterion = s.skill;
            c.score = s.latest;
            c.level = std::to_string(ratings->scale.nearest(s.latest));
            c.rationale = skill_rationale(s, ratings->scale);
            std::vector<std::size_t> cited;
            for (const auto& t : s.tracks)
                cited.insert(cited.end(), t.ratings.begin(), t.ratings.end());
            std::sort(cited.begin(), cited.end());  // document order
            for (const std::size_t index : cited)
                c.citations.push_back(citer.cite(index));
            total += s.latest;
            result.criteria.push_back(std::move(c));
        }
        result.details = details_of(*ratings, profile);
        if (profile.skills.empty()) {
            result.rationale = "no skill was rated" + window;
            return result;
        }
        result.overall = total / static_cast<double>(profile.skills.size());
        const int point = ratings->scale.nearest(result.overall);
        result.level = std::to_string(point);
        result.rationale = overall_rationale(*ratings, profile, point);
        for (const auto& s : profile.skills) {
            for (const auto& gap : s.gaps) {
                if (!gap.worth_a_conversation)
                    continue;
                for (const Perspective p : {gap.higher, gap.lower}) {
                    for (const std::size_t index : track_of(s, p)->latest_ratings)
                        result.citations.push_back(
                            citer.cite(index, s.skill + ": " + gap_text(gap)));
                }
            }
        }
        return result;
    }

private:
    [[nodiscard]] static std::string overall_rationale(const SkillRatings& ratings,
                                                       const Profile& profile, int point) {
        std::set<Perspective> perspectives;
        std::vector<double> growths;
        const SkillProfile* most = nullptr;
        std::vector<std::string> talk;
        for (const auto& s : profile.skills) {
            for (const auto& t : s.tracks)
                perspectives.insert(t.perspective);
            if (s.growth) {
                growths.push_back(*s.growth);
                if (most == nullptr || *s.growth > *most->growth)
                    most = &s;
            }
            for (const auto& gap : s.gaps) {
                if (gap.worth_a_conversation)
                    talk.push_back(s.skill + " (" + gap_text(gap) + ")");
            }
        }
        std::vector<std::string> who;
        for (const Perspective p : perspectives)
            who.emplace_back(to_string(p));
        double total = 0;
        for (const auto& s : profile.skills)
            total += s.latest;
        const std::size_t skills = profile.skills.size() + profile.unrated.size();
        std::string text = std::to_string(profile.skills.size()) + " of " + std::to_string(skills) +
                           " " + ratings.mode + " skills rated by " + list_text(who) + " on a " +
                           std::to_string(ratings.scale.min) + " to " +
                           std::to_string(ratings.scale.max) + " scale; mean now " +
                           fixed(total / static_cast<double>(profile.skills.size())) + " (" +
                           point_text(ratings.scale, point) + ")";
        if (!growths.empty()) {
            double sum = 0;
            for (const double g : growths)
                sum += g;
            text += "; mean growth " + signed_fixed(sum / static_cast<double>(growths.size())) +
                    " over " + std::to_string(growths.size()) + " skill" +
                    (growths.size() == 1 ? "" : "s") + ", most in " + most->skill + " (" +
                    signed_fixed(*most->growth) + ")";
        }
        text += talk.empty()
                    ? "; no two perspectives differ by " + fixed(profile.gap_threshold) + " or more"
                    : "; worth a conversation: " + list_text(talk);
        return text;
    }
};

void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<SkillsProfile>(kRubricId);
}

}  // namespace

COACHKIT_PLUGIN("skills-profile", "1.0.0", register_components)
