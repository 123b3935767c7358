// Private: small text rules the readers share (blank lines, case, whitespace, markup, speaker
// labels). The speaker rule is documented in docs/transcript-formats.md#speaker-labels.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Only spaces, tabs (and other ASCII white space), or nothing.
[[nodiscard]] bool is_blank(std::string_view text);
/// Without leading and trailing ASCII white space.
[[nodiscard]] std::string_view trim(std::string_view text);
/// ASCII letters compared without case; other bytes exactly.
[[nodiscard]] bool equals_ignoring_case(std::string_view a, std::string_view b);
[[nodiscard]] bool starts_with_ignoring_case(std::string_view text, std::string_view prefix);
[[nodiscard]] std::string lower_case(std::string_view text);

/// `text` cut to at most `max_bytes` (at a character boundary, with "..." when cut), for quoting
/// input in a message.
[[nodiscard]] std::string clipped(std::string_view text, std::size_t max_bytes = 40);

/// Appends `text` to `out` with every run of white space (line breaks included) as one space and
/// none at either end, separated from what `out` already holds by one space.
void append_words(std::string& out, std::string_view text);

/// `Speaker: text` split at its label, when the part before the first colon passes the speaker
/// rule (is_speaker_label); `rest` is the text after the colon, trimmed.
struct SpeakerPrefix {
    std::string_view speaker;
    std::string_view rest;
};
[[nodiscard]] std::optional<SpeakerPrefix> split_speaker(std::string_view line);

/// Whether `label` (the text before a colon) names a speaker rather than starting prose:
/// at most 4 words and 40 bytes; no sentence punctuation; the first word, and every other word
/// except a name particle ("van", "de", "of"…), starts with a capital, a digit or a non-ASCII
/// letter, unless the label is one word; not only digits; not a label word such as "Note".
[[nodiscard]] bool is_speaker_label(std::string_view label);

enum class Markup {
    webvtt,  ///< every `<…>` tag is markup; entities are decoded
    srt,     ///< only known tags (i, b, u, s, font, v) and `{\…}` overrides are markup
};

/// One line of cue text without its markup. The annotation of the first voice tag (`<v Ms Khan>`)
/// goes to `voice` if `voice` is empty; `other_voice` is set when a later voice tag names someone
/// else.
void strip_markup(std::string_view line, Markup markup, std::string& text, std::string& voice,
                  bool& other_voice);

COACHKIT_NAMESPACE_END
