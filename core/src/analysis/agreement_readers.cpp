// Reading coders' files into reliability data: CSV files of codes (one coder per file, read with
// CsvReader) and coachkit.turn-codes/1 sidecars (one coder per file, read with TurnCodes::read),
// so the errors are those of the shared readers, with the file and line or JSON pointer.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "coachkit/analysis/agreement.hpp"
#include "coachkit/evidence/coaching_codes.hpp"
#include "coachkit/evidence/csv_reader.hpp"
#include "coachkit/json/document.hpp"
#include "evidence/text_rules.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Units in the order first seen across files, each with a value (or a gap) per coder.
class UnitTable {
public:
    explicit UnitTable(std::size_t coders) : coders_(coders) {}
    std::vector<std::optional<std::string>>& row(const std::string& unit) {
        const auto [it, added] = index_.try_emplace(unit, units_.size());
        if (added) {
            units_.push_back(unit);
            values_.emplace_back(coders_);
        }
        return values_[it->second];
    }
    ReliabilityData take(std::string label, std::vector<std::string> coders) {
        ReliabilityData data;
        data.label = std::move(label);
        data.coders = std::move(coders);
        data.units = std::move(units_);
        data.values = std::move(values_);
        return data;
    }

private:
    std::size_t coders_;
    std::map<std::string, std::size_t> index_;
    std::vector<std::string> units_;
    std::vector<std::vector<std::optional<std::string>>> values_;
};

/// Keeps the warnings; throws every diagnostic when one is an error.
void settle(Diagnostics& problems, Diagnostics& warnings) {
    if (has_errors(problems))
        throw InvalidDocumentError(std::move(problems));
    warnings.insert(warnings.end(), problems.begin(), problems.end());
}

std::string dimension_ids() {
    std::string text;
    for (const auto& d : coaching_dimensions())
        text += (text.empty() ? "" : ", ") + d.id;
    return text;
}

}  // namespace

std::vector<std::string> coder_names(const std::vector<std::filesystem::path>& files) {
    std::map<std::string, std::size_t> stems;
    for (const auto& file : files)
        ++stems[file.stem().string()];
    std::vector<std::string> names;
    for (const auto& file : files) {
        const std::string stem = file.stem().string();
        names.push_back(stems[stem] == 1 && !stem.empty() ? stem : file.string());
    }
    return names;
}

ReliabilityData read_codes_csv(const std::vector<std::filesystem::path>& files,
                               Diagnostics& warnings) {
    if (files.empty())
        throw Error("no files of codes given (expected one CSV file per coder)");
    Diagnostics problems;
    UnitTable table(files.size());
    std::string label;
    std::string label_file;
    for (std::size_t f = 0; f < files.size(); ++f) {
        const std::string origin = files[f].string();
        FileByteSource source(files[f]);  // NotFoundError names the file
        DiagnosticSink sink(problems, origin);
        CsvReader csv(source, sink);
        if (csv.failed()) {
            sink.finish();
            continue;
        }
        const auto& header = csv.header();
        if (header.size() < 2) {
            sink.error(csv.header_line(), 1,
                       "expected a header of two columns, the unit's id then its value (such as "
                       "'unit,level'); found " +
                           std::to_string(header.size()) + " column");
            continue;
        }
        if (header.size() > 2)
            sink.warning("codes-extra-columns", csv.header_line(), 1,
                         "only the first two columns (unit, value) are read; " +
                             std::to_string(header.size() - 2) + " more ignored");
        if (label_file.empty()) {
            label = header[1];
            label_file = origin;
        } else if (!equals_ignoring_case(label, header[1])) {
            sink.warning("codes-other-label", csv.header_line(), 1,
                         "the values are headed '" + header[1] + "' but '" + label + "' in " +
                             label_file + ": are these codes of the same thing?");
        }
        std::map<std::string, std::size_t> first_line;
        std::size_t coded = 0;
        CsvRecord record;
        while (csv.next(record)) {
            const std::string unit(trim(record.fields[0]));
            const std::string value(trim(record.fields[1]));
            if (unit.empty()) {
                sink.error(record.line, 1,
                           "a row without a unit id (the first column names the unit coded)");
                continue;
            }
            const auto [seen, first] = first_line.try_emplace(unit, record.line);
            if (!first) {
                sink.error(record.line, 1,
                           "unit '" + unit + "' is given again (first at line " +
                               std::to_string(seen->second) +
                               "): a coder gives each unit one value");
                continue;
            }
            auto& row = table.row(unit);
            if (!value.empty()) {
                row[f] = value;
                ++coded;
            }
        }
        if (!csv.failed() && coded == 0)
            sink.warning("codes-none", csv.header_line(), 1,
                         "no codes: every unit's value is empty, so this coder adds nothing");
        sink.finish();
    }
    settle(problems, warnings);
    return table.take(label, coder_names(files));
}

std::vector<ReliabilityData> read_turn_codes(const std::vector<std::filesystem::path>& files,
                                             const std::vector<std::string>& dimensions,
                                             Diagnostics& warnings) {
    if (files.empty())
        throw Error("no sidecars given (expected one coachkit.turn-codes/1 file per coder)");
    for (const auto& dimension : dimensions) {
        if (find_coaching_dimension(dimension) == nullptr)
            throw Error("unknown dimension '" + dimension + "' (dimensions: " + dimension_ids() +
                        ")");
    }
    Diagnostics problems;
    std::vector<TurnCodes> coders;
    std::set<std::size_t> turns;
    for (const auto& file : files) {
        auto document = read_json_file(file, problems);
        if (!document) {
            coders.emplace_back();
            continue;
        }
        coders.push_back(TurnCodes::read(*document, file.string(), "", problems));
        const auto coded = coders.back().turns();
        turns.insert(coded.begin(), coded.end());
    }
    settle(problems, warnings);

    std::vector<std::string> chosen = dimensions;
    if (chosen.empty()) {
        for (const auto& dimension : coaching_dimensions()) {
            const bool used = std::any_of(turns.begin(), turns.end(), [&](std::size_t turn) {
                return std::any_of(coders.begin(), coders.end(), [&](const TurnCodes& codes) {
                    const auto* set = codes.codes_for(turn);
                    return set != nullptr && set->contains(dimension.id);
                });
            });
            if (used)
                chosen.push_back(dimension.id);
        }
    }

    std::vector<ReliabilityData> result;
    const std::vector<std::string> names = coder_names(files);
    for (const auto& dimension : chosen) {
        ReliabilityData data;
        data.label = dimension;
        data.coders = names;
        for (const std::size_t turn : turns) {
            data.units.push_back(std::to_string(turn));
            auto& row = data.values.emplace_back(coders.size());
            for (std::size_t c = 0; c < coders.size(); ++c) {
                const auto* set = coders[c].codes_for(turn);
                const auto found = set ? set->find(dimension) : TurnCodeSet::const_iterator{};
                if (set == nullptr || found == set->end() || found->second.empty())
                    continue;
                std::vector<std::string> values = found->second;
                std::sort(values.begin(), values.end());
                std::string joined;
                for (const auto& value : values)
                    joined += (joined.empty() ? "" : "+") + value;
                row[c] = std::move(joined);
            }
        }
        result.push_back(std::move(data));
    }
    return result;
}

COACHKIT_NAMESPACE_END
