// Agreement statistics against published worked examples (each source named beside its data), and
// their handling of missing values, degenerate data and bad input (docs/agreement.md).
#include "coachkit/analysis/agreement.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <cmath>

namespace {

using coachkit::AgreementOptions;
using coachkit::AgreementResult;
using coachkit::AgreementScale;
using coachkit::KappaWeights;
using coachkit::ReliabilityData;
using Row = std::vector<std::optional<std::string>>;

/// Rows of integers as reliability data; 0 stands for a missing value.
ReliabilityData numbers(const std::vector<std::vector<int>>& rows) {
    std::vector<Row> values;
    for (const auto& row : rows) {
        Row& out = values.emplace_back();
        for (const int v : row)
            out.push_back(v == 0 ? std::nullopt : std::optional<std::string>(std::to_string(v)));
    }
    return ReliabilityData::from_rows(std::move(values));
}

/// A two-coder contingency table of counts (row: first coder) as one unit per rated pair.
ReliabilityData from_table(const std::vector<std::vector<int>>& counts,
                           const std::vector<std::string>& names) {
    std::vector<Row> values;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        for (std::size_t j = 0; j < counts[i].size(); ++j) {
            for (int n = 0; n < counts[i][j]; ++n)
                values.push_back(Row{names[i], names[j]});
        }
    }
    return ReliabilityData::from_rows(std::move(values), {"first", "second"});
}

/// Fleiss's form (units × categories, cells counting the raters who chose each) as ratings.
ReliabilityData from_counts(const std::vector<std::vector<int>>& counts) {
    std::vector<Row> values;
    for (const auto& unit : counts) {
        Row& row = values.emplace_back();
        for (std::size_t category = 0; category < unit.size(); ++category) {
            for (int n = 0; n < unit[category]; ++n)
                row.push_back("category " + std::to_string(category + 1));
        }
    }
    return ReliabilityData::from_rows(std::move(values));
}

// Fleiss (1971), Table 1: psychiatric diagnoses of 30 patients, 6 ratings each, five categories
// (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other), as distributed
// with R's irr package (`diagnoses`) and statsmodels' tests. Fleiss reports kappa = .430; irr
// gives 0.4302445.
const std::vector<std::vector<int>> fleiss_1971 = {
    {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
    {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
    {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
    {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
    {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
    {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
    {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
    {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}};

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four coders (rows
// A-D here as columns) and twelve units, 0 = missing. He reports alpha = 0.743 (nominal),
// 0.815 (ordinal) and 0.849 (interval).
const std::vector<std::vector<int>> krippendorff_2011 = {
    {1, 1, 0, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
    {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {0, 5, 5, 5}, {0, 0, 1, 1}, {0, 3, 0, 0}};

// ---- Fleiss' kappa -----------------------------------------------------------------------------

TEST(FleissKappa, Fleiss1971PsychiatricDiagnoses) {
    const auto result = coachkit::fleiss_kappa(numbers(fleiss_1971));
    EXPECT_NEAR(result.value, 0.4302445, 1e-7);
    EXPECT_NEAR(result.observed, 0.5556, 1e-4);  // P̄, Fleiss's mean agreement per subject
    EXPECT_NEAR(result.expected, 0.2199, 1e-4);  // P̄_e
    EXPECT_EQ(result.units, 30U);
    EXPECT_EQ(result.values, 180U);
    EXPECT_EQ(result.units_left_out, 0U);
    EXPECT_EQ(result.categories, (std::vector<std::string>{"1", "2", "3", "4", "5"}));
    EXPECT_FALSE(result.standard_error);
    ASSERT_TRUE(result.interval);
    EXPECT_EQ(result.interval->method, "bootstrap");
    EXPECT_EQ(result.interval->replicates, 1000U);
    EXPECT_LT(result.interval->lower, result.value);
    EXPECT_GT(result.interval->upper, result.value);
    EXPECT_GT(result.interval->lower, 0.25);  // 30 units: a wide interval, but clearly above 0
}

// The example of Wikipedia's "Fleiss' kappa" article (also in statsmodels' tests): 10 subjects,
// 14 raters, 5 categories, in Fleiss's form. Reported: P̄ = 0.378, P̄_e = 0.213, kappa = 0.210.
TEST(FleissKappa, FourteenRatersOfTenSubjects) {
    const auto result = coachkit::fleiss_kappa(from_counts({{0, 0, 0, 0, 14},
                                                            {0, 2, 6, 4, 2},
                                                            {0, 0, 3, 5, 6},
                                                            {0, 3, 9, 2, 0},
                                                            {2, 2, 8, 1, 1},
                                                            {7, 7, 0, 0, 0},
                                                            {3, 2, 6, 3, 0},
                                                            {2, 5, 3, 2, 2},
                                                            {6, 5, 2, 1, 0},
                                                            {0, 2, 2, 3, 7}}));
    EXPECT_NEAR(result.value, 0.210, 5e-4);
    EXPECT_NEAR(result.observed, 0.378, 5e-4);
    EXPECT_NEAR(result.expected, 0.213, 5e-4);
}

TEST(FleissKappa, UnitsWithAnotherNumberOfRatingsAreLeftOutAndCounted) {
    auto rows = fleiss_1971;
    rows.push_back({1, 2, 3, 4, 5, 0});  // five ratings, not six
    rows.push_back({1, 0, 0, 0, 0, 0});  // one rating
    const auto result = coachkit::fleiss_kappa(numbers(rows));
    EXPECT_NEAR(result.value, 0.4302445, 1e-7);
    EXPECT_EQ(result.units, 30U);
    EXPECT_EQ(result.units_left_out, 2U);
    ASSERT_FALSE(result.notes.empty());
    EXPECT_NE(result.notes[0].find("2 units left out"), std::string::npos) << result.notes[0];
    EXPECT_NE(result.notes[0].find("6 most units have"), std::string::npos) << result.notes[0];
}

TEST(FleissKappa, TheBootstrapIsReproducibleAndFollowsTheSeed) {
    const auto data = numbers(fleiss_1971);
    const auto first = coachkit::fleiss_kappa(data);
    const auto again = coachkit::fleiss_kappa(data);
    ASSERT_TRUE(first.interval && again.interval);
    EXPECT_EQ(first.interval->lower, again.interval->lower);
    EXPECT_EQ(first.interval->upper, again.interval->upper);
    AgreementOptions other;
    other.seed = 7;
    const auto reseeded = coachkit::fleiss_kappa(data, {}, other);
    ASSERT_TRUE(reseeded.interval);
    EXPECT_NE(first.interval->lower, reseeded.interval->lower);
    EXPECT_NEAR(first.interval->lower, reseeded.interval->lower, 0.05);
    AgreementOptions none;
    none.replicates = 0;
    EXPECT_FALSE(coachkit::fleiss_kappa(data, {}, none).interval);
}

TEST(FleissKappa, OneValueOnlyIsUndefinedNotNaN) {
    try {
        (void)coachkit::fleiss_kappa(numbers({{2, 2, 2}, {2, 2, 2}}));
        FAIL() << "expected UndefinedAgreementError";
    } catch (const coachkit::UndefinedAgreementError& e) {
        EXPECT_NE(std::string(e.what()).find("every rating is the same value ('2')"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW((void)coachkit::fleiss_kappa(numbers({{1, 0}, {0, 2}})),
                 coachkit::UndefinedAgreementError);
    EXPECT_THROW((void)coachkit::fleiss_kappa(numbers({{1}, {2}})), coachkit::Error);
}

TEST(FleissKappa, ValuesOutsideTheCategoriesGivenAreErrors) {
    try {
        (void)coachkit::fleiss_kappa(numbers({{1, 2}, {2, 3}}), {"1", "2"});
        FAIL() << "expected an error";
    } catch (const coachkit::Error& e) {
        EXPECT_NE(std::string(e.what()).find("unit '2', coder 'coder 2': value '3' is not in the "
                                             "order given"),
                  std::string::npos)
            << e.what();
    }
}

// ---- Krippendorff's alpha ----------------------------------------------------------------------

TEST(KrippendorffAlpha, Krippendorff2011NominalOrdinalInterval) {
    const auto data = numbers(krippendorff_2011);
    const auto nominal = coachkit::krippendorff_alpha(data, AgreementScale::nominal);
    const auto ordinal = coachkit::krippendorff_alpha(data, AgreementScale::ordinal);
    const auto interval = coachkit::krippendorff_alpha(data, AgreementScale::interval);
    EXPECT_NEAR(nominal.value, 0.743, 5e-4);
    EXPECT_NEAR(ordinal.value, 0.815, 5e-4);
    EXPECT_NEAR(interval.value, 0.849, 5e-4);
    // n = 40 pairable values in 11 units; unit 12 has one value only.
    EXPECT_EQ(nominal.values, 40U);
    EXPECT_EQ(nominal.units, 11U);
    EXPECT_EQ(nominal.units_left_out, 1U);
    EXPECT_TRUE(nominal.disagreement);
    // D_o = 0.2 and D_e = 0.779 (nominal) from the coincidence matrix.
    EXPECT_NEAR(nominal.observed, 0.2, 1e-9);
    EXPECT_NEAR(nominal.expected, 0.77949, 1e-5);
    EXPECT_EQ(nominal.name, "Krippendorff's alpha (nominal)");
    for (const auto* result : {&nominal, &ordinal, &interval}) {
        ASSERT_TRUE(result->interval);
        EXPECT_LE(result->interval->lower, result->value);
        EXPECT_GE(result->interval->upper, result->value);
        EXPECT_LE(result->interval->upper, 1.0);
    }
}

TEST(KrippendorffAlpha, AnOrderOfLabelsActsAsRanks) {
    // The same data with words for numbers: ordinal alpha needs their order, and gives the same.
    const std::vector<std::string> words{"one", "two", "three", "four", "five"};
    auto data = numbers(krippendorff_2011);
    for (auto& row : data.values) {
        for (auto& value : row) {
            if (value)
                value = words[static_cast<std::size_t>(std::stoi(*value)) - 1];
        }
    }
    const auto ordinal = coachkit::krippendorff_alpha(data, AgreementScale::ordinal, words);
    EXPECT_NEAR(ordinal.value, 0.815, 5e-4);
    EXPECT_EQ(ordinal.categories, words);
    // Interval on labels uses their positions 0..4, equally spaced like 1..5.
    EXPECT_NEAR(coachkit::krippendorff_alpha(data, AgreementScale::interval, words).value, 0.849,
                5e-4);
    try {
        (void)coachkit::krippendorff_alpha(data, AgreementScale::ordinal);
        FAIL() << "expected an error asking for the order";
    } catch (const coachkit::Error& e) {
        EXPECT_NE(std::string(e.what()).find("need the order of the values"), std::string::npos)
            << e.what();
    }
}

TEST(KrippendorffAlpha, NumbersSortNumericallyNotAsText) {
    // 9 < 10 < 11: as text "10" < "11" < "9" would make 9 the highest.
    const auto data = numbers({{9, 9}, {10, 11}, {11, 11}, {10, 10}, {9, 10}});
    const auto result = coachkit::krippendorff_alpha(data, AgreementScale::ordinal);
    EXPECT_EQ(result.categories, (std::vector<std::string>{"9", "10", "11"}));
}

TEST(KrippendorffAlpha, DegenerateDataAreClearErrors) {
    EXPECT_THROW((void)coachkit::krippendorff_alpha(numbers({{1}, {2}})), coachkit::Error);
    try {
        (void)coachkit::krippendorff_alpha(numbers({{1, 0}, {0, 2}}));
        FAIL() << "expected UndefinedAgreementError";
    } catch (const coachkit::UndefinedAgreementError& e) {
        EXPECT_NE(std::string(e.what()).find("no unit has values from two coders"),
                  std::string::npos)
            << e.what();
    }
    try {
        (void)coachkit::krippendorff_alpha(numbers({{3, 3}, {3, 3}, {2, 0}}));
        FAIL() << "expected UndefinedAgreementError";
    } catch (const coachkit::UndefinedAgreementError& e) {
        EXPECT_NE(std::string(e.what()).find("every pairable value is the same ('3')"),
                  std::string::npos)
            << e.what();
    }
}

TEST(KrippendorffAlpha, PerfectAgreementIsOne) {
    const auto result = coachkit::krippendorff_alpha(numbers({{1, 1, 1}, {2, 2, 0}, {3, 3, 3}}),
                                                     AgreementScale::interval);
    EXPECT_DOUBLE_EQ(result.value, 1.0);
    EXPECT_DOUBLE_EQ(result.observed, 0.0);
}

// ---- Cohen's kappa -----------------------------------------------------------------------------

// SAS PROC FREQ (AGREE) output for a 3×3 table, as recorded in statsmodels' test_inter_rater.py:
// simple kappa 0.4842, ASE 0.1380, 95% limits 0.2137 to 0.7547; weighted kappa with SAS's
// Cicchetti-Allison (linear) weights 0.4701, ASE 0.1457, 0.1845 to 0.7558. The ASE is the
// non-null large-sample standard error of Fleiss, Cohen & Everitt (1969).
TEST(CohenKappa, SasAgreementTableSimpleAndLinearWeighted) {
    const auto data = from_table({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}}, {"1", "2", "3"});
    const auto simple = coachkit::cohen_kappa(data);
    EXPECT_NEAR(simple.value, 0.4842, 5e-5);
    ASSERT_TRUE(simple.standard_error);
    EXPECT_NEAR(*simple.standard_error, 0.1380, 5e-5);
    ASSERT_TRUE(simple.interval);
    EXPECT_NEAR(simple.interval->lower, 0.2137, 5e-5);
    EXPECT_NEAR(simple.interval->upper, 0.7547, 5e-5);
    EXPECT_EQ(simple.interval->method, "analytic");

    const auto linear = coachkit::cohen_kappa(data, KappaWeights::linear);
    EXPECT_NEAR(linear.value, 0.4701, 5e-5);
    EXPECT_NEAR(*linear.standard_error, 0.1457, 5e-5);
    EXPECT_NEAR(linear.interval->lower, 0.1845, 5e-5);
    EXPECT_NEAR(linear.interval->upper, 0.7558, 5e-5);
    EXPECT_EQ(linear.name, "Cohen's kappa (linear weights)");
    EXPECT_EQ(linear.scale, AgreementScale::ordinal);
}

// SAS/STAT User's Guide, PROC FREQ "Getting Started: Agreement Study": two dermatologists rate
// 88 patients' skin condition (terrible, poor, marginal, clear). SAS reports simple kappa 0.3449,
// ASE 0.0724, 95% limits 0.2030 to 0.4868.
TEST(CohenKappa, SasSkinConditionAgreementStudy) {
    const std::vector<std::string> order{"terrible", "poor", "marginal", "clear"};
    const auto data =
        from_table({{10, 4, 1, 0}, {5, 10, 12, 2}, {2, 4, 12, 5}, {0, 2, 6, 13}}, order);
    const auto result = coachkit::cohen_kappa(data, KappaWeights::none, order);
    EXPECT_EQ(result.units, 88U);
    EXPECT_NEAR(result.value, 0.3449, 5e-5);
    EXPECT_NEAR(*result.standard_error, 0.0724, 5e-5);
    EXPECT_NEAR(result.interval->lower, 0.2030, 5e-5);
    EXPECT_NEAR(result.interval->upper, 0.4868, 5e-5);
    EXPECT_EQ(result.categories, order);
}

// Cohen (1968), the table of proportions reproduced in the documentation of R's psych package
// (cohen.kappa), as counts of 200: unweighted kappa .492 ("cohen reports .492").
TEST(CohenKappa, Cohen1968Table) {
    const auto data = from_table({{88, 14, 18}, {10, 40, 10}, {2, 6, 12}}, {"a", "b", "c"});
    const auto result = coachkit::cohen_kappa(data);
    EXPECT_NEAR(result.value, 0.492, 5e-4);
    EXPECT_NEAR(result.observed, 0.70, 1e-12);
    EXPECT_NEAR(result.expected, 0.41, 1e-12);
}

// R irr's `anxiety` data (20 subjects rated 1-6 by three raters; also in statsmodels' tests),
// raters 2 and 3. irr's kappa2 gives -0.006289308 (unweighted), 0.1459075 ("equal", linear) and
// 0.2520325 ("squared"), on the categories used (1, 2, 3, 4, 6: no one gave 5).
TEST(CohenKappa, IrrAnxietyLinearAndQuadraticWeights) {
    const std::vector<int> rater2{3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4};
    const std::vector<int> rater3{2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2};
    std::vector<std::vector<int>> rows;
    for (std::size_t i = 0; i < rater2.size(); ++i)
        rows.push_back({rater2[i], rater3[i]});
    const auto data = numbers(rows);
    EXPECT_NEAR(coachkit::cohen_kappa(data).value, -0.006289308, 1e-9);
    EXPECT_NEAR(coachkit::cohen_kappa(data, KappaWeights::linear).value, 0.1459075, 1e-7);
    EXPECT_NEAR(coachkit::cohen_kappa(data, KappaWeights::quadratic).value, 0.2520325, 1e-7);
    // Giving the whole scale 1-6 puts 6 five steps from 1 instead of four: another kappa.
    const auto scale =
        coachkit::cohen_kappa(data, KappaWeights::linear, {"1", "2", "3", "4", "5", "6"});
    EXPECT_EQ(scale.categories.size(), 6U);
    EXPECT_GT(std::fabs(scale.value - 0.1459075), 1e-3);
}

TEST(CohenKappa, UnitsMissingAValueAreLeftOutAndCounted) {
    const auto data = numbers({{1, 1}, {2, 2}, {1, 2}, {0, 1}, {2, 0}, {2, 2}});
    const auto result = coachkit::cohen_kappa(data);
    EXPECT_EQ(result.units, 4U);
    EXPECT_EQ(result.units_left_out, 2U);
    ASSERT_EQ(result.notes.size(), 1U);
    EXPECT_EQ(result.notes[0], "2 units left out: a value from one coder is missing");
    const auto complete = coachkit::cohen_kappa(numbers({{1, 1}, {2, 2}, {1, 2}, {2, 2}}));
    EXPECT_DOUBLE_EQ(result.value, complete.value);
}

TEST(CohenKappa, PerfectAgreementHasNoSpread) {
    const auto result = coachkit::cohen_kappa(numbers({{1, 1}, {2, 2}, {3, 3}}));
    EXPECT_DOUBLE_EQ(result.value, 1.0);
    EXPECT_DOUBLE_EQ(*result.standard_error, 0.0);
    EXPECT_DOUBLE_EQ(result.interval->lower, 1.0);
    EXPECT_DOUBLE_EQ(result.interval->upper, 1.0);
}

TEST(CohenKappa, TheConfidenceLevelWidensTheInterval) {
    const auto data = from_table({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}}, {"1", "2", "3"});
    AgreementOptions wide;
    wide.confidence = 0.99;
    const auto result = coachkit::cohen_kappa(data, KappaWeights::none, {}, wide);
    // z = 2.5758 for 99%.
    EXPECT_NEAR(result.interval->lower, result.value - 2.5758 * *result.standard_error, 1e-4);
    EXPECT_DOUBLE_EQ(result.interval->level, 0.99);
}

TEST(CohenKappa, BadAndDegenerateInput) {
    try {
        (void)coachkit::cohen_kappa(numbers({{1, 1, 1}}));
        FAIL() << "expected an error for three coders";
    } catch (const coachkit::Error& e) {
        EXPECT_NE(std::string(e.what()).find("compares two coders; these data have 3"),
                  std::string::npos)
            << e.what();
    }
    try {
        (void)coachkit::cohen_kappa(numbers({{2, 2}, {2, 2}}));
        FAIL() << "expected UndefinedAgreementError";
    } catch (const coachkit::UndefinedAgreementError& e) {
        EXPECT_NE(std::string(e.what()).find("both coders gave every unit the same value ('2')"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW((void)coachkit::cohen_kappa(numbers({{1, 0}, {0, 2}})),
                 coachkit::UndefinedAgreementError);
    // Weights need an order: words without one are refused, naming the weights.
    const auto words = ReliabilityData::from_rows({{"low", "high"}, {"high", "high"}});
    try {
        (void)coachkit::cohen_kappa(words, KappaWeights::quadratic);
        FAIL() << "expected an error asking for the order";
    } catch (const coachkit::Error& e) {
        EXPECT_NE(std::string(e.what()).find("quadratic weights need the order of the values"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_NO_THROW(
        (void)coachkit::cohen_kappa(words, KappaWeights::quadratic, {"low", "middle", "high"}));
    EXPECT_THROW((void)coachkit::cohen_kappa(words, KappaWeights::linear, {"low", "low", "high"}),
                 coachkit::Error);
    EXPECT_THROW((void)coachkit::cohen_kappa(words, KappaWeights::linear, {"low"}),
                 coachkit::Error);
    // Thousands of distinct values are ids in the wrong column, not codes: refused, not a huge
    // table.
    std::vector<std::vector<int>> ids;
    for (int i = 1; i <= 2001; ++i)
        ids.push_back({i, i});
    EXPECT_THROW((void)coachkit::cohen_kappa(numbers(ids)), coachkit::Error);
}

// ---- shared pieces -----------------------------------------------------------------------------

TEST(AgreementData, RowsMustMatchTheCoders) {
    EXPECT_THROW((void)ReliabilityData::from_rows({{"a", "b"}, {"a"}}), coachkit::Error);
    EXPECT_THROW((void)ReliabilityData::from_rows({{"a", "b"}}, {"x", "y", "z"}), coachkit::Error);
    EXPECT_THROW((void)ReliabilityData::from_rows({{"a", "b"}}, {}, {"u1", "u2"}), coachkit::Error);
    const auto data = ReliabilityData::from_rows({{"a", std::nullopt}}, {}, {}, "level");
    EXPECT_EQ(data.coders, (std::vector<std::string>{"coder 1", "coder 2"}));
    EXPECT_EQ(data.units, (std::vector<std::string>{"1"}));
}

TEST(AgreementData, OneNumberWrittenTwoWaysIsRefused) {
    const auto data = ReliabilityData::from_rows({{"1", "1.0"}, {"2", "2"}});
    EXPECT_THROW((void)coachkit::krippendorff_alpha(data, AgreementScale::interval),
                 coachkit::Error);
}

TEST(AgreementOptionsCheck, TheLevelMustBeAProbability) {
    AgreementOptions options;
    options.confidence = 1.0;
    EXPECT_THROW(
        (void)coachkit::cohen_kappa(numbers({{1, 2}, {2, 2}}), KappaWeights::none, {}, options),
        coachkit::Error);
    options.confidence = 0.9;
    options.replicates = 1000000;
    EXPECT_THROW((void)coachkit::krippendorff_alpha(numbers({{1, 2}, {2, 2}}),
                                                    AgreementScale::nominal, {}, options),
                 coachkit::Error);
}

TEST(AgreementNames, ScalesAndWeightsRoundTrip) {
    for (const auto scale :
         {AgreementScale::nominal, AgreementScale::ordinal, AgreementScale::interval})
        EXPECT_EQ(coachkit::parse_agreement_scale(coachkit::to_string(scale)), scale);
    for (const auto weights : {KappaWeights::none, KappaWeights::linear, KappaWeights::quadratic})
        EXPECT_EQ(coachkit::parse_kappa_weights(coachkit::to_string(weights)), weights);
    EXPECT_FALSE(coachkit::parse_agreement_scale("ratio"));
    EXPECT_FALSE(coachkit::parse_kappa_weights("Linear"));
}

TEST(Bootstrap, PercentilesOfAResampledMean) {
    // The mean of units 0..9 resampled: the interval lies around 4.5 and inside [0, 9].
    AgreementOptions options;
    options.replicates = 500;
    const auto interval = coachkit::bootstrap_interval(10, options, [](const auto& draws) {
        double sum = 0;
        for (std::size_t u = 0; u < draws.size(); ++u)
            sum += static_cast<double>(u * draws[u]);
        return std::optional<double>(sum / 10);
    });
    ASSERT_TRUE(interval);
    EXPECT_EQ(interval->replicates, 500U);
    EXPECT_LT(interval->lower, 4.5);
    EXPECT_GT(interval->upper, 4.5);
    EXPECT_GT(interval->lower, 1.5);
    EXPECT_LT(interval->upper, 7.5);
    // Undefined resamples are skipped; with none defined there is no interval.
    const auto never = coachkit::bootstrap_interval(
        10, options, [](const auto&) { return std::optional<double>(); });
    EXPECT_FALSE(never);
}

TEST(AgreementJson, CarriesTheFigures) {
    const auto result = coachkit::krippendorff_alpha(numbers(krippendorff_2011));
    const auto json = coachkit::to_json(result);
    EXPECT_EQ(json.at("statistic").as_string(), "krippendorff_alpha");
    EXPECT_NEAR(json.at("value").as_double(), 0.743, 5e-4);
    EXPECT_TRUE(json.contains("observed_disagreement"));
    EXPECT_TRUE(json.at("standard_error").is_null());
    EXPECT_EQ(json.at("interval").at("method").as_string(), "bootstrap");
    EXPECT_EQ(json.at("units_left_out").as_uint64(), 1U);
    const auto kappa = coachkit::to_json(coachkit::cohen_kappa(numbers({{1, 1}, {1, 2}, {2, 2}})));
    EXPECT_TRUE(kappa.contains("observed_agreement"));
    EXPECT_TRUE(kappa.at("standard_error").is_double());
}

}  // namespace
