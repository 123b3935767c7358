// Agreement between coders (inter-rater reliability), for researchers who check coders against
// each other on the codes of coaching talk and on levels of coaching practice: Cohen's kappa (two
// coders, weighted for ordered values), Fleiss' kappa (several coders), Krippendorff's alpha (any
// number of coders, missing values, nominal, ordinal or interval values), each with a confidence
// interval; and readers for coders' files. Methods, sources and examples: docs/agreement.md.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"

COACHKIT_NAMESPACE_BEGIN

/// What the coders gave each unit (a turn, a conversation): one row per unit, one column per
/// coder, nullopt where a coder gave no value. Values are compared as text, exactly.
struct COACHKIT_API ReliabilityData {
    std::string label;                ///< what was coded ("level", "function"); may be empty
    std::vector<std::string> coders;  ///< one name per column
    std::vector<std::string> units;   ///< one id per row
    std::vector<std::vector<std::optional<std::string>>> values;  ///< values[unit][coder]

    /// Rows of values with coders and units named, or numbered from 1 when not given. Throws
    /// Error when a row's length differs from the first row's or from `coders`, or when `units`
    /// does not have one id per row.
    [[nodiscard]] static ReliabilityData from_rows(
        std::vector<std::vector<std::optional<std::string>>> rows,
        std::vector<std::string> coders = {}, std::vector<std::string> units = {},
        std::string label = {});
    /// Throws Error unless there is one unit id per row and one value per coder in each row.
    void check() const;
};

/// What the values are: categories only (nominal), ranks (ordinal), or numbers whose
/// differences mean something (interval).
enum class AgreementScale { nominal, ordinal, interval };
/// Credit Cohen's kappa gives a near miss between ordered values: none, 1 - |i-j|/(k-1) (linear),
/// 1 - (i-j)²/(k-1)² (quadratic), for the i-th and j-th of k values in order (Cohen 1968).
enum class KappaWeights { none, linear, quadratic };

[[nodiscard]] COACHKIT_API std::string_view to_string(AgreementScale scale);
[[nodiscard]] COACHKIT_API std::string_view to_string(KappaWeights weights);
/// "nominal", "ordinal", "interval"; nullopt for anything else.
[[nodiscard]] COACHKIT_API std::optional<AgreementScale> parse_agreement_scale(
    std::string_view text);
/// "none", "linear", "quadratic"; nullopt for anything else.
[[nodiscard]] COACHKIT_API std::optional<KappaWeights> parse_kappa_weights(std::string_view text);

/// The seed of the bootstrap when none is given: the same data give the same interval, on every
/// machine (the generator is std::mt19937_64, whose output the C++ standard fixes).
inline constexpr std::uint64_t default_bootstrap_seed = 12345;

struct COACHKIT_API AgreementOptions {
    double confidence = 0.95;       ///< level of the confidence interval, strictly between 0 and 1
    std::size_t replicates = 1000;  ///< bootstrap resamples (Fleiss, alpha); 0: no interval
    std::uint64_t seed = default_bootstrap_seed;
    /// Throws Error when the level is not strictly between 0 and 1 or replicates exceed 100000.
    void check() const;
};

struct COACHKIT_API ConfidenceInterval {
    double lower = 0;
    double upper = 0;
    double level = 0.95;
    std::string method;          ///< "analytic" or "bootstrap"
    std::string description;     ///< the method in words, with its source
    std::size_t replicates = 0;  ///< bootstrap resamples the interval rests on (0 when analytic)
};

/// One statistic on one set of reliability data.
struct COACHKIT_API AgreementResult {
    std::string statistic;  ///< "cohen_kappa", "fleiss_kappa" or "krippendorff_alpha"
    std::string name;       ///< for people: "Cohen's kappa (linear weights)"
    std::string label;      ///< what was coded, from the data
    AgreementScale scale = AgreementScale::nominal;
    KappaWeights weights = KappaWeights::none;
    double value = 0;
    /// Kappas compare agreements (observed, and expected by chance); alpha compares disagreements.
    bool disagreement = false;
    double observed = 0;
    double expected = 0;
    std::size_t units = 0;           ///< units the statistic used
    std::size_t units_left_out = 0;  ///< units it could not use (see notes for why)
    std::size_t values = 0;          ///< values it used
    std::vector<std::string> coders;
    std::vector<std::string> categories;   ///< the values in order (lowest first when ordered)
    std::optional<double> standard_error;  ///< when the literature gives an analytic one
    std::optional<ConfidenceInterval> interval;
    std::vector<std::string> notes;  ///< what was left out and why; bootstrap caveats
};

/// The statistic cannot be computed for these data: one value only (chance agreement is total),
/// no unit two coders both coded. Distinct from Error so a report of many can say "undefined".
class COACHKIT_API UndefinedAgreementError : public Error {
public:
    using Error::Error;
    ~UndefinedAgreementError() override;
};

/// Cohen's kappa (Cohen 1960), weighted (Cohen 1968) when `weights` is not none, for data of
/// exactly two coders. Units either coder left without a value are left out (counted in
/// units_left_out). The interval is analytic: kappa ± z·SE with the large-sample standard error
/// of Fleiss, Cohen & Everitt (1969), clipped to [-1, 1]. Weights need the values' order: `order`
/// (lowest first; it also fixes k, the number of values, which the weights depend on), or numbers,
/// sorted numerically (k is then the number of distinct values seen). Throws Error for other than
/// two coders, values outside `order`, or weights without an order; UndefinedAgreementError when
/// no unit has both values or chance agreement is 1 (both coders used one and the same value).
[[nodiscard]] COACHKIT_API AgreementResult cohen_kappa(const ReliabilityData& data,
                                                       KappaWeights weights = KappaWeights::none,
                                                       const std::vector<std::string>& order = {},
                                                       const AgreementOptions& options = {});

/// Fleiss' kappa (Fleiss 1971): every unit rated by the same number of coders (not necessarily
/// the same coders; the columns are rating slots). That number is the one most units have (the
/// larger on a tie); units with another number of values are left out and counted. `categories`,
/// if given, lists the allowed values. The interval is a percentile bootstrap over units.
/// Throws Error for fewer than two columns or a value outside `categories`;
/// UndefinedAgreementError when no unit has two values or only one value was ever given.
[[nodiscard]] COACHKIT_API AgreementResult
fleiss_kappa(const ReliabilityData& data, const std::vector<std::string>& categories = {},
             const AgreementOptions& options = {});

/// Krippendorff's alpha (Krippendorff 2004, 2011) on the coincidence matrix: any number of coders,
/// missing values allowed; units with fewer than two values are not pairable and are left out.
/// Ordinal and interval values need an order (`order`, lowest first) or numbers; interval uses the
/// numbers themselves when every value is one, otherwise the positions 0, 1, 2… in `order`. The
/// interval is a percentile bootstrap over units. Throws Error for fewer than two coders, values
/// outside `order`, or ordered scales without an order; UndefinedAgreementError when no unit is
/// pairable or only one value was given.
[[nodiscard]] COACHKIT_API AgreementResult krippendorff_alpha(
    const ReliabilityData& data, AgreementScale scale = AgreementScale::nominal,
    const std::vector<std::string>& order = {}, const AgreementOptions& options = {});

// ---- building blocks the statistics share, public for researchers' own statistics ----------

/// The values of a set of reliability data, in order.
struct COACHKIT_API CategoryScale {
    std::vector<std::string> categories;  ///< lowest first when ordered; sorted when nominal
    /// The number each category stands for: its value when every category is a number, else its
    /// position 0, 1, 2….
    std::vector<double> positions;
    bool numeric = false;                                   ///< every category is a (finite) number
    std::map<std::string, std::size_t, std::less<>> index;  ///< category → its place

    [[nodiscard]] std::optional<std::size_t> index_of(std::string_view value) const;
};

/// The categories of `data`: `order` when given (every value must be in it, and it must not repeat
/// a value); otherwise the values seen, sorted numerically when all are numbers and as text when
/// not (nominal only: ordinal and interval without an order need numbers). `needs_order_for` names
/// the statistic in the error that asks for an order.
[[nodiscard]] COACHKIT_API CategoryScale category_scale(const ReliabilityData& data,
                                                        AgreementScale scale,
                                                        const std::vector<std::string>& order = {},
                                                        std::string_view needs_order_for = {});

/// A percentile bootstrap interval over units: `options.replicates` resamples of `units` units
/// drawn with replacement (std::mt19937_64 seeded with options.seed, unbiased draws by
/// rejection), `statistic` called with how often each unit was drawn and returning nullopt when
/// undefined for that resample (such resamples are skipped). The bounds are the (1-level)/2 and
/// (1+level)/2 quantiles of the defined values, interpolated linearly between order statistics.
/// nullopt when fewer than two resamples were defined.
[[nodiscard]] COACHKIT_API std::optional<ConfidenceInterval> bootstrap_interval(
    std::size_t units, const AgreementOptions& options,
    const std::function<std::optional<double>(const std::vector<std::size_t>& draws)>& statistic);

/// Sets `result.interval` to bootstrap_interval(...) and notes, in `result.notes`, how many
/// resamples were skipped as undefined, or that there is no interval. Fleiss' kappa and alpha
/// share it, so both say the same of their intervals.
COACHKIT_API void set_bootstrap_interval(
    AgreementResult& result, std::size_t units, const AgreementOptions& options,
    const std::function<std::optional<double>(const std::vector<std::size_t>& draws)>& statistic);

/// The result as JSON: statistic, name, label, scale, weights, value, observed_agreement and
/// expected_agreement (or _disagreement), units, units_left_out, values, coders, categories,
/// standard_error (or null), interval (or null), notes.
[[nodiscard]] COACHKIT_API boost::json::object to_json(const AgreementResult& result);

// ---- reading coders' files ------------------------------------------------------------------

/// Names for coders, one per file: each file's stem ("coder_a" for coder_a.csv), or the path as
/// given where two files share a stem.
[[nodiscard]] COACHKIT_API std::vector<std::string> coder_names(
    const std::vector<std::filesystem::path>& files);

/// Reads one coder per file, each a CSV of codes with a header row: the first column is the
/// unit's id, the second its value (its header names what was coded, which becomes the label);
/// further columns are ignored with a warning. Cells are trimmed; an empty value is missing.
/// Units appear in the order first seen. Warnings (extra columns, headers that name different
/// things, a file with no codes) go to `warnings`; errors (a file that cannot be read, a header
/// of one column, a row without a unit id, a unit given twice in one file) are collected over
/// every file and thrown as InvalidDocumentError, each naming its file and line.
[[nodiscard]] COACHKIT_API ReliabilityData
read_codes_csv(const std::vector<std::filesystem::path>& files, Diagnostics& warnings);

/// Reads one coachkit.turn-codes/1 sidecar per coder (TurnCodes::read) and gives one set of
/// reliability data per dimension (label = dimension id; unit = turn number; value = the turn's
/// values of that dimension, sorted and joined with "+"; missing where a coder gave the turn no
/// value of that dimension). `dimensions` empty means every dimension some coder used. Sidecar
/// warnings go to `warnings`; errors (unreadable JSON, a wrong schema tag) are thrown together as
/// InvalidDocumentError naming each file and JSON pointer. Throws Error for an unknown dimension.
[[nodiscard]] COACHKIT_API std::vector<ReliabilityData> read_turn_codes(
    const std::vector<std::filesystem::path>& files, const std::vector<std::string>& dimensions,
    Diagnostics& warnings);

COACHKIT_NAMESPACE_END
