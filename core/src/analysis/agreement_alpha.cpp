// Krippendorff's alpha from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
// alpha-reliability"): alpha = 1 - D_o/D_e = 1 - (n-1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, with the
// nominal, ordinal and interval difference functions δ². Each unit's share of the matrix is kept
// apart so a bootstrap resample only reweights units; the ordinal differences depend on the
// marginals n_g and are recomputed for each resample from running sums.
#include <cmath>

#include "coachkit/analysis/agreement.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// One unit's share of the coincidence matrix: o_ck += n_uc·n_uk/(m_u-1) for c ≠ k (the diagonal
/// adds nothing to the disagreement), and the values it holds of each category.
struct PairableUnit {
    struct Pair {
        std::size_t c, k;
        double weight;
    };
    std::vector<Pair> pairs;
    std::vector<std::pair<std::size_t, double>> counts;
};

struct Estimate {
    double alpha, observed, expected, values;
};

class AlphaComputation {
public:
    AlphaComputation(AgreementScale scale, const CategoryScale& categories,
                     std::vector<PairableUnit> units)
        : scale_(scale)
        , positions_(categories.positions)
        , units_(std::move(units))
        , totals_(positions_.size())
        , running_(positions_.size() + 1) {}

    /// Alpha with each unit counted `draws[u]` times (once each when null); nullopt when
    /// undefined (fewer than two values, or one value only, so D_e = 0).
    std::optional<Estimate> operator()(const std::vector<std::size_t>* draws) {
        std::fill(totals_.begin(), totals_.end(), 0.0);
        for (std::size_t u = 0; u < units_.size(); ++u) {
            const double times = draws ? static_cast<double>((*draws)[u]) : 1.0;
            for (const auto& [c, count] : units_[u].counts)
                totals_[c] += times * count;
        }
        double n = 0;
        for (std::size_t g = 0; g < totals_.size(); ++g) {
            n += totals_[g];
            running_[g + 1] = n;  // running_[g] = Σ n_h for h < g
        }
        if (n < 2)
            return std::nullopt;
        double observed = 0;
        for (std::size_t u = 0; u < units_.size(); ++u) {
            const double times = draws ? static_cast<double>((*draws)[u]) : 1.0;
            if (times == 0)
                continue;
            double unit = 0;
            for (const auto& pair : units_[u].pairs)
                unit += pair.weight * difference(pair.c, pair.k);
            observed += times * unit;
        }
        const double expected = expected_sum(n);
        if (expected <= 0)
            return std::nullopt;
        // D_o = Σoδ²/n and D_e = Σ n_c n_k δ² / (n(n-1)).
        return Estimate{1 - (n - 1) * observed / expected, observed / n, expected / (n * (n - 1)),
                        n};
    }

private:
    /// δ²_ck (Krippendorff 2011, section C).
    double difference(std::size_t c, std::size_t k) const {
        if (c == k)
            return 0;
        switch (scale_) {
            case AgreementScale::nominal:
                return 1;
            case AgreementScale::interval: {
                const double d = positions_[c] - positions_[k];
                return d * d;
            }
            case AgreementScale::ordinal: {
                const std::size_t low = std::min(c, k);
                const std::size_t high = std::max(c, k);
                const double d = running_[high + 1] - running_[low] - (totals_[c] + totals_[k]) / 2;
                return d * d;
            }
        }
        return 1;
    }

    /// Σ_c Σ_k n_c n_k δ²_ck, in closed form for nominal and interval values.
    double expected_sum(double n) const {
        switch (scale_) {
            case AgreementScale::nominal: {
                double squares = 0;
                for (const double t : totals_)
                    squares += t * t;
                return n * n - squares;
            }
            case AgreementScale::interval: {
                double sum = 0;
                double sum_squares = 0;
                for (std::size_t g = 0; g < totals_.size(); ++g) {
                    sum += totals_[g] * positions_[g];
                    sum_squares += totals_[g] * positions_[g] * positions_[g];
                }
                return 2 * (n * sum_squares - sum * sum);
            }
            case AgreementScale::ordinal: {
                double total = 0;
                for (std::size_t c = 0; c < totals_.size(); ++c) {
                    if (totals_[c] == 0)
                        continue;
                    for (std::size_t k = c + 1; k < totals_.size(); ++k) {
                        if (totals_[k] != 0)
                            total += 2 * totals_[c] * totals_[k] * difference(c, k);
                    }
                }
                return total;
            }
        }
        return 0;
    }

    AgreementScale scale_;
    std::vector<double> positions_;
    std::vector<PairableUnit> units_;
    std::vector<double> totals_;   // n_g of the current weighting
    std::vector<double> running_;  // cumulative n_g
};

std::string scale_name(AgreementScale scale) {
    return "Krippendorff's alpha (" + std::string(to_string(scale)) + ")";
}

}  // namespace

AgreementResult krippendorff_alpha(const ReliabilityData& data, AgreementScale scale,
                                   const std::vector<std::string>& order,
                                   const AgreementOptions& options) {
    data.check();
    options.check();
    const std::string name = scale_name(scale);
    if (data.coders.size() < 2)
        throw Error(name + " needs at least two coders; these data have " +
                    std::to_string(data.coders.size()));
    const CategoryScale categories = category_scale(data, scale, order, name);
    const std::size_t k = categories.categories.size();
    // Ordinal differences are recomputed for every pair of values in every resample (k²).
    if (scale == AgreementScale::ordinal && k > 2000)
        throw Error(name + ": " + std::to_string(k) +
                    " distinct ordered values, more than the 2000 it is built for; for numbers "
                    "this fine-grained use the interval scale");

    std::vector<PairableUnit> units;
    std::size_t left_out = 0;
    std::vector<double> counts(k);
    for (const auto& row : data.values) {
        std::fill(counts.begin(), counts.end(), 0.0);
        double m = 0;
        for (const auto& value : row) {
            if (value) {
                counts[*categories.index_of(*value)] += 1;
                m += 1;
            }
        }
        if (m < 2) {
            ++left_out;
            continue;
        }
        PairableUnit unit;
        for (std::size_t c = 0; c < k; ++c) {
            if (counts[c] == 0)
                continue;
            unit.counts.emplace_back(c, counts[c]);
            for (std::size_t j = 0; j < k; ++j) {
                if (j != c && counts[j] > 0)
                    unit.pairs.push_back({c, j, counts[c] * counts[j] / (m - 1)});
            }
        }
        units.push_back(std::move(unit));
    }
    if (units.empty())
        throw UndefinedAgreementError(name +
                                      " is undefined: no unit has values from two coders, so "
                                      "no pair of values can be compared");

    const std::size_t pairable = units.size();
    // When alpha is undefined every pairable value is one category, so the first one names it.
    const std::string& first_value = categories.categories[units.front().counts.front().first];
    AlphaComputation alpha(scale, categories, std::move(units));
    const auto whole = alpha(nullptr);
    if (!whole)
        throw UndefinedAgreementError(name + " is undefined: every pairable value is the same ('" +
                                      first_value +
                                      "'), so there is no expected disagreement to compare with");

    AgreementResult result;
    result.statistic = "krippendorff_alpha";
    result.name = name;
    result.label = data.label;
    result.scale = scale;
    result.value = whole->alpha;
    result.disagreement = true;
    result.observed = whole->observed;
    result.expected = whole->expected;
    result.units = pairable;
    result.units_left_out = left_out;
    result.values = static_cast<std::size_t>(whole->values);
    result.coders = data.coders;
    result.categories = categories.categories;
    if (left_out > 0)
        result.notes.push_back(std::to_string(left_out) + (left_out == 1 ? " unit" : " units") +
                               " left out: fewer than two values, so not pairable");
    set_bootstrap_interval(result, pairable, options, [&](const auto& draws) {
        const auto e = alpha(&draws);
        return e ? std::optional<double>(e->alpha) : std::nullopt;
    });
    return result;
}

COACHKIT_NAMESPACE_END
