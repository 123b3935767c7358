// Private: the counts behind the talk metrics, shared by a lesson and a coaching conversation, by
// a whole transcript and by one tenth of a lesson. Fixed size whatever the transcript's length.
#pragma once

#include <boost/json/array.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coachkit/evidence/transcript.hpp"

COACHKIT_NAMESPACE_BEGIN

using MetricMap = std::map<std::string, double>;

/// The seconds an utterance lasts (end − start), or 0 when either time is missing or end < start.
[[nodiscard]] double talk_seconds_of(const Utterance& utterance);

/// Wait times: count, sum, how many reach the threshold, and a histogram of 0.1 s bins for the
/// median (so the median needs no list of every gap; gaps over an hour share the last bin).
struct WaitTimes {
    std::size_t count = 0;
    double sum = 0;
    std::size_t at_least = 0;
    std::map<std::uint32_t, std::size_t> bins;  // gap in tenths of a second → how many

    /// `gap` in seconds (≥ 0, rounded to the millisecond).
    void add(double gap, double threshold);
    /// The median of the binned gaps (the mean of the middle two when the count is even).
    [[nodiscard]] double median() const;
    /// wait_time.count, .mean_seconds, .median_seconds, .at_least_<T>s_share.
    void put(MetricMap& out, double threshold) const;
};

/// What one role said.
struct RoleTotals {
    std::size_t units = 0;  // utterances or turns
    std::size_t words = 0;
    std::size_t questions = 0;
    double seconds = 0;
};

/// Talk by role: counts, words, questions and seconds, and the span of the timestamps.
struct TalkTotals {
    explicit TalkTotals(std::size_t role_count) : by_role(role_count) {}
    void add(std::size_t role, const Utterance& utterance, std::size_t words,
             std::size_t questions);
    [[nodiscard]] bool timed() const { return timed_units > 0; }

    std::vector<RoleTotals> by_role;
    std::size_t units = 0;
    std::size_t words = 0;
    std::size_t timed_units = 0;  // with both a start and an end
    double first_time = std::numeric_limits<double>::infinity();
    double last_time = -std::numeric_limits<double>::infinity();

    /// Names of the keys: "utterances"/"turns" and "mean_utterance_words"/"mean_turn_words".
    struct Keys {
        std::string_view units;
        std::string_view mean_words;
    };
    /// The flat keys for every role; duration_seconds when `with_duration` and timed.
    void put(MetricMap& out, const std::vector<std::string>& roles, Keys keys,
             bool with_duration) const;
};

/// The per-speaker table of details(), for the first `max_listed_speakers` names; talk by the
/// rest is counted in one line, so a transcript with millions of names stays bounded.
class SpeakerTable {
public:
    static constexpr std::size_t max_listed_speakers = 1000;
    void add(const Utterance& utterance, const std::string& role, std::size_t words,
             std::size_t questions);
    /// [{"speaker", "role", "first_line", <units_key>, "words", "questions", "talk_seconds"?}]
    [[nodiscard]] boost::json::array to_json(std::string_view units_key, bool timed) const;
    /// Utterances by speakers beyond the listed ones.
    [[nodiscard]] std::size_t omitted_units() const { return omitted_units_; }

private:
    struct Row {
        std::string speaker;
        std::string role;
        std::size_t first_line = 0;
        RoleTotals totals;
    };
    std::vector<Row> rows_;
    std::unordered_map<std::string, std::size_t> index_;
    std::size_t omitted_units_ = 0;
};

/// The position of `role` in `roles`; throws Error naming the role set when it is not there.
[[nodiscard]] std::size_t role_index(const std::vector<std::string>& roles, std::string_view role);

COACHKIT_NAMESPACE_END
