// Evidence stored in a programme: what an evidence source read from the learner's practice (a
// running record, a video's details, a transcript), attached to a stage of a cycle.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One evidence item. The content is what the source produced, validated; the owner and privacy
/// class are the facts the privacy policy decides on (docs/evidence.md).
struct COACHKIT_API EvidenceItem {
    std::string id;  ///< "<cycle>-e<n>" unless given
    std::string partnership;
    std::string cycle;
    std::string stage;
    std::string kind;            ///< the evidence source's id ("lesson-transcript", …)
    std::string plugin;          ///< the plugin that read it
    std::string plugin_version;  ///< its version then
    std::string format;          ///< the format it was read as
    std::string origin;          ///< the file name it came from (no folders)
    std::uint64_t bytes = 0;     ///< the input's size
    std::string summary;
    std::string owner;    ///< whose it is: the cycle's learner unless said otherwise
    std::string privacy;  ///< the source's privacy class ("personal-data", "pupil-images", …)
    boost::json::value content;
    std::map<std::string, double> metrics;
    boost::json::object details;        ///< figures that are not single numbers
    std::vector<std::string> warnings;  ///< what reading it reported, short of an error
    std::string by;
    std::string at;
};

/// The item as JSON, every field (what `evidence show --json` prints).
[[nodiscard]] COACHKIT_API boost::json::object to_json(const EvidenceItem& item);

COACHKIT_NAMESPACE_END
