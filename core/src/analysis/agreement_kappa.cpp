// Cohen's kappa (two coders; weighted for ordered values) with the large-sample standard error of
// Fleiss, Cohen & Everitt (1969), and Fleiss' kappa (a fixed number of coders per unit) with a
// bootstrap interval. Formulas in docs/agreement.md.
#include <algorithm>
#include <cmath>

#include "coachkit/analysis/agreement.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Below this, chance agreement is taken as 1 and kappa as undefined (0/0).
constexpr double undefined_margin = 1e-12;
/// Cohen's kappa works on a k × k table: more distinct values than this are more likely ids or
/// free text in the wrong column than codes, and would take k² memory.
constexpr std::size_t max_table_values = 2000;

/// The x at which the standard normal distribution function reaches p (0 < p < 1), by bisection
/// on erfc: slow next to a rational approximation, but exact to the last bit that matters and
/// called once per result.
double normal_quantile(double p) {
    double low = -40;
    double high = 40;
    for (int i = 0; i < 200; ++i) {
        const double middle = (low + high) / 2;
        if (0.5 * std::erfc(-middle / std::sqrt(2.0)) < p)
            low = middle;
        else
            high = middle;
    }
    return (low + high) / 2;
}

std::string coder_list(const std::vector<std::string>& coders) {
    std::string text;
    for (const auto& coder : coders)
        text += (text.empty() ? "" : ", ") + coder;
    return text;
}

std::string units_word(std::size_t n) {
    return n == 1 ? " unit" : " units";
}

/// Only the units for which `keep` is true, with their ids.
template <typename Keep>
ReliabilityData units_where(const ReliabilityData& data, Keep keep) {
    ReliabilityData kept;
    kept.label = data.label;
    kept.coders = data.coders;
    for (std::size_t u = 0; u < data.values.size(); ++u) {
        if (keep(data.values[u])) {
            kept.units.push_back(data.units[u]);
            kept.values.push_back(data.values[u]);
        }
    }
    return kept;
}

std::size_t values_in(const std::vector<std::optional<std::string>>& row) {
    return static_cast<std::size_t>(
        std::count_if(row.begin(), row.end(), [](const auto& v) { return v.has_value(); }));
}

/// Cohen's agreement weight for the i-th and j-th of k ordered values (Cohen 1968).
double agreement_weight(KappaWeights weights, std::size_t i, std::size_t j, std::size_t k) {
    if (i == j)
        return 1;
    if (weights == KappaWeights::none || k < 2)
        return 0;
    const double distance =
        std::fabs(static_cast<double>(i) - static_cast<double>(j)) / static_cast<double>(k - 1);
    return weights == KappaWeights::linear ? 1 - distance : 1 - distance * distance;
}

}  // namespace

AgreementResult cohen_kappa(const ReliabilityData& data, KappaWeights weights,
                            const std::vector<std::string>& order,
                            const AgreementOptions& options) {
    data.check();
    options.check();
    if (data.coders.size() != 2)
        throw Error("Cohen's kappa compares two coders; these data have " +
                    std::to_string(data.coders.size()) + " (" + coder_list(data.coders) +
                    "): for more, use Fleiss' kappa or Krippendorff's alpha");
    const ReliabilityData used =
        units_where(data, [](const auto& row) { return row[0].has_value() && row[1].has_value(); });
    const std::string name =
        weights == KappaWeights::none
            ? "Cohen's kappa"
            : "Cohen's kappa (" + std::string(to_string(weights)) + " weights)";
    // With an order, every value is checked against it, left-out units' too; without one, the
    // categories are those of the units used (k, and so the weights, follow what was compared).
    const CategoryScale scale = category_scale(
        order.empty() ? used : data,
        weights == KappaWeights::none ? AgreementScale::nominal : AgreementScale::ordinal, order,
        std::string(to_string(weights)) + " weights");
    const std::size_t n = used.values.size();
    if (n == 0)
        throw UndefinedAgreementError(name + " is undefined: no unit has a value from both " +
                                      coder_list(data.coders));

    const std::size_t k = scale.categories.size();
    if (k > max_table_values)
        throw Error(name + ": " + std::to_string(k) + " distinct values, more than the " +
                    std::to_string(max_table_values) +
                    " a table of agreement is built for: are these codes?");
    std::vector<double> table(k * k, 0.0);  // proportions, row = first coder
    for (const auto& row : used.values)
        table[*scale.index_of(*row[0]) * k + *scale.index_of(*row[1])] +=
            1.0 / static_cast<double>(n);
    std::vector<double> rows(k, 0.0);
    std::vector<double> columns(k, 0.0);
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
            rows[i] += table[i * k + j];
            columns[j] += table[i * k + j];
        }
    }
    double observed = 0;
    double expected = 0;
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
            const double w = agreement_weight(weights, i, j, k);
            observed += w * table[i * k + j];
            expected += w * rows[i] * columns[j];
        }
    }
    if (1 - expected < undefined_margin) {
        std::string why = "chance agreement is 1";
        for (std::size_t i = 0; i < k; ++i) {
            if (rows[i] > 1 - undefined_margin && columns[i] > 1 - undefined_margin)
                why = "both coders gave every unit the same value ('" + scale.categories[i] + "')";
        }
        throw UndefinedAgreementError(name + " is undefined: " + why +
                                      ", so agreement beyond chance cannot be measured");
    }
    const double kappa = (observed - expected) / (1 - expected);

    // Fleiss, Cohen & Everitt (1969): the large-sample variance of (weighted) kappa, not assuming
    // kappa = 0. w̄_i. and w̄_.j are the weights averaged over the other coder's margin.
    std::vector<double> row_weight(k, 0.0);
    std::vector<double> column_weight(k, 0.0);
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
            row_weight[i] += columns[j] * agreement_weight(weights, i, j, k);
            column_weight[j] += rows[i] * agreement_weight(weights, i, j, k);
        }
    }
    double sum = 0;
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
            const double term = agreement_weight(weights, i, j, k) * (1 - expected) -
                                (row_weight[i] + column_weight[j]) * (1 - observed);
            sum += table[i * k + j] * term * term;
        }
    }
    const double correction = observed * expected - 2 * expected + observed;
    const double variance =
        (sum - correction * correction) / (static_cast<double>(n) * std::pow(1 - expected, 4));
    const double standard_error = std::sqrt(std::max(variance, 0.0));

    AgreementResult result;
    result.statistic = "cohen_kappa";
    result.name = name;
    result.label = data.label;
    result.scale =
        weights == KappaWeights::none ? AgreementScale::nominal : AgreementScale::ordinal;
    result.weights = weights;
    result.value = kappa;
    result.observed = observed;
    result.expected = expected;
    result.units = n;
    result.units_left_out = data.values.size() - n;
    result.values = 2 * n;
    result.coders = data.coders;
    result.categories = scale.categories;
    result.standard_error = standard_error;
    const double z = normal_quantile((1 + options.confidence) / 2);
    ConfidenceInterval interval;
    interval.lower = std::max(-1.0, kappa - z * standard_error);
    interval.upper = std::min(1.0, kappa + z * standard_error);
    interval.level = options.confidence;
    interval.method = "analytic";
    interval.description =
        "kappa ± z·SE, the large-sample standard error of Fleiss, Cohen & Everitt (1969), "
        "clipped to [-1, 1]";
    result.interval = interval;
    if (result.units_left_out > 0)
        result.notes.push_back(std::to_string(result.units_left_out) +
                               units_word(result.units_left_out) +
                               " left out: a value from one coder is missing");
    return result;
}

AgreementResult fleiss_kappa(const ReliabilityData& data,
                             const std::vector<std::string>& categories,
                             const AgreementOptions& options) {
    data.check();
    options.check();
    if (data.coders.size() < 2)
        throw Error("Fleiss' kappa needs at least two ratings per unit; these data have " +
                    std::to_string(data.coders.size()) + " column" +
                    (data.coders.size() == 1 ? "" : "s"));
    // The number of ratings per unit: the one most units have (the larger on a tie).
    std::vector<std::size_t> units_with(data.coders.size() + 1, 0);
    for (const auto& row : data.values)
        ++units_with[values_in(row)];
    std::size_t raters = 0;
    for (std::size_t m = 2; m < units_with.size(); ++m) {
        if (units_with[m] > 0 && units_with[m] >= units_with[raters])
            raters = m;
    }
    if (raters == 0)
        throw UndefinedAgreementError("Fleiss' kappa is undefined: no unit has two ratings");
    const ReliabilityData used =
        units_where(data, [raters](const auto& row) { return values_in(row) == raters; });
    const CategoryScale scale =
        category_scale(categories.empty() ? used : data, AgreementScale::nominal, categories);
    const std::size_t k = scale.categories.size();

    // Per unit: how many ratings fell in each category it received, and its agreement P_i.
    struct Unit {
        std::vector<std::pair<std::size_t, double>> counts;
        double agreement = 0;
    };
    std::vector<Unit> units;
    units.reserve(used.values.size());
    const auto n = static_cast<double>(raters);
    for (const auto& row : used.values) {
        std::vector<double> counts(k, 0.0);
        for (const auto& value : row) {
            if (value)
                counts[*scale.index_of(*value)] += 1;
        }
        Unit unit;
        double squares = 0;
        for (std::size_t j = 0; j < k; ++j) {
            if (counts[j] > 0) {
                unit.counts.emplace_back(j, counts[j]);
                squares += counts[j] * counts[j];
            }
        }
        unit.agreement = (squares - n) / (n * (n - 1));
        units.push_back(std::move(unit));
    }

    struct Estimate {
        double kappa, observed, expected;
    };
    std::vector<double> totals(k);
    auto estimate = [&](const std::vector<std::size_t>* draws) -> std::optional<Estimate> {
        std::fill(totals.begin(), totals.end(), 0.0);
        double weight = 0;
        double agreement = 0;
        for (std::size_t u = 0; u < units.size(); ++u) {
            const double times = draws ? static_cast<double>((*draws)[u]) : 1.0;
            if (times == 0)
                continue;
            weight += times;
            agreement += times * units[u].agreement;
            for (const auto& [j, count] : units[u].counts)
                totals[j] += times * count;
        }
        double expected = 0;
        for (const double total : totals) {
            const double p = total / (weight * n);
            expected += p * p;
        }
        if (1 - expected < undefined_margin)
            return std::nullopt;
        const double observed = agreement / weight;
        return Estimate{(observed - expected) / (1 - expected), observed, expected};
    };
    const auto whole = estimate(nullptr);
    if (!whole)
        throw UndefinedAgreementError(
            "Fleiss' kappa is undefined: every rating is the same value ('" +
            scale.categories[units[0].counts[0].first] +
            "'), so agreement beyond chance cannot be measured");

    AgreementResult result;
    result.statistic = "fleiss_kappa";
    result.name = "Fleiss' kappa";
    result.label = data.label;
    result.value = whole->kappa;
    result.observed = whole->observed;
    result.expected = whole->expected;
    result.units = units.size();
    result.units_left_out = data.values.size() - units.size();
    result.values = units.size() * raters;
    result.coders = data.coders;
    result.categories = scale.categories;
    if (result.units_left_out > 0) {
        const std::size_t too_few = units_with[0] + units_with[1];
        std::string why;
        if (too_few > 0)
            why = std::to_string(too_few) + " with fewer than two ratings";
        if (result.units_left_out > too_few)
            why += (why.empty() ? "" : ", ") + std::to_string(result.units_left_out - too_few) +
                   " with a number of ratings other than the " + std::to_string(raters) +
                   " most units have";
        result.notes.push_back(std::to_string(result.units_left_out) +
                               units_word(result.units_left_out) + " left out: " + why);
    }
    set_bootstrap_interval(result, units.size(), options, [&](const auto& draws) {
        const auto e = estimate(&draws);
        return e ? std::optional<double>(e->kappa) : std::nullopt;
    });
    return result;
}

COACHKIT_NAMESPACE_END
