// The heuristic coder's engine: reads a turn once (lower-cased words with their sentences and
// where they are in the text), matches every rule's cue phrases through an index by first word,
// then applies the rules of heuristic_coder_rules.cpp in order. No regular expressions and no
// per-rule scan of the text, so a turn costs about one pass plus a look-up per word. The tables
// are compiled once, on first use, and never change, so coding is safe from many threads.
#include "coachkit/evidence/heuristic_coder.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "coachkit/evidence/lexical_uptake.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

// ---- the compiled tables ----------------------------------------------------------------------

/// One word of a cue phrase: exact, a prefix ("hypothes*") or a suffix ("*'ll").
struct Pattern {
    std::string text;
    enum class Kind : std::uint8_t { exact, prefix, suffix } kind = Kind::exact;

    [[nodiscard]] bool matches(std::string_view word) const {
        switch (kind) {
            case Kind::exact:
                return word == text;
            case Kind::prefix:
                return word.size() >= text.size() && word.substr(0, text.size()) == text;
            case Kind::suffix:
                return word.size() > text.size() && word.substr(word.size() - text.size()) == text;
        }
        return false;
    }
};

using Phrase = std::vector<Pattern>;

Phrase compile_phrase(std::string_view text) {
    Phrase phrase;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ')
            ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ')
            ++i;
        if (i == start)
            break;
        std::string_view word = text.substr(start, i - start);
        Pattern pattern;
        if (word.size() > 1 && word.back() == '*') {
            pattern.kind = Pattern::Kind::prefix;
            word.remove_suffix(1);
        } else if (word.size() > 1 && word.front() == '*') {
            pattern.kind = Pattern::Kind::suffix;
            word.remove_prefix(1);
        }
        pattern.text = std::string(word);
        phrase.push_back(std::move(pattern));
    }
    return phrase;
}

/// What the code of each computed rule does (the rest are cue, fallback or compound rules).
enum class Computed : std::uint8_t {
    none,
    question_form,
    describe_narrative,
    co_construct,
    defend_reasons,
    explain_reason,  // a cue rule, except that it yields to justify
    time_present_fallback,
    time_future_fallback,
    scale_carried,
    time_carried,
    stimulus_carried,
    stimulus_recall_fallback,
    initiation_asks,
    initiation_challenges,
    initiation_proposes,
    initiation_shared,
};

Computed computed_of(std::string_view id) {
    static const std::array<std::pair<std::string_view, Computed>, 15> ids{{
        {"question-form", Computed::question_form},
        {"describe-narrative", Computed::describe_narrative},
        {"co-construct-uptake", Computed::co_construct},
        {"defend-reasons", Computed::defend_reasons},
        {"explain-reason", Computed::explain_reason},
        {"time-present-fallback", Computed::time_present_fallback},
        {"time-future-fallback", Computed::time_future_fallback},
        {"scale-carried", Computed::scale_carried},
        {"time-carried", Computed::time_carried},
        {"stimulus-carried", Computed::stimulus_carried},
        {"stimulus-recall-fallback", Computed::stimulus_recall_fallback},
        {"initiation-asks", Computed::initiation_asks},
        {"initiation-challenges", Computed::initiation_challenges},
        {"initiation-proposes", Computed::initiation_proposes},
        {"initiation-shared", Computed::initiation_shared},
    }};
    for (const auto& [name, kind] : ids) {
        if (name == id)
            return kind;
    }
    return Computed::none;
}

constexpr int no_value = -1;
constexpr int role_value = -2;      // "=role"
constexpr int previous_value = -3;  // "=previous"

enum Dim : std::uint8_t { initiation, stimulus, scale, time, function, dimension_count };

int dimension_index(std::string_view id) {
    const auto& all = coaching_dimensions();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].id == id)
            return static_cast<int>(i);
    }
    throw Error("heuristic coder: unknown dimension '" + std::string(id) + "'");
}

int value_index(int dimension, std::string_view value) {
    const auto& values = coaching_dimensions()[static_cast<std::size_t>(dimension)].values;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i].id == value)
            return static_cast<int>(i);
    }
    return no_value;
}

struct CompiledRule {
    const HeuristicRule* rule = nullptr;
    int dimension = 0;
    int value = no_value;
    Computed computed = Computed::none;
    std::vector<std::string_view> not_followed_by;
};

/// Where a phrase comes from: a rule's cues (list 0) or `with` phrases (list 1), or an idiom.
struct PhraseRef {
    std::uint16_t rule;  // index into Tables::rules, or idiom_rule
    std::uint8_t list;
    std::uint32_t phrase;  // index into Tables::phrases
};
constexpr std::uint16_t idiom_rule = 0xffff;

using WordSet = std::unordered_set<std::string_view>;

struct Tables {
    std::vector<CompiledRule> rules;
    std::vector<Phrase> phrases;
    std::unordered_map<std::string_view, std::vector<PhraseRef>> by_first_word;
    std::vector<PhraseRef> wildcard_first;
    WordSet back_channels, discourse_markers, subjects, fillers, past_verbs, non_narrative, hedges,
        acknowledgements;
    std::vector<Phrase> question_tags, building_openers;
    std::size_t accept_rule = 0;
    // Dimension indices of coaching_dimensions(), checked against Dim once.
    std::array<std::size_t, dimension_count> value_counts{};
    // Value indices used by the computed rules.
    int v_question = 0, v_describe = 0, v_explain = 0, v_justify = 0, v_challenge = 0, v_accept = 0,
        v_defend = 0, v_dissonance = 0, v_suggest = 0, v_co_construct = 0, v_present = 0,
        v_future = 0, v_predict = 0, v_beyond = 0, v_recall = 0, v_shared = 0, v_critical = 0,
        v_episode = 0, v_whole = 0;
};

const HeuristicWordList& word_list(std::string_view id) {
    for (const auto& list : heuristic_word_lists()) {
        if (list.id == id)
            return list;
    }
    throw Error("heuristic coder: no word list '" + std::string(id) + "'");
}

WordSet word_set(std::string_view id) {
    const auto& words = word_list(id).words;
    return WordSet(words.begin(), words.end());
}

std::vector<Phrase> phrase_list(std::string_view id) {
    std::vector<Phrase> out;
    for (const auto& words : word_list(id).words)
        out.push_back(compile_phrase(words));
    return out;
}

void index_phrase(Tables& t, const std::string& text, std::uint16_t rule, std::uint8_t list) {
    Phrase phrase = compile_phrase(text);
    if (phrase.empty())
        return;
    const PhraseRef ref{rule, list, static_cast<std::uint32_t>(t.phrases.size())};
    t.phrases.push_back(std::move(phrase));
    const Pattern& first = t.phrases.back().front();
    if (first.kind == Pattern::Kind::exact)
        t.by_first_word[first.text].push_back(ref);
    else
        t.wildcard_first.push_back(ref);
}

Tables build_tables() {
    Tables t;
    const auto& dims = coaching_dimensions();
    constexpr std::array<std::string_view, dimension_count> names{"initiation", "stimulus", "scale",
                                                                  "time", "function"};
    for (std::size_t i = 0; i < dimension_count; ++i) {
        if (dims.size() <= i || dims[i].id != names[i])
            throw Error(
                "heuristic coder: the dimensions of coaching talk are not in the order "
                "it expects");
        t.value_counts[i] = dims[i].values.size();
    }
    const auto& rules = heuristic_rules();
    // Phrases point into the rules' strings only while building; the index keys point into
    // t.phrases, so reserve enough that it never moves.
    std::size_t phrase_count = word_list("idioms").words.size();
    for (const auto& rule : rules)
        phrase_count += rule.cues.size() + rule.with.size();
    t.phrases.reserve(phrase_count);
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const HeuristicRule& rule = rules[r];
        CompiledRule compiled;
        compiled.rule = &rule;
        compiled.dimension = dimension_index(rule.dimension);
        compiled.value = rule.value == "=role"       ? role_value
                         : rule.value == "=previous" ? previous_value
                                                     : value_index(compiled.dimension, rule.value);
        if (compiled.value == no_value)
            throw Error("heuristic coder: rule '" + rule.id + "' gives unknown value '" +
                        rule.value + "'");
        compiled.computed = computed_of(rule.id);
        for (const auto& word : rule.not_followed_by)
            compiled.not_followed_by.push_back(word);
        t.rules.push_back(std::move(compiled));
        for (const auto& cue : rule.cues)
            index_phrase(t, cue, static_cast<std::uint16_t>(r), 0);
        for (const auto& with : rule.with)
            index_phrase(t, with, static_cast<std::uint16_t>(r), 1);
        if (rule.id == "accept-after-challenge")
            t.accept_rule = r;
    }
    for (const auto& idiom : word_list("idioms").words)
        index_phrase(t, idiom, idiom_rule, 0);
    t.back_channels = word_set("back-channels");
    t.discourse_markers = word_set("discourse-markers");
    t.subjects = word_set("narrative-subjects");
    t.fillers = word_set("narrative-fillers");
    t.past_verbs = word_set("past-verbs");
    t.non_narrative = word_set("non-narrative-verbs");
    t.hedges = word_set("narrative-hedges");
    t.acknowledgements = word_set("acknowledgements");
    t.question_tags = phrase_list("question-tags");
    t.building_openers = phrase_list("building-openers");
    t.v_question = value_index(function, "question");
    t.v_describe = value_index(function, "describe");
    t.v_explain = value_index(function, "explain");
    t.v_justify = value_index(function, "justify");
    t.v_challenge = value_index(function, "challenge");
    t.v_accept = value_index(function, "accept");
    t.v_defend = value_index(function, "defend");
    t.v_dissonance = value_index(function, "dissonance");
    t.v_suggest = value_index(function, "suggest");
    t.v_co_construct = value_index(function, "co-construct");
    t.v_present = value_index(time, "present");
    t.v_future = value_index(time, "future");
    t.v_predict = value_index(function, "predict");
    t.v_beyond = value_index(scale, "beyond-lesson");
    t.v_recall = value_index(stimulus, "recall");
    t.v_shared = value_index(initiation, "shared");
    t.v_critical = value_index(scale, "critical-incident");
    t.v_episode = value_index(scale, "episode");
    t.v_whole = value_index(scale, "whole-lesson");
    return t;
}

const Tables& tables() {
    static const Tables built = build_tables();
    return built;
}

// ---- one turn's text --------------------------------------------------------------------------

struct Token {
    std::uint32_t begin = 0, end = 0;  // bytes of the original text
    std::uint32_t word = 0, size = 0;  // in TurnText::lower
    std::uint32_t sentence = 0;
    bool masked = false;    // in an acknowledgement: no cue may use it
    bool in_idiom = false;  // in an idiom: only a cue holding the whole idiom may use it
    bool capitalised = false;
};

struct Sentence {
    std::uint32_t first = 0, end = 0;   // tokens
    std::uint32_t begin = 0, stop = 0;  // bytes of the original text
    bool question = false;
    std::uint32_t start_token = 0;  // the first token after discourse markers
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_terminator(char c) {
    return c == '.' || c == '!' || c == '?';
}
bool is_closer(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']';
}

/// A curly apostrophe or single quote (U+2018, U+2019) at `i`: read as "'".
bool curly_apostrophe(std::string_view text, std::size_t i) {
    return i + 2 < text.size() && text[i] == '\xE2' && text[i + 1] == '\x80' &&
           (text[i + 2] == '\x98' || text[i + 2] == '\x99');
}

/// Any other character of the General Punctuation block (U+2000–U+203F: dashes, ellipsis, curly
/// double quotes, odd spaces) at `i`: it separates words.
bool unicode_punctuation(std::string_view text, std::size_t i) {
    return i + 2 < text.size() && text[i] == '\xE2' && text[i + 1] == '\x80' &&
           !curly_apostrophe(text, i);
}

class TurnText {
public:
    explicit TurnText(std::string_view text) : text_(text) {
        lower_.reserve(text.size());
        tokens_.reserve(text.size() / 4 + 1);
        split();
    }

    [[nodiscard]] std::string_view text() const { return text_; }
    [[nodiscard]] const std::vector<Token>& tokens() const { return tokens_; }
    [[nodiscard]] std::vector<Token>& tokens() { return tokens_; }
    [[nodiscard]] std::vector<Sentence>& sentences() { return sentences_; }
    /// Token ranges [first, end) of the idioms found in the turn.
    [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>>& idioms() { return idioms_; }
    [[nodiscard]] const std::vector<std::pair<std::uint32_t, std::uint32_t>>& idioms() const {
        return idioms_;
    }
    [[nodiscard]] const std::vector<Sentence>& sentences() const { return sentences_; }
    [[nodiscard]] std::string_view word(std::size_t i) const {
        return std::string_view(lower_).substr(tokens_[i].word, tokens_[i].size);
    }
    /// The turn's words from token `first` to token `last`, as written.
    [[nodiscard]] std::string span(std::size_t first, std::size_t last) const {
        return std::string(
            text_.substr(tokens_[first].begin, tokens_[last].end - tokens_[first].begin));
    }
    [[nodiscard]] std::string sentence_text(const Sentence& s) const {
        return std::string(text_.substr(s.begin, s.stop - s.begin));
    }

private:
    void split() {
        std::size_t sentence_start = std::string_view::npos;
        std::uint32_t first_token = 0;
        auto end_sentence = [&](std::size_t stop) {
            if (sentence_start == std::string_view::npos)
                return;
            const auto count = static_cast<std::uint32_t>(tokens_.size());
            if (count > first_token) {
                Sentence s;
                s.first = first_token;
                s.end = count;
                s.begin = static_cast<std::uint32_t>(sentence_start);
                s.stop = static_cast<std::uint32_t>(stop);
                sentences_.push_back(s);
            }
            first_token = count;
            sentence_start = std::string_view::npos;
        };
        std::size_t i = 0;
        while (i < text_.size()) {
            const char c = text_[i];
            if (sentence_start == std::string_view::npos && !is_space(c))
                sentence_start = i;
            if (is_terminator(c)) {
                // A sentence ends at a run of terminators followed by a space or the end (the
                // rule of question_sentences), so "3.5" and "e.g.x" do not end one.
                std::size_t end = i;
                while (end < text_.size() && is_terminator(text_[end]))
                    ++end;
                while (end < text_.size() && is_closer(text_[end]))
                    ++end;
                if (end >= text_.size() || is_space(text_[end]))
                    end_sentence(end);
                i = end;
                continue;
            }
            if (unicode_punctuation(text_, i)) {
                i += 3;
                continue;
            }
            if (is_word_start(i)) {
                i = read_word(i);
                continue;
            }
            ++i;
        }
        end_sentence(text_.size());
        for (std::uint32_t s = 0; s < sentences_.size(); ++s) {
            for (std::uint32_t k = sentences_[s].first; k < sentences_[s].end; ++k)
                tokens_[k].sentence = s;
        }
        // Which sentences are questions is talk_metrics' call, so the coder and the question
        // counts of the coaching metrics agree.
        if (text_.find('?') == std::string_view::npos)
            return;
        for (const std::string_view question : question_sentences(text_)) {
            const auto begin = static_cast<std::size_t>(question.data() - text_.data());
            const std::size_t end = begin + question.size();
            for (auto& s : sentences_) {
                if (s.begin < end && begin < s.stop)
                    s.question = true;
            }
        }
    }

    [[nodiscard]] bool is_word_byte(std::size_t i) const {
        const auto c = static_cast<unsigned char>(text_[i]);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '\'' || c >= 0x80;
    }
    [[nodiscard]] bool is_word_start(std::size_t i) const { return is_word_byte(i); }

    /// Reads the word at `i` into lower_ and tokens_; returns where it ends.
    std::size_t read_word(std::size_t i) {
        const auto word_start = static_cast<std::uint32_t>(lower_.size());
        const std::size_t begin = i;
        while (i < text_.size() && is_word_byte(i) && !unicode_punctuation(text_, i)) {
            if (curly_apostrophe(text_, i)) {
                lower_ += '\'';
                i += 3;
                continue;
            }
            const char c = text_[i];
            lower_ += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            ++i;
        }
        // Quotes around a word are not part of it ('went', pupils').
        std::size_t lead = word_start;
        while (lead < lower_.size() && lower_[lead] == '\'')
            ++lead;
        std::size_t tail = lower_.size();
        while (tail > lead && lower_[tail - 1] == '\'')
            --tail;
        if (tail > lead) {
            Token token;
            token.begin = static_cast<std::uint32_t>(begin);
            token.end = static_cast<std::uint32_t>(i);
            token.word = static_cast<std::uint32_t>(lead);
            token.size = static_cast<std::uint32_t>(tail - lead);
            const char first =
                text_[begin] == '\'' && begin + 1 < i ? text_[begin + 1] : text_[begin];
            token.capitalised = first >= 'A' && first <= 'Z';
            tokens_.push_back(token);
        }
        return i;
    }

    std::string_view text_;
    std::string lower_;
    std::vector<Token> tokens_;
    std::vector<Sentence> sentences_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> idioms_;
};

/// Token `end` (one past the phrase) when `phrase` matches from token `at`, unmasked and within
/// one sentence; 0 otherwise.
std::size_t match_at(const TurnText& turn, const Phrase& phrase, std::size_t at) {
    const auto& tokens = turn.tokens();
    if (at + phrase.size() > tokens.size())
        return 0;
    const auto sentence = tokens[at].sentence;
    for (std::size_t k = 0; k < phrase.size(); ++k) {
        const Token& token = tokens[at + k];
        if (token.masked || token.sentence != sentence || !phrase[k].matches(turn.word(at + k)))
            return 0;
    }
    return at + phrase.size();
}

struct Match {
    std::uint16_t rule;
    std::uint8_t list;
    std::uint32_t first, end;  // tokens
};

void mask_idioms(const Tables& t, TurnText& turn) {
    auto& tokens = turn.tokens();
    auto try_refs = [&](const std::vector<PhraseRef>& refs, std::size_t at) {
        for (const auto& ref : refs) {
            if (ref.rule != idiom_rule)
                continue;
            if (const std::size_t end = match_at(turn, t.phrases[ref.phrase], at); end != 0) {
                for (std::size_t k = at; k < end; ++k)
                    tokens[k].in_idiom = true;
                turn.idioms().emplace_back(static_cast<std::uint32_t>(at),
                                           static_cast<std::uint32_t>(end));
            }
        }
    };
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        if (tokens[at].in_idiom)
            continue;
        if (const auto it = t.by_first_word.find(turn.word(at)); it != t.by_first_word.end())
            try_refs(it->second, at);
        try_refs(t.wildcard_first, at);
    }
}

/// A cue over tokens [first, end) that takes part of an idiom, but not all of it, does not count.
bool splits_an_idiom(const TurnText& turn, std::size_t first, std::size_t end) {
    for (const auto& [a, b] : turn.idioms()) {
        const bool overlaps = first < b && a < end;
        const bool holds = first <= a && b <= end;
        if (overlaps && !holds)
            return true;
    }
    return false;
}

std::vector<Match> find_matches(const Tables& t, const TurnText& turn) {
    std::vector<Match> matches;
    const auto& tokens = turn.tokens();
    auto try_refs = [&](const std::vector<PhraseRef>& refs, std::size_t at) {
        for (const auto& ref : refs) {
            if (ref.rule == idiom_rule)
                continue;
            if (const std::size_t end = match_at(turn, t.phrases[ref.phrase], at);
                end != 0 && !splits_an_idiom(turn, at, end))
                matches.push_back(Match{ref.rule, ref.list, static_cast<std::uint32_t>(at),
                                        static_cast<std::uint32_t>(end)});
        }
    };
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        if (tokens[at].masked)
            continue;
        if (const auto it = t.by_first_word.find(turn.word(at)); it != t.by_first_word.end())
            try_refs(it->second, at);
        try_refs(t.wildcard_first, at);
    }
    return matches;
}

/// True when tokens [first, end) are exactly one of `phrases`.
bool is_one_of(const TurnText& turn, std::size_t first, std::size_t end,
               const std::vector<Phrase>& phrases) {
    for (const auto& phrase : phrases) {
        if (phrase.size() != end - first)
            continue;
        bool same = true;
        for (std::size_t k = 0; k < phrase.size() && same; ++k)
            same = phrase[k].matches(turn.word(first + k));
        if (same)
            return true;
    }
    return false;
}

/// Questions that are only a tag or a check ("…, isn't it?", "Right?") become statements.
void demote_tag_questions(const Tables& t, TurnText& turn) {
    const auto& tokens = turn.tokens();
    for (auto& s : turn.sentences()) {
        if (!s.question)
            continue;
        if (is_one_of(turn, s.first, s.end, t.question_tags)) {
            s.question = false;
            continue;
        }
        // The last clause: the words after the sentence's last comma.
        const std::string_view text = turn.text().substr(s.begin, s.stop - s.begin);
        const std::size_t comma = text.rfind(',');
        if (comma == std::string_view::npos)
            continue;
        const std::uint32_t after = s.begin + static_cast<std::uint32_t>(comma);
        std::uint32_t first = s.first;
        while (first < s.end && tokens[first].begin < after)
            ++first;
        if (first < s.end && is_one_of(turn, first, s.end, t.question_tags))
            s.question = false;
    }
}

/// A sentence of at most three acknowledgement words ("Good.", "Okay, great.") is masked: it
/// acknowledges rather than judges.
void mask_acknowledgements(const Tables& t, TurnText& turn) {
    auto& tokens = turn.tokens();
    for (const auto& s : turn.sentences()) {
        if (s.end - s.first > 3)
            continue;
        bool all = true;
        for (std::uint32_t k = s.first; k < s.end && all; ++k)
            all = t.acknowledgements.count(turn.word(k)) != 0;
        if (all) {
            for (std::uint32_t k = s.first; k < s.end; ++k)
                tokens[k].masked = true;
        }
    }
}

void find_sentence_starts(const Tables& t, TurnText& turn) {
    for (auto& s : turn.sentences()) {
        s.start_token = s.first;
        while (s.start_token + 1 < s.end &&
               t.discourse_markers.count(turn.word(s.start_token)) != 0)
            ++s.start_token;
    }
}

/// The sentence of token `k` is (not) a question as `scope` asks.
bool in_scope(const TurnText& turn, CueScope scope, std::size_t k) {
    const Sentence& s = turn.sentences()[turn.tokens()[k].sentence];
    switch (scope) {
        case CueScope::anywhere:
            return true;
        case CueScope::statements:
            return !s.question;
        case CueScope::questions:
            return s.question;
        case CueScope::sentence_start:
            return k == s.start_token;
    }
    return true;
}

bool is_minimal(const Tables& t, const TurnText& turn) {
    const auto& tokens = turn.tokens();
    if (tokens.size() > 4)
        return false;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (t.back_channels.count(turn.word(k)) == 0)
            return false;
    }
    return true;
}

bool is_regular_past(std::string_view word) {
    return word.size() >= 5 && word.substr(word.size() - 2) == "ed" &&
           word.substr(word.size() - 3) != "eed";
}

// ---- applying the rules -----------------------------------------------------------------------

struct Given {
    int dimension;
    int value;
    std::size_t rule;
    std::string cue;
};

class Coding {
public:
    Coding(const Tables& t, const TurnText& turn, std::string_view role,
           const PreviousTurn* previous, const HeuristicCoderOptions& options)
        : t_(t), turn_(turn), role_(role), previous_(previous), options_(options) {}

    CodedTurnResult run(const std::vector<Match>& matches) {
        matches_ = &matches;
        const bool after_challenge = partner_challenged();
        for (std::size_t r = 0; r < t_.rules.size(); ++r) {
            const CompiledRule& rule = t_.rules[r];
            if (rule.rule->after_challenge && !after_challenge)
                continue;
            switch (rule.rule->kind) {
                case RuleKind::cue:
                    if (rule.computed == Computed::explain_reason && has(function, t_.v_justify))
                        break;  // a reason for one's own choice is a justification
                    apply_cue(r);
                    break;
                case RuleKind::fallback:
                    if (!has_any(rule.dimension))
                        apply_cue(r);
                    break;
                case RuleKind::compound:
                    apply_compound(r);
                    break;
                case RuleKind::computed:
                    apply_computed(r);
                    break;
            }
        }
        return result();
    }

private:
    [[nodiscard]] bool has(int dimension, int value) const {
        return std::any_of(given_.begin(), given_.end(), [&](const Given& g) {
            return g.dimension == dimension && g.value == value;
        });
    }
    [[nodiscard]] bool has_any(int dimension) const {
        return std::any_of(given_.begin(), given_.end(),
                           [&](const Given& g) { return g.dimension == dimension; });
    }
    [[nodiscard]] const Given* find(int dimension, int value) const {
        for (const auto& g : given_) {
            if (g.dimension == dimension && g.value == value)
                return &g;
        }
        return nullptr;
    }

    /// The value a rule gives, resolving "=role"; no_value when it gives none here.
    [[nodiscard]] int value_for(const CompiledRule& rule) const {
        if (rule.value != role_value)
            return rule.value;
        if (role_ == "coach" || role_ == "learner")
            return value_index(initiation, role_);
        return no_value;
    }

    void give(std::size_t r, int value, std::string cue) {
        const CompiledRule& rule = t_.rules[r];
        if (value == no_value || has(rule.dimension, value))
            return;
        given_.push_back(Given{rule.dimension, value, r, std::move(cue)});
    }

    [[nodiscard]] bool partner_is_other_role() const {
        return previous_ != nullptr && !previous_->role.empty() && previous_->role != role_;
    }
    [[nodiscard]] bool previous_has(int dimension, int value) const {
        if (previous_ == nullptr || previous_->codes == nullptr)
            return false;
        const auto& dims = coaching_dimensions();
        const auto it = previous_->codes->find(dims[static_cast<std::size_t>(dimension)].id);
        if (it == previous_->codes->end())
            return false;
        const auto& id =
            dims[static_cast<std::size_t>(dimension)].values[static_cast<std::size_t>(value)].id;
        return std::find(it->second.begin(), it->second.end(), id) != it->second.end();
    }
    [[nodiscard]] bool partner_challenged() const {
        return partner_is_other_role() && previous_has(function, t_.v_challenge);
    }

    void apply_cue(std::size_t r) {
        const CompiledRule& rule = t_.rules[r];
        const int value = value_for(rule);
        if (value == no_value)
            return;
        for (const Match& m : *matches_) {
            if (m.rule == r && m.list == 0 && in_scope(turn_, rule.rule->scope, m.first)) {
                give(r, value, turn_.span(m.first, m.end - 1));
                return;
            }
        }
    }

    [[nodiscard]] bool followed_by_stopper(const CompiledRule& rule, const Match& m) const {
        if (rule.not_followed_by.empty() || m.end >= turn_.tokens().size())
            return false;
        const std::string_view next = turn_.word(m.end);
        return std::find(rule.not_followed_by.begin(), rule.not_followed_by.end(), next) !=
               rule.not_followed_by.end();
    }

    void apply_compound(std::size_t r) {
        const CompiledRule& rule = t_.rules[r];
        const int value = value_for(rule);
        if (value == no_value)
            return;
        const auto& tokens = turn_.tokens();
        for (const Match& cue : *matches_) {
            if (cue.rule != r || cue.list != 0 || !in_scope(turn_, rule.rule->scope, cue.first))
                continue;
            for (const Match& with : *matches_) {
                if (with.rule != r || with.list != 1 || followed_by_stopper(rule, with))
                    continue;
                if (rule.rule->same_sentence &&
                    tokens[with.first].sentence != tokens[cue.first].sentence)
                    continue;
                if (with.first < cue.end && cue.first < with.end)
                    continue;  // the same words cannot be both
                const bool cue_first = cue.first < with.first;
                const Match& a = cue_first ? cue : with;
                const Match& b = cue_first ? with : cue;
                give(r, value,
                     turn_.span(a.first, a.end - 1) + " … " + turn_.span(b.first, b.end - 1));
                return;
            }
        }
    }

    void apply_computed(std::size_t r) {
        const CompiledRule& rule = t_.rules[r];
        switch (rule.computed) {
            case Computed::question_form:
                return question_form(r);
            case Computed::describe_narrative:
                return describe_narrative(r);
            case Computed::co_construct:
                return co_construct(r);
            case Computed::defend_reasons:
                return defend_reasons(r);
            case Computed::time_present_fallback:
                return time_present_fallback(r);
            case Computed::time_future_fallback:
                return time_future_fallback(r);
            case Computed::scale_carried:
                return carry(r, scale, [](int) { return true; });
            case Computed::time_carried:
                if (!only_beyond_the_lesson())
                    carry(r, time, [](int) { return true; });
                return;
            case Computed::stimulus_carried:
                return stimulus_carried(r);
            case Computed::stimulus_recall_fallback:
                if (!has_any(stimulus) && has(time, t_.v_present))
                    give(r, t_.v_recall,
                         "no record named, about the lesson (" + reason_cue(time, t_.v_present) +
                             ")");
                return;
            case Computed::initiation_asks:
                if (const Given* g = find(function, t_.v_question))
                    give(r, value_for(rule), g->cue);
                return;
            case Computed::initiation_challenges:
                if (const Given* g = find(function, t_.v_challenge))
                    give(r, value_for(rule), g->cue);
                return;
            case Computed::initiation_proposes:
                if (const Given* g = find(function, t_.v_suggest); g != nullptr && !prompted())
                    give(r, value_for(rule), g->cue);
                return;
            case Computed::initiation_shared:
                if (const Given* g = find(function, t_.v_co_construct)) {
                    std::string cue = g->cue;
                    std::erase_if(given_, [](const Given& x) { return x.dimension == initiation; });
                    give(r, t_.v_shared, std::move(cue));
                }
                return;
            case Computed::none:
            case Computed::explain_reason:
                return;
        }
    }

    [[nodiscard]] std::string reason_cue(int dimension, int value) const {
        const Given* g = find(dimension, value);
        return g != nullptr ? g->cue : std::string();
    }

    /// The partner's turn just before asked something: this turn answers rather than leads.
    [[nodiscard]] bool prompted() const {
        return partner_is_other_role() &&
               (ends_in_question(previous_->text) || previous_has(function, t_.v_question));
    }

    /// A question of at most three words that only repeats the partner's words ("Eleven
    /// minutes?"): a check, not a question.
    [[nodiscard]] bool is_echo(const Sentence& s) const {
        if (s.end - s.first > 3 || !partner_is_other_role())
            return false;
        const auto said = content_words(turn_.sentence_text(s));
        if (said.empty())
            return false;
        const auto before = content_words(previous_->text);
        return std::all_of(said.begin(), said.end(), [&](const std::string& w) {
            return std::find(before.begin(), before.end(), w) != before.end();
        });
    }

    void question_form(std::size_t r) {
        // Questions as talk_metrics finds them (question_sentences), less tags and checks.
        for (const auto& s : turn_.sentences()) {
            if (!s.question || is_echo(s))
                continue;
            const std::string sentence = turn_.sentence_text(s);
            const QuestionClass kind = classify_question(sentence);
            give(r, t_.v_question, sentence + " (" + std::string(to_string(kind.kind)) + ")");
            return;
        }
    }

    /// The first subject-and-past-tense in a sentence (questions too when `questions`) that
    /// does not hedge: the span "they were", or empty.
    [[nodiscard]] std::string narration(bool questions) const {
        const auto& tokens = turn_.tokens();
        for (const auto& s : turn_.sentences()) {
            if (s.question && !questions)
                continue;
            bool hedged = false;
            for (std::uint32_t k = s.first; k < s.end && !hedged; ++k)
                hedged = t_.hedges.count(turn_.word(k)) != 0;
            if (hedged)
                continue;
            for (std::uint32_t k = s.first; k < s.end; ++k) {
                if (tokens[k].masked || tokens[k].in_idiom)
                    continue;
                const std::string_view w = turn_.word(k);
                // A name: a capitalised word inside the sentence ("I", "I'm" are not names).
                const bool name =
                    tokens[k].capitalised && k != s.first && w != "i" && w.substr(0, 2) != "i'";
                if (!name && t_.subjects.count(w) == 0)
                    continue;
                std::size_t fillers = 0;
                for (std::uint32_t j = k + 1; j < s.end && fillers <= 3; ++j) {
                    const std::string_view v = turn_.word(j);
                    if (tokens[j].masked || tokens[j].in_idiom || t_.non_narrative.count(v) != 0)
                        break;
                    if (t_.past_verbs.count(v) != 0 || is_regular_past(v))
                        return turn_.span(k, j);
                    if (t_.fillers.count(v) == 0)
                        break;
                    ++fillers;
                }
            }
        }
        return {};
    }

    void describe_narrative(std::size_t r) {
        if (std::string cue = narration(false); !cue.empty())
            give(r, t_.v_describe, std::move(cue));
    }

    /// Whether the value was given by the turn's own words, not carried from the partner.
    [[nodiscard]] bool own(const Given& g) const {
        const Computed c = t_.rules[g.rule].computed;
        return c != Computed::scale_carried && c != Computed::time_carried &&
               c != Computed::stimulus_carried;
    }

    /// The previous turn got `value` only by carrying it from the turn before it.
    [[nodiscard]] bool carried_by_previous(std::string_view dimension,
                                           std::string_view value) const {
        if (previous_->reasons == nullptr)
            return false;
        return std::any_of(
            previous_->reasons->begin(), previous_->reasons->end(), [&](const CodeReason& reason) {
                return reason.dimension == dimension && reason.value == value &&
                       reason.rule.size() > 8 &&
                       reason.rule.compare(reason.rule.size() - 8, 8, "-carried") == 0;
            });
    }

    /// Gives the partner's values of `dimension` (those `keep` accepts) to this turn.
    template <typename Keep>
    void carry(std::size_t r, int dimension, Keep keep) {
        if (has_any(dimension) || !partner_is_other_role() || previous_->codes == nullptr)
            return;
        const auto& id = coaching_dimensions()[static_cast<std::size_t>(dimension)].id;
        const auto it = previous_->codes->find(id);
        if (it == previous_->codes->end())
            return;
        for (const auto& value : it->second) {
            const int v = value_index(dimension, value);
            if (v != no_value && keep(v) && !carried_by_previous(id, value))
                give(r, v, "the partner's turn before: " + value);
        }
    }

    void co_construct(std::size_t r) {
        if (previous_ == nullptr || !partner_is_other_role())
            return;
        const auto is_partner_role = [](std::string_view role) {
            return role == "coach" || role == "learner";
        };
        if (!is_partner_role(role_) || !is_partner_role(previous_->role))
            return;
        if (count_words(turn_.text()) > options_.co_construct_max_words ||
            count_words(previous_->text) > options_.co_construct_max_words ||
            ends_in_question(previous_->text))
            return;
        if (!turn_.sentences().empty() && turn_.sentences().front().question &&
            is_echo(turn_.sentences().front()))
            return;  // an echo is a check, not building
        const auto taken = lexical_uptake(previous_->text, turn_.text());
        if (taken.empty())
            return;
        std::size_t opener_end = 0;
        for (std::size_t n = 1; n <= 3 && n <= turn_.tokens().size(); ++n) {
            if (is_one_of(turn_, 0, n, t_.building_openers))
                opener_end = n;
        }
        if (taken.size() < options_.co_construct_min_uptake && opener_end == 0)
            return;
        if (content_words(turn_.text()).size() <= taken.size())
            return;  // it repeats the partner and adds nothing
        std::string cue = opener_end != 0 ? turn_.span(0, opener_end - 1) + " + " : "";
        cue += "takes up: ";
        for (std::size_t i = 0; i < taken.size(); ++i)
            cue += (i == 0 ? "" : ", ") + taken[i];
        give(r, t_.v_co_construct, std::move(cue));
    }

    void defend_reasons(std::size_t r) {
        if (!partner_challenged() || has(function, t_.v_accept) || has(function, t_.v_dissonance) ||
            has(function, t_.v_defend))
            return;
        if (const Given* g = find(function, t_.v_justify))
            give(r, t_.v_defend, g->cue);
        else if (const Given* e = find(function, t_.v_explain))
            give(r, t_.v_defend, e->cue);
    }

    void time_present_fallback(std::size_t r) {
        if (has_any(time))
            return;
        for (const int v : {t_.v_critical, t_.v_episode, t_.v_whole}) {
            if (const Given* g = find(scale, v); g != nullptr && own(*g))
                return give(r, t_.v_present, g->cue);
        }
        if (std::string cue = narration(true); !cue.empty())
            return give(r, t_.v_present, std::move(cue));
        for (const auto& g : given_) {
            if (g.dimension == stimulus)
                return give(r, t_.v_present, g.cue);
        }
    }

    void time_future_fallback(std::size_t r) {
        if (has_any(time))
            return;
        for (const int v : {t_.v_suggest, t_.v_predict}) {
            if (const Given* g = find(function, v))
                return give(r, t_.v_future, g->cue);
        }
    }

    [[nodiscard]] bool only_beyond_the_lesson() const {
        bool beyond = false, other = false;
        for (const auto& g : given_) {
            if (g.dimension == scale)
                (g.value == t_.v_beyond ? beyond : other) = true;
        }
        return beyond && !other;
    }

    /// Only about the future, or only beyond the lesson: not drawing on a record of it.
    [[nodiscard]] bool away_from_the_lesson() const {
        bool future = false, other_time = false, beyond = false, other_scale = false;
        for (const auto& g : given_) {
            if (g.dimension == time)
                (g.value == t_.v_future ? future : other_time) = true;
            if (g.dimension == scale)
                (g.value == t_.v_beyond ? beyond : other_scale) = true;
        }
        return (future && !other_time) || (beyond && !other_scale);
    }

    void stimulus_carried(std::size_t r) {
        if (away_from_the_lesson())
            return;
        carry(r, stimulus, [&](int v) { return v != t_.v_recall; });
    }

    [[nodiscard]] CodedTurnResult result() const {
        // Codes in the vocabulary's order, so equal codings compare equal.
        std::vector<const Given*> order;
        order.reserve(given_.size());
        for (const auto& g : given_)
            order.push_back(&g);
        std::sort(order.begin(), order.end(), [](const Given* a, const Given* b) {
            return a->dimension != b->dimension ? a->dimension < b->dimension : a->value < b->value;
        });
        CodedTurnResult out;
        const auto& dims = coaching_dimensions();
        for (const Given* g : order) {
            const auto& dimension = dims[static_cast<std::size_t>(g->dimension)];
            const auto& value = dimension.values[static_cast<std::size_t>(g->value)].id;
            out.codes[dimension.id].push_back(value);
            out.reasons.push_back(
                CodeReason{dimension.id, value, t_.rules[g->rule].rule->id, g->cue});
        }
        return out;
    }

    const Tables& t_;
    const TurnText& turn_;
    std::string_view role_;
    const PreviousTurn* previous_;
    const HeuristicCoderOptions& options_;
    const std::vector<Match>* matches_ = nullptr;
    std::vector<Given> given_;
};

}  // namespace

HeuristicCoder::HeuristicCoder(HeuristicCoderOptions options) : options_(options) {
    (void)tables();  // compile the tables now, so a broken table fails here and not mid-corpus
}

CodedTurnResult HeuristicCoder::code(std::string_view text, std::string_view role,
                                     const PreviousTurn* previous) const {
    const Tables& t = tables();
    TurnText turn(text);
    if (turn.tokens().empty() || is_minimal(t, turn))
        return {};
    mask_idioms(t, turn);
    mask_acknowledgements(t, turn);
    demote_tag_questions(t, turn);
    find_sentence_starts(t, turn);
    const auto matches = find_matches(t, turn);
    return Coding(t, turn, role, previous, options_).run(matches);
}

std::vector<CodedTurnResult> HeuristicCoder::code_turns(const std::vector<Utterance>& turns,
                                                        const SpeakerRoles& roles) const {
    std::vector<CodedTurnResult> out;
    out.reserve(turns.size());
    std::string previous_role;
    for (std::size_t i = 0; i < turns.size(); ++i) {
        const std::string role = roles.role_for(turns[i].speaker);
        if (i == 0) {
            out.push_back(code(turns[i].text, role));
        } else {
            const PreviousTurn previous{turns[i - 1].text, previous_role, &out.back().codes,
                                        &out.back().reasons};
            out.push_back(code(turns[i].text, role, &previous));
        }
        previous_role = role;
    }
    return out;
}

COACHKIT_NAMESPACE_END
