#!/usr/bin/env python3
"""Talk share by words per role: coachkit against a plain pandas implementation.

Writes a generated lesson transcript as CSV (speaker, text, start, end), then

* times pandas: ``pandas.read_csv`` and the talk share by words per role (speaker -> role by
  coachkit's default rules for the names generated here, words = whitespace-separated tokens
  counted with ``str.count``), the read and the compute apart and together, and the compute
  again with the slower ``str.split().str.len()`` on a row of its own;
* times ``coachkit analyse lesson FILE --json`` on the same file (the whole process: start, plugin
  discovery, both passes of every lesson metric, the JSON);
* checks that both give the same teacher and pupil word shares to 1e-9 (exit 1 if not);
* prints a table, best of three runs each, and the ratio.

The transcript is the one bench/bench_evidence.cpp generates (same splitmix64 generator, seed and
phrases; for the same number of utterances the CSV bytes are identical). Figures and the command
are in docs/benchmarks.md. Exit codes: 0 agree, 1 disagree, 2 usage or coachkit failed,
77 pandas cannot be imported (ctest reports the smoke test as skipped).

    /usr/bin/python3 bench/talk_share_pandas.py --coachkit build/release/bin/coachkit
    /usr/bin/python3 bench/talk_share_pandas.py --smoke        # ~20,000 utterances, as ctest runs
"""

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SKIPPED = 77
SEED = 20240905  # kSeed in bench_evidence.cpp
TOLERANCE = 1e-9
REPO = Path(__file__).resolve().parent.parent

# --- The generated lesson (a port of generate_lesson in bench_evidence.cpp) ----------------------

OPEN_QUESTIONS = [
    "Why do you think the ice melted faster on the metal tray?",
    "How did you work that out?",
    "What do you notice about the pattern in this table?",
    "Can you explain why that happens?",
    "What would happen if we doubled the amount of water?",
    "How could we check that answer another way?",
    'Why might the author have chosen the word "shivering" here?',
    "What do you think the character is feeling now?",
    "How is this shape different from the one we drew yesterday?",
    "What makes you say that?",
]
CLOSED_QUESTIONS = [
    "What is seven times eight?",
    "Is that a noun or a verb?",
    "How many sides does a hexagon have?",
    "Who can tell me the capital of France?",
    "Did everyone finish the first question?",
    "Is the answer bigger or smaller than one hundred?",
    "Can you read the next sentence, Amira?",
    'What is the past tense of "run"?',
    "Are we all ready?",
    "Which planet is closest to the sun?",
]
TEACHER_STATEMENTS = [
    "Okay, everyone, eyes on the board please.",
    "Turn to your partner and talk about it for two minutes.",
    "Good, that is a really careful answer.",
    "Write the date and the title in your books.",
    "Remember, we are looking for evidence in the text.",
    "Let's look at the second example together.",
    "I can see some brilliant ideas on this table.",
    "Put your pencils down for a moment.",
    "That's right, and it links to what we learned last week.",
    "Have a think on your own first, then we will share.",
]
PUPIL_ANSWERS = [
    "Because the metal conducts heat better than the plastic.",
    "Fifty six.",
    "I think it is a verb.",
    "We added the numbers in the first column and then doubled them.",
    "I don't know.",
    "It goes up by three every time.",
    "Paris.",
    "Maybe she is scared because it is dark and she is on her own.",
    "Six sides.",
    "We could count them again or use the calculator.",
    "It's smaller, because you take away more than you add.",
    "Mercury.",
]
PUPIL_QUESTIONS = [
    'Miss, what does "evaporate" mean?',
    "Do we have to write in pen?",
    "Can we use a ruler?",
    "Why does it get bigger when you freeze it?",
    "Is it page forty two?",
    "How long do we have?",
]
CLASS_RESPONSES = ["Yes, Miss.", "Good morning, Miss Khan.", "Six!", "No."]

MASK = (1 << 64) - 1


class Random:
    """splitmix64, as in bench_evidence.cpp, so both write the same lesson."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, low, high):
        return low + self.below(high - low + 1)

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]


def generate_lesson(utterances, seed=SEED):
    """Yields (speaker, text, start_ms, end_ms): teacher turns (statements, then often a question,
    open or closed), one or two answers after a question (a pupil, or the class in chorus), a wait
    of 0.5 to 6 s after a question and 0.2 to 1.2 s otherwise."""
    random = Random(seed)
    clock = 1000
    pupil_turns_left = 0
    asked = False
    for _ in range(utterances):
        if pupil_turns_left > 0:
            pupil_turns_left -= 1
            if random.chance(10):
                speaker, text = "Class", random.pick(CLASS_RESPONSES)
            else:
                speaker = f"Pupil {1 + random.below(28)}"
                text = (random.pick(PUPIL_QUESTIONS) if random.chance(15)
                        else random.pick(PUPIL_ANSWERS))
        else:
            speaker = "Teacher"
            parts = [random.pick(TEACHER_STATEMENTS) for _ in range(random.below(3))]
            asked = not parts or random.chance(40)
            if asked:
                parts.append(random.pick(OPEN_QUESTIONS) if random.chance(40)
                             else random.pick(CLOSED_QUESTIONS))
                pupil_turns_left = 1 + random.below(2)
            elif random.chance(30):
                pupil_turns_left = 1
            text = " ".join(parts)
        after_question = speaker != "Teacher" and asked
        clock += random.between(500, 6000) if after_question else random.between(200, 1200)
        asked = asked and speaker == "Teacher"
        start = clock
        clock += len(text.split(" ")) * 350 + random.between(0, 800)
        yield speaker, text, start, clock


def write_csv(path, utterances):
    def seconds(ms):
        return f"{ms // 1000}.{ms % 1000:03d}"

    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")  # quotes only where needed
        writer.writerow(["speaker", "text", "start", "end"])
        for speaker, text, start, end in generate_lesson(utterances):
            writer.writerow([speaker, text, seconds(start), seconds(end)])


# --- pandas ------------------------------------------------------------------------------------

# coachkit's default lesson roles (docs/evidence-metrics.md#speaker-roles) for the common names of
# a lesson transcript, enough for the names generated above ("Teacher", "Pupil N", "Class"); not
# every rule coachkit has (titles with names are simplified, for one).
NUMBER = r"[\s_-]*\d+"  # "Pupil 4", "Pupil4", "S_3"
TEACHER = re.compile(rf"(teacher|t|tchr|instructor)({NUMBER})?|class teacher|lead teacher|sir|miss"
                     rf"|(ms|mr|mrs|miss|mx|dr|prof|sir)\.? .+")
PUPIL = re.compile(rf"(student|pupil|learner|child|boy|girl|s)({NUMBER})?|p{NUMBER}")
GROUP = re.compile(rf"class|whole class|students|pupils|learners|children|boys|girls|ss|all"
                   rf"|everyone|everybody|chorus|group({NUMBER})?")


def role_of(speaker):
    name = speaker.strip().lower()
    for role, pattern in (("teacher", TEACHER), ("pupil", PUPIL), ("group", GROUP)):
        if pattern.fullmatch(name):
            return role
    return "other"


def read_transcript(pd, path):
    # Text is text: without keep_default_na a pupil saying "NA" or "null" would become a NaN.
    return pd.read_csv(path, dtype={"speaker": str, "text": str}, keep_default_na=False)


# Two ways to count whitespace-separated tokens. str.count runs a regular expression in C;
# str.split().str.len(), the first idiom most people write, builds a list of Python strings per
# row and is several times slower. The table's pandas figures use the faster; the slower is timed
# too and reported on its own row, so the comparison is not against a straw man.
def count_tokens(text):
    return text.str.count(r"\S+")


def split_tokens(text):
    return text.str.split().str.len()


def talk_share(frame, count_words):
    """Returns (word shares by role, words)."""
    roles = frame["speaker"].map({s: role_of(s) for s in frame["speaker"].unique()})
    words = count_words(frame["text"])
    by_role = words.groupby(roles).sum()
    return by_role / by_role.sum(), int(by_role.sum())


# --- coachkit ----------------------------------------------------------------------------------


def coachkit_metrics(binary, path):
    """Returns (metrics, seconds) of `coachkit analyse lesson FILE --json`, the whole process."""
    began = time.perf_counter()
    run = subprocess.run([str(binary), "analyse", "lesson", str(path), "--json"],
                         capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if run.returncode != 0:
        print(f"error: {binary} analyse lesson failed ({run.returncode}):\n{run.stderr}",
              file=sys.stderr)
        sys.exit(2)
    if run.stderr.strip():
        print(f"coachkit warned:\n{run.stderr.strip()}", file=sys.stderr)
    return json.loads(run.stdout)["metrics"], seconds


# --- Report ------------------------------------------------------------------------------------


def report(utterances, megabytes, rows, ratio, runs):
    print(f"Talk share by words per role, best of {runs} runs, "
          f"{utterances:,} utterances ({megabytes:.1f} MB of CSV)\n")
    header = f"{'':<40}{'utterances':>12}{'MB':>8}{'seconds':>10}{'utterances/s':>15}"
    print(header)
    print("-" * len(header))
    for name, seconds in rows:
        print(f"{name:<40}{utterances:>12,}{megabytes:>8.1f}{seconds:>10.3f}"
              f"{utterances / seconds:>15,.0f}")
    print(f"\nratio, pandas total / coachkit: {ratio:.2f} "
          f"({'coachkit' if ratio >= 1 else 'pandas'} faster by {max(ratio, 1 / ratio):.2f}x)")
    print("coachkit's time is the whole process and every lesson metric (two passes: questions,\n"
          "open/closed heuristic, wait time, tenths); pandas computes the talk share only.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--utterances", type=int, default=1_000_000,
                        help="utterances in the generated CSV (default 1,000,000)")
    parser.add_argument("--smoke", action="store_true",
                        help="a quick run on 20,000 utterances (what ctest runs)")
    parser.add_argument("--coachkit", type=Path, default=REPO / "build/release/bin/coachkit",
                        help="the coachkit binary (default build/release/bin/coachkit)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, the best counts")
    parser.add_argument("--csv", type=Path,
                        help="write the transcript here and keep it (default: a temporary file)")
    args = parser.parse_args()
    utterances = 20_000 if args.smoke else args.utterances
    if utterances < 1 or args.runs < 1:
        parser.error("--utterances and --runs must be at least 1")
    if not args.coachkit.is_file():
        parser.error(f"no coachkit binary at {args.coachkit} (build it, or pass --coachkit)")

    try:
        import pandas as pd
    except ImportError as error:  # the smoke test is skipped, not failed, without pandas
        print(f"skipped: pandas cannot be imported ({error}); install python3-pandas and run "
              f"with /usr/bin/python3", file=sys.stderr)
        return SKIPPED

    with tempfile.TemporaryDirectory(prefix="coachkit-talk-share-") as folder:
        path = args.csv or Path(folder) / "lesson.csv"
        write_csv(path, utterances)
        megabytes = path.stat().st_size / 1e6

        best_read = best_compute = best_total = best_split = float("inf")
        for _ in range(args.runs):
            began = time.perf_counter()
            frame = read_transcript(pd, path)
            read = time.perf_counter()
            shares, words = talk_share(frame, count_tokens)
            done = time.perf_counter()
            split_shares, split_words = talk_share(frame, split_tokens)
            best_split = min(best_split, time.perf_counter() - done)
            best_read = min(best_read, read - began)
            best_compute = min(best_compute, done - read)
            best_total = min(best_total, done - began)
            rows = len(frame)
            del frame
        best_coachkit = float("inf")
        for _ in range(args.runs):
            metrics, seconds = coachkit_metrics(args.coachkit, path)
            best_coachkit = min(best_coachkit, seconds)

    report(utterances, megabytes,
           [("pandas read_csv", best_read), ("pandas talk share (compute)", best_compute),
            ("pandas total", best_total),
            ("pandas compute, str.split().str.len()", best_split),
            ("coachkit analyse lesson --json", best_coachkit)],
           best_total / best_coachkit, args.runs)

    problems = []
    if rows != utterances or metrics.get("utterances") != utterances:
        problems.append(f"utterances: generated {utterances}, pandas {rows}, "
                        f"coachkit {metrics.get('utterances')}")
    if metrics.get("words") != words or split_words != words:
        problems.append(f"words: pandas {words} (str.split {split_words}), "
                        f"coachkit {metrics.get('words')}")
    for role in ("teacher", "pupil"):
        theirs = metrics.get(f"talk_share_words.{role}")
        ours = [float(found.get(role, 0.0)) for found in (shares, split_shares)]
        if theirs is None or any(abs(share - theirs) > TOLERANCE for share in ours):
            problems.append(f"talk_share_words.{role}: pandas {ours[0]!r} (str.split "
                            f"{ours[1]!r}), coachkit {theirs!r}")
        else:
            print(f"talk_share_words.{role}: pandas {ours[0]:.12f}, coachkit {theirs:.12f} "
                  f"(agree to {TOLERANCE:g})")
    for problem in problems:
        print(f"MISMATCH {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
