// A running record kept as a spreadsheet: one row per note, with the columns observer, at, text
// (required) and phase, focus_learners (';' between ids), position (optional). Further columns are
// kept with each note. The observers are those the rows name, in order of first appearance; an
// observer's position is the first non-empty one given.
#include <coachkit/evidence/csv_reader.hpp>

#include "lesson_phase.hpp"
#include "running_record.hpp"

namespace coachkit::records {

namespace {

// The lesson's bounds and focus, which a CSV file has no place for, from the request's options.
Lesson lesson_from_options(const IngestRequest& request, Reporter& report) {
    Lesson lesson;
    auto offset_option = [&](std::string_view key) -> std::optional<double> {
        const auto* value = request.options.if_contains(key);
        if (value == nullptr)
            return std::nullopt;
        auto seconds = parse_offset(*value);
        if (!seconds) {
            report.error(Where{}, "option '" + std::string(key) +
                                      "' must be a time such as \"00:50:00\" or a number of "
                                      "seconds");
        }
        return seconds;
    };
    lesson.starts = offset_option("lesson_starts");
    lesson.ends = offset_option("lesson_ends");
    if (const auto* focus = request.options.if_contains("lesson_focus")) {
        if (focus->is_string() && !focus->get_string().empty())
            lesson.focus = std::string(focus->get_string());
        else
            report.error(Where{}, "option 'lesson_focus' must be a non-empty string");
    }
    return lesson;
}

}  // namespace

std::optional<RunningRecord> read_running_record_csv(ByteSource& input,
                                                     const IngestRequest& request,
                                                     Reporter& report) {
    RunningRecord record;
    record.lesson = lesson_from_options(request, report);

    BoundedByteSource bounded(input, max_document_bytes);
    DiagnosticSink sink(report.diagnostics(), report.origin());
    CsvReader csv(bounded, sink);
    if (sink.failed()) {
        sink.finish();
        return std::nullopt;
    }
    const auto observer_column = csv.column("observer");
    const auto at_column = csv.column("at");
    const auto text_column = csv.column("text");
    const auto phase_column = csv.column("phase");
    const auto focus_column = csv.column("focus_learners");
    const auto position_column = csv.column("position");
    std::string missing;
    for (const auto& [name, column] :
         {std::pair{"observer", observer_column}, std::pair{"at", at_column},
          std::pair{"text", text_column}}) {
        if (!column)
            missing += (missing.empty() ? "'" : ", '") + std::string(name) + "'";
    }
    if (!missing.empty()) {
        report.error(Where::at_line(1), "missing column " + missing +
                                            " (a running record in CSV has the columns observer, "
                                            "at, text and optionally phase, focus_learners, "
                                            "position)");
        return std::nullopt;
    }
    const auto extra_columns = extra_csv_columns(
        csv,
        {observer_column, at_column, text_column, phase_column, focus_column, position_column});

    std::map<std::string, std::size_t> observer_index;
    CsvRecord row;
    while (csv.next(row)) {
        const Where where = Where::at_line(row.line);
        auto cell = [&](std::optional<std::size_t> column) {
            return column ? trimmed(row.fields[*column]) : std::string();
        };
        bool ok = true;
        Note note;
        note.where = where;
        note.observer = cell(observer_column);
        if (!is_record_id(note.observer)) {
            report.error(where, note.observer.empty()
                                    ? "column 'observer' is empty"
                                    : "column 'observer': invalid id '" + note.observer +
                                          "' (expected letters, digits, '-', '_' or '.')");
            ok = false;
        }
        const std::string at = cell(at_column);
        if (const auto seconds = parse_offset_text(at)) {
            note.at = *seconds;
        } else {
            report.error(where, "column 'at': invalid time '" + at +
                                    "' (expected \"HH:MM:SS\", \"MM:SS\" or seconds)");
            ok = false;
        }
        if (const std::string phase = cell(phase_column); !phase.empty()) {
            note.phase = parse_lesson_phase(phase);
            if (!note.phase) {
                report.error(where, "column 'phase': " + unknown_phase_message(phase));
                ok = false;
            }
        }
        for (const std::string& learner : split_cell_list(cell(focus_column))) {
            if (is_record_id(learner)) {
                note.focus_learners.push_back(learner);
            } else {
                report.error(where, "column 'focus_learners': invalid id '" + learner +
                                        "' (ids are separated by ';')");
                ok = false;
            }
        }
        note.text = cell(text_column);
        if (note.text.empty()) {
            report.error(where, "column 'text' is empty: a note needs its text");
            ok = false;
        }
        for (const auto& [column, name] : extra_columns) {
            if (const std::string value = cell(column); !value.empty())
                note.extra[name] = value;
        }
        if (!ok)
            continue;

        const auto [known, added] = observer_index.emplace(note.observer, record.observers.size());
        if (added) {
            Observer observer;
            observer.id = note.observer;
            observer.where = where;
            record.observers.push_back(std::move(observer));
        }
        auto& observer = record.observers[known->second];
        if (const std::string position = cell(position_column); !position.empty()) {
            if (!observer.position) {
                observer.position = position;
            } else if (*observer.position != position) {
                sink.warning("csv-position-changed", row.line, 1,
                             "column 'position': '" + position + "' differs from " + observer.id +
                                 "'s first position ('" + *observer.position + "'), which is kept");
            }
        }
        record.notes.push_back(std::move(note));
    }
    sink.finish();
    if (bounded.exceeded()) {
        report_too_large(report);
        return std::nullopt;
    }
    if (sink.failed())
        return std::nullopt;
    if (record.notes.empty() && !report.failed())
        report.error(Where{}, "no notes: a running record needs at least one timed note");
    return record;
}

}  // namespace coachkit::records
