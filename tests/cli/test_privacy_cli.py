"""The privacy read paths of the `coachkit` binary (issue 7): `--as` on every verb that shows
records, `export --as` and `export --journal`, `consent grant|withdraw|show`, `erase`, and
`privacy explain|records|k`, run as a subprocess against a small programme built with the CLI.

The programme: Tess (the professional learner) is coached by Cara, with Obi as the triad's
observer. Around them: Colm the coaching co-ordinator, Hana a senior leader, Mo (Tess's line
manager), an MIS integration account and Ula, a teacher with no part in the partnership. Each
confidential record of cycle sc-1 carries a string of its own, so whether a reader was shown a
record is a plain substring test on what the command printed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

T0 = "2026-09-01T08:00:00Z"
CYCLE = "sc-1"
VIDEO = "sc-1-e1"
REFLECTION = "sc-1-e2"
NOTE_ID = "note:sc-1/lesson/1"
RECORD_ID = "stage-record:sc-1/post-lesson-meeting"

# One string per confidential record; none is a substring of another.
NOTE = "NOTE-SECRET"  # a note made during the lesson (the conversation's working notes)
RECORD = "RECORD-SECRET"  # the post-lesson meeting's written record
ACTION = "ACTION-SECRET"  # an agreed action
VIDEO_TEXT = "VIDEO-SECRET"  # inside the video item's content (a bookmark's comment)
REFLECTION_TEXT = "REFLECTION-SECRET"  # inside a stored learner reflection
GOAL = "GOAL-SECRET"  # the learning agreement's goal (an agreement redacted loses its goals)
FOCUS = "FOCUS-SECRET"  # the partnership's focus (a partnership redacted loses its focus)
SECRETS = (NOTE, RECORD, ACTION, VIDEO_TEXT, REFLECTION_TEXT, GOAL, FOCUS)

PEOPLE = [  # id, name, role, line manager
    ("hana", "Hana Wolde", "senior-leader", ""),
    ("colm", "Colm Ferris", "coaching-co-ordinator", "hana"),
    ("mo", "Mo Achterberg", "middle-leader", "hana"),
    ("tess", "Tess Marlow", "teacher", "mo"),
    ("cara", "Cara Lindqvist", "external-specialist", ""),
    ("obi", "Obi Nwosu", "teacher", "mo"),
    ("mis", "Arbor MIS link", "integration", ""),
    ("ula", "Ula Brennan", "teacher", "mo"),
]

# What each reader is shown by default (docs/privacy.md's matrix): the secrets present in
# `programme show --json` and `export --as`. The rest of SECRETS must be absent.
EVERYTHING = set(SECRETS)
SEES = {
    "tess": EVERYTHING,  # owner
    "cara": EVERYTHING,  # coach (partner)
    "obi": EVERYTHING - {VIDEO_TEXT},  # triad observer: no video
    "colm": {FOCUS},  # co-ordinator: partnership in full; agreement and cycle redacted
    "hana": set(),  # senior leader: the partnership redacted, nothing else
    "mo": set(),  # line manager: the same, without the learner's consent
    "mis": set(),  # integration: partnership, agreement and cycle redacted
    "ula": set(),  # no part in it: nothing
}
# Who may open cycle sc-1 at all (allow or redacted); the others are denied it.
CYCLE_READERS = {"tess", "cara", "obi", "colm", "mis"}


def run_in(cli: Path, folder: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("COACHKIT_AS", "COACHKIT_STORE")}
    env["COLUMNS"] = "160"
    return subprocess.run([str(cli), *map(str, args)], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


def video_document(source_dir: Path) -> str:
    """The sample school's video record, rewritten for this programme with VIDEO-SECRET in it."""
    video = json.loads((source_dir / "examples" / "sample-school" / "evidence" /
                        "sc-larkspur-1-video.json").read_text())
    video["recorded_by"] = "tess"
    video["location"] = "school-share://coaching/sc/lesson.mp4"
    for mark in video["bookmarks"]:
        mark["by"] = "tess"
    video["bookmarks"][0]["comment"] = f"{VIDEO_TEXT}: closed questions get one-word answers."
    return json.dumps(video, indent=2)


@pytest.fixture(scope="module")
def template(cli_path, source_dir, tmp_path_factory) -> Path:
    """The programme, built once; each test works on its own copy (see `store`)."""
    folder = tmp_path_factory.mktemp("privacy-template")
    (folder / "video.json").write_text(video_document(source_dir))
    (folder / "reflection.txt").write_text(f"Pairs talked more.\n\n{REFLECTION_TEXT}: why did group 3 stall?\n")

    def ok(*args):
        result = run_in(cli_path, folder, *args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)

    ok("programme", "init", "--id", "ridgeway", "--name", "Ridgeway Primary", "--at", T0)
    for pid, name, role, manager in PEOPLE:
        extra = ["--line-manager", manager] if manager else []
        ok("person", "add", "--id", pid, "--name", name, "--role", role, *extra, "--at", T0)
    ok("partnership", "add", "--id", "sc", "--mode", "specialist-coaching", "--workflow", "cflat-ideal-cycle",
       "--member", "cara:specialist-coach", "--member", "tess:professional-learner", "--member", "obi:observer",
       "--focus", f"{FOCUS} questioning", "--focus-chosen-by", "tess", "--at", T0)
    ok("agreement", "draft", "--partnership", "sc", "--by", "tess", "--goal", f"{GOAL} ask better questions",
       "--video-consent", "--at", T0)
    for person in ("tess", "cara", "obi"):
        ok("agreement", "sign", "--partnership", "sc", "--by", person, "--at", T0)
    ok("cycle", "start", "--partnership", "sc", "--by", "cara", "--at", "2026-09-02T08:00:00Z")
    ok("cycle", "advance", "--cycle", CYCLE, "--by", "cara", "--at", "2026-09-02T09:00:00Z")
    ok("cycle", "begin", "--cycle", CYCLE, "--by", "tess", "--at", "2026-09-03T09:00:00Z")
    ok("cycle", "note", "--cycle", CYCLE, "--by", "cara", "--text", f"{NOTE}: group 3 stalled at the second task",
       "--at", "2026-09-03T09:30:00Z")
    ok("evidence", "add", "video.json", "--cycle", CYCLE, "--kind", "video-recording", "--by", "tess",
       "--at", "2026-09-03T10:00:00Z")
    ok("evidence", "add", "reflection.txt", "--cycle", CYCLE, "--kind", "learner-reflection", "--by", "tess",
       "--at", "2026-09-03T10:00:00Z")
    ok("cycle", "advance", "--cycle", CYCLE, "--by", "tess", "--at", "2026-09-03T10:00:00Z")
    ok("cycle", "advance", "--cycle", CYCLE, "--by", "tess", "--record", f"{RECORD}: I waited longer",
       "--at", "2026-09-03T15:30:00Z")
    ok("cycle", "action", "--cycle", CYCLE, "--by", "tess", "--text", f"{ACTION}: three why-questions a lesson",
       "--at", "2026-09-03T16:00:00Z")
    return folder / "coachkit.db"


@pytest.fixture
def store(template, tmp_path, monkeypatch) -> Path:
    """A copy of the programme as tmp_path/coachkit.db, the store `run` uses by default."""
    monkeypatch.delenv("COACHKIT_AS", raising=False)
    monkeypatch.delenv("COACHKIT_STORE", raising=False)
    for suffix in ("", "-wal"):
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", tmp_path / f"coachkit.db{suffix}")
    return tmp_path / "coachkit.db"


def shown(result) -> set[str]:
    """The secrets a command's output (either stream) holds."""
    text = result.stdout + result.stderr
    return {s for s in SECRETS if s in text}


def denied(result, rule: str) -> None:
    assert result.returncode == 1, result
    assert f"coachkit: denied ({rule}): " in result.stderr, result
    assert result.stdout == "", result


def refused(result, rule: str) -> None:
    assert result.returncode == 1, result
    assert f"coachkit: refused ({rule}): " in result.stderr, result


def cycle_json(ok, viewer: str) -> dict:
    return json.loads(ok("cycle", "show", "--cycle", CYCLE, "--json", "--as", viewer).stdout)


def stage(cycle: dict, stage_id: str) -> dict:
    return next(s for s in cycle["stages"] if s["id"] == stage_id)


# ---- who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_programme_show_holds_exactly_what_the_policy_allows(run, ok, store, viewer):
    result = ok("programme", "show", "--json", "--as", viewer)
    assert shown(result) == SEES[viewer], result
    document = json.loads(result.stdout)
    assert document["viewer"] == viewer
    # Whatever is held back is listed by id, so the reader knows something is there.
    withheld = {w["record"] for w in document["withheld"]}
    if VIDEO_TEXT not in SEES[viewer]:
        assert f"evidence:{VIDEO}" in withheld
    if NOTE not in SEES[viewer]:
        assert NOTE_ID in withheld
    text = ok("programme", "show", "--as", viewer)
    assert not shown(text) - SEES[viewer], text
    if SEES[viewer] != EVERYTHING:
        assert f"(as {viewer}: " in text.stdout and f"privacy explain RECORD --as {viewer}" in text.stdout


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_export_as_a_person_holds_exactly_what_the_policy_allows(run, ok, store, viewer, tmp_path):
    result = ok("export", "--as", viewer)
    assert shown(result) == SEES[viewer], result
    document = json.loads(result.stdout)
    assert document["schema"] == "coachkit.programme-view/1" and document["viewer"] == viewer
    ok("export", "--as", viewer, "--output", "view.json")
    assert shown_in_file(tmp_path / "view.json") == SEES[viewer]


def shown_in_file(path: Path) -> set[str]:
    text = path.read_text()
    return {s for s in SECRETS if s in text}


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_cycle_show_holds_what_the_policy_allows_or_is_denied(run, ok, store, viewer):
    result = run("cycle", "show", "--cycle", CYCLE, "--json", "--as", viewer)
    text = run("cycle", "show", "--cycle", CYCLE, "--as", viewer)
    if viewer not in CYCLE_READERS:
        denied(result, "not-in-audience")
        denied(text, "not-in-audience")
        assert f"'{viewer}' may not see 'cycle:{CYCLE}'" in result.stderr
        assert not shown(result) and not shown(text)
        return
    assert result.returncode == 0 and text.returncode == 0, (result, text)
    # The cycle's own texts: `cycle show` lists evidence items by id, without their content.
    expected = SEES[viewer] & {NOTE, RECORD, ACTION}
    assert shown(result) == expected, result
    assert shown(text) == expected, text
    cycle = json.loads(result.stdout)
    assert cycle["id"] == CYCLE and cycle["learner"] == "tess"
    items = {e.get("item") for s in cycle["stages"] for e in s.get("evidence", [])}
    assert (VIDEO in items) == (VIDEO_TEXT in SEES[viewer]), items
    assert (REFLECTION in items) == (REFLECTION_TEXT in SEES[viewer]), items
    if viewer in ("colm", "mis"):  # the cycle redacted: where it stands, none of its records
        assert stage(cycle, "lesson").get("notes", []) == []
        assert "record" not in stage(cycle, "post-lesson-meeting")
        assert cycle.get("actions", []) == []
        assert {w["record"] for w in cycle["withheld"]} >= {NOTE_ID, RECORD_ID, f"action:{CYCLE}/1"}


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_evidence_show_and_metrics_hold_exactly_the_items_the_reader_may_see(run, ok, store, viewer):
    items = [(VIDEO, VIDEO_TEXT), (REFLECTION, REFLECTION_TEXT)]
    listed = ok("evidence", "show", "--json", "--as", viewer)
    assert [i["id"] for i in json.loads(listed.stdout)] == [i for i, text in items if text in SEES[viewer]]
    assert shown(listed) == SEES[viewer] & {VIDEO_TEXT, REFLECTION_TEXT}, listed
    for item, text in items:
        one = run("evidence", "show", item, "--json", "--as", viewer)
        metrics = run("evidence", "metrics", item, "--json", "--as", viewer)
        if text in SEES[viewer]:
            assert one.returncode == 0 and text in one.stdout, one
            assert metrics.returncode == 0 and json.loads(metrics.stdout)["item"] == item, metrics
        else:
            denied(one, "not-in-audience")
            denied(metrics, "not-in-audience")


def test_the_observer_sees_the_notes_but_not_the_video(run, ok, store):
    cycle = cycle_json(ok, "obi")
    assert NOTE in stage(cycle, "lesson")["notes"][0]["text"]
    items = [e.get("item") for e in stage(cycle, "lesson")["evidence"]]
    assert REFLECTION in items and VIDEO not in items
    denied(run("evidence", "show", VIDEO, "--as", "obi"), "not-in-audience")
    denied(run("evidence", "metrics", VIDEO, "--as", "obi"), "not-in-audience")
    assert REFLECTION_TEXT in ok("evidence", "show", REFLECTION, "--json", "--as", "obi").stdout
    listed = ok("evidence", "show", "--json", "--as", "obi").stdout
    assert VIDEO not in [i["id"] for i in json.loads(listed)]
    assert VIDEO in [i["id"] for i in json.loads(ok("evidence", "show", "--json", "--as", "cara").stdout)]


def test_agreement_show_follows_the_policy(run, ok, store):
    for viewer in ("tess", "cara", "obi"):
        assert GOAL in ok("agreement", "show", "--partnership", "sc", "--as", viewer).stdout
    for viewer in ("colm", "mis"):  # redacted: the terms without the goals
        result = ok("agreement", "show", "--partnership", "sc", "--json", "--as", viewer)
        assert GOAL not in result.stdout and json.loads(result.stdout)["partnership"] == "sc"
    for viewer in ("hana", "mo", "ula"):
        denied(run("agreement", "show", "--partnership", "sc", "--as", viewer), "not-in-audience")


# ---- who the reader is --------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["programme", "show"],
    ["programme", "show", "--json"],
    ["cycle", "show", "--cycle", CYCLE],
    ["agreement", "show", "--partnership", "sc"],
    ["evidence", "show"],
    ["evidence", "show", REFLECTION],
    ["evidence", "metrics", REFLECTION],
    ["consent", "show"],
    ["privacy", "explain", NOTE_ID],
    ["privacy", "records"],
])
def test_a_read_without_a_reader_is_a_usage_error(run, store, args):
    result = run(*args)
    assert result.returncode == 2, result
    assert "--as" in result.stderr, result
    assert result.stdout == "" and not shown(result)


def test_export_needs_a_reader_or_the_journal(run, store):
    neither = run("export")
    assert neither.returncode == 2 and "--as" in neither.stderr and "--journal" in neither.stderr, neither
    both = run("export", "--as", "tess", "--journal")
    assert both.returncode == 2 and neither.stdout == "" and both.stdout == "", both
    assert "--journal" in both.stderr, both


def test_the_environment_names_the_reader_and_the_option_wins(run, store, monkeypatch):
    monkeypatch.setenv("COACHKIT_AS", "tess")
    as_tess = run("programme", "show", "--json")
    assert as_tess.returncode == 0 and json.loads(as_tess.stdout)["viewer"] == "tess", as_tess
    assert shown(as_tess) == EVERYTHING
    as_ula = run("programme", "show", "--json", "--as", "ula")
    assert json.loads(as_ula.stdout)["viewer"] == "ula" and not shown(as_ula)
    exported = run("export")
    assert json.loads(exported.stdout)["schema"] == "coachkit.programme-view/1", exported


@pytest.mark.parametrize("args", [
    ["programme", "show"],
    ["programme", "show", "--json"],
    ["cycle", "show", "--cycle", CYCLE],
    ["evidence", "show"],
    ["consent", "show"],
    ["privacy", "records"],
    ["export"],
])
def test_an_unknown_reader_is_denied(run, store, args):
    result = run(*args, "--as", "ghost")
    denied(result, "unknown-viewer")
    assert "'ghost' is not a person" in result.stderr
    assert not shown(result)


# ---- consent ------------------------------------------------------------------------------------


def test_sharing_with_the_coordinator_opens_the_records_but_not_the_notes(run, ok, store):
    before = cycle_json(ok, "colm")
    assert not shown_in_json(before)
    granted = ok("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "tess")
    assert granted.stdout.startswith("tess granted consent-1: share-with-coordinator for sc\n"), granted
    assert "coachkit consent withdraw consent-1 --by tess" in granted.stdout

    cycle = cycle_json(ok, "colm")
    assert RECORD in stage(cycle, "post-lesson-meeting")["record"]
    assert ACTION in cycle["actions"][0]["text"]
    assert shown_in_json(cycle) == {RECORD, ACTION}, "no notes, no video, no evidence content"
    assert stage(cycle, "lesson").get("notes", []) == []
    # The reflection is shown redacted (that it exists, not what it says); the video not at all.
    items = [e.get("item") for e in stage(cycle, "lesson")["evidence"]]
    assert REFLECTION in items and VIDEO not in items
    assert shown(ok("programme", "show", "--json", "--as", "colm")) == {FOCUS, GOAL, RECORD, ACTION}
    assert shown(ok("export", "--as", "colm")) == {FOCUS, GOAL, RECORD, ACTION}
    # Consent to share with the co-ordinator opens nothing to anyone else.
    for viewer in ("hana", "mo", "ula"):
        denied(run("cycle", "show", "--cycle", CYCLE, "--as", viewer), "not-in-audience")
    assert not shown(ok("programme", "show", "--json", "--as", "mis"))


def shown_in_json(document) -> set[str]:
    text = json.dumps(document)
    return {s for s in SECRETS if s in text}


def test_only_the_owner_grants_or_withdraws(run, ok, store):
    refused(run("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "cara"),
            "consent-owner")
    refused(run("consent", "grant", "video-viewer", "--item", VIDEO, "--viewer", "ula", "--by", "obi"),
            "consent-owner")
    assert RECORD not in ok("cycle", "show", "--cycle", CYCLE, "--json", "--as", "colm").stdout
    ok("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "tess")
    refused(run("consent", "withdraw", "consent-1", "--by", "cara"), "consent-owner")
    refused(run("consent", "withdraw", "consent-1", "--by", "colm"), "consent-owner")
    assert RECORD in ok("cycle", "show", "--cycle", CYCLE, "--json", "--as", "colm").stdout


def test_withdrawal_takes_effect_on_the_next_read(run, ok, store):
    ok("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "tess")
    assert RECORD in ok("cycle", "show", "--cycle", CYCLE, "--as", "colm").stdout
    withdrawn = ok("consent", "withdraw", "consent-1", "--by", "tess")
    assert withdrawn.stdout == "tess withdrew consent-1\n"
    assert not shown(ok("cycle", "show", "--cycle", CYCLE, "--json", "--as", "colm"))
    assert shown(ok("programme", "show", "--json", "--as", "colm")) == {FOCUS}
    assert shown(ok("export", "--as", "colm")) == {FOCUS}
    refused(run("consent", "withdraw", "consent-1", "--by", "tess"), "consent-withdrawn")
    refused(run("consent", "withdraw", "consent-9", "--by", "tess"), "unknown-consent")


def test_consent_bad_input(run, ok, store):
    unknown = run("consent", "grant", "share-with-everyone", "--partnership", "sc", "--by", "tess")
    assert unknown.returncode == 2 and "share-with-coordinator" in unknown.stderr, unknown
    assert run("consent", "grant", "share-with-coordinator", "--partnership", "sc").returncode == 2, \
        "--by is required"
    refused(run("consent", "grant", "video-viewer", "--item", VIDEO, "--by", "tess"), "invalid-input")
    refused(run("consent", "grant", "video-viewer", "--item", REFLECTION, "--viewer", "obi", "--by", "tess"),
            "invalid-input")
    refused(run("consent", "grant", "video-viewer", "--item", VIDEO, "--viewer", "ghost", "--by", "tess"),
            "unknown-person")
    refused(run("consent", "grant", "training-excerpt", "--partnership", "sc", "--by", "tess"), "invalid-input")
    ok("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "tess")
    refused(run("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "tess"),
            "consent-exists")


def test_a_video_viewer_consent_opens_the_video_to_that_person_only(run, ok, store):
    denied(run("evidence", "show", VIDEO, "--as", "obi"), "not-in-audience")
    ok("consent", "grant", "video-viewer", "--item", VIDEO, "--viewer", "obi", "--by", "tess")
    assert VIDEO_TEXT in ok("evidence", "show", VIDEO, "--json", "--as", "obi").stdout
    assert shown(ok("programme", "show", "--json", "--as", "obi")) == EVERYTHING
    assert shown(ok("export", "--as", "obi")) == EVERYTHING
    assert VIDEO in [e.get("item") for e in stage(cycle_json(ok, "obi"), "lesson")["evidence"]]
    denied(run("evidence", "show", VIDEO, "--as", "ula"), "not-in-audience")
    denied(run("evidence", "show", VIDEO, "--as", "colm"), "not-in-audience")
    mine = json.loads(ok("consent", "show", "--json", "--as", "obi").stdout)
    assert [(c["id"], c["kind"], c["viewer"]) for c in mine] == [("consent-1", "video-viewer", "obi")], mine
    assert "consent-1" in ok("consent", "show", "--as", "tess").stdout
    assert "no consents given by or naming ula" in ok("consent", "show", "--as", "ula").stdout
    ok("consent", "withdraw", "consent-1", "--by", "tess")
    denied(run("evidence", "show", VIDEO, "--as", "obi"), "not-in-audience")


# ---- erasure ------------------------------------------------------------------------------------


def store_bytes(store: Path) -> bytes:
    return b"".join(Path(f"{store}{suffix}").read_bytes()
                    for suffix in ("", "-wal") if Path(f"{store}{suffix}").exists())


def test_the_owner_erases_a_note_from_every_view_and_from_the_file(run, ok, store):
    assert NOTE.encode() in store_bytes(store), "the note is in the store before it is erased"
    refused(run("erase", NOTE_ID, "--by", "cara"), "erase-owner")
    refused(run("erase", NOTE_ID, "--by", "colm"), "erase-owner")
    assert NOTE in ok("cycle", "show", "--cycle", CYCLE, "--json", "--as", "cara").stdout

    erased = ok("erase", NOTE_ID, "--by", "tess")
    assert erased.stdout.startswith(f"erased {NOTE_ID}: "), erased
    for viewer in SEES:
        assert NOTE not in ok("programme", "show", "--json", "--as", viewer).stdout, viewer
        assert NOTE not in ok("programme", "show", "--as", viewer).stdout, viewer
        assert NOTE not in ok("export", "--as", viewer).stdout, viewer
    for viewer in ("tess", "cara", "obi"):
        assert NOTE not in ok("cycle", "show", "--cycle", CYCLE, "--as", viewer).stdout
        assert shown(ok("cycle", "show", "--cycle", CYCLE, "--json", "--as", viewer)) == \
            SEES[viewer] & {RECORD, ACTION}, "the other records stay"
    journal = ok("export", "--journal")
    assert NOTE not in journal.stdout and RECORD in journal.stdout
    assert NOTE.encode() not in store_bytes(store), "erased from the file's bytes, not only hidden"
    assert RECORD.encode() in store_bytes(store)
    # The note is still counted: a tombstone stands where its text was.
    notes = stage(cycle_json(ok, "tess"), "lesson")["notes"]
    assert len(notes) == 1 and notes[0]["by"] == "cara" and NOTE not in notes[0]["text"]
    refused(run("erase", NOTE_ID, "--by", "tess"), "already-erased")
    refused(run("erase", "note:sc-1/lesson/9", "--by", "tess"), "unknown-record")


def test_an_erased_programme_still_round_trips(run, ok, store, tmp_path):
    ok("erase", NOTE_ID, "--by", "tess")
    ok("export", "--journal", "--output", "journal.json")
    ok("import", "journal.json", "--store", "copy.db")
    assert NOTE not in (tmp_path / "journal.json").read_text()
    assert ok("programme", "show", "--json", "--as", "tess", "--store", "copy.db").stdout == \
        ok("programme", "show", "--json", "--as", "tess").stdout


# ---- the policy explaining itself ---------------------------------------------------------------


def test_privacy_explain_prints_the_decision_and_why(run, ok, store):
    note = ok("privacy", "explain", NOTE_ID, "--as", "colm").stdout
    assert note.startswith(f"{NOTE_ID} (note) for colm: deny\n  as coordinator\n"), note
    assert "coordinator: deny by default" in note
    video = ok("privacy", "explain", f"evidence:{VIDEO}", "--as", "obi").stdout
    assert video.startswith(f"evidence:{VIDEO} (video) for obi: deny\n  as observer\n"), video
    assert ok("privacy", "explain", f"evidence:{VIDEO}", "--as", "tess").stdout.startswith(
        f"evidence:{VIDEO} (video) for tess: allow\n  as owner\n")
    cycle = ok("privacy", "explain", f"cycle:{CYCLE}", "--as", "mis").stdout
    assert cycle.startswith(f"cycle:{CYCLE} (cycle) for mis: redacted\n  as integration\n"), cycle
    assert ok("privacy", "explain", RECORD_ID, "--as", "ula").stdout.startswith(
        f"{RECORD_ID} (stage-record) for ula: deny\n  as other\n")
    ok("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "tess")
    opened = ok("privacy", "explain", RECORD_ID, "--as", "colm").stdout
    assert opened.startswith(f"{RECORD_ID} (stage-record) for colm: allow\n"), opened
    assert "consent" in opened
    assert not shown(ok("privacy", "explain", NOTE_ID, "--as", "cara")), "explaining shows no content"
    missing = run("privacy", "explain", "note:sc-1/lesson/7", "--as", "tess")
    assert missing.returncode == 1 and "no record 'note:sc-1/lesson/7'" in missing.stderr, missing


def test_privacy_records_lists_each_record_with_the_answer(run, ok, store):
    table = ok("privacy", "records", "--cycle", CYCLE, "--as", "obi")
    out = table.stdout
    assert not shown(table), "ids and answers only"
    for record, kind, access in [(f"cycle:{CYCLE}", "cycle", "allow"), (NOTE_ID, "note", "allow"),
                                 (RECORD_ID, "stage-record", "allow"), (f"action:{CYCLE}/1", "action", "allow"),
                                 (f"evidence:{VIDEO}", "video", "deny"),
                                 (f"evidence:{REFLECTION}", "evidence", "allow")]:
        assert re.search(rf"^{re.escape(record)}\s+{kind}\s+{access}\s", out, re.M), (record, out)
    everything = ok("privacy", "records", "--as", "hana").stdout
    assert re.search(r"^partnership:sc\s+partnership\s+redacted\s", everything, re.M), everything
    assert re.search(r"^agreement:sc\s+agreement\s+deny\s", everything, re.M), everything
    assert re.search(rf"^{re.escape(NOTE_ID)}\s+note\s+deny\s", everything, re.M), everything
    assert "person:" not in everything, "the staff directory is not listed"
    denied(run("privacy", "records", "--as", "ghost"), "unknown-viewer")


def test_privacy_k(run, ok, store):
    refused(run("privacy", "k", "1", "--by", "colm"), "invalid-input")
    refused(run("privacy", "k", "7", "--by", "tess"), "anonymity-setter")
    assert json.loads(ok("programme", "show", "--json", "--as", "colm").stdout)["anonymity_k"] == 5
    assert ok("privacy", "k", "7", "--by", "colm").stdout.startswith("k = 7: ")
    assert json.loads(ok("programme", "show", "--json", "--as", "colm").stdout)["anonymity_k"] == 7
    assert run("privacy", "k", "seven", "--by", "colm").returncode == 2


# ---- the whole journal --------------------------------------------------------------------------


def test_export_journal_then_import_round_trips(run, ok, store, tmp_path):
    ok("consent", "grant", "share-with-coordinator", "--partnership", "sc", "--by", "tess")
    journal = ok("export", "--journal", "--by", "colm")
    document = json.loads(journal.stdout)
    assert document["schema"] == "coachkit.programme/1"
    assert shown(journal) == EVERYTHING, "the custodian's backup holds everything"
    (tmp_path / "journal.json").write_text(journal.stdout)
    imported = ok("import", "journal.json", "--store", "copy.db")
    assert f"{len(document['events'])} events" in imported.stdout
    again = json.loads(ok("export", "--journal", "--store", "copy.db").stdout)
    assert again["events"] == document["events"] and again["state"] == document["state"]
    for viewer in SEES:
        assert ok("programme", "show", "--json", "--as", viewer, "--store", "copy.db").stdout == \
            ok("programme", "show", "--json", "--as", viewer).stdout, viewer
    # A person's view is not a journal: it cannot be imported.
    (tmp_path / "view.json").write_text(ok("export", "--as", "tess").stdout)
    result = run("import", "view.json", "--store", "other.db")
    assert result.returncode == 1, result
    assert not (tmp_path / "other.db").exists()
