// Words, question sentences, and the open/closed heuristic: each rule with examples it should and
// should not decide, and the heuristic's accuracy on a hand-labelled set, which
// docs/evidence-metrics.md must report as measured here.
#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>
#include <string>

#include "evidence_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

TEST(TalkText, CountsWordsButNotPunctuationAlone) {
    EXPECT_EQ(count_words(""), 0u);
    EXPECT_EQ(count_words("   "), 0u);
    EXPECT_EQ(count_words("Hello , world - ok ..."), 3u);
    EXPECT_EQ(count_words("3.5 metres"), 2u);
    EXPECT_EQ(count_words("l\xE2\x80\x99\xC3\xA9t\xC3\xA9 est l\xC3\xA0"), 3u);  // l’été est là
    EXPECT_EQ(count_words("don't\tstop\nnow"), 3u);
}

TEST(TalkText, FindsQuestionSentences) {
    EXPECT_EQ(question_sentences("What? Why? OK."),
              (std::vector<std::string_view>{"What?", "Why?"}));
    EXPECT_EQ(question_sentences("Is 3.5 bigger than 3?"),
              (std::vector<std::string_view>{"Is 3.5 bigger than 3?"}));
    EXPECT_EQ(question_sentences("Really?!"), (std::vector<std::string_view>{"Really?!"}));
    EXPECT_EQ(question_sentences("Good. So, why did it sink?  Think."),
              (std::vector<std::string_view>{"So, why did it sink?"}));
    EXPECT_TRUE(question_sentences("No question here").empty());
    EXPECT_TRUE(question_sentences("A statement. Another one!").empty());
    EXPECT_TRUE(question_sentences("What about this").empty()) << "no '?', no question";
}

TEST(TalkText, TellsWhetherAnUtteranceEndsInAQuestion) {
    EXPECT_TRUE(ends_in_question("Is it?"));
    EXPECT_TRUE(ends_in_question("Right?! "));
    EXPECT_TRUE(ends_in_question("(Is it?)"));
    EXPECT_TRUE(ends_in_question("She said \"why?\""));
    EXPECT_FALSE(ends_in_question("Is it? Yes."));
    EXPECT_FALSE(ends_in_question("Talk to your partner"));
    EXPECT_FALSE(ends_in_question(""));
}

struct RuleCase {
    const char* question;
    QuestionKind kind;
    const char* rule;
};

void expect_rule(const RuleCase& c) {
    const auto judged = classify_question(c.question);
    EXPECT_EQ(judged.kind, c.kind) << c.question;
    EXPECT_EQ(judged.rule, c.rule) << c.question;
}

constexpr auto open = QuestionKind::open;
constexpr auto closed = QuestionKind::closed;

TEST(QuestionHeuristic, OpenPhrasesWinWhereverTheyAre) {
    expect_rule({"Why did it sink?", open, "open-phrase"});
    expect_rule({"Can you explain your answer?", open, "open-phrase"});
    expect_rule({"Could you describe the pattern?", open, "open-phrase"});
    expect_rule({"Tell me about your picture?", open, "open-phrase"});
    expect_rule({"In what ways are they alike?", open, "open-phrase"});
    expect_rule({"How do you know?", open, "open-phrase"});
    // Negative: a yes/no question without any of the phrases.
    expect_rule({"Can you see the board?", closed, "auxiliary-start"});
    // "explanation" is not "explain".
    expect_rule({"Is it the explanation part?", closed, "auxiliary-start"});
}

TEST(QuestionHeuristic, HowIsOpenUnlessItAsksForAQuantity) {
    expect_rule({"How many legs has a spider?", closed, "how-quantity"});
    expect_rule({"How long did it take?", closed, "how-quantity"});
    expect_rule({"How did you decide?", open, "how"});
    expect_rule({"How does the water move?", open, "how"});
}

TEST(QuestionHeuristic, WhatIsJudgedByTheWordsAfterIt) {
    expect_rule({"What is the capital of Peru?", closed, "what-is"});
    expect_rule({"What\xE2\x80\x99s the answer?", closed, "what-is"});  // What’s
    expect_rule({"What could we change?", open, "what-modal"});
    expect_rule({"What would you do next time?", open, "what-modal"});
    expect_rule({"What happened next?", open, "what-happen"});
    expect_rule({"What did you notice?", open, "what-do-open-verb"});
    expect_rule({"What does Tom think?", open, "what-do-open-verb"});
    expect_rule({"What did you get?", closed, "what-do-other"});
    // The word after "what" is a noun, not a modal.
    expect_rule({"What colour could it be?", closed, "what-other"});
    // Negative: an open phrase beats "what is".
    expect_rule({"What is happening, what do you think?", open, "open-phrase"});
}

TEST(QuestionHeuristic, AuxiliariesAndFactWordsAreClosed) {
    expect_rule({"Did you finish?", closed, "auxiliary-start"});
    expect_rule({"Isn't it obvious?", closed, "auxiliary-start"});
    expect_rule({"Who painted it?", closed, "fact-word"});
    expect_rule({"Where does it live?", closed, "fact-word"});
    expect_rule({"Which one is heavier?", closed, "fact-word"});
    // Negative: the same starts with an open phrase inside.
    expect_rule({"Did you explain it?", open, "open-phrase"});
    expect_rule({"Who can tell me more?", open, "open-phrase"});
}

TEST(QuestionHeuristic, FindsTheQuestionAfterNamesAndFillers) {
    expect_rule({"Sam, how many are left?", closed, "how-quantity"});
    expect_rule({"So, um, how did it go?", open, "how"});
    expect_rule({"If you had more time, what would you change?", open, "what-modal"});
    expect_rule({"OK class, is everyone ready?", closed, "auxiliary-start"});
    expect_rule({"Right - what is next?", closed, "what-is"});
}

TEST(QuestionHeuristic, AnythingElseIsClosed) {
    expect_rule({"Seven?", closed, "closed-default"});
    expect_rule({"You finished already?", closed, "closed-default"});
    expect_rule({"?", closed, "closed-default"});
    expect_rule({"", closed, "closed-default"});
}

// Questions a teacher might ask, labelled by hand before running the heuristic: open when it
// invites reasoning, ideas, opinion or an account in the pupil's words; closed when it has one
// short right answer or asks for yes or no.
const std::vector<std::pair<const char*, QuestionKind>>& labelled() {
    static const std::vector<std::pair<const char*, QuestionKind>> questions{
        {"Why do you think the ice melted faster in the sun?", open},
        {"What is 7 times 8?", closed},
        {"How did you work that out?", open},
        {"How many sides does a hexagon have?", closed},
        {"Is a tomato a fruit?", closed},
        {"Can you explain your reasoning to the class?", open},
        {"Who wrote Romeo and Juliet?", closed},
        {"What do you notice about these two shapes?", open},
        {"What is the capital of France?", closed},
        {"What would happen if we doubled the mass?", open},
        {"Which of these numbers is prime?", closed},
        {"Could you describe how the character feels?", open},
        {"Do you agree with Amir?", closed},
        {"What might the author be trying to tell us?", open},
        {"Did everyone finish the first task?", closed},
        {"How could we test that idea?", open},
        {"What colour is the solution now?", closed},
        {"What if the triangle had a right angle?", open},
        {"So, what did you find out from your experiment?", open},
        {"What else could we try?", open},
        {"Sam, what is the answer to number three?", closed},
        {"How long did the candle burn for?", closed},
        {"Is that why the plant died?", closed},
        {"What do you think about Bella's idea?", open},
        {"Which word is the verb in this sentence?", closed},
        {"In what ways are these two poems similar?", open},
        {"Has anyone got a different answer?", closed},
        {"What happens to the water when it boils?", open},
        {"Seven?", closed},
        {"You've finished already?", closed},
        {"How would you improve your paragraph?", open},
        {"What did you get for question four?", closed},
        {"Tell me more about your drawing?", open},
        {"Why not?", open},
        {"What are the three states of matter?", closed},
        {"How do plants make their food?", closed},
        {"What was the main reason the Romans left Britain?", closed},
        {"Why did the Titanic sink?", open},
        {"What's the difference between weather and climate?", open},
        {"Do you think the ending was fair?", open},
    };
    return questions;
}

TEST(QuestionHeuristic, AccuracyOnTheHandLabelledSetIsWhatTheDocsSay) {
    std::size_t right = 0;
    std::string misses;
    for (const auto& [question, label] : labelled()) {
        const auto judged = classify_question(question);
        if (judged.kind == label)
            ++right;
        else
            misses += std::string("  ") + question + " (labelled " + std::string(to_string(label)) +
                      ", judged by " + std::string(judged.rule) + ")\n";
    }
    const std::size_t total = labelled().size();
    const auto percent =
        static_cast<int>(100.0 * static_cast<double>(right) / static_cast<double>(total) + 0.5);
    std::cout << "open/closed heuristic: " << right << " of " << total << " (" << percent
              << "%); misses:\n"
              << misses;
    EXPECT_GE(percent, 80) << misses;
    // The docs state the figure measured here; a change to the rules must update them.
    const std::string docs = read_bytes(evidence_data("../../../docs/evidence-metrics.md"));
    const std::string figure = std::to_string(right) + " of " + std::to_string(total) +
                               " hand-labelled questions (" + std::to_string(percent) + "%)";
    EXPECT_NE(docs.find(figure), std::string::npos)
        << "docs/evidence-metrics.md should say: " << figure << "\nmisses:\n"
        << misses;
}

}  // namespace
