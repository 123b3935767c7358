// Evidence benchmarks: reading a lesson transcript in each format (MB/s, utterances/s) and the
// lesson talk metrics, both streamed from the bytes (two passes, as `coachkit analyse lesson`
// does) and over utterances already in memory, so parsing and measuring can be told apart. The
// transcript is generated from a fixed seed: the same bytes on every run and every machine.
// bench/talk_share_pandas.py compares the talk-share metric with pandas. Figures in
// docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/evidence/line_reader.hpp"
#include "coachkit/evidence/talk_metrics.hpp"
#include "coachkit/evidence/transcript.hpp"

using namespace coachkit;

namespace {

/// Utterances in the generated transcript: 3.0 to 3.9 MB depending on the format, so one pass is
/// far larger than the caches and costs tens of milliseconds.
constexpr std::size_t kLessonUtterances = 40000;
constexpr std::uint64_t kSeed = 20240905;

/// splitmix64: the same sequence with every standard library (std::uniform_int_distribution is
/// not specified bit for bit), so the transcript is identical wherever the benchmark runs.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// 0 ≤ result < n (the modulo bias is irrelevant here).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    std::int64_t between(std::int64_t low, std::int64_t high) {
        return low + static_cast<std::int64_t>(below(static_cast<std::size_t>(high - low + 1)));
    }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
    template <std::size_t N>
    std::string_view pick(const std::array<std::string_view, N>& list) {
        return list[below(N)];
    }

private:
    std::uint64_t state_;
};

// What a primary or lower-secondary lesson sounds like. No colons (a colon would read as a
// speaker label in the text formats) and no words of punctuation alone, so coachkit's words and
// whitespace-separated tokens agree (bench/talk_share_pandas.py relies on the same rule).
constexpr std::array<std::string_view, 10> kOpenQuestions = {
    "Why do you think the ice melted faster on the metal tray?",
    "How did you work that out?",
    "What do you notice about the pattern in this table?",
    "Can you explain why that happens?",
    "What would happen if we doubled the amount of water?",
    "How could we check that answer another way?",
    "Why might the author have chosen the word \"shivering\" here?",
    "What do you think the character is feeling now?",
    "How is this shape different from the one we drew yesterday?",
    "What makes you say that?"};
constexpr std::array<std::string_view, 10> kClosedQuestions = {
    "What is seven times eight?",
    "Is that a noun or a verb?",
    "How many sides does a hexagon have?",
    "Who can tell me the capital of France?",
    "Did everyone finish the first question?",
    "Is the answer bigger or smaller than one hundred?",
    "Can you read the next sentence, Amira?",
    "What is the past tense of \"run\"?",
    "Are we all ready?",
    "Which planet is closest to the sun?"};
constexpr std::array<std::string_view, 10> kTeacherStatements = {
    "Okay, everyone, eyes on the board please.",
    "Turn to your partner and talk about it for two minutes.",
    "Good, that is a really careful answer.",
    "Write the date and the title in your books.",
    "Remember, we are looking for evidence in the text.",
    "Let's look at the second example together.",
    "I can see some brilliant ideas on this table.",
    "Put your pencils down for a moment.",
    "That's right, and it links to what we learned last week.",
    "Have a think on your own first, then we will share."};
constexpr std::array<std::string_view, 12> kPupilAnswers = {
    "Because the metal conducts heat better than the plastic.",
    "Fifty six.",
    "I think it is a verb.",
    "We added the numbers in the first column and then doubled them.",
    "I don't know.",
    "It goes up by three every time.",
    "Paris.",
    "Maybe she is scared because it is dark and she is on her own.",
    "Six sides.",
    "We could count them again or use the calculator.",
    "It's smaller, because you take away more than you add.",
    "Mercury."};
constexpr std::array<std::string_view, 6> kPupilQuestions = {
    "Miss, what does \"evaporate\" mean?",
    "Do we have to write in pen?",
    "Can we use a ruler?",
    "Why does it get bigger when you freeze it?",
    "Is it page forty two?",
    "How long do we have?"};
constexpr std::array<std::string_view, 4> kClassResponses = {
    "Yes, Miss.", "Good morning, Miss Khan.", "Six!", "No."};

/// One generated turn of talk; times in whole milliseconds so every format writes them exactly.
struct Turn {
    std::string speaker;
    std::string text;
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
};

std::size_t words_in(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = c == ' ';
        words += (!space && !in_word) ? 1 : 0;
        in_word = !space;
    }
    return words;
}

/// A lesson of `utterances` turns: the teacher explains and asks (about two in five turns end in a
/// question, open or closed), pupils answer or ask, the class answers in chorus now and then.
/// Nobody overlaps; the pause after a teacher's question (the wait time) is 0.5 to 6 seconds,
/// other pauses 0.2 to 1.2 seconds.
std::vector<Turn> generate_lesson(std::size_t utterances, std::uint64_t seed) {
    Random random(seed);
    std::vector<Turn> lesson;
    lesson.reserve(utterances);
    std::int64_t clock = 1000;
    int pupil_turns_left = 0;  // answers still to come after a teacher question
    bool asked = false;
    while (lesson.size() < utterances) {
        Turn turn;
        if (pupil_turns_left > 0) {
            --pupil_turns_left;
            if (random.chance(10)) {
                turn.speaker = "Class";
                turn.text = random.pick(kClassResponses);
            } else {
                turn.speaker = "Pupil " + std::to_string(1 + random.below(28));
                turn.text =
                    random.chance(15) ? random.pick(kPupilQuestions) : random.pick(kPupilAnswers);
            }
        } else {
            turn.speaker = "Teacher";
            const std::size_t statements = random.below(3);  // 0 to 2 before any question
            for (std::size_t i = 0; i < statements; ++i)
                turn.text += std::string(turn.text.empty() ? "" : " ") +
                             std::string(random.pick(kTeacherStatements));
            asked = statements == 0 || random.chance(40);
            if (asked) {
                turn.text += std::string(turn.text.empty() ? "" : " ") +
                             std::string(random.chance(40) ? random.pick(kOpenQuestions)
                                                           : random.pick(kClosedQuestions));
                pupil_turns_left = 1 + static_cast<int>(random.below(2));
            } else if (random.chance(30)) {
                pupil_turns_left = 1;  // a pupil chips in after an explanation
            }
        }
        const bool after_question = turn.speaker != "Teacher" && asked;
        clock += after_question ? random.between(500, 6000) : random.between(200, 1200);
        asked = asked && turn.speaker == "Teacher";
        turn.start_ms = clock;
        clock += static_cast<std::int64_t>(words_in(turn.text)) * 350 + random.between(0, 800);
        turn.end_ms = clock;
        lesson.push_back(std::move(turn));
    }
    return lesson;
}

/// HH:MM:SS.mmm, or HH:MM:SS,mmm for SRT.
std::string clock_time(std::int64_t ms, char decimal) {
    char out[32];
    std::snprintf(out, sizeof out, "%02lld:%02lld:%02lld%c%03lld",
                  static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
                  static_cast<long long>(ms / 1000 % 60), decimal,
                  static_cast<long long>(ms % 1000));
    return out;
}

/// Seconds with three decimals, as a spreadsheet export writes them.
std::string seconds(std::int64_t ms) {
    char out[32];
    std::snprintf(out, sizeof out, "%lld.%03lld", static_cast<long long>(ms / 1000),
                  static_cast<long long>(ms % 1000));
    return out;
}

/// A CSV cell, quoted only when it must be (as Python's csv module and spreadsheets write).
std::string csv_cell(std::string_view text) {
    if (text.find_first_of(",\"\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"')
            out += '"';
    }
    return out + "\"";
}

/// The lesson as each format writes it: WebVTT with cue numbers and voice tags (as Zoom writes
/// it), SRT with `Speaker: ` prefixes, CSV (speaker, text, start, end), plain text with a
/// `[HH:MM:SS.mmm]` start time on each line.
std::string render(TranscriptFormat format, const std::vector<Turn>& lesson) {
    std::string out;
    out.reserve(lesson.size() * 120);
    if (format == TranscriptFormat::webvtt)
        out += "WEBVTT\n\n";
    if (format == TranscriptFormat::csv)
        out += "speaker,text,start,end\n";
    std::size_t number = 0;
    for (const Turn& t : lesson) {
        ++number;
        switch (format) {
            case TranscriptFormat::webvtt:
                out += std::to_string(number) + "\n" + clock_time(t.start_ms, '.') + " --> " +
                       clock_time(t.end_ms, '.') + "\n<v " + t.speaker + ">" + t.text + "\n\n";
                break;
            case TranscriptFormat::srt:
                out += std::to_string(number) + "\n" + clock_time(t.start_ms, ',') + " --> " +
                       clock_time(t.end_ms, ',') + "\n" + t.speaker + ": " + t.text + "\n\n";
                break;
            case TranscriptFormat::csv:
                out += csv_cell(t.speaker) + "," + csv_cell(t.text) + "," + seconds(t.start_ms) +
                       "," + seconds(t.end_ms) + "\n";
                break;
            case TranscriptFormat::text:
                out += "[" + clock_time(t.start_ms, '.') + "] " + t.speaker + ": " + t.text + "\n";
                break;
        }
    }
    return out;
}

constexpr std::array<TranscriptFormat, 4> kFormats = {
    TranscriptFormat::webvtt, TranscriptFormat::srt, TranscriptFormat::csv, TranscriptFormat::text};

/// The generated lesson, its bytes in each format and its utterances as read back; made once per
/// process, on first use (outside any timed loop).
struct LessonCorpus {
    std::vector<Turn> turns;
    std::array<std::string, kFormats.size()> bytes;
    std::vector<Utterance> utterances;  // read from the CSV bytes

    const std::string& in(TranscriptFormat format) const {
        return bytes[static_cast<std::size_t>(format)];
    }
};

const LessonCorpus& corpus() {
    static const LessonCorpus made = [] {
        LessonCorpus c;
        c.turns = generate_lesson(kLessonUtterances, kSeed);
        for (const auto format : kFormats)
            c.bytes[static_cast<std::size_t>(format)] = render(format, c.turns);
        MemoryByteSource input(c.in(TranscriptFormat::csv), "lesson.csv");
        Diagnostics diagnostics;
        DiagnosticSink sink(diagnostics, "lesson.csv");
        read_transcript(TranscriptFormat::csv, input, sink,
                        [&](const Utterance& u) { c.utterances.push_back(u); });
        return c;
    }();
    return made;
}

/// Skips the benchmark when reading gave any diagnostic or lost an utterance: the figures are
/// for clean input, and a reader that stopped early would look fast.
bool clean_or_skip(benchmark::State& state, const Diagnostics& diagnostics, std::size_t read,
                   std::size_t expected) {
    if (!diagnostics.empty()) {
        state.SkipWithError(
            ("the generated transcript gave a diagnostic: " + diagnostics.front().message).c_str());
        return false;
    }
    if (read != expected) {
        state.SkipWithError(
            ("read " + std::to_string(read) + " utterances of " + std::to_string(expected))
                .c_str());
        return false;
    }
    return true;
}

/// Seconds per million utterances, beside Google Benchmark's utterances per second.
void count_utterances(benchmark::State& state, std::size_t utterances) {
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(utterances));
    state.counters["utterances"] = static_cast<double>(utterances);
    state.counters["s_per_M_utt"] = benchmark::Counter(
        static_cast<double>(utterances) / 1e6,
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_ParseTranscript(benchmark::State& state, TranscriptFormat format) {
    const LessonCorpus& lesson = corpus();
    const std::string& bytes = lesson.in(format);
    for (auto _ : state) {
        MemoryByteSource input(bytes, "lesson");
        Diagnostics diagnostics;
        DiagnosticSink sink(diagnostics, "lesson");
        std::size_t words = 0;  // touch each utterance so nothing is optimised away
        const std::size_t read = read_transcript(
            format, input, sink, [&](const Utterance& u) { words += u.text.size(); });
        benchmark::DoNotOptimize(words);
        if (!clean_or_skip(state, diagnostics, read, lesson.turns.size()))
            break;
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
    count_utterances(state, lesson.turns.size());
    state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}
BENCHMARK_CAPTURE(BM_ParseTranscript, webvtt, TranscriptFormat::webvtt)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParseTranscript, srt, TranscriptFormat::srt)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParseTranscript, csv, TranscriptFormat::csv)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParseTranscript, text, TranscriptFormat::text)->Unit(benchmark::kMillisecond);

/// analyse_lesson over the bytes: read, rewind, read again (the per-tenth split), and the flat
/// metrics, as `coachkit analyse lesson` does minus the file and the process.
void BM_LessonMetrics(benchmark::State& state, TranscriptFormat format) {
    const LessonCorpus& lesson = corpus();
    const std::string& bytes = lesson.in(format);
    const SpeakerRoles roles = SpeakerRoles::lesson();
    for (auto _ : state) {
        MemoryByteSource input(bytes, "lesson");
        Diagnostics diagnostics;
        DiagnosticSink sink(diagnostics, "lesson");
        const LessonTalkMetrics metrics = analyse_lesson(format, input, roles, sink);
        const auto flat = metrics.metrics();
        benchmark::DoNotOptimize(flat.size());
        if (!clean_or_skip(state, diagnostics, metrics.segmented_utterances(), lesson.turns.size()))
            break;
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
    count_utterances(state, lesson.turns.size());
}
BENCHMARK_CAPTURE(BM_LessonMetrics, webvtt, TranscriptFormat::webvtt)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LessonMetrics, srt, TranscriptFormat::srt)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LessonMetrics, csv, TranscriptFormat::csv)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LessonMetrics, text, TranscriptFormat::text)->Unit(benchmark::kMillisecond);

/// The metrics alone: both passes over utterances already read (speaker roles, words, questions
/// and their open/closed heuristic, wait times, tenths), no parsing.
void BM_LessonMetricsInMemory(benchmark::State& state) {
    const LessonCorpus& lesson = corpus();
    const SpeakerRoles roles = SpeakerRoles::lesson();
    for (auto _ : state) {
        Diagnostics diagnostics;
        DiagnosticSink sink(diagnostics, "lesson");
        const LessonTalkMetrics metrics = analyse_lesson(lesson.utterances, roles, sink);
        const auto flat = metrics.metrics();
        benchmark::DoNotOptimize(flat.size());
        if (!clean_or_skip(state, diagnostics, metrics.segmented_utterances(), lesson.turns.size()))
            break;
    }
    count_utterances(state, lesson.turns.size());
}
BENCHMARK(BM_LessonMetricsInMemory)->Unit(benchmark::kMillisecond);

}  // namespace
