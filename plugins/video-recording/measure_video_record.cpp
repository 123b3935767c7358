// A video's metrics (docs/evidence-records.md#video-recording-metrics). clip_seconds adds up the
// clips' lengths (the time it takes to play them all); clip_coverage counts each second of the
// recording once, however many clips hold it.
#include <algorithm>

#include "video_record.hpp"

namespace coachkit::records {

std::map<std::string, double> measure_video_record(const VideoRecord& record) {
    std::map<std::string, double> metrics;
    metrics["duration_seconds"] = record.duration;
    metrics["clips"] = count(record.clips.size());
    metrics["bookmarks"] = count(record.bookmarks.size());
    metrics["pupils_not_filmed"] = count(record.pupils_not_filmed.size());

    double played = 0;
    std::vector<std::pair<double, double>> spans;
    for (const auto& clip : record.clips) {
        played += clip.end - clip.start;
        spans.emplace_back(clip.start, clip.end);
    }
    metrics["clip_seconds"] = played;
    std::sort(spans.begin(), spans.end());
    double covered = 0;
    double reached = 0;  // the end of what has been counted so far
    for (const auto& [start, end] : spans) {
        const double from = std::max(start, reached);
        if (end > from)
            covered += end - from;
        reached = std::max(reached, end);
    }
    if (record.duration > 0)
        metrics["clip_coverage"] = covered / record.duration;

    double critical = 0;
    for (const auto& bookmark : record.bookmarks) {
        if (bookmark.critical_incident)
            critical += 1;
        for (const auto& tag : bookmark.tags)
            metrics["bookmarks.tag." + tag] += 1;
    }
    metrics["critical_incidents"] = critical;
    return metrics;
}

}  // namespace coachkit::records
