// A running record of a lesson: timed notes by one or more observers, each note optionally tagged
// with a lesson phase and the learners it is about, and where each observer sat. Read from JSON or
// CSV into this one shape, then checked and measured the same way whatever it was read from.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "record_reading.hpp"

namespace coachkit::records {

inline constexpr std::string_view running_record_family = "coachkit.running-record";

/// Where a field of an item is: its pointer in a JSON document, or the item's line in a CSV file.
[[nodiscard]] Where field_of(const Where& item, std::string_view key);

struct Observer {
    std::string id;
    std::optional<std::string> name;
    /// Where they sat ("back left, by group 3"): what they could see and hear depends on it.
    std::optional<std::string> position;
    boost::json::object extra;  ///< fields coachkit does not know, kept
    Where where;
};

struct Note {
    std::string observer;
    double at = 0;  ///< seconds from the start of the lesson's timings
    std::optional<std::string> phase;
    std::vector<std::string> focus_learners;
    std::string text;
    boost::json::object extra;
    Where where;
};

struct Lesson {
    std::optional<double> starts;
    std::optional<double> ends;
    std::optional<std::string> focus;
    boost::json::object extra;
    Where where;
    [[nodiscard]] bool empty() const { return !starts && !ends && !focus && extra.empty(); }
};

struct RunningRecord {
    Lesson lesson;
    std::vector<Observer> observers;
    std::vector<Note> notes;
    boost::json::object extra;  ///< top-level fields coachkit does not know
};

/// Reads a `coachkit.running-record/1` document. Nothing when it could not be read at all; a record
/// with problems reported otherwise (the caller checks report.failed()).
[[nodiscard]] std::optional<RunningRecord> read_running_record_json(ByteSource& input,
                                                                    Reporter& report);

/// Reads CSV with the columns observer, at, text (required) and phase, focus_learners, position
/// (optional); the lesson's bounds and focus come from the options lesson_starts, lesson_ends and
/// lesson_focus.
[[nodiscard]] std::optional<RunningRecord> read_running_record_csv(ByteSource& input,
                                                                   const IngestRequest& request,
                                                                   Reporter& report);

/// The checks across notes: every note's observer is listed, each observer's notes are in time
/// order, notes fall inside the lesson, every observer says where they sat.
void check_running_record(const RunningRecord& record, Reporter& report);

/// The stored content: the record with times as seconds and phases as their ids.
[[nodiscard]] boost::json::object running_record_content(const RunningRecord& record);

struct RunningRecordMeasures {
    std::map<std::string, double> metrics;
    boost::json::object details;
};

/// The metrics of docs/evidence-records.md#observation-record; `match_window` in seconds.
[[nodiscard]] RunningRecordMeasures measure_running_record(const RunningRecord& record,
                                                           double match_window);

}  // namespace coachkit::records
