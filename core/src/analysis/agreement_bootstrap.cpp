// The percentile bootstrap over units that gives Fleiss' kappa and Krippendorff's alpha their
// confidence intervals (no analytic interval for them is in common use). Reproducible: the
// generator's output is fixed by the C++ standard, and the draws avoid
// std::uniform_int_distribution, whose algorithm each standard library chooses for itself.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "coachkit/analysis/agreement.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// A uniform draw from 0..n-1 (n ≥ 1): rejecting the top, incomplete block of the generator's
/// range keeps every unit equally likely.
std::size_t draw_below(std::mt19937_64& generator, std::size_t n) {
    const std::uint64_t bound = n;
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % bound;
    std::uint64_t r = generator();
    while (r >= limit)
        r = generator();
    return static_cast<std::size_t>(r % bound);
}

/// The p-quantile of sorted values, interpolating linearly between order statistics (Hyndman &
/// Fan's type 7, the default of R and NumPy).
double quantile(const std::vector<double>& sorted, double p) {
    const double h = (static_cast<double>(sorted.size()) - 1) * p;
    const auto below = static_cast<std::size_t>(std::floor(h));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

std::optional<ConfidenceInterval> bootstrap_interval(
    std::size_t units, const AgreementOptions& options,
    const std::function<std::optional<double>(const std::vector<std::size_t>& draws)>& statistic) {
    options.check();
    if (units == 0 || options.replicates == 0)
        return std::nullopt;
    std::mt19937_64 generator(options.seed);
    std::vector<std::size_t> draws(units);
    std::vector<double> values;
    values.reserve(options.replicates);
    for (std::size_t r = 0; r < options.replicates; ++r) {
        std::fill(draws.begin(), draws.end(), std::size_t{0});
        for (std::size_t i = 0; i < units; ++i)
            ++draws[draw_below(generator, units)];
        if (const auto value = statistic(draws); value && std::isfinite(*value))
            values.push_back(*value);
    }
    if (values.size() < 2)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    ConfidenceInterval interval;
    interval.level = options.confidence;
    interval.lower = quantile(values, (1 - options.confidence) / 2);
    interval.upper = quantile(values, (1 + options.confidence) / 2);
    interval.method = "bootstrap";
    interval.replicates = values.size();
    interval.description =
        "percentile bootstrap over units: " + std::to_string(options.replicates) +
        " resamples with replacement, seed " + std::to_string(options.seed);
    return interval;
}

void set_bootstrap_interval(
    AgreementResult& result, std::size_t units, const AgreementOptions& options,
    const std::function<std::optional<double>(const std::vector<std::size_t>& draws)>& statistic) {
    result.interval = bootstrap_interval(units, options, statistic);
    if (result.interval && result.interval->replicates < options.replicates)
        result.notes.push_back(std::to_string(options.replicates - result.interval->replicates) +
                               " of " + std::to_string(options.replicates) +
                               " bootstrap resamples had one value only and were skipped");
    if (!result.interval && options.replicates > 0)
        result.notes.push_back("no bootstrap interval: too few resamples had more than one value");
}

COACHKIT_NAMESPACE_END
