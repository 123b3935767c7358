// Talk metrics of transcripts: a lesson (teacher, pupils, groups) and a coaching conversation
// (coach, learner, observer). Computed per utterance in bounded memory: nothing keeps the
// utterances. Every metric's definition is in docs/evidence-metrics.md.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/evidence/coaching_codes.hpp"
#include "coachkit/evidence/transcript.hpp"

COACHKIT_NAMESPACE_BEGIN

/// How speakers' names map to roles: explicit entries first (case-insensitive), then the role
/// set's default patterns ("Teacher", "T", "Ms …" → teacher), then "other". The defaults are
/// listed in docs/evidence-metrics.md#speaker-roles.
class COACHKIT_API SpeakerRoles {
public:
    /// teacher, pupil, group, other.
    [[nodiscard]] static SpeakerRoles lesson();
    /// coach, learner, observer, other.
    [[nodiscard]] static SpeakerRoles coaching();
    [[nodiscard]] const std::vector<std::string>& roles() const { return roles_; }
    /// True when `role` is one of roles().
    [[nodiscard]] bool has_role(std::string_view role) const;
    /// Maps `speaker` to `role`; throws Error if `role` is not one of roles().
    void assign(std::string_view speaker, std::string_view role);
    /// Reads {"speaker": "role", …} (the "speakers" ingest option); problems go to `out` as
    /// errors at `pointer`/<speaker> in `origin`.
    void assign_all(const boost::json::object& mapping, std::string_view origin,
                    std::string_view pointer, Diagnostics& out);
    [[nodiscard]] std::string role_for(std::string_view speaker) const;
    /// True when role_for falls back to "other" because nothing matched (a speaker with no name
    /// is not unmapped: the transcript reader reports it).
    [[nodiscard]] bool is_unmapped(std::string_view speaker) const;

private:
    enum class Set { lesson, coaching };
    explicit SpeakerRoles(Set set);
    [[nodiscard]] std::string default_role(std::string_view normalised) const;
    Set set_;
    std::vector<std::string> roles_;
    std::map<std::string, std::string> explicit_;  // lower-case speaker → role
};

// --- Words and questions -------------------------------------------------------------------

/// Words in `text`: runs of non-space characters, except runs of punctuation alone ("-", "...").
[[nodiscard]] COACHKIT_API std::size_t count_words(std::string_view text);
/// The sentences of `text` that are questions, without surrounding space. A sentence ends at a
/// run of '.', '!' or '?' followed by a space or the end; it is a question when the run holds a
/// '?' ("Really?!").
[[nodiscard]] COACHKIT_API std::vector<std::string_view> question_sentences(std::string_view text);
/// True when the last sentence of `text` is a question (ignoring closing quotes and brackets).
[[nodiscard]] COACHKIT_API bool ends_in_question(std::string_view text);

enum class QuestionKind { open, closed };
[[nodiscard]] COACHKIT_API std::string_view to_string(QuestionKind kind);

/// A question's kind and the rule that decided it (for tests and for explaining a figure).
struct COACHKIT_API QuestionClass {
    QuestionKind kind = QuestionKind::closed;
    /// "open-phrase", "how-quantity", "how", "what-is", "what-modal", "what-happen",
    /// "what-do-open-verb", "what-do-other", "what-other", "auxiliary-start", "fact-word",
    /// "closed-default": the rules of docs/evidence-metrics.md#open-and-closed-questions.
    std::string_view rule;
};

/// Open or closed, by the heuristic of docs/evidence-metrics.md#open-and-closed-questions: open
/// when it asks for reasons, ideas or accounts (why, how, what do you think, explain…), closed
/// when it asks for a yes/no or a single fact (is…, can…, who, when, how many, what is…).
[[nodiscard]] COACHKIT_API QuestionClass classify_question(std::string_view question);

// --- Lesson --------------------------------------------------------------------------------

struct COACHKIT_API LessonMetricsOptions {
    /// Wait times of at least this many seconds count in wait_time.at_least_<T>s_share. 3 s after
    /// Rowe's wait-time research (docs/evidence-metrics.md#wait-time). Must be > 0 (the metrics'
    /// constructor throws Error otherwise).
    double wait_time_threshold = 3.0;
};

/// Lesson talk metrics, accumulated one utterance at a time in two passes: the first counts
/// everything and finds the lesson's span; the second places each utterance in its tenth of the
/// lesson (by time when every utterance has a start time, else by word position).
///
///     LessonTalkMetrics m(options);
///     for (u : utterances) m.add(u, roles.role_for(u.speaker));
///     m.start_segments();
///     for (u : utterances) m.add_to_segment(u, roles.role_for(u.speaker));
///
/// analyse_lesson() does this over a file, or over utterances in memory, and also warns about
/// unmapped speakers.
class COACHKIT_API LessonTalkMetrics {
public:
    explicit LessonTalkMetrics(LessonMetricsOptions options = {});
    ~LessonTalkMetrics();
    LessonTalkMetrics(LessonTalkMetrics&&) noexcept;
    LessonTalkMetrics& operator=(LessonTalkMetrics&&) noexcept;

    /// First pass: one utterance by someone in `role` (a lesson role; throws Error otherwise).
    void add(const Utterance& utterance, std::string_view role);
    /// Ends the first pass: fixes the lesson's span and the basis of the per-tenth split.
    void start_segments();
    /// Second pass: the same utterances in the same order.
    void add_to_segment(const Utterance& utterance, std::string_view role);
    /// Utterances counted by the first pass, and by the second so far.
    [[nodiscard]] std::size_t utterances() const;
    [[nodiscard]] std::size_t segmented_utterances() const;

    /// Flat metrics with stable keys ("talk_share_words.teacher"…): see docs/evidence-metrics.md.
    [[nodiscard]] std::map<std::string, double> metrics() const;
    /// {"segments": {"basis": "time"|"words", "tenths": [{"tenth": 1…10, "from", "to",
    /// "metrics": {the metrics of that tenth}}…]}, "speakers": [{"speaker", "role", "first_line",
    /// "utterances", "words", "questions", "talk_seconds"?}…], "speakers_omitted_utterances"?}.
    /// "segments" only after a complete second pass.
    [[nodiscard]] boost::json::object details() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Reads a lesson transcript twice: the first pass counts, then `input.rewind()` and the second
/// places each utterance in its tenth (a source that cannot rewind is an error; the metrics of the
/// first pass are still returned). Reader problems, unmapped speakers (one warning each, at the
/// first line they speak) and the rewind go to `sink`; call sink.finish() afterwards.
[[nodiscard]] COACHKIT_API LessonTalkMetrics
analyse_lesson(TranscriptFormat format, ByteSource& input, const SpeakerRoles& roles,
               DiagnosticSink& sink, const LessonMetricsOptions& options = {});
/// The same over utterances already in memory.
[[nodiscard]] COACHKIT_API LessonTalkMetrics
analyse_lesson(const std::vector<Utterance>& utterances, const SpeakerRoles& roles,
               DiagnosticSink& sink, const LessonMetricsOptions& options = {});

// --- Coaching conversation -----------------------------------------------------------------

/// The codes of each turn, from its extra CSV columns (Utterance::fields, one column per
/// dimension, values separated by ';' or '|') merged with a sidecar's. An unknown column is a
/// warning once, at the first line with a value in it; an unknown value each time, at its line.
class COACHKIT_API TurnCodeCollector {
public:
    /// `sidecar` may be null; it must outlive the collector.
    TurnCodeCollector(const TurnCodes* sidecar, DiagnosticSink& sink);
    ~TurnCodeCollector();
    TurnCodeCollector(const TurnCodeCollector&) = delete;
    TurnCodeCollector& operator=(const TurnCodeCollector&) = delete;
    /// The codes of `turn`, the transcript's turn number `turn.index + 1`.
    [[nodiscard]] TurnCodeSet codes(const Utterance& turn);

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Coaching-conversation metrics. A turn is one utterance as the transcript gives it (a cue, a
/// row, a line), so turn numbers match the sidecar's.
class COACHKIT_API CoachingTalkMetrics {
public:
    CoachingTalkMetrics();
    ~CoachingTalkMetrics();
    CoachingTalkMetrics(CoachingTalkMetrics&&) noexcept;
    CoachingTalkMetrics& operator=(CoachingTalkMetrics&&) noexcept;

    /// One turn by someone in `role` (a coaching role; throws Error otherwise) with its codes
    /// (valid ones: see TurnCodeCollector).
    void add(const Utterance& turn, std::string_view role, const TurnCodeSet& codes);
    [[nodiscard]] std::size_t turns() const;
    /// Flat metrics ("turns.coach", "codes.function.explain"…): see docs/evidence-metrics.md.
    [[nodiscard]] std::map<std::string, double> metrics() const;
    /// {"speakers": [...], "codes_by_role": {role: {dimension: {value: count}}}}.
    [[nodiscard]] boost::json::object details() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Reads a coaching-conversation transcript once. Reader problems, unmapped speakers and
/// unknown codes go to `out`, named `origin` (input.name() when empty), and so do the sidecar's
/// turns beyond the transcript, at their pointers. `sidecar` may be null.
[[nodiscard]] COACHKIT_API CoachingTalkMetrics
analyse_coaching(TranscriptFormat format, ByteSource& input, const SpeakerRoles& roles,
                 const TurnCodes* sidecar, Diagnostics& out, std::string_view origin = {});
/// The same over turns already in memory, named `origin` in diagnostics. When `codes` is given it
/// receives each turn's codes, in order.
[[nodiscard]] COACHKIT_API CoachingTalkMetrics analyse_coaching(
    const std::vector<Utterance>& turns, const SpeakerRoles& roles, const TurnCodes* sidecar,
    std::string_view origin, Diagnostics& out, std::vector<TurnCodeSet>* codes = nullptr);

// --- Transcripts kept whole ----------------------------------------------------------------

/// How much of a transcript an evidence item may keep as its content. A bigger transcript is
/// analysed in a stream instead (IngestRequest::keep_content false).
struct COACHKIT_API TranscriptContentLimits {
    std::size_t max_utterances = 100000;
    std::size_t max_text_bytes = std::size_t{32} << 20;  ///< speakers' names and text
};

/// Reads every utterance into `out`, to keep as content. Over a limit, an error saying the
/// transcript is too large to store as an evidence item and to use `instead` (such as "`coachkit
/// analyse lesson`"). False after any error. Calls sink.finish().
[[nodiscard]] COACHKIT_API bool read_transcript_content(TranscriptFormat format, ByteSource& input,
                                                        DiagnosticSink& sink,
                                                        std::vector<Utterance>& out,
                                                        std::string_view instead,
                                                        const TranscriptContentLimits& limits = {});

/// {"n" (1-based), "line", "speaker", "role", "text", "start"?, "end"?}: one utterance as
/// content.
[[nodiscard]] COACHKIT_API boost::json::object utterance_to_json(const Utterance& utterance,
                                                                 std::string_view role);

COACHKIT_NAMESPACE_END
