"""`coachkit audit show|verify` against a programme store in the test's temporary folder.

Until the engine writes audit entries itself, the tests write them straight into the store's
`audit` table, chaining them here in Python from the canonical form documented in
core/src/privacy/audit.cpp (and docs/privacy.md): that the tool finds such a chain intact shows
the form is documented well enough for another tool to rebuild and check it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

T0 = "2026-09-01T08:00:00Z"
GENESIS = "0" * 64
KEYS = ("sequence", "at", "actor", "action", "record", "access", "via", "detail", "previous")


def sorted_keys(value):
    """`value` with the keys of every object in it sorted (arrays keep their order)."""
    if isinstance(value, dict):
        return {key: sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_keys(item) for item in value]
    return value


def canonical(entry: dict) -> bytes:
    """The bytes an entry's hash covers: the nine keys in order, compact, detail sorted."""
    ordered = {key: entry[key] for key in KEYS}
    ordered["detail"] = sorted_keys(entry["detail"])
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def append_entries(store: Path, entries: list[dict]) -> list[dict]:
    """Appends entries to the store's audit log, chained to its last entry; returns them chained."""
    db = sqlite3.connect(store)
    try:
        last = db.execute("SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1").fetchone()
        sequence, previous = last if last else (0, GENESIS)
        chained = []
        for fields in entries:
            sequence += 1
            entry = {"at": T0, "record": "", "access": "", "via": "test", "detail": {}, **fields}
            entry.update(sequence=sequence, previous=previous)
            entry["hash"] = hashlib.sha256(canonical(entry)).hexdigest()
            previous = entry["hash"]
            db.execute(
                "INSERT INTO audit (sequence, at, actor, action, record, access, via, detail, previous, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sequence, entry["at"], entry["actor"], entry["action"], entry["record"], entry["access"],
                 entry["via"], json.dumps(entry["detail"]), entry["previous"], entry["hash"]),
            )
            chained.append(entry)
        db.commit()
        return chained
    finally:
        db.close()


def tamper(store: Path, *statements: str) -> None:
    """Runs SQL on the store as someone editing the file by hand (the append-only guards dropped)."""
    db = sqlite3.connect(store)
    try:
        db.execute("DROP TRIGGER IF EXISTS audit_entries_are_never_changed")
        db.execute("DROP TRIGGER IF EXISTS audit_entries_are_never_removed")
        for sql in statements:
            db.execute(sql)
        db.commit()
    finally:
        db.close()


def broken(result, sequence: int, problem: str) -> None:
    assert result.returncode == 1, result
    assert result.stdout == "", result
    assert result.stderr.startswith(f"coachkit: audit log broken at entry {sequence}: {problem}"), result


@pytest.fixture
def store(ok, tmp_path) -> Path:
    """A programme with five people and one partnership (tess the learner, mara her mentor)."""
    ok("programme", "init", "--id", "brookmere", "--name", "Brookmere Primary", "--at", T0)
    ok("person", "add", "--id", "head", "--name", "Hester Vane", "--role", "senior-leader", "--at", T0)
    for pid, name, role in [
        ("mara", "Mara Quince", "middle-leader"),
        ("olu", "Olu Brisk", "coaching-co-ordinator"),
        ("tess", "Tess Marlow", "teacher"),
        ("ivo", "Ivo Penhallow", "teacher"),
    ]:
        ok("person", "add", "--id", pid, "--name", name, "--role", role, "--line-manager", "head", "--at", T0)
    ok("partnership", "add", "--id", "sw", "--mode", "mentoring", "--workflow", "swiss-cottage-mentor-coaching",
       "--member", "mara:mentor", "--member", "tess:professional-learner", "--purpose", "progression",
       "--focus", "questioning", "--focus-chosen-by", "tess", "--at", T0)
    return tmp_path / "coachkit.db"


@pytest.fixture
def logged(store) -> list[dict]:
    """Five entries: mara reads tess's partnership; olu reads an unknown record; tess grants consent;
    ivo reads his own directory entry; the system sets k."""
    return append_entries(store, [
        {"actor": "mara", "action": "read", "record": "partnership:sw", "access": "allow",
         "via": "cli programme show", "detail": {"z": 1, "a": {"y": [1, "two", None], "b": True}}},
        {"actor": "olu", "action": "read", "record": "agreement:sw", "access": "redacted",
         "via": "python view", "detail": {"text": "caf\u00e9 \u2014 \"quoted\"\n\ttab \u0001"}},
        {"actor": "tess", "action": "consent.granted", "record": "partnership:sw",
         "detail": {"scope": "co-ordinator", "big": 18446744073709551615}},
        {"actor": "ivo", "action": "read", "record": "person:ivo", "access": "allow"},
        {"actor": "system", "action": "k.set", "detail": {"k": 6}},
    ])


# ---- verify ------------------------------------------------------------------------------------

def test_a_fresh_programme_has_an_empty_intact_log(ok, store):
    result = ok("audit", "verify")
    assert result.stdout == f"audit log intact: 0 entries, head {GENESIS}\n"
    head = ok("audit", "show", "--head")
    assert head.stdout == f"{GENESIS} (0 entries)\n"


def test_verify_needs_an_existing_store(run, tmp_path):
    result = run("audit", "verify", "--store", "missing.db")
    assert result.returncode == 1, result
    assert "no programme store 'missing.db'" in result.stderr
    assert not (tmp_path / "missing.db").exists()


def test_a_chain_built_elsewhere_from_the_documented_form_is_intact(ok, logged):
    result = ok("audit", "verify")
    assert result.stdout == f"audit log intact: 5 entries, head {logged[-1]['hash']}\n"
    assert ok("audit", "show", "--head").stdout == f"{logged[-1]['hash']} (5 entries)\n"
    assert json.loads(ok("audit", "show", "--head", "--json").stdout) == {"head": logged[-1]["hash"], "entries": 5}
    assert ok("audit", "verify", "--expect-head", logged[-1]["hash"]).returncode == 0
    # A head recorded earlier is still in the log: it has only grown since.
    assert ok("audit", "verify", "--expect-head", logged[2]["hash"]).returncode == 0


def test_an_edited_entry_is_found(run, store, logged):
    tamper(store, "UPDATE audit SET actor = 'someone-else' WHERE sequence = 3")
    broken(run("audit", "verify"), 3, "entry 3 was edited: its hash does not match its contents")


def test_an_edited_detail_is_found(run, store, logged):
    tamper(store, """UPDATE audit SET detail = '{"k":5}' WHERE sequence = 5""")
    broken(run("audit", "verify"), 5, "entry 5 was edited")


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(run, store, logged):
    edited = dict(logged[1], actor="someone-else")
    edited["hash"] = hashlib.sha256(canonical(edited)).hexdigest()
    tamper(store, f"UPDATE audit SET actor = 'someone-else', hash = '{edited['hash']}' WHERE sequence = 2")
    broken(run("audit", "verify"), 3, "entry 3's previous hash is not entry 2's hash")


def test_a_deleted_entry_is_found(run, store, logged):
    tamper(store, "DELETE FROM audit WHERE sequence = 2")
    broken(run("audit", "verify"), 2, "entry 2 is missing: entry 1 is followed by entry 3")


def test_a_cut_tail_is_found_with_the_head_kept_earlier(ok, run, store, logged):
    head = ok("audit", "show", "--head").stdout.split()[0]
    tamper(store, "DELETE FROM audit WHERE sequence >= 4")
    assert ok("audit", "verify").stdout.startswith("audit log intact: 3 entries")
    broken(run("audit", "verify", "--expect-head", head), 4, "the log was cut after entry 3")


def test_coachkit_itself_never_changes_an_entry(store, logged):
    db = sqlite3.connect(store)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE audit SET actor = 'x' WHERE sequence = 1")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("DELETE FROM audit WHERE sequence = 5")
    finally:
        db.close()


# ---- show --------------------------------------------------------------------------------------

def shown(run, *args) -> dict:
    result = run("audit", "show", "--json", *args)
    assert result.returncode == 0, result
    return json.loads(result.stdout)


def test_show_requires_a_reader(run, logged, monkeypatch):
    monkeypatch.delenv("COACHKIT_AS", raising=False)
    result = run("audit", "show")
    assert result.returncode == 1, result
    assert "say who is reading: --as PERSON (or set COACHKIT_AS)" in result.stderr
    assert result.stdout == ""


def test_an_unknown_reader_is_refused(run, logged):
    result = run("audit", "show", "--as", "zed")
    assert result.returncode == 1, result
    assert "'zed'" in result.stderr
    assert result.stdout == ""


def test_the_coordinator_and_senior_leaders_see_every_entry(run, logged):
    for person in ("olu", "head"):
        view = shown(run, "--as", person)
        assert [e["sequence"] for e in view["entries"]] == [1, 2, 3, 4, 5], person
        assert view["left_out"] == 0
        assert view["viewer"] == person
    assert shown(run, "--as", "olu")["entries"][0] == logged[0]


def test_a_person_sees_their_own_acts_and_entries_about_their_records(run, logged):
    assert [e["sequence"] for e in shown(run, "--as", "tess")["entries"]] == [1, 3]
    assert shown(run, "--as", "tess")["left_out"] == 3
    assert [e["sequence"] for e in shown(run, "--as", "mara")["entries"]] == [1]
    assert [e["sequence"] for e in shown(run, "--as", "ivo")["entries"]] == [4]


def test_the_reader_may_come_from_the_environment(run, logged, monkeypatch):
    monkeypatch.setenv("COACHKIT_AS", "tess")
    assert [e["sequence"] for e in shown(run)["entries"]] == [1, 3]


def test_show_filters_by_record_and_actor(run, logged):
    assert [e["sequence"] for e in shown(run, "--as", "olu", "--record", "partnership:sw")["entries"]] == [1, 3]
    assert [e["sequence"] for e in shown(run, "--as", "olu", "--actor", "ivo")["entries"]] == [4]
    # Filters narrow what the reader may see; they never widen it.
    view = shown(run, "--as", "mara", "--actor", "tess")
    assert view["entries"] == []


def test_show_prints_a_table_and_says_how_many_were_left_out(ok, logged):
    text = ok("audit", "show", "--as", "tess").stdout
    lines = text.splitlines()
    assert lines[0].split() == ["sequence", "at", "actor", "action", "record", "access", "via"]
    assert "consent.granted" in text and "partnership:sw" in text
    assert "olu" not in text and "k.set" not in text
    assert lines[-1] == "3 entries left out: tess sees only the entries about them or their records"
    everything = ok("audit", "show", "--as", "olu").stdout
    assert "left out" not in everything
    assert "k.set" in everything


def test_show_on_an_empty_log(ok, store):
    assert ok("audit", "show", "--as", "tess").stdout == "no audit entries to show\n"


def test_verify_refuses_a_head_that_is_not_a_hash(run, logged):
    result = run("audit", "verify", "--expect-head", "abc")
    assert result.returncode == 2, result
    assert "'abc' is not a head hash" in result.stderr
