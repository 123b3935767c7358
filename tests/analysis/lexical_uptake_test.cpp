// Content words and lexical uptake (docs/rubrics.md#lexical-uptake).
#include "coachkit/evidence/lexical_uptake.hpp"

#include <gtest/gtest.h>

namespace {

using Words = std::vector<std::string>;

TEST(LexicalUptake, ContentWordsDropFunctionWordsAndShortWords) {
    EXPECT_EQ(coachkit::content_words("So what do you think the pupils learned in the plenary?"),
              (Words{"pupil", "learned", "plenary"}));
}

TEST(LexicalUptake, PluralsPossessivesAndCaseMeetOneForm) {
    EXPECT_EQ(coachkit::content_words("Pupils' questions; the pupil's QUESTION"),
              (Words{"pupil", "question"}));
    // "class", "focus" and "analysis" keep their final s.
    EXPECT_EQ(coachkit::content_words("class focus analysis"),
              (Words{"class", "focus", "analysis"}));
}

TEST(LexicalUptake, SharedWordsInTheTurnsOrder) {
    EXPECT_EQ(coachkit::lexical_uptake("The group work in the starter was noisy.",
                                       "Noisy, yes, but the groups were talking about fractions."),
              (Words{"noisy", "group"}));
}

TEST(LexicalUptake, NothingSharedOrNothingSaid) {
    EXPECT_TRUE(coachkit::lexical_uptake("How did it go?", "I think it went well.").empty());
    EXPECT_TRUE(coachkit::lexical_uptake("", "").empty());
    EXPECT_TRUE(coachkit::content_words("... -- ?!").empty());
}

TEST(LexicalUptake, NonAsciiLettersStayInsideWords) {
    EXPECT_EQ(coachkit::content_words("café naïve"), (Words{"café", "naïve"}));
}

}  // namespace
