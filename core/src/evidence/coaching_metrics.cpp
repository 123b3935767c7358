// Coaching-conversation metrics: talk by role (coach, learner, observer) and the codes of the
// dimensions of coaching talk its turns carry. Definitions: docs/evidence-metrics.md.
#include <boost/json/object.hpp>
#include <set>

#include "coachkit/evidence/talk_metrics.hpp"
#include "evidence/role_resolver.hpp"
#include "evidence/talk_totals.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

const std::vector<std::string>& coaching_roles() {
    static const std::vector<std::string> roles = SpeakerRoles::coaching().roles();
    return roles;
}
constexpr TalkTotals::Keys coaching_keys{"turns", "mean_turn_words"};

std::string listed(const std::vector<CodeValue>& values) {
    std::string text;
    for (const auto& v : values)
        text += (text.empty() ? "" : ", ") + v.id;
    return text;
}

std::string dimension_list() {
    std::string text;
    for (const auto& d : coaching_dimensions())
        text += (text.empty() ? "" : ", ") + d.id;
    return text;
}

/// The dimension a CSV column names: its id, or "interaction function" for "function".
const CodingDimension* dimension_of_column(const std::string& column) {
    const std::string name = normalise_code(column);
    return find_coaching_dimension(name == "interaction-function" ? "function" : name);
}

using Counts = std::map<std::string, std::map<std::string, std::size_t>>;  // dimension → value

}  // namespace

struct TurnCodeCollector::State {
    const TurnCodes* sidecar = nullptr;
    DiagnosticSink* sink = nullptr;
    std::set<std::string> warned_columns;
};

TurnCodeCollector::TurnCodeCollector(const TurnCodes* sidecar, DiagnosticSink& sink)
    : state_(std::make_unique<State>()) {
    state_->sidecar = sidecar;
    state_->sink = &sink;
}

TurnCodeCollector::~TurnCodeCollector() = default;

TurnCodeSet TurnCodeCollector::codes(const Utterance& turn) {
    auto& s = *state_;
    TurnCodeSet codes;
    for (const auto& [column, cell] : turn.fields) {
        const auto* dimension = dimension_of_column(column);
        if (dimension == nullptr) {
            if (s.warned_columns.insert(column).second)
                s.sink->warning("unknown-code-column", turn.line, 1,
                                "column '" + column +
                                    "' is not a dimension of coaching talk, so it is ignored "
                                    "(dimensions: " +
                                    dimension_list() + ")");
            continue;
        }
        std::vector<std::string> valid;
        for (const auto& value : split_code_values(cell)) {
            if (auto id = resolve_code(dimension->id, value); !id.empty())
                valid.push_back(std::move(id));
            else
                s.sink->warning("unknown-code", turn.line, 1,
                                "unknown " + dimension->id + " '" + value + "' in column '" +
                                    column + "' ignored (values: " + listed(dimension->values) +
                                    ")");
        }
        merge_codes(codes, dimension->id, valid);
    }
    if (s.sidecar != nullptr) {
        if (const auto* extra = s.sidecar->codes_for(turn.index + 1)) {
            for (const auto& [dimension, values] : *extra)
                merge_codes(codes, dimension, values);
        }
    }
    return codes;
}

struct CoachingTalkMetrics::State {
    TalkTotals talk{coaching_roles().size()};
    SpeakerTable speakers;
    std::size_t coded_turns = 0;
    Counts counts;
    std::map<std::string, Counts> counts_by_role;
};

CoachingTalkMetrics::CoachingTalkMetrics() : state_(std::make_unique<State>()) {}
CoachingTalkMetrics::~CoachingTalkMetrics() = default;
CoachingTalkMetrics::CoachingTalkMetrics(CoachingTalkMetrics&&) noexcept = default;
CoachingTalkMetrics& CoachingTalkMetrics::operator=(CoachingTalkMetrics&&) noexcept = default;

void CoachingTalkMetrics::add(const Utterance& turn, std::string_view role,
                              const TurnCodeSet& codes) {
    auto& s = *state_;
    const std::size_t index = role_index(coaching_roles(), role);
    const std::size_t words = count_words(turn.text);
    const std::size_t questions = question_sentences(turn.text).size();
    s.talk.add(index, turn, words, questions);
    s.speakers.add(turn, coaching_roles()[index], words, questions);
    bool coded = false;
    for (const auto& [dimension, values] : codes) {
        for (const auto& value : values) {
            ++s.counts[dimension][value];
            ++s.counts_by_role[coaching_roles()[index]][dimension][value];
            coded = true;
        }
    }
    if (coded)
        ++s.coded_turns;
}

std::size_t CoachingTalkMetrics::turns() const {
    return state_->talk.units;
}

std::map<std::string, double> CoachingTalkMetrics::metrics() const {
    const auto& s = *state_;
    MetricMap out;
    s.talk.put(out, coaching_roles(), coaching_keys, true);
    out["coded_turns"] = static_cast<double>(s.coded_turns);
    if (s.coded_turns == 0)
        return out;
    // Every value of every dimension, so coded transcripts all have the same keys.
    for (const auto& dimension : coaching_dimensions()) {
        const auto found = s.counts.find(dimension.id);
        for (const auto& value : dimension.values) {
            std::size_t n = 0;
            if (found != s.counts.end()) {
                if (const auto v = found->second.find(value.id); v != found->second.end())
                    n = v->second;
            }
            out["codes." + dimension.id + "." + value.id] = static_cast<double>(n);
        }
    }
    return out;
}

boost::json::object CoachingTalkMetrics::details() const {
    const auto& s = *state_;
    boost::json::object out;
    out["speakers"] = s.speakers.to_json("turns", s.talk.timed());
    if (s.speakers.omitted_units() > 0)
        out["speakers_omitted_turns"] = s.speakers.omitted_units();
    boost::json::object by_role;
    for (const auto& [role, counts] : s.counts_by_role) {
        boost::json::object dimensions;
        for (const auto& [dimension, values] : counts) {
            boost::json::object per_value;
            for (const auto& [value, n] : values)
                per_value[value] = n;
            dimensions[dimension] = std::move(per_value);
        }
        by_role[role] = std::move(dimensions);
    }
    out["codes_by_role"] = std::move(by_role);
    return out;
}

CoachingTalkMetrics analyse_coaching(TranscriptFormat format, ByteSource& input,
                                     const SpeakerRoles& roles, const TurnCodes* sidecar,
                                     Diagnostics& out, std::string_view origin) {
    CoachingTalkMetrics metrics;
    DiagnosticSink sink(out, origin.empty() ? input.name() : std::string(origin));
    RoleResolver resolver(roles, sink, "learner");
    TurnCodeCollector collector(sidecar, sink);
    read_transcript(format, input, sink, [&](const Utterance& u) {
        metrics.add(u, resolver.role(u), collector.codes(u));
    });
    sink.finish();
    if (sidecar != nullptr && !sink.failed())
        sidecar->check_turns(metrics.turns(), out);
    return metrics;
}

CoachingTalkMetrics analyse_coaching(const std::vector<Utterance>& turns, const SpeakerRoles& roles,
                                     const TurnCodes* sidecar, std::string_view origin,
                                     Diagnostics& out, std::vector<TurnCodeSet>* codes) {
    CoachingTalkMetrics metrics;
    DiagnosticSink sink(out, std::string(origin));
    RoleResolver resolver(roles, sink, "learner");
    TurnCodeCollector collector(sidecar, sink);
    for (const auto& turn : turns) {
        auto turn_codes = collector.codes(turn);
        metrics.add(turn, resolver.role(turn), turn_codes);
        if (codes != nullptr)
            codes->push_back(std::move(turn_codes));
    }
    sink.finish();
    if (sidecar != nullptr)
        sidecar->check_turns(metrics.turns(), out);
    return metrics;
}

COACHKIT_NAMESPACE_END
