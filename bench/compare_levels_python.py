#!/usr/bin/env python3
"""Levels of coaching practice: coachkit's Python batch call against a plain-Python reference.

Builds a corpus of coded coaching conversations (the 12 hand-coded CSVs of
tests/analysis/data/coaching-corpus, copied --copies times into a temporary folder), then, in one
run,

* scores it with ``coachkit.analysis.score_corpus`` (C++, GIL released) on one thread and on
  every core: reading each CSV with the coaching-transcript source (every measure of
  docs/evidence-metrics.md), the profile, the level with its rationale, per-criterion levels and
  cited turns, and the Python result objects;
* scores it with bench/coaching_levels_reference.py, the same profile and level written in plain
  Python (csv and json only), on one thread;
* checks that both give the same level (and the same number of turns) for every transcript:
  exit 1 naming each difference if not;
* prints the turns per second of each (wall and CPU time), best of --runs rounds that run all
  three in turn, and the ratios.

Both read the same files and the same levels.json (the one the coaching-levels plugin loads).
Figures and the command are in docs/benchmarks.md. Exit codes: 0 agree, 1 disagree, 2 usage or
coachkit cannot be imported.

    PYTHONPATH=build/release/python /usr/bin/python3 bench/compare_levels_python.py
    PYTHONPATH=build/release/python /usr/bin/python3 bench/compare_levels_python.py --smoke
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO / "tests" / "analysis" / "data" / "coaching-corpus"

sys.path.insert(0, str(HERE))
import coaching_levels_reference as reference  # noqa: E402  (beside this script)


def build_corpus(folder, copies):
    """Copies each manifest transcript `copies` times into `folder`. Returns (expected level by
    file, one speakers map for all: the corpus gives each teacher a distinct name)."""
    with open(CORPUS / "manifest.json", encoding="utf-8") as f:
        manifest = json.load(f)
    expected, speakers = {}, {}
    for entry in manifest["transcripts"]:
        for name, role in entry["speakers"].items():
            if speakers.setdefault(name, role) != role:
                raise SystemExit(f"error: {name} has two roles in {CORPUS / 'manifest.json'}; "
                                 "one speakers map cannot serve the whole corpus")
        stem = Path(entry["file"]).stem
        for copy in range(copies):
            target = folder / f"{stem}-{copy:04d}.csv"
            shutil.copyfile(CORPUS / entry["file"], target)
            expected[str(target)] = entry["level"]
    return expected, speakers


def levels_json(registry):
    """The levels.json the coaching-levels plugin reads (beside its manifest)."""
    plugin = registry.plugin("coaching-levels")
    if plugin is not None and plugin.manifest:
        candidate = Path(str(plugin.manifest)).parent / "levels.json"
        if candidate.is_file():
            return candidate
    return REPO / "plugins" / "coaching-levels" / "levels.json"


def best_of(runs, works):
    """Runs each of `works` in turn, `runs` rounds, so a change in the machine's load falls on
    all of them alike. Returns, per work, (best wall seconds, best CPU seconds of this process,
    the last run's result)."""
    best = [[float("inf"), float("inf"), None] for _ in works]
    for _ in range(runs):
        for slot, work in zip(best, works):
            wall, cpu = time.perf_counter(), time.process_time()
            result = work()
            slot[0] = min(slot[0], time.perf_counter() - wall)
            slot[1] = min(slot[1], time.process_time() - cpu)
            slot[2] = result
    return [tuple(slot) for slot in best]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=25,
                        help="copies of each of the 12 corpus transcripts (default 25: 300 "
                             "transcripts, 7,875 turns)")
    parser.add_argument("--smoke", action="store_true",
                        help="a quick run: 2 copies (24 transcripts), one run each (what ctest "
                             "runs)")
    parser.add_argument("--runs", type=int, default=5,
                        help="rounds of all three, the best of each counts (default 5)")
    parser.add_argument("--jobs", type=int, default=0,
                        help="threads for the all-cores run (default 0: one per core)")
    args = parser.parse_args()
    copies, runs = (2, 1) if args.smoke else (args.copies, args.runs)
    if copies < 1 or runs < 1 or args.jobs < 0:
        parser.error("--copies and --runs must be at least 1, --jobs at least 0")

    try:
        from coachkit import analysis, plugins
    except ImportError as error:
        print(f"error: cannot import coachkit ({error}); set PYTHONPATH to <build>/python",
              file=sys.stderr)
        return 2

    registry = plugins.default_registry()
    thresholds_path = levels_json(registry)
    thresholds = reference.load_thresholds(str(thresholds_path))
    cores = os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="coachkit-levels-") as tmp:
        folder = Path(tmp)
        expected, speakers = build_corpus(folder, copies)
        files = sorted(expected)
        options = {"speakers": speakers}

        def coachkit_run(jobs):
            return lambda: analysis.score_corpus(folder, registry=registry, jobs=jobs,
                                                 options=options)

        def reference_run():
            return [reference.score_file(path, speakers, thresholds) for path in files]

        (one_core, one_core_cpu, results), (all_cores, all_cores_cpu, results_all), \
            (plain, plain_cpu, reference_levels) = best_of(
                runs, [coachkit_run(1), coachkit_run(args.jobs), reference_run])
        reference_turns = [len(reference.read_coded_csv(path, speakers)) for path in files]

    problems, differing = [], set()
    ours = {r.file: r for r in results}
    if sorted(ours) != files:
        problems.append(f"coachkit scored {len(ours)} files, the corpus has {len(files)}")
    for path, level, turns in zip(files, reference_levels, reference_turns):
        scored = ours.get(path)
        if scored is None:
            continue
        if not scored.ok:
            problems.append(f"{path}: coachkit did not score it: {'; '.join(scored.errors)}")
            differing.add(path)
        elif scored.assessment.level != level:
            problems.append(f"{path}: coachkit {scored.assessment.level}, reference {level}")
            differing.add(path)
        if len(scored.turns) != turns:
            problems.append(f"{path}: coachkit read {len(scored.turns)} turns, reference {turns}")
    for a, b in zip(results, results_all):
        if a.ok != b.ok or (a.ok and a.assessment.level != b.assessment.level):
            problems.append(f"{a.file}: one thread and {args.jobs or cores} threads disagree")
    as_manifest = sum(level == expected[path] for path, level in zip(files, reference_levels))

    total_turns = sum(reference_turns)
    print(f"Levels of coaching practice, {len(files)} transcripts ({copies} copies of the 12 in "
          f"tests/analysis/data/coaching-corpus), {total_turns:,} turns; best of {runs} run(s); "
          f"thresholds {thresholds_path}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: {cores} cores, load average {load} (1, 5, 15 min) at the end\n")
    header = (f"{'':<34}{'threads':>8}{'wall s':>9}{'CPU s':>9}{'turns/s':>10}"
              f"{'turns/CPU-s':>13}")
    print(header)
    print("-" * len(header))
    rows = [("coachkit.analysis.score_corpus", 1, one_core, one_core_cpu),
            ("coachkit.analysis.score_corpus", args.jobs or cores, all_cores, all_cores_cpu),
            ("plain-Python reference", 1, plain, plain_cpu)]
    for name, threads, wall, cpu in rows:
        print(f"{name:<34}{threads:>8}{wall:>9.3f}{cpu:>9.3f}{total_turns / wall:>10,.0f}"
              f"{total_turns / cpu:>13,.0f}")
    print(f"\nratio, coachkit / reference turns per second: {plain / one_core:.2f}x on one "
          f"thread (per CPU-second {plain_cpu / one_core_cpu:.2f}x), {plain / all_cores:.2f}x "
          f"with coachkit on {args.jobs or cores} threads")
    print("CPU s is this process's CPU time (every thread); on a busy machine it is the steadier "
          "figure.")
    print("coachkit also computes every measure of the transcript, the rationale, the criteria "
          "and\nthe cited turns, and builds the Python result objects; the reference computes "
          "the level only.")
    print(f"levels: coachkit and the reference agree on {len(files) - len(differing)} of "
          f"{len(files)}; the reference gives the manifest's level for {as_manifest}")

    for problem in problems:
        print(f"MISMATCH {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
