// Reading a video's details (coachkit.video-recording/1); see docs/evidence-records.md.
#include <map>

#include "attachment.hpp"
#include "video_record.hpp"

namespace coachkit::records {

namespace {

// A time inside the recording: past its end is an error, since a clip or bookmark there points at
// nothing.
std::optional<double> offset_within(Fields& fields, std::string_view key, double duration) {
    auto seconds = fields.offset(key, Need::required);
    if (seconds && duration > 0 && *seconds > duration) {
        fields.error(key, std::string(key) + " " + format_offset(*seconds) +
                              " is after the end of the recording (" + format_offset(duration) +
                              ")");
        return std::nullopt;
    }
    return seconds;
}

void read_clips(Fields& document, VideoRecord& record) {
    boost::json::array clips;
    std::map<std::string, std::string> seen;  // clip id -> its pointer
    document.each_object("clips", Need::optional, [&](Fields& fields, std::size_t) {
        const auto id = fields.id("id", Need::required);
        const auto start = offset_within(fields, "start", record.duration);
        const auto end = offset_within(fields, "end", record.duration);
        const auto label = fields.text("label", Need::optional);
        if (id) {
            if (const auto [first, added] = seen.emplace(*id, fields.pointer()); !added) {
                fields.error("id",
                             "duplicate clip id '" + *id + "' (first at " + first->second + ")");
            }
        }
        if (start && end && *end <= *start) {
            fields.error("end", "the clip ends (" + format_offset(*end) +
                                    ") before or as it starts (" + format_offset(*start) +
                                    "): its end must be after its start");
            return;
        }
        if (!id || !start || !end)
            return;
        record.clips.push_back(Clip{*id, *start, *end});
        boost::json::object clip{{"id", *id}, {"start", *start}, {"end", *end}};
        if (label)
            clip["label"] = *label;
        fields.keep_unknown(clip, {"id", "start", "end", "label"});
        clips.emplace_back(std::move(clip));
    });
    record.content["clips"] = std::move(clips);
}

void read_bookmarks(Fields& document, VideoRecord& record) {
    boost::json::array bookmarks;
    std::optional<double> previous;
    document.each_object("bookmarks", Need::optional, [&](Fields& fields, std::size_t) {
        const auto at = offset_within(fields, "at", record.duration);
        const auto tags = fields.texts("tags", Need::optional);
        const auto comment = fields.text("comment", Need::optional);
        const auto by = fields.id("by", Need::optional);
        const auto critical = fields.boolean("critical_incident", Need::optional);
        if (!at)
            return;
        if (previous && *at < *previous) {
            fields.warning("at", "bookmark at " + format_offset(*at) + " comes after one at " +
                                     format_offset(*previous) +
                                     ": bookmarks are expected in time order");
        }
        previous = std::max(previous.value_or(*at), *at);
        Bookmark bookmark{*at, {tags.begin(), tags.end()}, critical.value_or(false)};
        boost::json::object entry{{"at", *at}};
        boost::json::array tag_list;
        for (const auto& tag : tags)
            tag_list.emplace_back(tag);
        entry["tags"] = std::move(tag_list);
        if (comment)
            entry["comment"] = *comment;
        if (by)
            entry["by"] = *by;
        entry["critical_incident"] = bookmark.critical_incident;
        fields.keep_unknown(entry, {"at", "tags", "comment", "by", "critical_incident"});
        bookmarks.emplace_back(std::move(entry));
        record.bookmarks.push_back(std::move(bookmark));
    });
    record.content["bookmarks"] = std::move(bookmarks);
}

}  // namespace

std::optional<VideoRecord> read_video_record(ByteSource& input, Reporter& report) {
    const auto document = read_tagged_document(input, video_recording_family, report);
    if (!document)
        return std::nullopt;
    Fields fields(*document, "", report);
    VideoRecord record;
    auto& content = record.content;
    content["schema"] = std::string(video_recording_family) + "/1";

    if (const auto location = fields.text("location", Need::required))
        content["location"] = *location;
    if (const auto sha256 = read_sha256(fields, "sha256", Need::optional)) {
        content["sha256"] = *sha256;
    } else if (!document->contains("sha256")) {
        fields.warning("",
                       "no 'sha256': without the file's hash nobody can check that the file "
                       "at 'location' is the one this record describes");
    }
    if (const auto duration = fields.offset("duration", Need::required)) {
        if (*duration <= 0) {
            fields.error("duration", "the duration must be above zero");
        } else {
            record.duration = *duration;
            content["duration"] = *duration;
        }
    }
    if (const auto recorded_at = fields.utc_time("recorded_at", Need::required))
        content["recorded_at"] = *recorded_at;
    if (const auto recorded_by = fields.id("recorded_by", Need::required))
        content["recorded_by"] = *recorded_by;

    // The pupils the school has no permission to film: kept (as an explicit list, empty when none)
    // so that the privacy layer and every viewer can see them.
    boost::json::array not_filmed;
    const auto pupils = fields.ids("pupils_not_filmed", Need::optional);
    for (std::size_t i = 0; i < pupils.size(); ++i) {
        if (!record.pupils_not_filmed.insert(pupils[i]).second) {
            fields.warning("pupils_not_filmed",
                           "pupil '" + pupils[i] + "' is listed more than once");
            continue;
        }
        not_filmed.emplace_back(pupils[i]);
    }
    content["pupils_not_filmed"] = std::move(not_filmed);

    read_clips(fields, record);
    read_bookmarks(fields, record);
    fields.keep_unknown(content, {"schema", "location", "sha256", "duration", "recorded_at",
                                  "recorded_by", "pupils_not_filmed", "clips", "bookmarks"});
    return record;
}

}  // namespace coachkit::records
