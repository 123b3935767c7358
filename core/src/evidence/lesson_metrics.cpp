// Lesson talk metrics: talk by role, questions, open and closed teacher questions and wait time,
// for the whole lesson and for each tenth of it. Definitions: docs/evidence-metrics.md.
#include <algorithm>
#include <array>
#include <boost/json/object.hpp>
#include <cmath>
#include <optional>

#include "coachkit/evidence/talk_metrics.hpp"
#include "evidence/role_resolver.hpp"
#include "evidence/talk_totals.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::size_t tenths = 10;
const std::vector<std::string>& lesson_roles() {
    static const std::vector<std::string> roles = SpeakerRoles::lesson().roles();
    return roles;
}
constexpr std::size_t teacher = 0;  // lesson_roles()[0]
constexpr TalkTotals::Keys lesson_keys{"utterances", "mean_utterance_words"};

/// What one utterance contributes, worked out once per pass.
struct Measured {
    std::size_t role = 0;
    std::size_t words = 0;
    std::size_t questions = 0;
    std::size_t open = 0, closed = 0;  // teacher questions only
    bool teacher_asks = false;         // a teacher utterance ending in a question
};

Measured measure(const Utterance& utterance, std::string_view role) {
    Measured m;
    m.role = role_index(lesson_roles(), role);
    m.words = count_words(utterance.text);
    const auto questions = question_sentences(utterance.text);
    m.questions = questions.size();
    if (m.role == teacher) {
        for (const auto q : questions) {
            if (classify_question(q).kind == QuestionKind::open)
                ++m.open;
            else
                ++m.closed;
        }
        m.teacher_asks = ends_in_question(utterance.text);
    }
    return m;
}

/// Talk, teacher questions and wait times: of the whole lesson or of one tenth.
struct LessonTotals {
    TalkTotals talk{lesson_roles().size()};
    std::size_t open = 0, closed = 0;
    WaitTimes waits;

    void add(const Utterance& utterance, const Measured& m) {
        talk.add(m.role, utterance, m.words, m.questions);
        open += m.open;
        closed += m.closed;
    }

    void put(MetricMap& out, double threshold, bool with_duration) const {
        talk.put(out, lesson_roles(), lesson_keys, with_duration);
        out["teacher_questions.open"] = static_cast<double>(open);
        out["teacher_questions.closed"] = static_cast<double>(closed);
        if (open + closed > 0)
            out["teacher_questions.open_share"] =
                static_cast<double>(open) / static_cast<double>(open + closed);
        if (talk.timed())
            waits.put(out, threshold);
    }
};

/// The end of the last teacher question still waiting for the next utterance, and where it was.
struct PendingQuestion {
    double end = 0;
    std::size_t tenth = 0;
};

}  // namespace

struct LessonTalkMetrics::State {
    LessonMetricsOptions options;
    LessonTotals totals;
    SpeakerTable speakers;
    std::size_t started = 0;  // utterances with a start time
    std::optional<PendingQuestion> pending;

    // Second pass.
    bool segmenting = false;
    bool by_time = false;
    double span_start = 0, span_length = 0;
    std::size_t words_before = 0;
    std::size_t segmented = 0;
    std::array<LessonTotals, tenths> segments;
    std::optional<PendingQuestion> segment_pending;

    /// The wait after a pending teacher question, if this utterance gives one; then whether this
    /// utterance leaves a question pending.
    static std::optional<double> wait_before(std::optional<PendingQuestion>& pending,
                                             const Utterance& utterance) {
        std::optional<double> gap;
        if (pending && utterance.start)
            gap = *utterance.start - pending->end;
        pending.reset();
        return gap;
    }

    std::size_t tenth_of(const Utterance& utterance) const {
        double position = 0;
        if (by_time && utterance.start)
            position = (*utterance.start - span_start) / span_length;
        else if (totals.talk.words > 0)
            position = static_cast<double>(words_before) / static_cast<double>(totals.talk.words);
        else
            position = static_cast<double>(segmented) / static_cast<double>(totals.talk.units);
        const double index = std::floor(position * static_cast<double>(tenths));
        return static_cast<std::size_t>(std::clamp(index, 0.0, static_cast<double>(tenths - 1)));
    }
};

LessonTalkMetrics::LessonTalkMetrics(LessonMetricsOptions options)
    : state_(std::make_unique<State>()) {
    if (!(options.wait_time_threshold > 0))
        throw Error("wait_time_threshold must be a number of seconds > 0");
    state_->options = options;
}

LessonTalkMetrics::~LessonTalkMetrics() = default;
LessonTalkMetrics::LessonTalkMetrics(LessonTalkMetrics&&) noexcept = default;
LessonTalkMetrics& LessonTalkMetrics::operator=(LessonTalkMetrics&&) noexcept = default;

void LessonTalkMetrics::add(const Utterance& utterance, std::string_view role) {
    auto& s = *state_;
    const Measured m = measure(utterance, role);
    if (const auto gap = State::wait_before(s.pending, utterance))
        s.totals.waits.add(*gap, s.options.wait_time_threshold);
    if (m.teacher_asks && utterance.end)
        s.pending = PendingQuestion{*utterance.end, 0};
    s.totals.add(utterance, m);
    s.speakers.add(utterance, lesson_roles()[m.role], m.words, m.questions);
    if (utterance.start)
        ++s.started;
}

void LessonTalkMetrics::start_segments() {
    auto& s = *state_;
    const auto& talk = s.totals.talk;
    s.segmenting = true;
    s.by_time = talk.units > 0 && s.started == talk.units && talk.last_time > talk.first_time;
    s.span_start = s.by_time ? talk.first_time : 0;
    s.span_length = s.by_time ? talk.last_time - talk.first_time : 0;
    s.words_before = 0;
    s.segmented = 0;
    s.segments = {};
    s.segment_pending.reset();
}

void LessonTalkMetrics::add_to_segment(const Utterance& utterance, std::string_view role) {
    auto& s = *state_;
    if (!s.segmenting)
        throw Error("add_to_segment before start_segments");
    const Measured m = measure(utterance, role);
    const std::size_t tenth = s.tenth_of(utterance);
    if (s.segment_pending) {
        const std::size_t asked_in = s.segment_pending->tenth;
        if (const auto gap = State::wait_before(s.segment_pending, utterance))
            s.segments[asked_in].waits.add(*gap, s.options.wait_time_threshold);
    }
    if (m.teacher_asks && utterance.end)
        s.segment_pending = PendingQuestion{*utterance.end, tenth};
    s.segments[tenth].add(utterance, m);
    s.words_before += m.words;
    ++s.segmented;
}

std::size_t LessonTalkMetrics::utterances() const {
    return state_->totals.talk.units;
}

std::size_t LessonTalkMetrics::segmented_utterances() const {
    return state_->segmented;
}

std::map<std::string, double> LessonTalkMetrics::metrics() const {
    MetricMap out;
    state_->totals.put(out, state_->options.wait_time_threshold, true);
    return out;
}

boost::json::object LessonTalkMetrics::details() const {
    const auto& s = *state_;
    boost::json::object out;
    const bool complete = s.segmenting && s.segmented == s.totals.talk.units && s.segmented > 0;
    if (complete) {
        boost::json::array list;
        const double total = s.by_time ? s.span_length : static_cast<double>(s.totals.talk.words);
        for (std::size_t i = 0; i < tenths; ++i) {
            MetricMap metrics;
            s.segments[i].put(metrics, s.options.wait_time_threshold, false);
            boost::json::object flat;
            for (const auto& [key, value] : metrics)
                flat[key] = value;
            list.push_back(boost::json::object{
                {"tenth", i + 1},
                {"from", s.span_start + total * static_cast<double>(i) / tenths},
                {"to", s.span_start + total * static_cast<double>(i + 1) / tenths},
                {"metrics", std::move(flat)}});
        }
        out["segments"] = boost::json::object{{"basis", s.by_time ? "time" : "words"},
                                              {"tenths", std::move(list)}};
    }
    out["speakers"] = s.speakers.to_json("utterances", s.totals.talk.timed());
    if (s.speakers.omitted_units() > 0)
        out["speakers_omitted_utterances"] = s.speakers.omitted_units();
    return out;
}

LessonTalkMetrics analyse_lesson(TranscriptFormat format, ByteSource& input,
                                 const SpeakerRoles& roles, DiagnosticSink& sink,
                                 const LessonMetricsOptions& options) {
    LessonTalkMetrics metrics(options);
    RoleResolver resolver(roles, sink, "pupil");
    read_transcript(format, input, sink,
                    [&](const Utterance& u) { metrics.add(u, resolver.role(u)); });
    if (sink.failed() || metrics.utterances() == 0)
        return metrics;
    if (!input.rewind()) {
        sink.error(0, 0,
                   "cannot read '" + input.name() +
                       "' a second time (it is a pipe or a stream), and the per-tenth split of "
                       "the lesson needs two passes: give a file instead");
        return metrics;
    }
    // The reader's warnings were given on the first pass; the second pass keeps them to itself.
    Diagnostics repeated;
    DiagnosticSink quiet(repeated, sink.origin());
    metrics.start_segments();
    read_transcript(format, input, quiet,
                    [&](const Utterance& u) { metrics.add_to_segment(u, resolver.role(u)); });
    if (quiet.failed() || metrics.segmented_utterances() != metrics.utterances())
        sink.error(0, 0,
                   "'" + input.name() + "' changed while it was being read (" +
                       std::to_string(metrics.utterances()) + " utterances on the first pass, " +
                       std::to_string(metrics.segmented_utterances()) + " on the second)");
    return metrics;
}

LessonTalkMetrics analyse_lesson(const std::vector<Utterance>& utterances,
                                 const SpeakerRoles& roles, DiagnosticSink& sink,
                                 const LessonMetricsOptions& options) {
    LessonTalkMetrics metrics(options);
    RoleResolver resolver(roles, sink, "pupil");
    for (const auto& u : utterances)
        metrics.add(u, resolver.role(u));
    metrics.start_segments();
    for (const auto& u : utterances)
        metrics.add_to_segment(u, resolver.role(u));
    return metrics;
}

COACHKIT_NAMESPACE_END
