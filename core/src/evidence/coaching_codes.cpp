// The vocabulary of coaching-talk codes, as data. The guide names five dimensions and, in its
// prose and its table of levels of coaching practice, the values below; its full figure of
// interaction functions is not in the text we have, so the functions listed are those the guide
// names (source: 002_4b16babbfb4ecaf5.txt). Descriptions are ours.
#include "coachkit/evidence/coaching_codes.hpp"

#include <algorithm>

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr const char* guide = "002_4b16babbfb4ecaf5.txt";

// Aliases are the other spellings coders write: a noun for a verb ("evaluation"), a role's other
// name ("coachee"), a shortening ("incident", "lesson").
std::vector<CodingDimension> build_dimensions() {
    return {
        {"initiation",
         "Initiation",
         "Who leads this part of the conversation: who opens a topic or steers it.",
         {{"coach", "the coach leads, typically with a question the coachee answers", {"mentor"}},
          {"learner",
           "the coachee raises the topic or steers the talk",
           {"coachee", "mentee", "teacher"}},
          {"shared",
           "both lead in turn, as in a dialogue where either may open a topic",
           {"joint", "both"}}},
         guide},
        {"stimulus",
         "Stimulus",
         "What the talk draws on as evidence of the lesson.",
         {{"recall",
           "memory of the lesson and anecdote, with nothing recorded to look at",
           {"memory", "anecdote"}},
          {"observation-notes",
           "notes the coach or an observer made during the lesson",
           {"notes", "observation"}},
          {"video", "a video recording of the lesson", {"recording"}},
          {"artefact",
           "a lesson artefact: the plan, pupils' work, resources, outcomes",
           {"artifact", "pupil-work", "pupils-work", "lesson-plan", "plan"}},
          {"reflection", "the coachee's own written or spoken reflection on the lesson", {}}},
         guide},
        {"scale",
         "Scale",
         "How much of the teaching the talk is about.",
         {{"critical-incident", "one critical moment in the lesson", {"incident", "moment"}},
          {"episode", "one episode or phase of the lesson", {"phase"}},
          {"whole-lesson", "the lesson as a whole", {"lesson"}},
          {"beyond-lesson",
           "beyond this lesson: other teaching, pedagogical frameworks, wider educational "
           "contexts",
           {"beyond", "wider"}}},
         guide},
        {"time",
         "Time",
         "Which teaching the talk refers to, relative to the lesson discussed.",
         {{"past", "earlier teaching or experience, before this lesson", {}},
          {"present", "the lesson being discussed", {}},
          {"future", "teaching still to come: plans, next steps, future practice", {}}},
         guide},
        {"function",
         "Interaction function",
         "What the turn does in the conversation.",
         {{"question",
           "asks the partner something: to recall, explain, reflect",
           {"prompt", "questioning"}},
          {"describe", "gives an account of what happened", {"description"}},
          {"explain", "says why or how something happened", {"explanation"}},
          {"clarify", "makes an intention or a meaning clearer", {"clarification"}},
          {"evaluate", "judges how well something went", {"evaluation"}},
          {"justify", "gives reasons for a decision or a practice", {"justification"}},
          {"suggest", "proposes something to try", {"suggestion"}},
          {"feedback", "tells the partner how their practice or idea came across", {}},
          {"challenge", "questions an assumption, an interpretation or a practice", {}},
          {"defend", "answers a challenge by holding to the original view", {"defence", "defense"}},
          {"accept", "answers a challenge by taking it on", {"acceptance"}},
          {"dissonance", "recognises a conflict between a belief and the evidence", {}},
          {"problem-solve", "works on a problem towards a way through", {"problem-solving"}},
          {"hypothesise", "proposes an explanation to be tested", {"hypothesize", "hypothesis"}},
          {"predict", "anticipates the outcome of a change in practice", {"prediction"}},
          {"generalise",
           "relates a moment to wider experience or a principle",
           {"generalize", "generalisation", "generalization"}},
          {"co-construct",
           "builds an idea on the partner's previous contribution",
           {"co-construction", "coconstruct", "coconstruction"}}},
         guide},
    };
}

}  // namespace

const std::vector<CodingDimension>& coaching_dimensions() {
    static const std::vector<CodingDimension> dimensions = build_dimensions();
    return dimensions;
}

const CodingDimension* find_coaching_dimension(std::string_view id) {
    for (const auto& dimension : coaching_dimensions()) {
        if (dimension.id == id)
            return &dimension;
    }
    return nullptr;
}

bool is_valid(std::string_view dimension, std::string_view value) {
    const auto* found = find_coaching_dimension(dimension);
    return found != nullptr && std::any_of(found->values.begin(), found->values.end(),
                                           [&](const CodeValue& v) { return v.id == value; });
}

std::string resolve_code(std::string_view dimension, std::string_view text) {
    const auto* found = find_coaching_dimension(dimension);
    if (found == nullptr)
        return {};
    const std::string code = normalise_code(text);
    for (const auto& value : found->values) {
        if (value.id == code ||
            std::find(value.aliases.begin(), value.aliases.end(), code) != value.aliases.end())
            return value.id;
    }
    return {};
}

std::string normalise_code(std::string_view text) {
    std::string out;
    bool pending_dash = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '_' || c == '-') {
            pending_dash = !out.empty();
            continue;
        }
        if (pending_dash)
            out += '-';
        pending_dash = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::vector<std::string> split_code_values(std::string_view cell) {
    std::vector<std::string> values;
    std::size_t start = 0;
    while (start <= cell.size()) {
        const std::size_t end = cell.find_first_of(";|", start);
        const std::size_t stop = end == std::string_view::npos ? cell.size() : end;
        if (auto value = normalise_code(cell.substr(start, stop - start)); !value.empty())
            values.push_back(std::move(value));
        start = stop + 1;
    }
    return values;
}

void merge_codes(TurnCodeSet& codes, const std::string& dimension,
                 const std::vector<std::string>& values) {
    if (values.empty())
        return;
    auto& into = codes[dimension];
    for (const auto& value : values) {
        if (std::find(into.begin(), into.end(), value) == into.end())
            into.push_back(value);
    }
}

COACHKIT_NAMESPACE_END
