// Inter-rater agreement statistics for Python: cohen_kappa, fleiss_kappa, krippendorff_alpha on
// lists (units × coders, None for a missing value), anything with `.values` (a pandas DataFrame
// or Series) or `.tolist()` (a NumPy array), or ReliabilityData from read_codes/read_turn_codes.
// pandas is never imported here: a DataFrame is read through `.values.tolist()`, its columns and
// index naming the coders and units. The GIL is released while a statistic is computed.
#include <pybind11/stl.h>

#include <cmath>
#include <cstdio>

#include "bindings.hpp"
#include "coachkit/analysis/agreement.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

using Cell = std::optional<std::string>;
using Rows = std::vector<std::vector<Cell>>;

/// A Python value as a code: str as is; a whole number as its digits (3 and 3.0 are both "3");
/// another float as Python writes it; None, NaN and pandas' NA as missing.
Cell cell_of(const py::handle& value, std::size_t row, std::size_t column) {
    if (value.is_none())
        return std::nullopt;
    if (py::isinstance<py::str>(value))
        return value.cast<std::string>();
    if (py::isinstance<py::bool_>(value))
        return value.cast<bool>() ? "true" : "false";
    if (py::isinstance<py::int_>(value) || py::hasattr(value, "__index__"))
        return py::str(py::module_::import("operator").attr("index")(value)).cast<std::string>();
    const std::string type_name = py::str(py::type::of(value).attr("__name__")).cast<std::string>();
    if (type_name == "NAType" || type_name == "NaTType")
        return std::nullopt;
    if (py::isinstance<py::float_>(value) || py::hasattr(value, "__float__")) {
        const double number = py::float_(value.cast<py::object>()).cast<double>();
        if (std::isnan(number))
            return std::nullopt;
        if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 1e15)
            return py::str(py::int_(static_cast<long long>(number))).cast<std::string>();
        return py::repr(py::float_(number)).cast<std::string>();
    }
    throw py::type_error("row " + std::to_string(row) + ", column " + std::to_string(column) +
                         ": a value must be a str, a number or None, not " + type_name);
}

bool is_text(const py::handle& value) {
    return py::isinstance<py::str>(value) || py::isinstance<py::bytes>(value);
}

/// Names from a pandas axis (`columns`, `index`), if `data` has one.
std::vector<std::string> axis_names(const py::handle& data, const char* axis) {
    std::vector<std::string> names;
    // A list's `index` is a method; a DataFrame's is an Index of labels.
    if (!py::hasattr(data, axis) || PyCallable_Check(data.attr(axis).ptr()))
        return names;
    for (const auto& name : py::iter(data.attr(axis)))
        names.push_back(py::str(name).cast<std::string>());
    return names;
}

/// `data` as plain Python lists: `.values` (pandas; a method, as on dict, does not count), then
/// `.tolist()` (NumPy).
py::object plain(const py::handle& data) {
    py::object value = py::reinterpret_borrow<py::object>(data);
    if (!py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value) &&
        py::hasattr(value, "values") && !PyCallable_Check(value.attr("values").ptr()))
        value = value.attr("values");
    if (py::hasattr(value, "tolist"))
        value = value.attr("tolist")();
    return value;
}

/// Units × coders from a ReliabilityData, a DataFrame, an array or a list of rows.
ReliabilityData reliability_data(const py::handle& data, const char* what) {
    if (py::isinstance<ReliabilityData>(data))
        return data.cast<ReliabilityData>();
    std::vector<std::string> coders = axis_names(data, "columns");
    std::vector<std::string> units = axis_names(data, "index");
    const py::object rows = plain(data);
    if (is_text(rows) || !py::isinstance<py::sequence>(rows))
        throw py::type_error(std::string(what) +
                             " must be rows of values (units × coders): a list of lists, a "
                             "pandas DataFrame, a NumPy array or ReliabilityData");
    Rows values;
    std::size_t r = 0;
    for (const auto& row : rows) {
        if (is_text(row) || !py::isinstance<py::sequence>(row))
            throw py::type_error(std::string(what) + ": row " + std::to_string(r) +
                                 " is not a list of values (one per coder)");
        auto& cells = values.emplace_back();
        std::size_t c = 0;
        for (const auto& value : row)
            cells.push_back(cell_of(value, r, c++));
        ++r;
    }
    return ReliabilityData::from_rows(std::move(values), std::move(coders), std::move(units));
}

/// One coder's values (a list, a Series, an array) and its name, if it has one.
std::vector<Cell> coder_values(const py::handle& data, std::size_t column, std::string& name) {
    if (py::hasattr(data, "name") && !data.attr("name").is_none() &&
        !PyCallable_Check(data.attr("name").ptr()))
        name = py::str(data.attr("name")).cast<std::string>();
    const py::object values = plain(data);
    if (is_text(values) || !py::isinstance<py::sequence>(values))
        throw py::type_error("each coder's values must be a list, a pandas Series or an array");
    std::vector<Cell> cells;
    std::size_t r = 0;
    for (const auto& value : values)
        cells.push_back(cell_of(value, r++, column));
    return cells;
}

std::vector<std::string> order_of(const py::object& order) {
    std::vector<std::string> out;
    if (order.is_none())
        return out;
    if (is_text(order))
        throw py::type_error("order must be a list of values, lowest first, not one string");
    std::size_t i = 0;
    for (const auto& value : plain(order)) {
        const Cell cell = cell_of(value, i++, 0);
        if (!cell)
            throw py::value_error("order cannot hold a missing value");
        out.push_back(*cell);
    }
    return out;
}

AgreementOptions options_of(double confidence, std::size_t replicates, std::uint64_t seed) {
    AgreementOptions options;
    options.confidence = confidence;
    options.replicates = replicates;
    options.seed = seed;
    return options;
}

std::vector<std::filesystem::path> paths_of(const py::object& paths) {
    const auto fspath = py::module_::import("os").attr("fspath");
    std::vector<std::filesystem::path> out;
    if (is_text(paths) || py::hasattr(paths, "__fspath__"))
        throw py::type_error("give a list of files, one per coder");
    for (const auto& path : paths)
        out.emplace_back(py::str(fspath(path)).cast<std::string>());
    return out;
}

void warn(const Diagnostics& diagnostics) {
    const auto warn_function = py::module_::import("warnings").attr("warn");
    for (const auto& d : diagnostics)
        warn_function(d.to_string(), py::module_::import("builtins").attr("UserWarning"), 2);
}

std::string interval_text(const ConfidenceInterval& ci) {
    char text[96];
    std::snprintf(text, sizeof text, "[%.3f, %.3f] at %g%%", ci.lower, ci.upper, ci.level * 100);
    return text;
}

}  // namespace

void bind_agreement(py::module_& m) {
    // Never released, like the other exception types: see bind_diagnostics.cpp.
    static py::handle undefined = [&m] {
        PyObject* type = PyErr_NewExceptionWithDoc(
            "coachkit.UndefinedAgreementError",
            "The statistic cannot be computed for these data (one value only; no unit two "
            "coders both coded).",
            m.attr("Error").ptr(), nullptr);
        if (type == nullptr)
            throw py::error_already_set();
        return py::handle(type);
    }();
    m.attr("UndefinedAgreementError") = undefined;
    // Tried before the general translator of bind_diagnostics (pybind11 tries the latest first).
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown)
                std::rethrow_exception(thrown);
        } catch (const UndefinedAgreementError& e) {
            PyErr_SetString(undefined.ptr(), e.what());
        }
    });

    py::class_<ReliabilityData>(m, "ReliabilityData",
                                "Values coders gave units: values[unit][coder], None if missing.")
        .def(py::init([](const py::object& values, const py::object& coders,
                         const py::object& units, const std::string& label) {
                 ReliabilityData data = reliability_data(values, "values");
                 if (!coders.is_none())
                     data.coders = coders.cast<std::vector<std::string>>();
                 if (!units.is_none())
                     data.units = units.cast<std::vector<std::string>>();
                 data.label = label;
                 data.check();
                 return data;
             }),
             py::arg("values"), py::arg("coders") = py::none(), py::arg("units") = py::none(),
             py::arg("label") = "")
        .def_readonly("label", &ReliabilityData::label, "what was coded")
        .def_readonly("coders", &ReliabilityData::coders)
        .def_readonly("units", &ReliabilityData::units)
        .def_readonly("values", &ReliabilityData::values, "rows of values, None where missing")
        .def("__len__", [](const ReliabilityData& d) { return d.units.size(); })
        .def("__repr__", [](const ReliabilityData& d) {
            return "<ReliabilityData '" + d.label + "': " + std::to_string(d.units.size()) +
                   " units × " + std::to_string(d.coders.size()) + " coders>";
        });

    py::class_<ConfidenceInterval>(m, "ConfidenceInterval")
        .def_readonly("lower", &ConfidenceInterval::lower)
        .def_readonly("upper", &ConfidenceInterval::upper)
        .def_readonly("level", &ConfidenceInterval::level)
        .def_readonly("method", &ConfidenceInterval::method, "'analytic' or 'bootstrap'")
        .def_readonly("description", &ConfidenceInterval::description)
        .def_readonly("replicates", &ConfidenceInterval::replicates,
                      "bootstrap resamples it rests on (0 when analytic)")
        .def("__repr__", [](const ConfidenceInterval& ci) {
            return "<ConfidenceInterval " + interval_text(ci) + ", " + ci.method + ">";
        });

    py::class_<AgreementResult>(m, "AgreementResult",
                                "One agreement statistic: value, observed and chance agreement "
                                "(disagreement for alpha), units used, interval.")
        .def_readonly("statistic", &AgreementResult::statistic)
        .def_readonly("name", &AgreementResult::name)
        .def_readonly("label", &AgreementResult::label)
        .def_property_readonly(
            "scale", [](const AgreementResult& r) { return std::string(to_string(r.scale)); })
        .def_property_readonly(
            "weights", [](const AgreementResult& r) { return std::string(to_string(r.weights)); })
        .def_readonly("value", &AgreementResult::value)
        .def_readonly("disagreement", &AgreementResult::disagreement,
                      "True when observed/expected are disagreements (alpha)")
        .def_readonly("observed", &AgreementResult::observed)
        .def_readonly("expected", &AgreementResult::expected)
        .def_readonly("units", &AgreementResult::units)
        .def_readonly("units_left_out", &AgreementResult::units_left_out)
        .def_readonly("values", &AgreementResult::values)
        .def_readonly("coders", &AgreementResult::coders)
        .def_readonly("categories", &AgreementResult::categories)
        .def_readonly("standard_error", &AgreementResult::standard_error)
        .def_readonly("interval", &AgreementResult::interval)
        .def_readonly("notes", &AgreementResult::notes)
        .def(
            "to_dict", [](const AgreementResult& r) { return to_python(to_json(r)); },
            "every field, as `coachkit agreement --json` prints it")
        .def("__float__", [](const AgreementResult& r) { return r.value; })
        .def("__repr__", [](const AgreementResult& r) {
            char value[32];
            std::snprintf(value, sizeof value, "%.3f", r.value);
            return "<AgreementResult " + r.name + " = " + value +
                   (r.interval ? " " + interval_text(*r.interval) : std::string()) + ", " +
                   std::to_string(r.units) + " units>";
        });

    m.def(
        "cohen_kappa",
        [](const py::object& a, const py::object& b, const std::string& weights,
           const py::object& order, double confidence) {
            const auto chosen = parse_kappa_weights(weights);
            if (!chosen)
                throw py::value_error("weights must be 'none', 'linear' or 'quadratic', not '" +
                                      weights + "'");
            ReliabilityData data;
            if (b.is_none()) {
                data = reliability_data(a, "data");
            } else {
                std::string first = "coder 1";
                std::string second = "coder 2";
                const auto left = coder_values(a, 0, first);
                const auto right = coder_values(b, 1, second);
                if (left.size() != right.size())
                    throw py::value_error("a has " + std::to_string(left.size()) +
                                          " values and b " + std::to_string(right.size()) +
                                          ": give one value (or None) per unit from each coder");
                Rows rows;
                for (std::size_t i = 0; i < left.size(); ++i)
                    rows.push_back({left[i], right[i]});
                data = ReliabilityData::from_rows(std::move(rows), {first, second});
            }
            const auto values = order_of(order);
            const auto options = options_of(confidence, 0, default_bootstrap_seed);
            py::gil_scoped_release unlocked;
            return cohen_kappa(data, *chosen, values, options);
        },
        py::arg("a"), py::arg("b") = py::none(), py::kw_only(), py::arg("weights") = "none",
        py::arg("order") = py::none(), py::arg("confidence") = 0.95,
        "Cohen's kappa between two coders: a and b are their values for the same units (None "
        "where missing; such units are left out), or a alone holds units × 2 coders. weights "
        "'linear' or 'quadratic' need the values' order (order=, lowest first) unless they are "
        "numbers. The interval is analytic (Fleiss, Cohen & Everitt 1969). Raises "
        "UndefinedAgreementError when chance agreement is 1.");

    m.def(
        "fleiss_kappa",
        [](const py::object& ratings, const py::object& categories, double confidence,
           std::size_t replicates, std::uint64_t seed) {
            const ReliabilityData data = reliability_data(ratings, "ratings");
            const auto allowed = order_of(categories);
            const auto options = options_of(confidence, replicates, seed);
            py::gil_scoped_release unlocked;
            return fleiss_kappa(data, allowed, options);
        },
        py::arg("ratings"), py::kw_only(), py::arg("categories") = py::none(),
        py::arg("confidence") = 0.95, py::arg("replicates") = 1000,
        py::arg("seed") = default_bootstrap_seed,
        "Fleiss' kappa: ratings are units × rating slots (None where missing); units with "
        "another number of ratings than most are left out. The interval is a percentile "
        "bootstrap over units (replicates resamples, seed).");

    m.def(
        "krippendorff_alpha",
        [](const py::object& data, const std::string& scale, const py::object& order,
           double confidence, std::size_t replicates, std::uint64_t seed) {
            const auto chosen = parse_agreement_scale(scale);
            if (!chosen)
                throw py::value_error("scale must be 'nominal', 'ordinal' or 'interval', not '" +
                                      scale + "'");
            const ReliabilityData rows = reliability_data(data, "data");
            const auto values = order_of(order);
            const auto options = options_of(confidence, replicates, seed);
            py::gil_scoped_release unlocked;
            return krippendorff_alpha(rows, *chosen, values, options);
        },
        py::arg("data"), py::arg("scale") = "nominal", py::kw_only(), py::arg("order") = py::none(),
        py::arg("confidence") = 0.95, py::arg("replicates") = 1000,
        py::arg("seed") = default_bootstrap_seed,
        "Krippendorff's alpha: data are units × coders (None where missing; units with fewer "
        "than two values are left out). Ordinal and interval values need order= (lowest first) "
        "unless they are numbers. The interval is a percentile bootstrap over units.");

    m.def(
        "read_codes",
        [](const py::object& paths) {
            const auto files = paths_of(paths);
            Diagnostics warnings;
            ReliabilityData data;
            {
                py::gil_scoped_release unlocked;
                data = read_codes_csv(files, warnings);
            }
            warn(warnings);
            return data;
        },
        py::arg("paths"),
        "Read CSV files of codes, one coder per file (header 'unit,VALUE'; an empty value is "
        "missing), as ReliabilityData. Warnings are issued as UserWarning; errors raise "
        "InvalidDocumentError naming file and line.");

    m.def(
        "read_turn_codes",
        [](const py::object& paths, const std::vector<std::string>& dimensions) {
            const auto files = paths_of(paths);
            Diagnostics warnings;
            std::vector<ReliabilityData> sets;
            {
                py::gil_scoped_release unlocked;
                sets = read_turn_codes(files, dimensions, warnings);
            }
            warn(warnings);
            py::dict out;
            for (auto& data : sets) {
                const std::string label = data.label;
                out[py::str(label)] = py::cast(std::move(data));
            }
            return out;
        },
        py::arg("paths"), py::arg("dimensions") = std::vector<std::string>{},
        "Read coachkit.turn-codes/1 sidecars, one coder per file: a dict from dimension to "
        "ReliabilityData (unit = turn number; a turn's values sorted and joined with '+').");
}

}  // namespace coachkit::python
