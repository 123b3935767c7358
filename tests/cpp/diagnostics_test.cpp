#include <gtest/gtest.h>

#include "coachkit/diagnostics/diagnostic.hpp"

using namespace coachkit;

TEST(Diagnostic, FormatsPointerPlaces) {
    const Diagnostic d{Severity::error, "school.json", "/skills/2/modes", 0, 0, "unknown mode 'x'"};
    EXPECT_EQ(d.to_string(), "school.json:/skills/2/modes: unknown mode 'x'");
}

TEST(Diagnostic, FormatsLineAndColumnForSyntax) {
    const Diagnostic d{Severity::error, "pack.json", "", 7, 46, "invalid JSON: syntax error"};
    EXPECT_EQ(d.to_string(), "pack.json:7:46: invalid JSON: syntax error");
}

TEST(Diagnostic, RootPointerIsShownAsSlashAndMissingFileAsInput) {
    const Diagnostic d{Severity::warning, "", "", 0, 0, "odd"};
    EXPECT_EQ(d.to_string(), "<input>:/: warning: odd");
}

TEST(Diagnostic, HasErrorsIgnoresWarnings) {
    Diagnostics list{{Severity::warning, "f", "", 0, 0, "w"}};
    EXPECT_FALSE(has_errors(list));
    list.push_back({Severity::error, "f", "", 0, 0, "e"});
    EXPECT_TRUE(has_errors(list));
}

TEST(InvalidDocumentError, WhatListsEveryProblemOnItsOwnLine) {
    const InvalidDocumentError e({{Severity::error, "a.json", "/x", 0, 0, "first"},
                                  {Severity::error, "a.json", "/y", 0, 0, "second"}});
    EXPECT_STREQ(e.what(), "a.json:/x: first\na.json:/y: second");
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[1].pointer, "/y");
}

TEST(Errors, AreCatchableAsTheCommonBase) {
    try {
        throw NotFoundError("unknown mode 'x'");
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "unknown mode 'x'");
        return;
    }
    FAIL() << "NotFoundError was not caught as coachkit::Error";
}
