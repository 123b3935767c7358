// `coachkit agreement CODES_A CODES_B [CODES_C...]`: agreement between coders, when the
// `agreement` verb is given files instead of draft|sign|show (docs/agreement.md). Two coders get
// Cohen's kappa and Krippendorff's alpha; three or more Fleiss' kappa and alpha. CSV files give
// one row of each; turn-codes sidecars one per dimension of coaching talk.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "coachkit/analysis/agreement.hpp"
#include "coachkit/evidence/coaching_codes.hpp"
#include "coachkit/json/document.hpp"
#include "commands.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

struct StatisticsOptions {
    std::vector<std::string> files;
    std::string scale = "nominal";
    std::vector<std::string> order;
    std::string weights;  // empty: follows the scale
    std::vector<std::string> dimensions;
    double confidence = 0.95;
    std::size_t replicates = 1000;
    std::uint64_t seed = default_bootstrap_seed;
    bool json = false;
};

/// One statistic on one set of codes, or why it could not be computed.
struct Row {
    std::string codes;
    std::string statistic;  // the name, for an undefined row
    std::optional<AgreementResult> result;
    std::string undefined;
};

std::string fixed3(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text == std::string("-0.000") ? "0.000" : text;
}

bool is_sidecar(const std::string& file) {
    const auto extension = std::filesystem::path(file).extension().string();
    return extension == ".json" || extension == ".JSON";
}

/// Weights for Cohen's kappa when none are asked for: none for categories, linear for ranks,
/// quadratic for interval values (quadratic weighted kappa approximates the intraclass
/// correlation, Fleiss & Cohen 1973).
KappaWeights weights_for(AgreementScale scale) {
    switch (scale) {
        case AgreementScale::nominal:
            return KappaWeights::none;
        case AgreementScale::ordinal:
            return KappaWeights::linear;
        case AgreementScale::interval:
            return KappaWeights::quadratic;
    }
    return KappaWeights::none;
}

template <typename Compute>
Row compute(const std::string& codes, std::string statistic, Compute&& statistic_of) {
    Row row{codes, std::move(statistic), std::nullopt, {}};
    try {
        row.result = statistic_of();
    } catch (const UndefinedAgreementError& e) {
        row.undefined = e.what();
    }
    return row;
}

std::string interval_cell(const AgreementResult& r) {
    if (!r.interval)
        return "-";
    return "[" + fixed3(r.interval->lower) + ", " + fixed3(r.interval->upper) + "]";
}

void print_table(const std::vector<Row>& rows, const std::vector<std::string>& coders,
                 std::size_t unit_count, double confidence) {
    std::string names;
    for (const auto& coder : coders)
        names += (names.empty() ? "" : ", ") + coder;
    std::cout << "Agreement between " << coders.size() << " coders (" << names << ") on "
              << unit_count << (unit_count == 1 ? " unit" : " units") << "\n\n";
    char percent[32];
    std::snprintf(percent, sizeof percent, "%g%% CI", confidence * 100);
    TextTable table({"codes", "statistic", "value", percent, "units", "observed", "by chance"});
    for (const auto& row : rows) {
        if (!row.result) {
            table.add_row({row.codes, row.statistic, "undefined", "-", "-", "-", "-"});
            continue;
        }
        const auto& r = *row.result;
        std::string units = std::to_string(r.units);
        if (r.units_left_out > 0)
            units += " (" + std::to_string(r.units_left_out) + " left out)";
        table.add_row({row.codes, r.name, fixed3(r.value), interval_cell(r), units,
                       fixed3(r.observed), fixed3(r.expected)});
    }
    table.print(std::cout, terminal_width());

    // What the columns mean, how each interval was made, and what each statistic left out.
    std::cout << "\nobserved, by chance: agreement for the kappas, disagreement for alpha\n";
    std::vector<std::string> methods;
    for (const auto& row : rows) {
        if (!row.result || !row.result->interval)
            continue;
        const std::string line = row.result->name.substr(0, row.result->name.find(" (")) + ": " +
                                 row.result->interval->description;
        if (std::find(methods.begin(), methods.end(), line) == methods.end())
            methods.push_back(line);
    }
    for (const auto& line : methods)
        std::cout << "interval of " << line << '\n';
    for (const auto& row : rows) {
        const std::string where =
            row.codes + ", " + (row.result ? row.result->name : row.statistic);
        if (!row.result)
            std::cout << where << ": " << row.undefined << '\n';
        else
            for (const auto& note : row.result->notes)
                std::cout << where << ": " << note << '\n';
    }
}

void print_json(const std::vector<Row>& rows, const StatisticsOptions& o, AgreementScale scale,
                KappaWeights weights, const std::vector<std::string>& coders,
                const Diagnostics& warnings) {
    boost::json::object out;
    boost::json::array files, coder_names, order, results, warning_lines;
    for (const auto& file : o.files)
        files.emplace_back(file);
    for (const auto& coder : coders)
        coder_names.emplace_back(coder);
    for (const auto& value : o.order)
        order.emplace_back(value);
    for (const auto& row : rows) {
        boost::json::object item;
        if (row.result) {
            item = to_json(*row.result);
        } else {
            item["name"] = row.statistic;
            item["undefined"] = row.undefined;
        }
        item["codes"] = row.codes;
        results.emplace_back(std::move(item));
    }
    for (const auto& d : warnings)
        warning_lines.emplace_back(d.to_string());
    out["files"] = std::move(files);
    out["coders"] = std::move(coder_names);
    out["scale"] = to_string(scale);
    out["weights"] = to_string(weights);
    out["order"] = std::move(order);
    out["confidence"] = o.confidence;
    out["results"] = std::move(results);
    out["warnings"] = std::move(warning_lines);
    std::cout << to_pretty_json(out);
}

int run_statistics(const StatisticsOptions& o) {
    if (o.files.size() < 2)
        throw CLI::ValidationError("files", "give at least two files of codes, one per coder");
    const bool sidecars = is_sidecar(o.files.front());
    for (const auto& file : o.files) {
        if (is_sidecar(file) != sidecars)
            throw CLI::ValidationError("files",
                                       "give either CSV files of codes or turn-codes sidecars "
                                       "(.json), not both");
    }
    if (!sidecars && !o.dimensions.empty())
        throw CLI::ValidationError("--dimension",
                                   "--dimension chooses dimensions of turn-codes sidecars; CSV "
                                   "files hold one set of codes each");
    const AgreementScale scale = *parse_agreement_scale(o.scale);
    const KappaWeights weights =
        o.weights.empty() ? weights_for(scale) : *parse_kappa_weights(o.weights);
    AgreementOptions options;
    options.confidence = o.confidence;
    options.replicates = o.replicates;
    options.seed = o.seed;

    const std::vector<std::filesystem::path> paths(o.files.begin(), o.files.end());
    Diagnostics warnings;
    std::vector<ReliabilityData> sets;
    if (sidecars)
        sets = read_turn_codes(paths, o.dimensions, warnings);
    else
        sets.push_back(read_codes_csv(paths, warnings));
    for (const auto& d : warnings)
        std::cerr << d.to_string() << '\n';
    if (sets.empty())
        throw Error("the sidecars give no codes of any dimension: nothing to compare");

    std::vector<Row> rows;
    for (const auto& data : sets) {
        const std::string codes = data.label.empty() ? "codes" : data.label;
        if (data.coders.size() == 2) {
            const std::string name =
                weights == KappaWeights::none
                    ? "Cohen's kappa"
                    : "Cohen's kappa (" + std::string(to_string(weights)) + " weights)";
            rows.push_back(
                compute(codes, name, [&] { return cohen_kappa(data, weights, o.order, options); }));
        } else {
            rows.push_back(compute(codes, "Fleiss' kappa",
                                   [&] { return fleiss_kappa(data, o.order, options); }));
        }
        rows.push_back(compute(codes,
                               "Krippendorff's alpha (" + std::string(to_string(scale)) + ")",
                               [&] { return krippendorff_alpha(data, scale, o.order, options); }));
    }
    const std::size_t unit_count = sets.front().units.size();
    if (o.json)
        print_json(rows, o, scale, weights, sets.front().coders, warnings);
    else
        print_table(rows, sets.front().coders, unit_count, o.confidence);
    return 0;
}

std::vector<std::string> dimension_ids() {
    std::vector<std::string> ids;
    for (const auto& d : coaching_dimensions())
        ids.push_back(d.id);
    return ids;
}

}  // namespace

void add_agreement_statistics(CLI::App& agreement, Dispatch& dispatch) {
    auto o = std::make_shared<StatisticsOptions>();
    agreement.add_option("files", o->files,
                         "files of codes, one per coder: CSV files with a header 'unit,VALUE', "
                         "or coachkit.turn-codes/1 sidecars (.json)");
    agreement
        .add_option("--scale", o->scale,
                    "what the values are (ordinal and interval need "
                    "an order or numbers)")
        ->check(CLI::IsMember({"nominal", "ordinal", "interval"}))
        ->capture_default_str();
    agreement
        .add_option("--order", o->order,
                    "the values in order, lowest first, separated by commas (required for "
                    "ordered values that are not numbers)")
        ->delimiter(',')
        ->allow_extra_args(false);  // one word each time, so files after it stay files
    agreement
        .add_option("--weights", o->weights,
                    "weights of Cohen's kappa (default: none for nominal, linear for ordinal, "
                    "quadratic for interval)")
        ->check(CLI::IsMember({"none", "linear", "quadratic"}));
    agreement
        .add_option("--dimension", o->dimensions,
                    "with sidecars: a dimension to compare (repeatable; default: every dimension "
                    "coded)")
        ->check(CLI::IsMember(dimension_ids()))
        ->allow_extra_args(false);
    agreement
        .add_option("--confidence", o->confidence,
                    "level of the confidence intervals, strictly between 0 and 1")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                try {
                    const double level = std::stod(value);
                    if (level > 0 && level < 1)
                        return {};
                } catch (const std::exception&) {
                }
                return "'" + value + "' is not a level strictly between 0 and 1 (such as 0.95)";
            },
            "LEVEL", "confidence"))
        ->capture_default_str();
    agreement
        .add_option("--replicates", o->replicates,
                    "bootstrap resamples for Fleiss' kappa and alpha (0: no interval)")
        ->check(CLI::Range(0, 100000))
        ->capture_default_str();
    agreement.add_option("--seed", o->seed, "seed of the bootstrap")->capture_default_str();
    agreement.add_flag("--json", o->json, "print the results as JSON");
    agreement.callback([&agreement, &dispatch, o] {
        if (!agreement.get_subcommands().empty()) {
            if (!o->files.empty())
                throw CLI::ValidationError(
                    "files", "give files of codes or one of draft|sign|show, not both");
            return;
        }
        if (o->files.empty())
            throw CLI::RequiredError(
                "coachkit agreement needs files of codes (coachkit agreement CODES_A CODES_B "
                "[CODES_C...]) or one of its verbs (coachkit agreement draft|sign|show "
                "--partnership P ...)",
                CLI::ExitCodes::RequiredError);
        for (auto& value : o->order) {
            value.erase(0, value.find_first_not_of(' '));
            value.erase(value.find_last_not_of(' ') + 1);
        }
        dispatch.action = [o] { return run_statistics(*o); };
    });
}

}  // namespace coachkit::cli
