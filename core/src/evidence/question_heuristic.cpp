// Words, questions, and whether a teacher's question is open or closed. All the word lists of the
// open/closed heuristic are here, at the top, so the rules read as data; docs/evidence-metrics.md
// states them and tests/evidence/question_heuristic_test.cpp tests each, with its measured
// accuracy on a hand-labelled set.
#include <algorithm>
#include <array>

#include "coachkit/evidence/talk_metrics.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

using Words = std::vector<std::string>;

// Phrases that make a question open wherever they occur: they ask for reasons, accounts, ideas or
// predictions ("Can you explain…" is open although it starts like a yes/no question).
const std::vector<Words> open_phrases{
    {"why"},
    {"how", "come"},
    {"explain"},
    {"describe"},
    {"justify"},
    {"compare"},
    {"predict"},
    {"tell", "me"},
    {"tell", "us"},
    {"in", "what", "way"},
    {"in", "what", "ways"},
    {"what", "if"},
    {"what", "else"},
    {"what", "makes", "you"},
    {"what", "made", "you"},
    {"what", "do", "you", "think"},
    {"what", "did", "you", "think"},
    {"what", "do", "you", "reckon"},
    {"how", "do", "you", "know"},
    {"how", "did", "you", "know"},
};

// After "how": words asking for a quantity, which make it closed ("how many legs?").
constexpr std::array how_quantity{std::string_view("many"),  std::string_view("much"),
                                  std::string_view("long"),  std::string_view("old"),
                                  std::string_view("often"), std::string_view("far"),
                                  std::string_view("big"),   std::string_view("tall"),
                                  std::string_view("heavy"), std::string_view("fast")};

// After "what": forms of "to be" ask for a fact ("what is 7 × 8?", "what's the capital?").
constexpr std::array what_be{std::string_view("is"), std::string_view("are"),
                             std::string_view("was"), std::string_view("were")};
// After "what": modals ask for possibilities ("what might happen?", "what would you change?").
constexpr std::array what_modal{std::string_view("might"), std::string_view("could"),
                                std::string_view("would"), std::string_view("should"),
                                std::string_view("may"),   std::string_view("will"),
                                std::string_view("can")};
// "what happens/happened when…" asks for an account.
constexpr std::array what_happen{std::string_view("happens"), std::string_view("happened"),
                                 std::string_view("happen")};
// After "what do/does/did <someone>": verbs of thinking and noticing make it open ("what did
// you notice?"); other verbs ask for a fact ("what did you get?").
constexpr std::array what_do{std::string_view("do"), std::string_view("does"),
                             std::string_view("did")};
constexpr std::array open_verbs{
    std::string_view("think"),    std::string_view("notice"),     std::string_view("see"),
    std::string_view("mean"),     std::string_view("feel"),       std::string_view("wonder"),
    std::string_view("suggest"),  std::string_view("observe"),    std::string_view("find"),
    std::string_view("learn"),    std::string_view("understand"), std::string_view("know"),
    std::string_view("remember"), std::string_view("imagine"),    std::string_view("reckon")};

// A question starting with an auxiliary verb asks for yes or no ("Is it…", "Did you…").
constexpr std::array auxiliaries{
    std::string_view("is"),       std::string_view("are"),      std::string_view("was"),
    std::string_view("were"),     std::string_view("am"),       std::string_view("do"),
    std::string_view("does"),     std::string_view("did"),      std::string_view("can"),
    std::string_view("could"),    std::string_view("will"),     std::string_view("would"),
    std::string_view("has"),      std::string_view("have"),     std::string_view("had"),
    std::string_view("should"),   std::string_view("shall"),    std::string_view("may"),
    std::string_view("might"),    std::string_view("must"),     std::string_view("isn't"),
    std::string_view("aren't"),   std::string_view("wasn't"),   std::string_view("weren't"),
    std::string_view("don't"),    std::string_view("doesn't"),  std::string_view("didn't"),
    std::string_view("can't"),    std::string_view("couldn't"), std::string_view("won't"),
    std::string_view("wouldn't"), std::string_view("hasn't"),   std::string_view("haven't"),
    std::string_view("shouldn't")};

// Question words that ask for one fact: a person, a time, a place, a choice.
constexpr std::array fact_words{std::string_view("who"),   std::string_view("whom"),
                                std::string_view("whose"), std::string_view("when"),
                                std::string_view("where"), std::string_view("which"),
                                std::string_view("who's")};

// Words a teacher puts before the question itself ("So, okay, what…"), skipped at a clause's
// start.
constexpr std::array discourse_markers{
    std::string_view("so"),       std::string_view("and"),   std::string_view("but"),
    std::string_view("now"),      std::string_view("ok"),    std::string_view("okay"),
    std::string_view("right"),    std::string_view("well"),  std::string_view("then"),
    std::string_view("um"),       std::string_view("umm"),   std::string_view("erm"),
    std::string_view("er"),       std::string_view("uh"),    std::string_view("alright"),
    std::string_view("oh"),       std::string_view("yes"),   std::string_view("no"),
    std::string_view("good"),     std::string_view("great"), std::string_view("hmm"),
    std::string_view("actually"), std::string_view("also"),  std::string_view("just")};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool is_ascii_punctuation(unsigned char c) {
    return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
           (c >= 0x7b && c <= 0x7e);
}

bool is_terminator(char c) {
    return c == '.' || c == '!' || c == '?';
}

bool is_closer(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']';
}

/// Clauses (split at commas, semicolons, colons and dashes between spaces) of lower-case words;
/// a curly apostrophe reads as a straight one.
std::vector<Words> clauses_of(std::string_view text) {
    std::vector<Words> clauses(1);
    std::string word;
    auto end_word = [&] {
        if (!word.empty())
            clauses.back().push_back(std::move(word));
        word.clear();
    };
    auto end_clause = [&] {
        end_word();
        if (!clauses.back().empty())
            clauses.emplace_back();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (text.substr(i, 3) == "\xE2\x80\x99") {  // ’
            word += '\'';
            i += 2;
        } else if (c >= 'A' && c <= 'Z') {
            word += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80) {
            word += static_cast<char>(c);
        } else if (c == ',' || c == ';' || c == ':' ||
                   (c == '-' && i > 0 && is_space(text[i - 1]))) {
            end_clause();
        } else {
            end_word();
        }
    }
    end_word();
    if (clauses.back().empty() && clauses.size() > 1)
        clauses.pop_back();
    return clauses;
}

bool contains_phrase(const Words& words, const Words& phrase) {
    if (phrase.size() > words.size())
        return false;
    for (std::size_t i = 0; i + phrase.size() <= words.size(); ++i) {
        if (std::equal(phrase.begin(), phrase.end(),
                       words.begin() + static_cast<std::ptrdiff_t>(i)))
            return true;
    }
    return false;
}

/// The clause's words from its first one that is not a discourse marker.
Words head_of(const Words& clause) {
    auto first = std::find_if(clause.begin(), clause.end(),
                              [](const std::string& w) { return !in(discourse_markers, w); });
    return Words(first, clause.end());
}

bool starts_question(const Words& head) {
    if (head.empty())
        return false;
    const std::string& w = head.front();
    return w == "how" || w == "what" || w == "what's" || in(auxiliaries, w) || in(fact_words, w);
}

QuestionClass judge_what(const Words& head) {
    // "what's" is "what is"; look at the word after "what".
    const std::string next = head.front() == "what's" ? "is" : (head.size() > 1 ? head[1] : "");
    if (in(what_be, next))
        return {QuestionKind::closed, "what-is"};
    if (in(what_modal, next))
        return {QuestionKind::open, "what-modal"};
    if (in(what_happen, next))
        return {QuestionKind::open, "what-happen"};
    if (in(what_do, next)) {
        // what do <subject> <verb>: the verb is the fourth word, or the third after "what do".
        for (std::size_t i = 3; i < head.size() && i <= 4; ++i) {
            if (in(open_verbs, head[i]))
                return {QuestionKind::open, "what-do-open-verb"};
        }
        return {QuestionKind::closed, "what-do-other"};
    }
    return {QuestionKind::closed, "what-other"};
}

}  // namespace

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false, counted = false;
    for (const char c : text) {
        if (is_space(c)) {
            in_word = false;
            continue;
        }
        if (!in_word)
            counted = false;
        in_word = true;
        if (!counted && !is_ascii_punctuation(static_cast<unsigned char>(c))) {
            ++words;
            counted = true;
        }
    }
    return words;
}

std::vector<std::string_view> question_sentences(std::string_view text) {
    std::vector<std::string_view> questions;
    std::size_t start = std::string_view::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (start == std::string_view::npos) {
            if (!is_space(text[i]))
                start = i;
            else
                continue;
        }
        if (!is_terminator(text[i]))
            continue;
        std::size_t end = i;
        bool question = false;
        while (end < text.size() && is_terminator(text[end]))
            question |= text[end++] == '?';
        while (end < text.size() && is_closer(text[end]))
            ++end;
        if (end < text.size() && !is_space(text[end])) {
            i = end - 1;  // "3.5", "e.g.x": not the end of a sentence
            continue;
        }
        if (question)
            questions.push_back(text.substr(start, end - start));
        start = std::string_view::npos;
        i = end - 1;
    }
    return questions;
}

bool ends_in_question(std::string_view text) {
    while (!text.empty() && (is_space(text.back()) || is_closer(text.back())))
        text.remove_suffix(1);
    while (!text.empty() && is_terminator(text.back())) {
        if (text.back() == '?')
            return true;
        text.remove_suffix(1);
    }
    return false;
}

std::string_view to_string(QuestionKind kind) {
    return kind == QuestionKind::open ? "open" : "closed";
}

QuestionClass classify_question(std::string_view question) {
    const auto clauses = clauses_of(question);
    Words all;
    for (const auto& clause : clauses)
        all.insert(all.end(), clause.begin(), clause.end());
    for (const auto& phrase : open_phrases) {
        if (contains_phrase(all, phrase))
            return {QuestionKind::open, "open-phrase"};
    }
    // The question proper is the first clause that starts like one ("Sam, how did…", "If you had
    // more time, what would…"); failing that, the first clause.
    Words head = head_of(clauses.front());
    for (const auto& clause : clauses) {
        if (auto candidate = head_of(clause); starts_question(candidate)) {
            head = std::move(candidate);
            break;
        }
    }
    if (head.empty())
        return {QuestionKind::closed, "closed-default"};
    const std::string& first = head.front();
    if (first == "how") {
        if (head.size() > 1 && in(how_quantity, head[1]))
            return {QuestionKind::closed, "how-quantity"};
        return {QuestionKind::open, "how"};
    }
    if (first == "what" || first == "what's")
        return judge_what(head);
    if (in(auxiliaries, first))
        return {QuestionKind::closed, "auxiliary-start"};
    if (in(fact_words, first))
        return {QuestionKind::closed, "fact-word"};
    return {QuestionKind::closed, "closed-default"};
}

COACHKIT_NAMESPACE_END
