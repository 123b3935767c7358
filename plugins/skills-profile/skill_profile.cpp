// Building a skills profile from checked ratings (skill_profile.hpp).
#include "skill_profile.hpp"

#include <algorithm>
#include <cmath>
#include <coachkit/framework/framework.hpp>
#include <map>

namespace coachkit::skills {

namespace {

bool in_window(const SkillRatings& ratings, const std::string& date) {
    return (!ratings.from || date >= *ratings.from) && (!ratings.to || date <= *ratings.to);
}

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (const double v : values)
        sum += v;
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

/// One perspective's ratings of one skill, grouped by date (dates sort as text).
Track make_track(Perspective perspective,
                 const std::map<std::string, std::vector<const Rating*>>& by_date) {
    Track track;
    track.perspective = perspective;
    auto reading = [](const std::vector<const Rating*>& on_date) {
        std::vector<double> values;
        for (const Rating* r : on_date)
            values.push_back(r->value);
        return mean(values);
    };
    const auto& [first_date, first] = *by_date.begin();
    const auto& [latest_date, latest] = *by_date.rbegin();
    track.first_date = first_date;
    track.latest_date = latest_date;
    track.first = reading(first);
    track.latest = reading(latest);
    if (by_date.size() > 1)
        track.growth = track.latest - track.first;
    for (const auto& [date, on_date] : by_date) {
        for (const Rating* r : on_date)
            track.ratings.push_back(r->index);
    }
    for (const Rating* r : latest)
        track.latest_ratings.push_back(r->index);
    std::sort(track.ratings.begin(), track.ratings.end());
    return track;
}

std::vector<Gap> gaps_between(const std::vector<Track>& tracks, double threshold) {
    std::vector<Gap> gaps;
    for (std::size_t a = 0; a < tracks.size(); ++a) {
        for (std::size_t b = a + 1; b < tracks.size(); ++b) {
            const bool a_higher = tracks[a].latest >= tracks[b].latest;
            Gap gap;
            gap.higher = (a_higher ? tracks[a] : tracks[b]).perspective;
            gap.lower = (a_higher ? tracks[b] : tracks[a]).perspective;
            gap.difference = std::abs(tracks[a].latest - tracks[b].latest);
            // A small tolerance: 3.0 - 2.0 must count as a whole point on a 1-5 scale.
            gap.worth_a_conversation = gap.difference + 1e-9 >= threshold;
            gaps.push_back(gap);
        }
    }
    return gaps;
}

}  // namespace

Profile build_profile(const SkillRatings& ratings) {
    Profile profile;
    profile.gap_threshold =
        std::max(1.0, static_cast<double>(ratings.scale.max - ratings.scale.min) / 4.0);
    // skill -> perspective -> date -> ratings
    std::map<std::string, std::map<Perspective, std::map<std::string, std::vector<const Rating*>>>>
        grouped;
    for (const auto& r : ratings.ratings) {
        if (!in_window(ratings, r.date)) {
            ++profile.outside_window;
            continue;
        }
        grouped[r.skill][r.perspective][r.date].push_back(&r);
    }
    for (const auto& skill : Framework::curee().skills_of(ratings.mode)) {
        const auto found = grouped.find(skill.id);
        if (found == grouped.end()) {
            profile.unrated.push_back(skill.id);
            continue;
        }
        SkillProfile s;
        s.skill = skill.id;
        s.name = skill.label_in(ratings.mode);
        s.number = skill.modes.at(ratings.mode).number.value_or(0);
        std::vector<double> latest, growth;
        for (const Perspective p : kPerspectives) {
            const auto track = found->second.find(p);
            if (track == found->second.end())
                continue;
            s.tracks.push_back(make_track(p, track->second));
            latest.push_back(s.tracks.back().latest);
            if (s.tracks.back().growth)
                growth.push_back(*s.tracks.back().growth);
        }
        // Each perspective counts once, however many raters it had: three self-ratings must not
        // outweigh one observer.
        s.latest = mean(latest);
        if (!growth.empty())
            s.growth = mean(growth);
        s.gaps = gaps_between(s.tracks, profile.gap_threshold);
        profile.skills.push_back(std::move(s));
    }
    return profile;
}

}  // namespace coachkit::skills
