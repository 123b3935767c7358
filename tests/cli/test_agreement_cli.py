"""`coachkit agreement CODES_A CODES_B...`: agreement between coders from files of codes
(docs/agreement.md), beside the learning-agreement verbs `agreement draft|sign|show`, which still
parse as before (their store-backed runs are in test_programme_cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LEVELS = "emerging,developing,refining,co-constructive"


@pytest.fixture(scope="session")
def codes(source_dir) -> Path:
    folder = source_dir / "tests" / "analysis" / "data" / "agreement"
    assert folder.is_dir(), f"agreement fixtures {folder} are missing"
    return folder


def levels(codes):
    return [codes / "levels_observer_a.csv", codes / "levels_observer_b.csv"]


def krippendorff(codes):
    return [codes / f"krippendorff_{c}.csv" for c in "ABCD"]


def sidecars(codes):
    return [codes / "sidecars" / "coder_a.json", codes / "sidecars" / "coder_b.json"]


# ---- statistics --------------------------------------------------------------------------------


def test_two_coders_of_levels_table(ok, codes):
    out = ok("agreement", *levels(codes), "--scale", "ordinal", "--order", LEVELS).stdout
    assert "Agreement between 2 coders (levels_observer_a, levels_observer_b) on 12 units" in out
    lines = out.splitlines()
    kappa = next(line for line in lines if "Cohen's kappa (linear weights)" in line)
    assert "0.627" in kappa and "[0.307, 0.947]" in kappa and "11 (1 left out)" in kappa
    assert any("Krippendorff's alpha (ordinal)" in line and "0.773" in line for line in lines)
    assert "Fleiss, Cohen & Everitt (1969)" in out
    assert "percentile bootstrap over units: 1000 resamples with replacement, seed 12345" in out
    assert "level, Cohen's kappa (linear weights): 1 unit left out: a value from one coder is missing" in out


def test_two_coders_json(ok, codes):
    out = json.loads(ok("agreement", *levels(codes), "--scale", "ordinal", "--order", LEVELS, "--json").stdout)
    assert out["scale"] == "ordinal" and out["weights"] == "linear"
    assert out["order"] == LEVELS.split(",")
    kappa, alpha = out["results"]
    assert kappa["statistic"] == "cohen_kappa" and kappa["codes"] == "level"
    assert kappa["value"] == pytest.approx(0.6271, abs=5e-5)
    assert kappa["units"] == 11 and kappa["units_left_out"] == 1
    assert kappa["interval"]["method"] == "analytic"
    assert kappa["standard_error"] == pytest.approx(0.1633, abs=5e-4)
    assert alpha["statistic"] == "krippendorff_alpha" and alpha["scale"] == "ordinal"
    assert alpha["interval"]["method"] == "bootstrap"


def test_weights_and_confidence_can_be_chosen(ok, codes):
    args = ("agreement", *levels(codes), "--scale", "ordinal", "--order", LEVELS, "--json")
    quadratic = json.loads(ok(*args, "--weights", "quadratic", "--confidence", "0.9").stdout)
    kappa = quadratic["results"][0]
    assert kappa["weights"] == "quadratic" and kappa["value"] == pytest.approx(0.7708, abs=5e-5)
    assert kappa["interval"]["level"] == 0.9
    nominal = json.loads(ok("agreement", *levels(codes), "--json").stdout)["results"][0]
    assert nominal["name"] == "Cohen's kappa" and nominal["value"] == pytest.approx(0.4824, abs=5e-5)


def test_four_coders_krippendorff_2011(ok, codes):
    # Krippendorff (2011)'s worked example as four files, one coder each: alpha 0.849 (interval).
    out = json.loads(ok("agreement", *krippendorff(codes), "--scale", "interval", "--json").stdout)
    fleiss, alpha = out["results"]
    assert fleiss["statistic"] == "fleiss_kappa"
    assert fleiss["units"] == 8 and fleiss["units_left_out"] == 4
    assert alpha["value"] == pytest.approx(0.849, abs=5e-4)
    assert out["coders"] == ["krippendorff_A", "krippendorff_B", "krippendorff_C", "krippendorff_D"]
    table = ok("agreement", *krippendorff(codes), "--scale", "interval").stdout
    assert "Fleiss' kappa" in table and "0.849" in table


def test_the_bootstrap_is_reproducible_and_seeded(ok, codes):
    args = ("agreement", *krippendorff(codes), "--json")
    first = json.loads(ok(*args).stdout)["results"][1]["interval"]
    again = json.loads(ok(*args).stdout)["results"][1]["interval"]
    assert first == again
    other = json.loads(ok(*args, "--seed", "7").stdout)["results"][1]["interval"]
    assert other["lower"] != first["lower"]
    none = json.loads(ok(*args, "--replicates", "0").stdout)["results"][1]
    assert none["interval"] is None


def test_sidecars_one_row_per_dimension(ok, codes):
    out = ok("agreement", *sidecars(codes)).stdout
    table = out.split("\n\n")[1]  # between the heading and the notes
    rows = [line.split()[0] for line in table.splitlines() if "Cohen's kappa" in line]
    assert rows == ["initiation", "time", "function"]
    data = json.loads(ok("agreement", *sidecars(codes), "--dimension", "function", "--json").stdout)
    assert [r["codes"] for r in data["results"]] == ["function", "function"]
    assert data["results"][0]["value"] == pytest.approx(0.7619, abs=5e-5)


def test_an_undefined_statistic_is_said_not_printed_as_nan(ok, codes):
    out = ok("agreement", *sidecars(codes), "--dimension", "stimulus").stdout
    assert "undefined" in out and "nan" not in out.lower()
    assert "stimulus, Cohen's kappa: Cohen's kappa is undefined: no unit has a value from both" in out
    data = json.loads(ok("agreement", *sidecars(codes), "--dimension", "stimulus", "--json").stdout)
    assert all("undefined" in r for r in data["results"])


# ---- bad files: exit 1, naming file and line or pointer ------------------------------------------


def test_bad_csv_files_name_file_and_line(run, codes):
    result = run("agreement", codes / "bad" / "duplicate_unit.csv", codes / "bad" / "no_unit.csv")
    assert result.returncode == 1, result
    assert "duplicate_unit.csv:4:1: unit '1' is given again (first at line 2)" in result.stderr
    assert "no_unit.csv:3:1: a row without a unit id" in result.stderr


def test_bad_sidecar_names_file_and_pointer(run, codes):
    result = run("agreement", codes / "sidecars" / "coder_a.json", codes / "bad" / "wrong_schema.json")
    assert result.returncode == 1, result
    assert 'wrong_schema.json:/schema: expected "coachkit.turn-codes/1"' in result.stderr
    broken = run("agreement", codes / "sidecars" / "coder_a.json", codes / "bad" / "broken.json")
    assert broken.returncode == 1 and "broken.json:2:" in broken.stderr, broken


def test_missing_file_and_missing_order(run, codes):
    missing = run("agreement", codes / "levels_observer_a.csv", codes / "absent.csv")
    assert missing.returncode == 1 and "absent.csv: cannot open" in missing.stderr, missing
    words = run("agreement", *levels(codes), "--scale", "ordinal")
    assert words.returncode == 1, words
    assert "need the order of the values, lowest first (--order a,b,c" in words.stderr
    outside = run("agreement", *levels(codes), "--order", "emerging,developing")
    assert outside.returncode == 1 and "is not in the order given" in outside.stderr, outside


# ---- usage: exit 2 -------------------------------------------------------------------------------


def test_no_files_and_no_verb_is_a_usage_error_naming_both_forms(run):
    result = run("agreement")
    assert result.returncode == 2, result
    assert "coachkit agreement CODES_A CODES_B" in result.stderr
    assert "draft|sign|show" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["levels_observer_a.csv"], "at least two files"),
        (["levels_observer_a.csv", "sidecars/coder_a.json"], "not both"),
        (["levels_observer_a.csv", "levels_observer_b.csv", "--dimension", "time"], "--dimension chooses"),
        (["levels_observer_a.csv", "levels_observer_b.csv", "--confidence", "1"], "strictly between 0 and 1"),
        (["levels_observer_a.csv", "levels_observer_b.csv", "--weights", "cubic"], "--weights"),
        (["levels_observer_a.csv", "levels_observer_b.csv", "--scale", "ratio"], "--scale"),
        (["sidecars/coder_a.json", "sidecars/coder_b.json", "--dimension", "tone"], "--dimension"),
    ],
)
def test_usage_errors(run, codes, args, message):
    result = run("agreement", *args, cwd=codes)
    assert result.returncode == 2, result
    assert message in result.stderr


def test_options_take_one_word_so_files_after_them_stay_files(ok, codes):
    out = ok("agreement", "--order", LEVELS, levels(codes)[0], "--scale", "ordinal", levels(codes)[1]).stdout
    assert "Cohen's kappa (linear weights)" in out


# ---- the learning-agreement verbs still parse ----------------------------------------------------


@pytest.mark.parametrize("verb", ["draft", "sign", "show"])
def test_the_verbs_still_parse(ok, verb):
    out = ok("agreement", verb, "--help").stdout
    assert f"coachkit agreement {verb}" in out and "--partnership" in out


def test_show_is_a_verb_not_a_file(run):
    # Parsed as the verb: its own required option is what is missing, not a second file.
    result = run("agreement", "show")
    assert result.returncode == 2, result
    assert "--partnership is required" in result.stderr
    mixed = run("agreement", "codes.csv", "show", "--partnership", "p", "--as", "x")
    assert mixed.returncode == 2 and "not both" in mixed.stderr, mixed


def test_help_names_both_forms(ok):
    out = ok("agreement", "--help").stdout
    assert "files" in out and "--scale" in out and "--order" in out
    for verb in ("draft", "sign", "show"):
        assert verb in out
