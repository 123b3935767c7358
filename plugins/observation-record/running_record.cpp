// The checks that look across a running record's notes, and the content it is stored as.
#include "running_record.hpp"

#include <coachkit/json/document.hpp>
#include <set>

namespace coachkit::records {

Where field_of(const Where& item, std::string_view key) {
    if (item.line != 0)
        return item;  // a CSV row: the line is the place; the message names the column
    return Where::at_pointer(pointer_append(item.pointer, key));
}

void check_running_record(const RunningRecord& record, Reporter& report) {
    const auto& lesson = record.lesson;
    if (lesson.starts && lesson.ends && *lesson.ends <= *lesson.starts) {
        report.error(field_of(lesson.where, "ends"),
                     "the lesson ends (" + format_offset(*lesson.ends) + ") before it starts (" +
                         format_offset(*lesson.starts) + ")");
    }

    std::set<std::string> listed;
    std::string names;
    for (const auto& observer : record.observers) {
        listed.insert(observer.id);
        names += (names.empty() ? "" : ", ") + observer.id;
        // Where an observer sat decides what they could see; the record is read with it in mind.
        if (!observer.position) {
            report.warning(observer.where, "observer '" + observer.id +
                                               "' has no position: say where they sat, since "
                                               "what they could see depends on it");
        }
    }

    std::map<std::string, double> previous;  // observer -> time of their last note so far
    for (const auto& note : record.notes) {
        if (listed.count(note.observer) == 0) {
            report.error(field_of(note.where, "observer"),
                         "unknown observer '" + note.observer +
                             "' (listed observers: " + (names.empty() ? "none" : names) + ")");
            continue;
        }
        const auto [last, first_note] = previous.emplace(note.observer, note.at);
        if (!first_note) {
            if (note.at < last->second) {
                report.warning(field_of(note.where, "at"),
                               "note at " + format_offset(note.at) + " comes after " +
                                   note.observer + "'s note at " + format_offset(last->second) +
                                   ": an observer's notes are expected in time order");
            }
            last->second = std::max(last->second, note.at);
        }
        if (lesson.ends && note.at > *lesson.ends) {
            report.warning(field_of(note.where, "at"), "note at " + format_offset(note.at) +
                                                           " is after the lesson ends (" +
                                                           format_offset(*lesson.ends) + ")");
        }
        if (lesson.starts && note.at < *lesson.starts) {
            report.warning(field_of(note.where, "at"), "note at " + format_offset(note.at) +
                                                           " is before the lesson starts (" +
                                                           format_offset(*lesson.starts) + ")");
        }
    }
}

boost::json::object running_record_content(const RunningRecord& record) {
    boost::json::object content{{"schema", std::string(running_record_family) + "/1"}};
    if (!record.lesson.empty()) {
        boost::json::object lesson;
        if (record.lesson.starts)
            lesson["starts"] = *record.lesson.starts;
        if (record.lesson.ends)
            lesson["ends"] = *record.lesson.ends;
        if (record.lesson.focus)
            lesson["focus"] = *record.lesson.focus;
        for (const auto& [key, value] : record.lesson.extra)
            lesson[key] = value;
        content["lesson"] = std::move(lesson);
    }
    boost::json::array observers;
    for (const auto& observer : record.observers) {
        boost::json::object entry{{"id", observer.id}};
        if (observer.name)
            entry["name"] = *observer.name;
        if (observer.position)
            entry["position"] = *observer.position;
        for (const auto& [key, value] : observer.extra)
            entry[key] = value;
        observers.emplace_back(std::move(entry));
    }
    content["observers"] = std::move(observers);
    boost::json::array notes;
    for (const auto& note : record.notes) {
        boost::json::object entry{{"observer", note.observer}, {"at", note.at}};
        if (note.phase)
            entry["phase"] = *note.phase;
        if (!note.focus_learners.empty()) {
            boost::json::array learners;
            for (const auto& learner : note.focus_learners)
                learners.emplace_back(learner);
            entry["focus_learners"] = std::move(learners);
        }
        entry["text"] = note.text;
        for (const auto& [key, value] : note.extra)
            entry[key] = value;
        notes.emplace_back(std::move(entry));
    }
    content["notes"] = std::move(notes);
    for (const auto& [key, value] : record.extra)
        content[key] = value;
    return content;
}

}  // namespace coachkit::records
