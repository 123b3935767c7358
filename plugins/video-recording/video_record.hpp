// A video recording of a lesson, as metadata: where the file is, its hash, how long it runs, when
// and by whom it was recorded, the pupils who must not appear in it, and the clips and bookmarks
// picked out for the coaching conversation. The video itself is never read.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "record_reading.hpp"

namespace coachkit::records {

inline constexpr std::string_view video_recording_family = "coachkit.video-recording";

struct Clip {
    std::string id;
    double start = 0;
    double end = 0;
};

struct Bookmark {
    double at = 0;
    std::set<std::string> tags;
    bool critical_incident = false;
};

struct VideoRecord {
    double duration = 0;
    std::vector<Clip> clips;
    std::vector<Bookmark> bookmarks;
    std::set<std::string> pupils_not_filmed;
    /// The stored content: the document with times as seconds, defaults filled in (an empty
    /// pupils_not_filmed list is written out, so that "nobody" is stated, not assumed), unknown
    /// fields kept.
    boost::json::object content;
};

/// Reads and checks a `coachkit.video-recording/1` document. Nothing when it could not be read at
/// all; otherwise the record, with any problems reported (the caller checks report.failed()).
[[nodiscard]] std::optional<VideoRecord> read_video_record(ByteSource& input, Reporter& report);

/// The metrics of docs/evidence-records.md#video-recording.
[[nodiscard]] std::map<std::string, double> measure_video_record(const VideoRecord& record);

}  // namespace coachkit::records
