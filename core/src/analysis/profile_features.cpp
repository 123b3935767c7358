// Named figures of a coaching profile, the vocabulary the levels rubric's thresholds are written
// in (docs/rubrics.md#features). Parsing a name is cheap next to scoring, and keeping the names
// in one place lets the thresholds file be checked before any transcript is scored.
#include <algorithm>
#include <numeric>

#include "coachkit/analysis/coaching_profile.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

struct CodeFeature {
    std::string kind;  // "share" or "turns"
    std::string dimension;
    std::vector<std::string> values;
};

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

/// "share.function.justify+suggest" → {share, function, [justify, suggest]}, when every part is
/// in the vocabulary.
std::optional<CodeFeature> parse_code_feature(std::string_view name) {
    const auto parts = split(name, '.');
    if (parts.size() != 3 || (parts[0] != "share" && parts[0] != "turns"))
        return std::nullopt;
    if (find_coaching_dimension(parts[1]) == nullptr)
        return std::nullopt;
    CodeFeature feature{parts[0], parts[1], split(parts[2], '+')};
    for (const auto& value : feature.values) {
        if (!is_valid(feature.dimension, value))
            return std::nullopt;
    }
    return feature;
}

std::vector<std::size_t> turns_carrying(const CoachingProfile& profile, const CodeFeature& f) {
    std::vector<std::size_t> turns;
    const auto with = profile.turns_with.find(f.dimension);
    if (with == profile.turns_with.end())
        return turns;
    for (const auto& value : f.values) {
        if (const auto it = with->second.find(value); it != with->second.end())
            turns.insert(turns.end(), it->second.begin(), it->second.end());
    }
    std::sort(turns.begin(), turns.end());
    turns.erase(std::unique(turns.begin(), turns.end()), turns.end());
    return turns;
}

std::size_t run_turns(const CoachingProfile& profile) {
    return std::accumulate(
        profile.runs.begin(), profile.runs.end(), std::size_t{0},
        [](std::size_t sum, const CoConstructionRun& r) { return sum + r.length(); });
}

}  // namespace

std::optional<double> CoachingProfile::feature(std::string_view name) const {
    if (const auto code = parse_code_feature(name)) {
        const double n = static_cast<double>(turns_carrying(*this, *code).size());
        if (code->kind == "turns")
            return n;
        const auto on = turns_coded_on.find(code->dimension);
        return on == turns_coded_on.end() || on->second == 0 ? 0.0
                                                             : n / static_cast<double>(on->second);
    }
    if (name.rfind("distinct.", 0) == 0) {
        const auto dimension = name.substr(9);
        if (find_coaching_dimension(dimension) == nullptr)
            return std::nullopt;
        const auto with = turns_with.find(std::string(dimension));
        return with == turns_with.end() ? 0.0 : static_cast<double>(with->second.size());
    }
    if (name.rfind("share.words.", 0) == 0) {
        const auto role = std::string(name.substr(12));
        if (role != "coach" && role != "learner" && role != "observer" && role != "other")
            return std::nullopt;
        std::size_t total = 0;
        for (const auto& [r, n] : words_by_role)
            total += n;
        const auto mine = words_by_role.find(role);
        return total == 0 || mine == words_by_role.end()
                   ? 0.0
                   : static_cast<double>(mine->second) / static_cast<double>(total);
    }
    if (name == "co-construction.runs")
        return static_cast<double>(runs.size());
    if (name == "co-construction.longest") {
        std::size_t longest = 0;
        for (const auto& run : runs)
            longest = std::max(longest, run.length());
        return static_cast<double>(longest);
    }
    if (name == "co-construction.turns")
        return static_cast<double>(run_turns(*this));
    if (name == "challenge.responses")
        return static_cast<double>(challenge_responses.size());
    if (name == "coded.share")
        return turns == 0 ? 0.0 : static_cast<double>(coded_turns) / static_cast<double>(turns);
    return std::nullopt;
}

std::vector<std::size_t> CoachingProfile::turns_for(std::string_view name) const {
    if (const auto code = parse_code_feature(name))
        return turns_carrying(*this, *code);
    if (name.rfind("distinct.", 0) == 0) {
        CodeFeature all{"turns", std::string(name.substr(9)), {}};
        if (const auto with = turns_with.find(all.dimension); with != turns_with.end()) {
            // The first turn of each value: one witness per value used.
            std::vector<std::size_t> firsts;
            for (const auto& [value, list] : with->second)
                firsts.push_back(list.front());
            std::sort(firsts.begin(), firsts.end());
            return firsts;
        }
        return {};
    }
    if (name.rfind("co-construction.", 0) == 0) {
        std::vector<std::size_t> in_runs;
        for (const auto& run : runs) {
            for (std::size_t t = run.first; t <= run.last; ++t)
                in_runs.push_back(t);
        }
        return in_runs;
    }
    if (name == "challenge.responses")
        return challenge_responses;
    return {};
}

COACHKIT_NAMESPACE_END
