// A running record written as JSON (coachkit.running-record/1); see docs/evidence-records.md.
#include <coachkit/json/document.hpp>

#include "lesson_phase.hpp"
#include "running_record.hpp"

namespace coachkit::records {

namespace {

Lesson read_lesson(Fields& document) {
    Lesson lesson;
    lesson.where = Where::at_pointer(document.pointer("lesson"));
    const auto* object = document.object("lesson", Need::optional);
    if (object == nullptr)
        return lesson;
    Fields fields(*object, lesson.where.pointer, document.report());
    lesson.starts = fields.offset("starts", Need::optional);
    lesson.ends = fields.offset("ends", Need::optional);
    lesson.focus = fields.text("focus", Need::optional);
    fields.keep_unknown(lesson.extra, {"starts", "ends", "focus"});
    return lesson;
}

Observer read_observer(Fields& fields) {
    Observer observer;
    observer.where = Where::at_pointer(fields.pointer());
    observer.id = fields.id("id", Need::required).value_or("");
    observer.name = fields.text("name", Need::optional);
    observer.position = fields.text("position", Need::optional);
    fields.keep_unknown(observer.extra, {"id", "name", "position"});
    return observer;
}

std::optional<Note> read_note(Fields& fields) {
    Note note;
    note.where = Where::at_pointer(fields.pointer());
    const auto observer = fields.id("observer", Need::required);
    const auto at = fields.offset("at", Need::required);
    if (const auto phase = fields.text("phase", Need::optional)) {
        note.phase = parse_lesson_phase(*phase);
        if (!note.phase)
            fields.error("phase", unknown_phase_message(*phase));
    }
    note.focus_learners = fields.ids("focus_learners", Need::optional);
    const auto text = fields.text("text", Need::required);
    fields.keep_unknown(note.extra, {"observer", "at", "phase", "focus_learners", "text"});
    if (!observer || !at || !text)
        return std::nullopt;
    note.observer = *observer;
    note.at = *at;
    note.text = *text;
    return note;
}

}  // namespace

std::optional<RunningRecord> read_running_record_json(ByteSource& input, Reporter& report) {
    const auto document = read_tagged_document(input, running_record_family, report);
    if (!document)
        return std::nullopt;
    Fields fields(*document, "", report);
    RunningRecord record;
    record.lesson = read_lesson(fields);

    std::map<std::string, std::size_t> seen;  // observer id -> index in the document
    fields.each_object("observers", Need::required, [&](Fields& entry, std::size_t index) {
        Observer observer = read_observer(entry);
        if (observer.id.empty())
            return;
        if (const auto [first, inserted] = seen.emplace(observer.id, index); !inserted) {
            entry.error("id", "duplicate observer id '" + observer.id + "' (first at " +
                                  pointer_append("/observers", first->second) + ")");
            return;
        }
        record.observers.push_back(std::move(observer));
    });
    if (const auto* observers = document->if_contains("observers");
        observers != nullptr && observers->is_array() && observers->get_array().empty()) {
        fields.error("observers", "a running record needs at least one observer");
    }

    fields.each_object("notes", Need::required, [&](Fields& entry, std::size_t) {
        if (auto note = read_note(entry))
            record.notes.push_back(std::move(*note));
    });
    if (const auto* notes = document->if_contains("notes");
        notes != nullptr && notes->is_array() && notes->get_array().empty()) {
        fields.error("notes", "a running record needs at least one timed note");
    }
    fields.keep_unknown(record.extra, {"schema", "lesson", "observers", "notes"});
    return record;
}

}  // namespace coachkit::records
