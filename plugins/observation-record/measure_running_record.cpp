// The running record's metrics. Definitions (docs/evidence-records.md#observation-record-metrics):
//
// - Phase time. The notes that carry a phase, from every observer, are merged into one timeline
//   ordered by time. A phase runs from a note tagged with it until the next tagged note on that
//   timeline; the last runs until the lesson ends (lesson.ends) or, without one, until the last
//   note of the record. Time before lesson.starts or after lesson.ends is not counted. So when two
//   observers tag different phases, the most recent tag wins, which is as near as notes get to
//   what the class was doing.
// - Overlap of two observers' records. Each observer's recorded span runs from their first note to
//   their last. `time` is the length of the intersection of the two spans over the length of their
//   union (0 when the union is empty). `matched_notes` is the share of the two observers' notes
//   that have a note by the other observer within the match window (inclusive) tagging the same
//   phase (two untagged notes agree too): it shows whether the two saw the same moments alike.
#include <algorithm>
#include <cmath>
#include <set>

#include "running_record.hpp"

namespace coachkit::records {

namespace {

struct Segment {
    std::string phase;
    double start = 0;
    double end = 0;
};

// The phase timeline: consecutive segments of the same phase merged.
std::vector<Segment> phase_timeline(const RunningRecord& record) {
    std::vector<const Note*> tagged;
    double last_note = 0;
    for (const auto& note : record.notes) {
        last_note = std::max(last_note, note.at);
        if (note.phase)
            tagged.push_back(&note);
    }
    // Stable: notes at the same time keep the record's order, so the result does not depend on
    // the sort's whims.
    std::stable_sort(tagged.begin(), tagged.end(),
                     [](const Note* a, const Note* b) { return a->at < b->at; });
    const double lower = record.lesson.starts.value_or(0);
    const double upper = record.lesson.ends.value_or(last_note);
    std::vector<Segment> timeline;
    for (std::size_t i = 0; i < tagged.size(); ++i) {
        const double next = i + 1 < tagged.size() ? tagged[i + 1]->at : upper;
        const double start = std::clamp(tagged[i]->at, lower, std::max(lower, upper));
        const double end = std::clamp(next, lower, std::max(lower, upper));
        if (!timeline.empty() && timeline.back().phase == *tagged[i]->phase) {
            timeline.back().end = std::max(timeline.back().end, end);
            continue;
        }
        timeline.push_back(Segment{*tagged[i]->phase, start, std::max(start, end)});
    }
    return timeline;
}

struct Span {
    double first = 0;
    double last = 0;
    std::size_t notes = 0;
};

// For each observer, their notes' times by phase ("" for untagged), sorted, to find matches.
using TimesByPhase = std::map<std::string, std::vector<double>>;

bool has_match(const TimesByPhase& other, const Note& note, double window) {
    const auto times = other.find(note.phase.value_or(""));
    if (times == other.end())
        return false;
    const auto nearest =
        std::lower_bound(times->second.begin(), times->second.end(), note.at - window);
    return nearest != times->second.end() && *nearest <= note.at + window;
}

}  // namespace

RunningRecordMeasures measure_running_record(const RunningRecord& record, double match_window) {
    RunningRecordMeasures out;
    auto& metrics = out.metrics;
    metrics["notes"] = count(record.notes.size());
    metrics["observers"] = count(record.observers.size());

    std::map<std::string, Span> spans;
    std::map<std::string, TimesByPhase> times;
    for (const auto& observer : record.observers) {
        metrics["notes." + observer.id] = 0;
        spans[observer.id];
    }
    for (const auto& note : record.notes) {
        auto& span = spans[note.observer];
        span.first = span.notes == 0 ? note.at : std::min(span.first, note.at);
        span.last = span.notes == 0 ? note.at : std::max(span.last, note.at);
        ++span.notes;
        metrics["notes." + note.observer] += 1;
        times[note.observer][note.phase.value_or("")].push_back(note.at);
        // A learner named twice in one note is still one note about them.
        const std::set<std::string> learners(note.focus_learners.begin(),
                                             note.focus_learners.end());
        for (const auto& learner : learners)
            metrics["notes_per_focus." + learner] += 1;
    }
    for (auto& [observer, by_phase] : times) {
        (void)observer;
        for (auto& [phase, list] : by_phase) {
            (void)phase;
            std::sort(list.begin(), list.end());
        }
    }

    // Phase time and share.
    const auto timeline = phase_timeline(record);
    double timed = 0;
    std::map<std::string, double> seconds;
    boost::json::array segments;
    for (const auto& segment : timeline) {
        const double length = segment.end - segment.start;
        seconds[segment.phase] += length;
        timed += length;
        segments.emplace_back(boost::json::object{{"phase", segment.phase},
                                                  {"start", segment.start},
                                                  {"end", segment.end},
                                                  {"seconds", length}});
    }
    metrics["timed_seconds"] = timed;
    for (const auto& [phase, length] : seconds) {
        metrics["phase_seconds." + phase] = length;
        if (timed > 0)
            metrics["phase_share." + phase] = length / timed;
    }
    out.details["phase_timeline"] = std::move(segments);

    // Overlap of each pair of observers, named in id order so that a pair has one name.
    boost::json::object overlaps;
    for (auto a = spans.begin(); a != spans.end(); ++a) {
        for (auto b = std::next(a); b != spans.end(); ++b) {
            const Span& x = a->second;
            const Span& y = b->second;
            double shared = 0;
            double joined = 0;
            if (x.notes > 0 && y.notes > 0) {
                shared = std::max(0.0, std::min(x.last, y.last) - std::max(x.first, y.first));
                joined = (x.last - x.first) + (y.last - y.first) - shared;
            } else if (x.notes > 0 || y.notes > 0) {
                joined = x.notes > 0 ? x.last - x.first : y.last - y.first;
            }
            std::size_t matched = 0;
            for (const auto& note : record.notes) {
                if (note.observer == a->first && has_match(times[b->first], note, match_window))
                    ++matched;
                if (note.observer == b->first && has_match(times[a->first], note, match_window))
                    ++matched;
            }
            const std::size_t notes = x.notes + y.notes;
            const std::string pair = a->first + "~" + b->first;
            metrics["overlap." + pair + ".time"] = joined > 0 ? shared / joined : 0.0;
            metrics["overlap." + pair + ".matched_notes"] =
                notes > 0 ? count(matched) / count(notes) : 0.0;
            overlaps[pair] = boost::json::object{{"shared_seconds", shared},
                                                 {"union_seconds", joined},
                                                 {"matched_notes", matched},
                                                 {"notes", notes},
                                                 {"match_window_seconds", match_window}};
        }
    }
    out.details["overlap"] = std::move(overlaps);
    return out;
}

}  // namespace coachkit::records
