#include "evidence/text_rules.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

COACHKIT_NAMESPACE_BEGIN

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Words that end in a colon at the start of a line of prose or of a heading, not speakers.
constexpr std::string_view label_words[] = {
    "note",     "notes",    "nb",       "n.b.",      "ps",         "p.s.",    "example",
    "examples", "e.g.",     "eg",       "i.e.",      "ie",         "answer",  "answers",
    "question", "summary",  "context",  "date",      "time",       "title",   "topic",
    "subject",  "lesson",   "location", "duration",  "transcript", "warning", "caution",
    "tip",      "hint",     "reminder", "important", "definition", "task",    "objective",
    "aim",      "homework", "source",   "update",    "re"};

// Lower-case words allowed inside a name ("Ms van Dijk", "Head of Year").
constexpr std::string_view name_particles[] = {"van", "von", "de", "der", "den", "da",
                                               "del", "di",  "du", "la",  "le",  "bin",
                                               "ibn", "al",  "of", "and"};

bool starts_like_a_name(std::string_view word) {
    const auto c = static_cast<unsigned char>(word.front());
    return (c >= 'A' && c <= 'Z') || is_digit(word.front()) || c >= 0x80 || c == '(' || c == '#';
}

template <typename List>
bool is_one_of(std::string_view word, const List& list) {
    return std::any_of(std::begin(list), std::end(list),
                       [&](std::string_view entry) { return equals_ignoring_case(word, entry); });
}

// Appends the UTF-8 encoding of `code` (a valid scalar value).
void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// Decodes the character reference at text[at] ('&'); returns the bytes it used, 0 if none.
// Named references are the few WebVTT writers use; numeric ones are decimal or hex.
std::size_t decode_entity(std::string_view text, std::size_t at, std::string& out) {
    const std::size_t semicolon = text.find(';', at);
    if (semicolon == std::string_view::npos || semicolon - at > 10)
        return 0;
    const std::string_view name = text.substr(at + 1, semicolon - at - 1);
    const std::size_t used = semicolon - at + 1;
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> named{{
        {"amp", "&"},
        {"lt", "<"},
        {"gt", ">"},
        {"quot", "\""},
        {"apos", "'"},
        {"nbsp", " "},  // a plain space: for counting words a non-breaking one is a space
        {"lrm", ""},    // direction marks carry no words
        {"rlm", ""},
    }};
    for (const auto& [entity, replacement] : named) {
        if (name == entity) {
            out += replacement;
            return used;
        }
    }
    if (name.size() < 2 || name[0] != '#')
        return 0;
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7)
        return 0;
    std::uint32_t code = 0;
    for (const char c : digits) {
        std::uint32_t value = 0;
        if (is_digit(c))
            value = static_cast<std::uint32_t>(c - '0');
        else if (hex && lower(c) >= 'a' && lower(c) <= 'f')
            value = static_cast<std::uint32_t>(lower(c) - 'a' + 10);
        else
            return 0;
        code = code * (hex ? 16 : 10) + value;
    }
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    append_utf8(out, code);
    return used;
}

bool is_known_srt_tag(std::string_view tag) {
    if (!tag.empty() && tag.front() == '/')
        tag.remove_prefix(1);
    std::size_t name_end = 0;
    while (name_end < tag.size() && !is_space(tag[name_end]) && tag[name_end] != '.')
        ++name_end;
    const std::string_view name = tag.substr(0, name_end);
    static constexpr std::string_view known[] = {"i", "b", "u", "s", "font", "v"};
    return is_one_of(name, known);
}

}  // namespace

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_space);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

std::string lower_case(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

std::string clipped(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes)
        return std::string(text);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;  // never split a character
    return std::string(text.substr(0, cut)) + "...";
}

void append_words(std::string& out, std::string_view text) {
    bool space = !out.empty();
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end]))
            ++end;
        if (space)
            out += ' ';
        out.append(text, i, end - i);
        space = true;
        i = end;
    }
}

bool is_speaker_label(std::string_view label) {
    label = trim(label);
    if (label.empty() || label.size() > 40)
        return false;
    if (label.find_first_of("?!,;:\"") != std::string_view::npos)
        return false;
    std::size_t words = 0;
    bool only_digits = true;
    std::string_view first;
    std::size_t i = 0;
    while (i < label.size()) {
        if (is_space(label[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < label.size() && !is_space(label[end]))
            ++end;
        const std::string_view word = label.substr(i, end - i);
        i = end;
        if (++words > 4)
            return false;
        if (words == 1)
            first = word;
        only_digits = only_digits && std::all_of(word.begin(), word.end(), is_digit);
        // A dot belongs to an abbreviation ("Mr.", "J.", "T.A."), not to the end of a sentence.
        if (word.find('.') != std::string_view::npos &&
            word.size() - static_cast<std::size_t>(std::count(word.begin(), word.end(), '.')) > 3)
            return false;
        if (words > 1 && !starts_like_a_name(word) && !is_one_of(word, name_particles))
            return false;
    }
    if (only_digits)
        return false;  // "3:" starts a list item or a clock time
    if (words == 1)
        return !is_one_of(first, label_words);
    return starts_like_a_name(first) && !is_one_of(first, label_words);
}

std::optional<SpeakerPrefix> split_speaker(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;
    // The colon must end the label: "10:30" and "https://" are not speakers.
    if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t')
        return std::nullopt;
    const std::string_view label = trim(line.substr(0, colon));
    if (!is_speaker_label(label))
        return std::nullopt;
    return SpeakerPrefix{label, trim(line.substr(colon + 1))};
}

void strip_markup(std::string_view line, Markup markup, std::string& text, std::string& voice,
                  bool& other_voice) {
    text.clear();
    const char special = markup == Markup::webvtt ? '&' : '{';
    std::size_t i = 0;
    while (i < line.size()) {
        // Copy plain text up to the next character that may start markup in one go.
        std::size_t plain = i;
        while (plain < line.size() && line[plain] != '<' && line[plain] != special)
            ++plain;
        text.append(line, i, plain - i);
        i = plain;
        if (i == line.size())
            break;
        const char c = line[i];
        if (c == '<') {
            const std::size_t close = line.find('>', i + 1);
            if (close != std::string_view::npos) {
                const std::string_view tag = line.substr(i + 1, close - i - 1);
                if (markup == Markup::webvtt || is_known_srt_tag(tag)) {
                    if (tag.size() >= 2 && tag[0] == 'v' && (is_space(tag[1]) || tag[1] == '.')) {
                        const std::size_t gap = tag.find_first_of(" \t");
                        const std::string_view name = gap == std::string_view::npos
                                                          ? std::string_view{}
                                                          : trim(tag.substr(gap));
                        if (!name.empty()) {
                            if (voice.empty())
                                voice = std::string(name);
                            else if (name != voice)
                                other_voice = true;
                        }
                    }
                    // Tags are spans inside the text ("<i>very</i>,"): the words around them
                    // bring their own spaces.
                    i = close + 1;
                    continue;
                }
            }
        } else if (c == '{' && markup == Markup::srt && i + 1 < line.size() &&
                   line[i + 1] == '\\') {
            const std::size_t close = line.find('}', i + 2);
            if (close != std::string_view::npos) {
                i = close + 1;
                continue;
            }
        } else if (c == '&' && markup == Markup::webvtt) {
            if (const std::size_t used = decode_entity(line, i, text)) {
                i += used;
                continue;
            }
        }
        text += c;
        ++i;
    }
}

COACHKIT_NAMESPACE_END
