// Pupil voice: what pupils said when asked about their learning, by survey, interview or focus
// group. Read from JSON (coachkit.pupil-voice/1) or CSV (question, response, pupil) into this one
// shape. Responses may be anonymous; a named one carries a pseudonymous pupil id.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "record_reading.hpp"

namespace coachkit::records {

inline constexpr std::string_view pupil_voice_family = "coachkit.pupil-voice";

struct VoiceQuestion {
    std::string id;
    std::string text;
    boost::json::object extra;
    Where where;  ///< its pointer, or the CSV line where it first appears
};

struct VoiceResponse {
    std::string question;  ///< a question id
    std::optional<std::string> pupil;
    std::string text;
    std::vector<std::string> themes;
    boost::json::object extra;
};

struct PupilVoice {
    std::optional<std::string> method;  ///< survey, interview or focus-group
    std::optional<std::string> date;
    std::optional<std::string> group;
    std::vector<VoiceQuestion> questions;
    std::vector<VoiceResponse> responses;
    std::vector<std::string> themes;
    boost::json::array attachments;
    boost::json::object extra;
};

/// "survey", "interview" or "focus-group" for the ways people write them; nothing otherwise.
[[nodiscard]] std::optional<std::string> parse_voice_method(std::string_view text);
/// "unknown method 'x' (expected one of: survey, interview, focus-group)".
[[nodiscard]] std::string unknown_method_message(std::string_view text);

[[nodiscard]] std::optional<PupilVoice> read_pupil_voice_json(ByteSource& input, Reporter& report);
/// CSV with the columns question and response (required), pupil and themes (optional, ';'
/// between themes); the method comes from the option "method".
[[nodiscard]] std::optional<PupilVoice> read_pupil_voice_csv(ByteSource& input,
                                                             const IngestRequest& request,
                                                             Reporter& report);

}  // namespace coachkit::records
