// Content words and their uptake between turns. Deliberately simple and documented
// (docs/rubrics.md#lexical-uptake): a researcher must be able to say why two turns count as
// building on each other.
#include "coachkit/evidence/lexical_uptake.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

COACHKIT_NAMESPACE_BEGIN

namespace {

// Function words and the talk-filler every coaching turn shares ("think", "really"): taking them
// up says nothing about building on an idea.
constexpr std::array<std::string_view, 117> kStopWords = {
    "about", "after",  "again",   "all",   "also",   "and",    "any",    "are",     "because",
    "been",  "before", "being",   "both",  "but",    "can",    "could",  "did",     "does",
    "doing", "don't",  "down",    "each",  "even",   "few",    "for",    "from",    "get",
    "got",   "had",    "has",     "have",  "having", "her",    "here",   "him",     "his",
    "how",   "i'd",    "i'll",    "i'm",   "i've",   "into",   "it's",   "its",     "just",
    "know",  "like",   "lot",     "may",   "maybe",  "mean",   "might",  "more",    "most",
    "much",  "must",   "not",     "now",   "off",    "okay",   "once",   "one",     "only",
    "other", "our",    "out",     "over",  "quite",  "really", "right",  "said",    "say",
    "see",   "she",    "should",  "some",  "so",     "such",   "than",   "that",    "that's",
    "the",   "their",  "them",    "then",  "there",  "these",  "they",   "thing",   "think",
    "this",  "those",  "through", "too",   "very",   "was",    "way",    "well",    "were",
    "what",  "when",   "where",   "which", "while",  "who",    "why",    "will",    "with",
    "would", "yeah",   "yes",     "you",   "you're", "your",   "didn't", "doesn't", "it"};

bool is_stop_word(std::string_view word) {
    static const std::unordered_set<std::string_view> words(kStopWords.begin(), kStopWords.end());
    return words.count(word) != 0;
}

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c >= 0x80;
}

/// Lower case, a trailing apostrophe or "'s" off, then a plural "s" ("pupils" → "pupil", but not
/// "class" or "focus": a word of four letters or fewer, or ending "ss" or "us", keeps its "s").
std::string normalise(std::string_view raw) {
    std::string word;
    word.reserve(raw.size());
    for (const char c : raw)
        word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    while (!word.empty() && word.front() == '\'')
        word.erase(word.begin());
    if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0)
        word.resize(word.size() - 2);
    while (!word.empty() && word.back() == '\'')
        word.pop_back();
    return word;
}

std::string stem(std::string word) {
    const auto ends = [&](std::string_view tail) {
        return word.size() >= tail.size() &&
               word.compare(word.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (word.size() > 4 && ends("s") && !ends("ss") && !ends("us") && !ends("is"))
        word.pop_back();
    return word;
}

}  // namespace

std::vector<std::string> content_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i])))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == start)
            break;
        std::string word = normalise(text.substr(start, i - start));
        if (word.size() < 3 || is_stop_word(word))
            continue;
        word = stem(std::move(word));
        if (std::find(words.begin(), words.end(), word) == words.end())
            words.push_back(std::move(word));
    }
    return words;
}

std::vector<std::string> lexical_uptake(std::string_view previous, std::string_view turn) {
    const auto before = content_words(previous);
    std::vector<std::string> shared;
    for (auto& word : content_words(turn)) {
        if (std::find(before.begin(), before.end(), word) != before.end())
            shared.push_back(std::move(word));
    }
    return shared;
}

COACHKIT_NAMESPACE_END
