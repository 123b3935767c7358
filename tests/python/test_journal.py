"""The journal from Python: events, the memory and SQLite stores, a store written in Python, journal
times, and the store errors. Appending releases the GIL, which the last test shows."""

from __future__ import annotations

import datetime
import sqlite3
import threading
import time

import pytest

import coachkit


def event(type_="person.added", **fields) -> coachkit.Event:
    fields.setdefault("at", "2026-01-05T09:00:00Z")
    fields.setdefault("programme", "p")
    return coachkit.Event(type_, **fields)


def created() -> coachkit.Event:
    return event("programme.created", data={"name": "P"})


def person(i: int) -> coachkit.Event:
    return event(data={"id": f"p{i}", "name": f"Person {i}", "role": "teacher"})


# ---- events ----------------------------------------------------------------------------------


def test_an_event_round_trips_through_its_document():
    e = event("cycle.started", actor="tess", partnership="sc", cycle="sc-1",
              data={"number": 1, "stages": ["a", "b"], "nested": {"x": None, "y": 1.5, "z": True}})
    assert e.sequence == 0
    document = e.to_json()
    assert document["schema"] == "coachkit.event/1"
    assert document["data"]["nested"] == {"x": None, "y": 1.5, "z": True}
    again = coachkit.Event.from_json(document)
    assert again == e and again.to_json() == document
    assert e != event("cycle.started")
    assert "cycle.started" in repr(e)


def test_an_event_defaults_to_now_and_the_system():
    e = coachkit.Event("programme.created", programme="p", data={"name": "P"})
    assert e.actor == "system" and coachkit.utc_time_problem(e.at) == ""


def test_event_data_is_a_copy_and_must_be_json():
    e = event(data={"a": [1, 2]})
    e.data["a"].append(3)  # a copy
    assert e.data == {"a": [1, 2]}
    e.data = {"b": (1, "two")}
    assert e.data == {"b": [1, "two"]}
    with pytest.raises(TypeError, match="an event's data must be a dict"):
        e.data = [1]
    with pytest.raises(TypeError, match="/data/b/1"):
        e.data = {"b": [1, {2}]}
    with pytest.raises(TypeError, match="object keys must be"):
        e.data = {1: "x"}
    with pytest.raises(TypeError, match="range"):
        e.data = {"big": 2**70}


def test_a_bad_event_document_names_its_pointer():
    document = created().to_json()
    document["type"] = "Not A Type"
    document["at"] = "2026-02-30T09:00:00Z"
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        coachkit.Event.from_json(document, origin="events.json")
    pointers = sorted(d.pointer for d in raised.value.diagnostics)
    assert pointers == ["/at", "/type"]
    assert {d.file for d in raised.value.diagnostics} == {"events.json"}


# ---- stores ----------------------------------------------------------------------------------


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    if request.param == "memory":
        return coachkit.memory_store()
    return coachkit.sqlite_store(tmp_path / "journal.coachkit")


def test_append_numbers_events_and_read_pages_through_them(store):
    assert store.last_sequence() == 0 and store.read() == []
    appended = store.append([created(), person(1), person(2)])
    assert [e.sequence for e in appended] == [1, 2, 3]
    store.append([person(3)], expected_last=3)
    assert store.last_sequence() == 4
    assert [e.sequence for e in store.read(after=1, limit=2)] == [2, 3]
    assert store.read() == appended + store.read(after=3)
    assert store.append([], expected_last=4) == []


def test_a_stale_append_is_a_concurrency_error_and_writes_nothing(store):
    store.append([created()])
    with pytest.raises(coachkit.ConcurrencyError) as raised:
        store.append([person(1)], expected_last=0)
    assert isinstance(raised.value, coachkit.StoreError) and isinstance(raised.value, coachkit.Error)
    assert store.last_sequence() == 1


def test_a_bad_event_in_a_batch_writes_none_of_it(store):
    bad = person(2)
    bad.at = "yesterday"
    bad.actor = ""
    with pytest.raises(coachkit.InvalidDocumentError) as raised:
        store.append([created(), person(1), bad])
    assert sorted(d.pointer for d in raised.value.diagnostics) == ["/2/actor", "/2/at"]
    assert store.last_sequence() == 0


def test_a_sqlite_store_keeps_its_events(tmp_path):
    path = tmp_path / "journal.coachkit"
    coachkit.sqlite_store(path).append([created(), person(1)])
    again = coachkit.sqlite_store(str(path))
    assert [e.type for e in again.read()] == ["programme.created", "person.added"]
    assert coachkit.ProgrammeState.replay(again).people[0].id == "p1"


def test_a_file_that_is_not_a_store_is_a_store_error_naming_it(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just some notes\n" * 50, encoding="utf-8")
    with pytest.raises(coachkit.StoreError, match="notes.txt"):
        coachkit.sqlite_store(path)


class ListStore(coachkit.EventStore):
    """A store written in Python, as an integrator might wrap another database."""

    def __init__(self):
        super().__init__()
        self.events = []
        self.appends = 0

    def append(self, events, expected_last=None):
        if expected_last is not None and expected_last != len(self.events):
            raise coachkit.ConcurrencyError("another writer appended first")
        for e in events:
            e.sequence = len(self.events) + 1
            self.events.append(e)
        self.appends += 1
        return events

    def read(self, after=0, limit=None):
        chosen = [e for e in self.events if e.sequence > after]
        return chosen if limit is None else chosen[:limit]

    def last_sequence(self):
        return len(self.events)


def test_a_store_written_in_python_runs_a_programme():
    store = ListStore()
    engine = coachkit.ProgrammeEngine(store, coachkit.plugins.default_registry())
    engine.init("p", "P", at="2026-01-05T09:00:00Z")
    engine.add_person("a", "A", at="2026-01-05T09:00:00Z")
    assert store.appends == 2 and [e.sequence for e in store.events] == [1, 2]
    assert coachkit.ProgrammeState.replay(store).person("a").name == "A"
    document = coachkit.export_programme(store)
    assert len(document["events"]) == 2
    copy = ListStore()
    coachkit.import_programme(document, copy)
    assert copy.read() == store.read()
    with pytest.raises(coachkit.RefusedError) as raised:
        engine.init("p", "P")
    assert raised.value.rule == "programme-exists"


# ---- times -----------------------------------------------------------------------------------


def test_journal_times():
    assert coachkit.utc_time_problem("2026-01-05T09:00:00Z") == ""
    assert "2026-02-30" in coachkit.utc_time_problem("2026-02-30T09:00:00Z")
    assert coachkit.parse_utc_time("2026-01-05T09:00:00+01:00") is None
    when = coachkit.parse_utc_time("2026-01-05T09:00:00Z")
    assert when == datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.timezone.utc)
    assert coachkit.format_utc_time(when) == "2026-01-05T09:00:00Z"
    assert coachkit.format_utc_time(datetime.datetime(2026, 1, 5, 9, 0, 0, 999)) == "2026-01-05T09:00:00Z"
    with pytest.raises(TypeError):
        coachkit.format_utc_time(5)
    assert coachkit.utc_time_problem(coachkit.utc_now()) == ""


# ---- the GIL ---------------------------------------------------------------------------------


@pytest.mark.parametrize("call", ["append", "import"])
def test_a_blocked_append_lets_other_python_threads_run(tmp_path, call):
    """Another connection holds SQLite's write lock, so the append waits (up to the store's busy
    timeout). Python runs meanwhile only if the append released the GIL: the main thread then
    finishes its transaction and the append goes through. Were the GIL held, this thread could not
    run until the append gave up with StoreError."""
    path = tmp_path / "journal.coachkit"
    store = coachkit.sqlite_store(path)
    store.append([created()])
    document = coachkit.export_programme(store)
    target = coachkit.sqlite_store(tmp_path / "target.coachkit") if call == "import" else store
    blocker = sqlite3.connect(tmp_path / ("target.coachkit" if call == "import" else "journal.coachkit"),
                              isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    outcome = {}

    def write():
        try:
            if call == "append":
                outcome["result"] = store.append([person(1)])
            else:
                outcome["result"] = coachkit.import_programme(document, target)
        except Exception as error:  # noqa: BLE001 - reported below
            outcome["error"] = error

    thread = threading.Thread(target=write)
    thread.start()
    time.sleep(0.3)
    ran_while_blocked = thread.is_alive()
    blocker.execute("COMMIT")
    blocker.close()
    thread.join(timeout=30)
    assert ran_while_blocked
    assert "error" not in outcome, outcome.get("error")
    assert target.last_sequence() == (2 if call == "append" else 1)
