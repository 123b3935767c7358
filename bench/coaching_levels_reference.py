#!/usr/bin/env python3
"""The levels of coaching practice development in plain Python: a reference for the benchmark.

This is the scoring coachkit does in C++ (the coaching-transcript source's reading of a coded CSV,
core/src/analysis/coaching_profile.cpp and profile_features.cpp for the dimension profile,
plugins/coaching-levels/coaching_levels.cpp for the level), written the way a researcher would
write it in Python with the standard library only: csv, json, no pandas and no coachkit. It
reads the same files and the same levels.json and must give the same level for every transcript;
bench/compare_levels_python.py checks that and times both. The rules are in docs/rubrics.md.

What it leaves out, because the benchmark's corpus does not need it and the comparison would
only get slower: code aliases ("evaluation" for "evaluate"; cells must hold the canonical ids),
sidecars, the coder, default speaker roles (every speaker must be in `speakers`, anyone else is
"other"), the rationale, the citations and the per-criterion levels, and every check of the input
coachkit makes. It computes the profile and the level only.

    python3 bench/coaching_levels_reference.py plugins/coaching-levels/levels.json \\
        tests/analysis/data/coaching-corpus/manifest.json
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional

DIMENSIONS = ("initiation", "stimulus", "scale", "time", "function")
PARTNERS = ("coach", "learner")
ROLES = ("coach", "learner", "observer", "other")

# --- Words (core/src/evidence/question_heuristic.cpp count_words, lexical_uptake.cpp) -----------

# coachkit's whitespace is ASCII's (a no-break space is part of a word), so split on exactly that.
SPACE = re.compile("[ \t\r\n\f\v]+")
ASCII_PUNCTUATION = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())
# Runs of ASCII letters, digits, apostrophes and any non-ASCII character (coachkit works on UTF-8
# bytes and takes every byte of a multi-byte character as a letter).
WORD = re.compile("[A-Za-z0-9'\u0080-\U0010FFFF]+")

# The function words and talk-filler coachkit ignores when it looks for a word taken up from the
# turn before (lexical_uptake.cpp, kStopWords).
STOP_WORDS = frozenset("""
about after again all also and any are because been before being both but can could did does doing
don't down each even few for from get got had has have having her here him his how i'd i'll i'm
i've into it's its just know like lot may maybe mean might more most much must not now off okay
once one only other our out over quite really right said say see she should some so such than that
that's the their them then there these they thing think this those through too very was way well
were what when where which while who why will with would yeah yes you you're your didn't doesn't it
""".split())


def count_words(text: str) -> int:
    """Whitespace-separated tokens holding something other than ASCII punctuation ("-" and "..."
    are not words)."""
    return sum(1 for token in SPACE.split(text) if token.strip(ASCII_PUNCTUATION))


def _utf8_length(word: str) -> int:
    return len(word) if word.isascii() else len(word.encode("utf-8"))


def _ascii_lower(word: str) -> str:
    if word.isascii():
        return word.lower()
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in word)


def content_words(text: str) -> List[str]:
    """Runs of letters, digits and apostrophes, lower-cased, "'s" and a plural "s" dropped, at
    least three letters (UTF-8 bytes), not a stop word; each once, in order."""
    words: List[str] = []
    for raw in WORD.findall(text):
        word = _ascii_lower(raw).lstrip("'")
        if len(word) > 2 and word.endswith("'s"):
            word = word[:-2]
        word = word.rstrip("'")
        length = _utf8_length(word)
        if length < 3 or word in STOP_WORDS:
            continue
        if length > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        if word not in words:
            words.append(word)
    return words


def takes_up(previous: List[str], turn: List[str]) -> bool:
    """Whether `turn` uses a content word of `previous` (both content_words lists)."""
    return not set(previous).isdisjoint(turn)


# --- Reading a coded transcript (the coaching-transcript source's CSV reading) --------------------


@dataclass
class Turn:
    n: int
    speaker: str
    role: str
    text: str
    codes: Dict[str, List[str]]
    words: int = 0
    content: List[str] = field(default_factory=list)


def _normalise_code(text: str) -> str:
    # trimmed, lower case, runs of spaces or underscores as one '-' (coaching_codes.cpp)
    return "-".join(text.strip().lower().replace("_", " ").split())


def read_coded_csv(path: str, speakers: Dict[str, str]) -> List[Turn]:
    """The turns of a coded CSV (speaker, text, and a column per dimension of coaching talk whose
    cells hold values separated by ';' or '|'); rows without text are skipped, as coachkit does."""
    turns: List[Turn] = []
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = [name.strip().lower() for name in next(rows)]
        speaker_at = header.index("speaker")
        text_at = header.index("text")
        dimension_at = []
        for i, name in enumerate(header):
            code = _normalise_code(name)
            code = "function" if code == "interaction-function" else code
            if code in DIMENSIONS and i not in (speaker_at, text_at):
                dimension_at.append((i, code))
        for row in rows:
            text = " ".join(SPACE.split(row[text_at])).strip(" ")
            if not text:
                continue
            speaker = row[speaker_at].strip()
            codes: Dict[str, List[str]] = {}
            for i, dimension in dimension_at:
                values: List[str] = []
                for value in row[i].replace("|", ";").split(";"):
                    value = _normalise_code(value)
                    if value and value not in values:
                        values.append(value)
                if values:
                    codes[dimension] = values
            turns.append(Turn(len(turns) + 1, speaker, speakers.get(speaker, "other"), text, codes))
    return turns


# --- The profile (core/src/analysis/coaching_profile.cpp) -----------------------------------------


@dataclass
class Profile:
    turns: int = 0
    coded_turns: int = 0
    words_by_role: Dict[str, int] = field(default_factory=dict)
    turns_with: Dict[str, Dict[str, List[int]]] = field(default_factory=dict)
    turns_coded_on: Dict[str, int] = field(default_factory=dict)
    challenge_responses: List[int] = field(default_factory=list)
    runs: List[tuple] = field(default_factory=list)  # (first, last) turn numbers


def _continues_run(before: Turn, turn: Turn, max_words: int) -> bool:
    if before.role not in PARTNERS or turn.role not in PARTNERS or before.role == turn.role:
        return False
    if before.words > max_words or turn.words > max_words:
        return False
    return ("co-construct" in turn.codes.get("function", ())
            or takes_up(before.content, turn.content))


def profile_of(turns: List[Turn], options: dict) -> Profile:
    p = Profile(turns=len(turns))
    for turn in turns:
        turn.words = count_words(turn.text)
        p.words_by_role[turn.role] = p.words_by_role.get(turn.role, 0) + turn.words
        if turn.codes:
            p.coded_turns += 1
        for dimension, values in turn.codes.items():
            p.turns_coded_on[dimension] = p.turns_coded_on.get(dimension, 0) + 1
            with_values = p.turns_with.setdefault(dimension, {})
            for value in values:
                with_values.setdefault(value, []).append(turn.n)

    # answers to a challenge within the window after it
    window = options["challenge_window"]
    last_challenge: Optional[int] = None
    for i, turn in enumerate(turns):
        functions = turn.codes.get("function", ())
        answers = "defend" in functions or "accept" in functions or "dissonance" in functions
        if answers and last_challenge is not None and 0 < i - last_challenge <= window:
            p.challenge_responses.append(turn.n)
        if "challenge" in functions:
            last_challenge = i

    # runs of co-construction: content words only where a run could use them
    max_words = options["run_max_words"]
    for turn in turns:
        if turn.role in PARTNERS and turn.words <= max_words:
            turn.content = content_words(turn.text)
    shortest = max(options["run_min_turns"], 2)
    start = 0
    for i in range(1, len(turns) + 1):
        if i == len(turns) or not _continues_run(turns[i - 1], turns[i], max_words):
            if i - start >= shortest:
                p.runs.append((turns[start].n, turns[i - 1].n))
            start = i
    return p


# --- Features (core/src/analysis/profile_features.cpp) --------------------------------------------


def feature(p: Profile, name: str) -> float:
    parts = name.split(".")
    if len(parts) == 3 and parts[0] in ("share", "turns") and parts[1] in DIMENSIONS:
        kind, dimension, values = parts[0], parts[1], parts[2].split("+")
        with_values = p.turns_with.get(dimension, {})
        carrying = set()
        for value in values:
            carrying.update(with_values.get(value, ()))
        if kind == "turns":
            return float(len(carrying))
        on = p.turns_coded_on.get(dimension, 0)
        return 0.0 if on == 0 else len(carrying) / on
    if parts[0] == "distinct" and len(parts) == 2 and parts[1] in DIMENSIONS:
        return float(len(p.turns_with.get(parts[1], {})))
    if name.startswith("share.words.") and parts[2] in ROLES:
        total = sum(p.words_by_role.values())
        return 0.0 if total == 0 else p.words_by_role.get(parts[2], 0) / total
    if name == "co-construction.runs":
        return float(len(p.runs))
    if name == "co-construction.longest":
        return float(max((last - first + 1 for first, last in p.runs), default=0))
    if name == "co-construction.turns":
        return float(sum(last - first + 1 for first, last in p.runs))
    if name == "challenge.responses":
        return float(len(p.challenge_responses))
    if name == "coded.share":
        return 0.0 if p.turns == 0 else p.coded_turns / p.turns
    raise ValueError(f"unknown feature '{name}' (docs/rubrics.md#features)")


# --- The level (plugins/coaching-levels/coaching_levels.cpp) --------------------------------------


def load_thresholds(path: str) -> dict:
    """levels.json (coachkit.coaching-levels/1): levels ascending by value, `requires` defaulting
    to every condition, the profile options with coachkit's defaults."""
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    if document.get("schema") != "coachkit.coaching-levels/1":
        raise ValueError(f"{path}: expected schema coachkit.coaching-levels/1")
    options = {"run_max_words": 30, "run_min_turns": 4, "challenge_window": 2}
    options.update(document.get("profile", {}))
    levels = sorted(document["levels"], key=lambda level: level["value"])
    for level in levels:
        level.setdefault("conditions", [])
        level.setdefault("requires", len(level["conditions"]))
        for condition in level["conditions"]:
            feature(Profile(), condition["feature"])  # an unknown name fails here, not later
    return {"profile": options, "levels": levels}


def _holds(condition: dict, value: float) -> bool:
    return (("at_least" not in condition or value >= condition["at_least"])
            and ("at_most" not in condition or value <= condition["at_most"]))


def level_of(p: Profile, thresholds: dict) -> str:
    """The highest level reached: every conversation reaches the lowest; a higher one when the
    one below is reached and `requires` of its conditions hold, every required one among them."""
    if p.coded_turns == 0:
        raise ValueError("no turn is coded")
    top = thresholds["levels"][0]["id"]
    for level in thresholds["levels"][1:]:
        met = 0
        required_met = True
        for condition in level["conditions"]:
            ok = _holds(condition, feature(p, condition["feature"]))
            met += ok
            required_met = required_met and (ok or not condition.get("required", False))
        if not (required_met and met >= level["requires"]):
            break
        top = level["id"]
    return top


def score_file(path: str, speakers: Dict[str, str], thresholds: dict) -> str:
    """The level of one coded CSV."""
    return level_of(profile_of(read_coded_csv(path, speakers), thresholds["profile"]), thresholds)


def main(argv: List[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[-1].strip(), file=sys.stderr)
        return 2
    thresholds = load_thresholds(argv[1])
    with open(argv[2], encoding="utf-8") as f:
        manifest = json.load(f)
    folder = os.path.dirname(argv[2])
    agree = 0
    for entry in manifest["transcripts"]:
        level = score_file(os.path.join(folder, entry["file"]), entry["speakers"], thresholds)
        agree += level == entry["level"]
        print(f"{entry['file']:32} {level:16} (manifest: {entry['level']})")
    print(f"{agree} of {len(manifest['transcripts'])} as the manifest says")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
