#include "evidence/talk_totals.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <charconv>
#include <cmath>

COACHKIT_NAMESPACE_BEGIN

namespace {

// Gaps are kept to the millisecond, as transcripts write them, so 13.1 − 10.1 is 3.0 and not
// 2.9999999999999996 (which would miss a 3 s threshold).
double to_millisecond(double seconds) {
    return std::round(seconds * 1000.0) / 1000.0;
}

constexpr double max_binned_seconds = 3600.0;

/// "3", "2.5": the threshold as a key writes it.
std::string threshold_text(double threshold) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, threshold);
    return std::string(buffer, result.ptr);
}

}  // namespace

double talk_seconds_of(const Utterance& utterance) {
    if (!utterance.start || !utterance.end || *utterance.end < *utterance.start)
        return 0;
    return to_millisecond(*utterance.end - *utterance.start);
}

void WaitTimes::add(double gap, double threshold) {
    gap = to_millisecond(std::max(gap, 0.0));
    ++count;
    sum += gap;
    if (gap >= threshold)
        ++at_least;
    const double binned = std::min(gap, max_binned_seconds);
    ++bins[static_cast<std::uint32_t>(std::lround(binned * 10.0))];
}

double WaitTimes::median() const {
    if (count == 0)
        return 0;
    // The values at ranks lower and upper (1-based) of the sorted gaps; equal when count is odd.
    const std::size_t lower = (count + 1) / 2, upper = count / 2 + 1;
    std::size_t seen = 0;
    double lower_value = 0;
    for (const auto& [bin, n] : bins) {
        const double value = static_cast<double>(bin) / 10.0;
        if (seen < lower && seen + n >= lower)
            lower_value = value;
        if (seen + n >= upper)
            return (lower_value + value) / 2.0;
        seen += n;
    }
    return lower_value;
}

void WaitTimes::put(MetricMap& out, double threshold) const {
    out["wait_time.count"] = static_cast<double>(count);
    if (count == 0)
        return;
    out["wait_time.mean_seconds"] = sum / static_cast<double>(count);
    out["wait_time.median_seconds"] = median();
    out["wait_time.at_least_" + threshold_text(threshold) + "s_share"] =
        static_cast<double>(at_least) / static_cast<double>(count);
}

void TalkTotals::add(std::size_t role, const Utterance& utterance, std::size_t word_count,
                     std::size_t question_count) {
    auto& r = by_role[role];
    ++r.units;
    r.words += word_count;
    r.questions += question_count;
    r.seconds += talk_seconds_of(utterance);
    ++units;
    words += word_count;
    if (utterance.start && utterance.end)
        ++timed_units;
    for (const auto& time : {utterance.start, utterance.end}) {
        if (time) {
            first_time = std::min(first_time, *time);
            last_time = std::max(last_time, *time);
        }
    }
}

void TalkTotals::put(MetricMap& out, const std::vector<std::string>& roles, Keys keys,
                     bool with_duration) const {
    const std::string units_key(keys.units), mean_key(keys.mean_words);
    out[units_key] = static_cast<double>(units);
    out["words"] = static_cast<double>(words);
    double all_seconds = 0;
    for (const auto& r : by_role)
        all_seconds += r.seconds;
    if (with_duration && timed())
        out["duration_seconds"] = to_millisecond(last_time - first_time);
    for (std::size_t i = 0; i < roles.size(); ++i) {
        const auto& r = by_role[i];
        const std::string& role = roles[i];
        out[units_key + "." + role] = static_cast<double>(r.units);
        out["words." + role] = static_cast<double>(r.words);
        out["questions." + role] = static_cast<double>(r.questions);
        if (words > 0)
            out["talk_share_words." + role] =
                static_cast<double>(r.words) / static_cast<double>(words);
        if (r.units > 0)
            out[mean_key + "." + role] =
                static_cast<double>(r.words) / static_cast<double>(r.units);
        if (timed()) {
            out["talk_seconds." + role] = to_millisecond(r.seconds);
            if (all_seconds > 0)
                out["talk_share_time." + role] = r.seconds / all_seconds;
        }
    }
}

void SpeakerTable::add(const Utterance& utterance, const std::string& role, std::size_t words,
                       std::size_t questions) {
    auto it = index_.find(utterance.speaker);
    if (it == index_.end()) {
        if (rows_.size() >= max_listed_speakers) {
            ++omitted_units_;
            return;
        }
        it = index_.emplace(utterance.speaker, rows_.size()).first;
        rows_.push_back(Row{utterance.speaker, role, utterance.line, {}});
    }
    auto& totals = rows_[it->second].totals;
    ++totals.units;
    totals.words += words;
    totals.questions += questions;
    totals.seconds += talk_seconds_of(utterance);
}

boost::json::array SpeakerTable::to_json(std::string_view units_key, bool timed) const {
    boost::json::array out;
    for (const auto& row : rows_) {
        boost::json::object entry{
            {"speaker", row.speaker},       {"role", row.role},
            {"first_line", row.first_line}, {units_key, row.totals.units},
            {"words", row.totals.words},    {"questions", row.totals.questions}};
        if (timed)
            entry["talk_seconds"] = to_millisecond(row.totals.seconds);
        out.push_back(std::move(entry));
    }
    return out;
}

std::size_t role_index(const std::vector<std::string>& roles, std::string_view role) {
    const auto it = std::find(roles.begin(), roles.end(), role);
    if (it == roles.end()) {
        std::string known;
        for (const auto& r : roles)
            known += (known.empty() ? "" : ", ") + r;
        throw Error("unknown role '" + std::string(role) + "' (roles: " + known + ")");
    }
    return static_cast<std::size_t>(it - roles.begin());
}

COACHKIT_NAMESPACE_END
