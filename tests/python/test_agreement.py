"""Agreement statistics from Python (docs/agreement.md): the published worked examples, input as
lists, DataFrame-like and array-like objects, the readers, and bad input."""

from __future__ import annotations

import math
import threading

import pytest

# Until coachkit/__init__.py re-exports these names, they come from the compiled module.
from coachkit import (
    AgreementResult,
    Error,
    InvalidDocumentError,
    ReliabilityData,
    UndefinedAgreementError,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    read_codes,
    read_turn_codes,
)

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: 12 units (rows)
# by coders A-D (columns), None = missing. Reported: 0.743 nominal, 0.815 ordinal, 0.849 interval.
KRIPPENDORFF_2011 = [
    [1, 1, None, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [None, 5, 5, 5], [None, None, 1, 1],
    [None, 3, None, None],
]

# Fleiss (1971), Table 1 as distributed with R's irr (`diagnoses`): 30 patients, 6 ratings each.
# Reported kappa .430 (irr: 0.4302445).
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]


def table_pairs(counts):
    """A two-coder contingency table of counts (categories 1..k) as two lists of values."""
    a, b = [], []
    for i, row in enumerate(counts, start=1):
        for j, n in enumerate(row, start=1):
            a += [i] * n
            b += [j] * n
    return a, b


class FakeArray:
    """What NumPy offers the binding: tolist()."""

    def __init__(self, rows):
        self._rows = rows

    def tolist(self):
        return [list(r) if isinstance(r, (list, tuple)) else r for r in self._rows]


class FakeFrame:
    """What a pandas DataFrame offers the binding: .values, .columns and .index."""

    def __init__(self, rows, columns, index):
        self.values = FakeArray(rows)
        self.columns = columns
        self.index = index


class FakeSeries:
    def __init__(self, values, name):
        self.values = FakeArray(values)
        self.name = name


@pytest.fixture(scope="module")
def agreement_data(source_dir):
    return source_dir / "tests" / "analysis" / "data" / "agreement"


# ---- published examples ------------------------------------------------------------------------


@pytest.mark.parametrize("scale, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_krippendorff_2011(scale, expected):
    result = krippendorff_alpha(KRIPPENDORFF_2011, scale)
    assert isinstance(result, AgreementResult)
    assert result.value == pytest.approx(expected, abs=5e-4)
    assert result.scale == scale
    assert result.units == 11 and result.units_left_out == 1 and result.values == 40
    assert result.disagreement
    assert result.standard_error is None
    assert result.interval.method == "bootstrap"
    assert result.interval.lower <= result.value <= result.interval.upper
    assert float(result) == result.value


def test_fleiss_1971():
    result = fleiss_kappa(FLEISS_1971)
    assert result.value == pytest.approx(0.4302445, abs=1e-7)
    assert result.units == 30
    assert result.categories == ["1", "2", "3", "4", "5"]
    assert result.interval.replicates == 1000


def test_cohen_kappa_sas_table_with_analytic_interval():
    # SAS PROC FREQ output recorded in statsmodels' test_inter_rater.py: kappa 0.4842, ASE 0.1380,
    # limits 0.2137-0.7547; linear (Cicchetti-Allison) weights 0.4701, ASE 0.1457, 0.1845-0.7558.
    a, b = table_pairs([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    simple = cohen_kappa(a, b)
    assert simple.value == pytest.approx(0.4842, abs=5e-5)
    assert simple.standard_error == pytest.approx(0.1380, abs=5e-5)
    assert (simple.interval.lower, simple.interval.upper) == pytest.approx((0.2137, 0.7547), abs=5e-5)
    assert simple.interval.method == "analytic"
    linear = cohen_kappa(a, b, weights="linear")
    assert linear.value == pytest.approx(0.4701, abs=5e-5)
    assert linear.standard_error == pytest.approx(0.1457, abs=5e-5)
    assert linear.weights == "linear"


def test_cohen_kappa_irr_anxiety_weights():
    # R irr's anxiety data, raters 2 and 3: kappa2 gives -0.006289308, 0.1459075 (equal),
    # 0.2520325 (squared).
    r2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
    r3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
    assert cohen_kappa(r2, r3).value == pytest.approx(-0.006289308, abs=1e-9)
    assert cohen_kappa(r2, r3, weights="linear").value == pytest.approx(0.1459075, abs=1e-7)
    assert cohen_kappa(r2, r3, weights="quadratic").value == pytest.approx(0.2520325, abs=1e-7)


# ---- ways of giving the data -------------------------------------------------------------------


def test_a_dataframe_names_coders_and_units():
    frame = FakeFrame(KRIPPENDORFF_2011, ["A", "B", "C", "D"], [f"u{i}" for i in range(1, 13)])
    result = krippendorff_alpha(frame)
    assert result.coders == ["A", "B", "C", "D"]
    assert result.value == pytest.approx(0.743, abs=5e-4)
    # pandas gives NaN for missing numbers: read as missing, as are None and whole floats as ints.
    with_nan = [[float("nan") if v is None else float(v) for v in row] for row in KRIPPENDORFF_2011]
    assert krippendorff_alpha(FakeArray(with_nan), "interval").value == pytest.approx(0.849, abs=5e-4)


def test_series_and_units_by_two_coders():
    a, b = table_pairs([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    named = cohen_kappa(FakeSeries(a, "ann"), FakeSeries(b, "bo"))
    assert named.coders == ["ann", "bo"]
    rows = cohen_kappa([list(pair) for pair in zip(a, b)])
    assert rows.value == pytest.approx(named.value)


def test_words_with_an_order():
    levels = ["emerging", "developing", "refining", "co-constructive"]
    a = ["emerging", "developing", "developing", "refining", "refining", "co-constructive"]
    b = ["emerging", "developing", "refining", "refining", "developing", None]
    result = cohen_kappa(a, b, weights="linear", order=levels)
    assert result.categories == levels
    assert result.units == 5 and result.units_left_out == 1
    assert result.notes == ["1 unit left out: a value from one coder is missing"]
    with pytest.raises(Error, match="need the order of the values"):
        cohen_kappa(a, b, weights="linear")
    with pytest.raises(Error, match="'refining' is not in the order given"):
        cohen_kappa(a, b, order=["emerging", "developing"])


def test_reliability_data_object():
    data = ReliabilityData([["a", "b"], ["a", None]], coders=["x", "y"], units=["t1", "t2"], label="code")
    assert data.values == [["a", "b"], ["a", None]]
    assert len(data) == 2 and data.label == "code"
    with pytest.raises(Error, match="3 coders"):
        ReliabilityData([["a", "b"]], coders=["x", "y", "z"])


def test_to_dict_matches_the_cli_json():
    d = krippendorff_alpha(KRIPPENDORFF_2011).to_dict()
    assert d["statistic"] == "krippendorff_alpha"
    assert "observed_disagreement" in d and "expected_disagreement" in d
    assert d["interval"]["method"] == "bootstrap"
    assert d["standard_error"] is None
    assert "observed_agreement" in cohen_kappa([1, 2, 1], [1, 2, 2]).to_dict()


def test_the_bootstrap_is_reproducible():
    first = fleiss_kappa(FLEISS_1971)
    again = fleiss_kappa(FLEISS_1971)
    assert (first.interval.lower, first.interval.upper) == (again.interval.lower, again.interval.upper)
    other = fleiss_kappa(FLEISS_1971, seed=99)
    assert other.interval.lower != first.interval.lower
    assert fleiss_kappa(FLEISS_1971, replicates=0).interval is None
    wide = krippendorff_alpha(KRIPPENDORFF_2011, confidence=0.99)
    narrow = krippendorff_alpha(KRIPPENDORFF_2011, confidence=0.80)
    assert wide.interval.lower <= narrow.interval.lower and wide.interval.upper >= narrow.interval.upper


def test_threads_get_the_same_answers():
    results = [None] * 4

    def work(i):
        results[i] = krippendorff_alpha(KRIPPENDORFF_2011, "ordinal", replicates=2000).interval.lower

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and results[0] is not None


# ---- files ---------------------------------------------------------------------------------------


def test_read_codes(agreement_data):
    data = read_codes([agreement_data / "levels_observer_a.csv", agreement_data / "levels_observer_b.csv"])
    assert data.label == "level"
    assert data.coders == ["levels_observer_a", "levels_observer_b"]
    assert data.units[0] == "c01" and data.values[10][1] is None
    order = ["emerging", "developing", "refining", "co-constructive"]
    assert cohen_kappa(data, weights="linear", order=order).value == pytest.approx(0.6271, abs=5e-5)
    with pytest.warns(UserWarning, match="only the first two columns"):
        read_codes([agreement_data / "extra_column.csv", agreement_data / "levels_observer_a.csv"])


def test_read_codes_errors_name_file_and_line(agreement_data):
    with pytest.raises(InvalidDocumentError) as caught:
        read_codes([agreement_data / "bad" / "duplicate_unit.csv", agreement_data / "levels_observer_a.csv"])
    [problem] = caught.value.diagnostics
    assert problem.file.endswith("duplicate_unit.csv") and problem.line == 4
    assert "unit '1' is given again" in problem.message
    with pytest.raises(TypeError):
        read_codes(str(agreement_data / "levels_observer_a.csv"))


def test_read_turn_codes(agreement_data):
    sets = read_turn_codes([agreement_data / "sidecars" / "coder_a.json", agreement_data / "sidecars" / "coder_b.json"])
    assert list(sets) == ["initiation", "time", "function"]
    function = sets["function"]
    assert function.values[2] == ["evaluate+explain", "evaluate+explain"]
    assert cohen_kappa(function).value == pytest.approx(0.7619, abs=5e-5)
    only = read_turn_codes([agreement_data / "sidecars" / "coder_a.json"], ["time"])
    assert list(only) == ["time"]
    with pytest.raises(InvalidDocumentError) as caught:
        read_turn_codes([agreement_data / "sidecars" / "coder_a.json", agreement_data / "bad" / "wrong_schema.json"])
    assert any(d.pointer == "/schema" for d in caught.value.diagnostics)


# ---- bad and degenerate input --------------------------------------------------------------------


def test_undefined_statistics_raise_their_own_error():
    assert issubclass(UndefinedAgreementError, Error)
    with pytest.raises(UndefinedAgreementError, match="same value \\('x'\\)"):
        cohen_kappa(["x", "x"], ["x", "x"])
    with pytest.raises(UndefinedAgreementError, match="no unit has values from two coders"):
        krippendorff_alpha([[1, None], [None, 2]])
    with pytest.raises(UndefinedAgreementError):
        fleiss_kappa([[3, 3, 3], [3, 3, 3]])


def test_bad_arguments():
    with pytest.raises(ValueError, match="weights must be"):
        cohen_kappa([1, 2], [1, 2], weights="cubic")
    with pytest.raises(ValueError, match="scale must be"):
        krippendorff_alpha(KRIPPENDORFF_2011, "ratio")
    with pytest.raises(ValueError, match="a has 2 values and b 3"):
        cohen_kappa([1, 2], [1, 2, 3])
    with pytest.raises(TypeError, match="row 0, column 1"):
        krippendorff_alpha([[1, object()]])
    with pytest.raises(TypeError, match="rows of values"):
        krippendorff_alpha("1,2,3")
    with pytest.raises(TypeError, match="not one string"):
        krippendorff_alpha(KRIPPENDORFF_2011, "ordinal", order="12345")
    with pytest.raises(Error, match="compares two coders"):
        cohen_kappa([[1, 1, 1], [2, 2, 2]])
    with pytest.raises(Error, match="confidence level"):
        krippendorff_alpha(KRIPPENDORFF_2011, confidence=1.5)
    assert not math.isnan(krippendorff_alpha([[1, 2], [2, 2], [1, 1]]).value)
