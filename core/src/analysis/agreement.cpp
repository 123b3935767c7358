// The vocabulary of the agreement statistics: reliability data, scales and weights, options, the
// categories of a data set, and results as JSON. The statistics themselves are in
// agreement_kappa.cpp and agreement_alpha.cpp.
#include "coachkit/analysis/agreement.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <charconv>
#include <cmath>
#include <set>

COACHKIT_NAMESPACE_BEGIN

UndefinedAgreementError::~UndefinedAgreementError() = default;

namespace {

/// A finite number written the usual way ("3", "-0.5", "2e3"), the whole text; nullopt otherwise.
std::optional<double> number_in(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc{} || stop != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string quoted_list(const std::vector<std::string>& items, std::size_t most = 8) {
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < most; ++i)
        text += (i == 0 ? "'" : ", '") + items[i] + "'";
    if (items.size() > most)
        text += " and " + std::to_string(items.size() - most) + " more";
    return text;
}

}  // namespace

// ---- reliability data -------------------------------------------------------------------------

ReliabilityData ReliabilityData::from_rows(
    std::vector<std::vector<std::optional<std::string>>> rows, std::vector<std::string> coders,
    std::vector<std::string> units, std::string label) {
    ReliabilityData data;
    data.label = std::move(label);
    const std::size_t width = !coders.empty() ? coders.size() : rows.empty() ? 0 : rows[0].size();
    if (coders.empty()) {
        for (std::size_t c = 0; c < width; ++c)
            coders.push_back("coder " + std::to_string(c + 1));
    }
    if (units.empty()) {
        for (std::size_t u = 0; u < rows.size(); ++u)
            units.push_back(std::to_string(u + 1));
    }
    data.coders = std::move(coders);
    data.units = std::move(units);
    data.values = std::move(rows);
    data.check();
    return data;
}

void ReliabilityData::check() const {
    if (units.size() != values.size())
        throw Error("reliability data: " + std::to_string(values.size()) + " rows of values but " +
                    std::to_string(units.size()) + " unit ids (expected one id per row)");
    for (std::size_t u = 0; u < values.size(); ++u) {
        if (values[u].size() != coders.size())
            throw Error("reliability data: unit '" + units[u] + "' (row " + std::to_string(u + 1) +
                        ") has " + std::to_string(values[u].size()) + " values but there are " +
                        std::to_string(coders.size()) +
                        " coders (expected one value or a gap per coder)");
    }
}

// ---- names --------------------------------------------------------------------------------------

std::string_view to_string(AgreementScale scale) {
    switch (scale) {
        case AgreementScale::nominal:
            return "nominal";
        case AgreementScale::ordinal:
            return "ordinal";
        case AgreementScale::interval:
            return "interval";
    }
    return "nominal";
}

std::string_view to_string(KappaWeights weights) {
    switch (weights) {
        case KappaWeights::none:
            return "none";
        case KappaWeights::linear:
            return "linear";
        case KappaWeights::quadratic:
            return "quadratic";
    }
    return "none";
}

std::optional<AgreementScale> parse_agreement_scale(std::string_view text) {
    for (const auto scale :
         {AgreementScale::nominal, AgreementScale::ordinal, AgreementScale::interval}) {
        if (text == to_string(scale))
            return scale;
    }
    return std::nullopt;
}

std::optional<KappaWeights> parse_kappa_weights(std::string_view text) {
    for (const auto weights : {KappaWeights::none, KappaWeights::linear, KappaWeights::quadratic}) {
        if (text == to_string(weights))
            return weights;
    }
    return std::nullopt;
}

void AgreementOptions::check() const {
    if (!(confidence > 0 && confidence < 1))
        throw Error("the confidence level must be strictly between 0 and 1 (such as 0.95); got " +
                    std::to_string(confidence));
    if (replicates > 100000)
        throw Error("at most 100000 bootstrap resamples; got " + std::to_string(replicates));
}

// ---- categories ---------------------------------------------------------------------------------

std::optional<std::size_t> CategoryScale::index_of(std::string_view value) const {
    const auto it = index.find(value);
    if (it == index.end())
        return std::nullopt;
    return it->second;
}

CategoryScale category_scale(const ReliabilityData& data, AgreementScale scale,
                             const std::vector<std::string>& order,
                             std::string_view needs_order_for) {
    CategoryScale result;
    if (!order.empty()) {
        for (const auto& category : order) {
            if (!result.index.emplace(category, result.categories.size()).second)
                throw Error("the order of values gives '" + category +
                            "' twice (expected each value once, lowest first)");
            result.categories.push_back(category);
        }
        for (std::size_t u = 0; u < data.values.size(); ++u) {
            for (std::size_t c = 0; c < data.values[u].size(); ++c) {
                const auto& value = data.values[u][c];
                if (value && !result.index.contains(*value))
                    throw Error("unit '" + data.units[u] + "', coder '" + data.coders[c] +
                                "': value '" + *value + "' is not in the order given (" +
                                quoted_list(order) + "); add it to the order or correct it");
            }
        }
    } else {
        std::set<std::string, std::less<>> seen;
        for (const auto& row : data.values) {
            for (const auto& value : row) {
                if (value)
                    seen.insert(*value);
            }
        }
        result.categories.assign(seen.begin(), seen.end());
    }

    std::vector<std::optional<double>> numbers;
    numbers.reserve(result.categories.size());
    std::vector<std::string> not_numbers;
    for (const auto& category : result.categories) {
        numbers.push_back(number_in(category));
        if (!numbers.back())
            not_numbers.push_back(category);
    }
    result.numeric = not_numbers.empty() && !result.categories.empty();

    if (order.empty()) {
        if (scale != AgreementScale::nominal && !result.numeric) {
            const std::string what = needs_order_for.empty()
                                         ? std::string(to_string(scale)) + " values"
                                         : std::string(needs_order_for);
            throw Error(what +
                        " need the order of the values, lowest first (--order a,b,c or "
                        "order=[...]): they are not all numbers (" +
                        quoted_list(not_numbers) + ")");
        }
        if (result.numeric) {
            // Numbers in numeric order ("10" after "9"); two spellings of one number ("1" and
            // "1.0") would be two categories at no distance, so they are refused.
            std::vector<std::size_t> by_number(result.categories.size());
            for (std::size_t i = 0; i < by_number.size(); ++i)
                by_number[i] = i;
            std::stable_sort(by_number.begin(), by_number.end(), [&](std::size_t a, std::size_t b) {
                return *numbers[a] < *numbers[b];
            });
            std::vector<std::string> sorted;
            std::vector<std::optional<double>> sorted_numbers;
            for (const std::size_t i : by_number) {
                if (!sorted_numbers.empty() && *sorted_numbers.back() == *numbers[i])
                    throw Error("values '" + sorted.back() + "' and '" + result.categories[i] +
                                "' are the same number written two ways; write them alike");
                sorted.push_back(result.categories[i]);
                sorted_numbers.push_back(numbers[i]);
            }
            result.categories = std::move(sorted);
            numbers = std::move(sorted_numbers);
        }
        for (std::size_t i = 0; i < result.categories.size(); ++i)
            result.index.emplace(result.categories[i], i);
    }

    result.positions.resize(result.categories.size());
    for (std::size_t i = 0; i < result.categories.size(); ++i)
        result.positions[i] = result.numeric ? *numbers[i] : static_cast<double>(i);
    return result;
}

// ---- JSON ---------------------------------------------------------------------------------------

boost::json::object to_json(const AgreementResult& result) {
    boost::json::object out;
    out["statistic"] = result.statistic;
    out["name"] = result.name;
    out["label"] = result.label;
    out["scale"] = to_string(result.scale);
    out["weights"] = to_string(result.weights);
    out["value"] = result.value;
    const std::string quantity = result.disagreement ? "disagreement" : "agreement";
    out["observed_" + quantity] = result.observed;
    out["expected_" + quantity] = result.expected;
    out["units"] = result.units;
    out["units_left_out"] = result.units_left_out;
    out["values"] = result.values;
    boost::json::array coders;
    for (const auto& coder : result.coders)
        coders.emplace_back(coder);
    out["coders"] = std::move(coders);
    boost::json::array categories;
    for (const auto& category : result.categories)
        categories.emplace_back(category);
    out["categories"] = std::move(categories);
    if (result.standard_error)
        out["standard_error"] = *result.standard_error;
    else
        out["standard_error"] = nullptr;
    if (result.interval) {
        const auto& ci = *result.interval;
        out["interval"] = boost::json::object{{"lower", ci.lower},
                                              {"upper", ci.upper},
                                              {"level", ci.level},
                                              {"method", ci.method},
                                              {"description", ci.description},
                                              {"replicates", ci.replicates}};
    } else {
        out["interval"] = nullptr;
    }
    boost::json::array notes;
    for (const auto& note : result.notes)
        notes.emplace_back(note);
    out["notes"] = std::move(notes);
    return out;
}

COACHKIT_NAMESPACE_END
