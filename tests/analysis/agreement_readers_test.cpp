// Reading coders' files for the agreement statistics: CSV files of codes and turn-codes sidecars,
// with the errors naming file and line or JSON pointer (docs/agreement.md#files).
#include <gtest/gtest.h>

#include "coachkit/analysis/agreement.hpp"

namespace {

using coachkit::Diagnostics;
using coachkit::ReliabilityData;
using Path = std::filesystem::path;

const Path data_dir = Path(COACHKIT_ANALYSIS_DATA) / "agreement";

std::string all_messages(const coachkit::InvalidDocumentError& e) {
    std::string text;
    for (const auto& d : e.diagnostics())
        text += d.to_string() + "\n";
    return text;
}

/// The diagnostics of reading `files`, which must fail.
std::string csv_failure(const std::vector<Path>& files) {
    Diagnostics warnings;
    try {
        (void)coachkit::read_codes_csv(files, warnings);
    } catch (const coachkit::InvalidDocumentError& e) {
        return all_messages(e);
    }
    ADD_FAILURE() << "reading did not fail";
    return {};
}

TEST(AgreementReaders, CsvFilesOneCoderEach) {
    Diagnostics warnings;
    const ReliabilityData data = coachkit::read_codes_csv(
        {data_dir / "levels_observer_a.csv", data_dir / "levels_observer_b.csv"}, warnings);
    EXPECT_TRUE(warnings.empty());
    EXPECT_EQ(data.label, "level");
    EXPECT_EQ(data.coders, (std::vector<std::string>{"levels_observer_a", "levels_observer_b"}));
    ASSERT_EQ(data.units.size(), 12U);
    EXPECT_EQ(data.units.front(), "c01");
    EXPECT_EQ(data.values[0][0], "emerging");
    EXPECT_EQ(data.values[10][1], std::nullopt);  // c11: observer b gave no level

    const std::vector<std::string> levels{"emerging", "developing", "refining", "co-constructive"};
    const auto linear = coachkit::cohen_kappa(data, coachkit::KappaWeights::linear, levels);
    EXPECT_NEAR(linear.value, 0.6271, 5e-5);
    EXPECT_EQ(linear.units, 11U);
    EXPECT_EQ(linear.units_left_out, 1U);
    EXPECT_EQ(linear.label, "level");
}

TEST(AgreementReaders, KrippendorffExampleAsFiles) {
    Diagnostics warnings;
    std::vector<Path> files;
    for (const char* coder : {"A", "B", "C", "D"})
        files.push_back(data_dir / ("krippendorff_" + std::string(coder) + ".csv"));
    const auto data = coachkit::read_codes_csv(files, warnings);
    EXPECT_EQ(data.units.size(), 12U);
    EXPECT_NEAR(coachkit::krippendorff_alpha(data).value, 0.743, 5e-4);
    EXPECT_NEAR(coachkit::krippendorff_alpha(data, coachkit::AgreementScale::interval).value, 0.849,
                5e-4);
}

TEST(AgreementReaders, UnitsFirstSeenInALaterFileAreAdded) {
    Diagnostics warnings;
    const auto data = coachkit::read_codes_csv(
        {data_dir / "extra_column.csv", data_dir / "levels_observer_a.csv"}, warnings);
    // extra_column.csv has units 1 and 2; the observer's file adds c01..c12.
    EXPECT_EQ(data.units.size(), 14U);
    EXPECT_EQ(data.values[0][1], std::nullopt);
    // One warning, for the third column: both files head their values "level".
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_NE(warnings[0].message.find("only the first two columns"), std::string::npos);
    EXPECT_EQ(warnings[0].line, 1U);
}

TEST(AgreementReaders, FilesHeadedDifferentlyAreWarned) {
    Diagnostics warnings;
    (void)coachkit::read_codes_csv(
        {data_dir / "levels_observer_a.csv", data_dir / "krippendorff_A.csv"}, warnings);
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_NE(warnings[0].message.find("headed 'value' but 'level'"), std::string::npos)
        << warnings[0].to_string();
}

TEST(AgreementReaders, CsvErrorsNameFileAndLine) {
    const std::string dup = csv_failure({data_dir / "bad" / "duplicate_unit.csv"});
    EXPECT_NE(dup.find("duplicate_unit.csv:4:1: unit '1' is given again (first at line 2)"),
              std::string::npos)
        << dup;
    const std::string one = csv_failure({data_dir / "bad" / "one_column.csv"});
    EXPECT_NE(one.find("one_column.csv:1:1: expected a header of two columns"), std::string::npos)
        << one;
    const std::string no_unit = csv_failure({data_dir / "bad" / "no_unit.csv"});
    EXPECT_NE(no_unit.find("no_unit.csv:3:1: a row without a unit id"), std::string::npos)
        << no_unit;
    const std::string quote = csv_failure({data_dir / "bad" / "unclosed_quote.csv"});
    EXPECT_NE(quote.find("unclosed_quote.csv:3:"), std::string::npos) << quote;
    // Every file's errors are reported together.
    const std::string both =
        csv_failure({data_dir / "bad" / "duplicate_unit.csv", data_dir / "bad" / "no_unit.csv"});
    EXPECT_NE(both.find("duplicate_unit.csv"), std::string::npos) << both;
    EXPECT_NE(both.find("no_unit.csv"), std::string::npos) << both;
    Diagnostics warnings;
    EXPECT_THROW((void)coachkit::read_codes_csv({data_dir / "absent.csv"}, warnings),
                 coachkit::NotFoundError);
    EXPECT_THROW((void)coachkit::read_codes_csv({}, warnings), coachkit::Error);
}

TEST(AgreementReaders, CoderNamesAreStemsUnlessTheyClash) {
    EXPECT_EQ(coachkit::coder_names({Path("x/ann.csv"), Path("y/bo.csv")}),
              (std::vector<std::string>{"ann", "bo"}));
    EXPECT_EQ(coachkit::coder_names({Path("x/codes.csv"), Path("y/codes.csv")}),
              (std::vector<std::string>{"x/codes.csv", "y/codes.csv"}));
}

TEST(AgreementReaders, SidecarsGiveOneDataSetPerDimension) {
    Diagnostics warnings;
    const auto sets = coachkit::read_turn_codes(
        {data_dir / "sidecars" / "coder_a.json", data_dir / "sidecars" / "coder_b.json"}, {},
        warnings);
    EXPECT_TRUE(warnings.empty());
    ASSERT_EQ(sets.size(), 3U);  // the dimensions used, in the vocabulary's order
    EXPECT_EQ(sets[0].label, "initiation");
    EXPECT_EQ(sets[1].label, "time");
    EXPECT_EQ(sets[2].label, "function");
    const auto& function = sets[2];
    EXPECT_EQ(function.coders, (std::vector<std::string>{"coder_a", "coder_b"}));
    EXPECT_EQ(function.units, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"}));
    // Several values of a turn: sorted and joined, whatever the order or spelling given.
    EXPECT_EQ(function.values[2][0], "evaluate+explain");
    EXPECT_EQ(function.values[2][1], "evaluate+explain");
    EXPECT_EQ(function.values[5][1], std::nullopt);  // coder b did not code turn 6
    EXPECT_EQ(sets[1].values[3][1], std::nullopt);   // nor give turn 4 a time

    EXPECT_NEAR(coachkit::cohen_kappa(sets[0]).value, 0.5455, 5e-5);
    EXPECT_NEAR(coachkit::cohen_kappa(function).value, 0.7619, 5e-5);
    const auto time = coachkit::cohen_kappa(sets[1]);
    EXPECT_DOUBLE_EQ(time.value, 1.0);
    EXPECT_EQ(time.units, 4U);
    EXPECT_EQ(time.units_left_out, 3U);
}

TEST(AgreementReaders, SidecarDimensionsChosen) {
    Diagnostics warnings;
    const auto sets = coachkit::read_turn_codes(
        {data_dir / "sidecars" / "coder_a.json", data_dir / "sidecars" / "coder_b.json"},
        {"function", "stimulus"}, warnings);
    ASSERT_EQ(sets.size(), 2U);
    EXPECT_EQ(sets[0].label, "function");
    EXPECT_EQ(sets[1].label, "stimulus");
    // Nobody coded a stimulus: every value is missing, and alpha says it cannot be computed.
    EXPECT_THROW((void)coachkit::krippendorff_alpha(sets[1]), coachkit::UndefinedAgreementError);
    try {
        (void)coachkit::read_turn_codes({data_dir / "sidecars" / "coder_a.json"}, {"tone"},
                                        warnings);
        FAIL() << "expected an error for an unknown dimension";
    } catch (const coachkit::Error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown dimension 'tone' (dimensions: initiation"),
                  std::string::npos)
            << e.what();
    }
}

TEST(AgreementReaders, SidecarErrorsNameFileAndPointerOrLine) {
    Diagnostics warnings;
    try {
        (void)coachkit::read_turn_codes(
            {data_dir / "sidecars" / "coder_a.json", data_dir / "bad" / "wrong_schema.json",
             data_dir / "bad" / "broken.json"},
            {}, warnings);
        FAIL() << "expected InvalidDocumentError";
    } catch (const coachkit::InvalidDocumentError& e) {
        const std::string text = all_messages(e);
        EXPECT_NE(text.find("wrong_schema.json:/schema: expected \"coachkit.turn-codes/1\""),
                  std::string::npos)
            << text;
        EXPECT_NE(text.find("broken.json:2:"), std::string::npos) << text;
        EXPECT_EQ(text.find("coder_a.json"), std::string::npos) << text;
    }
}

}  // namespace
