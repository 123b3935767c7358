// The dimension profile of a coded coaching conversation (docs/rubrics.md#the-profile).
#include "coachkit/analysis/coaching_profile.hpp"

#include <algorithm>
#include <numeric>

#include "coachkit/evidence/lexical_uptake.hpp"
#include "coachkit/evidence/talk_metrics.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

bool has_code(const TurnCodeSet& codes, const std::string& dimension, std::string_view value) {
    const auto found = codes.find(dimension);
    return found != codes.end() &&
           std::find(found->second.begin(), found->second.end(), value) != found->second.end();
}

bool is_partner_role(std::string_view role) {
    return role == "coach" || role == "learner";
}

/// What run-finding needs of a turn, computed once: its length and, for short partner turns
/// only, its content words.
struct RunFacts {
    bool short_partner_turn = false;
    std::vector<std::string> words;
};

std::vector<RunFacts> run_facts(const std::vector<CodedTurn>& turns,
                                const ProfileOptions& options) {
    std::vector<RunFacts> facts(turns.size());
    for (std::size_t i = 0; i < turns.size(); ++i) {
        facts[i].short_partner_turn =
            is_partner_role(turns[i].role) && count_words(turns[i].text) <= options.run_max_words;
        if (facts[i].short_partner_turn)
            facts[i].words = content_words(turns[i].text);
    }
    return facts;
}

/// Whether turn `i` carries on a run that turn `i - 1` is in: the two partners alternate, both
/// turns are short, and the later one builds on the earlier (its own code says so, or it takes up
/// a content word: lexical_uptake's rule, on words already split).
bool continues_run(const std::vector<CodedTurn>& turns, const std::vector<RunFacts>& facts,
                   std::size_t i) {
    const auto& before = facts[i - 1];
    const auto& now = facts[i];
    if (!before.short_partner_turn || !now.short_partner_turn || turns[i - 1].role == turns[i].role)
        return false;
    if (has_code(turns[i].codes, "function", "co-construct"))
        return true;
    return std::any_of(now.words.begin(), now.words.end(), [&](const std::string& w) {
        return std::find(before.words.begin(), before.words.end(), w) != before.words.end();
    });
}

std::vector<CoConstructionRun> find_runs(const std::vector<CodedTurn>& turns,
                                         const ProfileOptions& options) {
    std::vector<CoConstructionRun> runs;
    const auto facts = run_facts(turns, options);
    std::size_t start = 0;
    const auto close = [&](std::size_t end) {  // [start, end)
        if (end > start && end - start >= std::max<std::size_t>(options.run_min_turns, 2))
            runs.push_back({turns[start].turn, turns[end - 1].turn});
    };
    for (std::size_t i = 1; i < turns.size(); ++i) {
        if (!continues_run(turns, facts, i)) {
            close(i);
            start = i;
        }
    }
    close(turns.size());
    return runs;
}

std::vector<std::size_t> find_challenge_responses(const std::vector<CodedTurn>& turns,
                                                  const ProfileOptions& options) {
    std::vector<std::size_t> responses;
    std::optional<std::size_t> last_challenge;  // position in `turns`
    for (std::size_t i = 0; i < turns.size(); ++i) {
        const auto& codes = turns[i].codes;
        const bool answers = has_code(codes, "function", "defend") ||
                             has_code(codes, "function", "accept") ||
                             has_code(codes, "function", "dissonance");
        if (answers && last_challenge && i > *last_challenge &&
            i - *last_challenge <= options.challenge_window)
            responses.push_back(turns[i].turn);
        if (has_code(codes, "function", "challenge"))
            last_challenge = i;
    }
    return responses;
}

}  // namespace

CoachingProfile profile_coaching(const std::vector<CodedTurn>& turns,
                                 const ProfileOptions& options) {
    CoachingProfile profile;
    profile.turns = turns.size();
    for (const auto& turn : turns) {
        profile.words_by_role[turn.role] += count_words(turn.text);
        bool coded = false;
        for (const auto& [dimension, values] : turn.codes) {
            if (values.empty())
                continue;
            coded = true;
            ++profile.turns_coded_on[dimension];
            for (const auto& value : values)
                profile.turns_with[dimension][value].push_back(turn.turn);
        }
        if (coded)
            ++profile.coded_turns;
    }
    profile.challenge_responses = find_challenge_responses(turns, options);
    profile.runs = find_runs(turns, options);
    return profile;
}

boost::json::object CoachingProfile::to_json() const {
    boost::json::object words;
    for (const auto& [role, n] : words_by_role)
        words[role] = n;
    boost::json::object dimensions;
    for (const auto& dimension : coaching_dimensions()) {
        const auto coded = turns_coded_on.find(dimension.id);
        const std::size_t on = coded == turns_coded_on.end() ? 0 : coded->second;
        boost::json::object values;
        const auto with = turns_with.find(dimension.id);
        for (const auto& value : dimension.values) {
            std::size_t n = 0;
            if (with != turns_with.end()) {
                if (const auto it = with->second.find(value.id); it != with->second.end())
                    n = it->second.size();
            }
            if (n > 0) {
                values[value.id] = boost::json::object{
                    {"turns", n}, {"share", static_cast<double>(n) / static_cast<double>(on)}};
            }
        }
        dimensions[dimension.id] =
            boost::json::object{{"coded", on}, {"values", std::move(values)}};
    }
    boost::json::array responses(challenge_responses.begin(), challenge_responses.end());
    boost::json::array run_list;
    for (const auto& run : runs)
        run_list.push_back(boost::json::object{{"first", run.first}, {"last", run.last}});
    return boost::json::object{{"turns", turns},
                               {"coded_turns", coded_turns},
                               {"words", std::move(words)},
                               {"dimensions", std::move(dimensions)},
                               {"challenge_responses", std::move(responses)},
                               {"runs", std::move(run_list)}};
}

COACHKIT_NAMESPACE_END
