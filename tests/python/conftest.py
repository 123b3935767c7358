"""Shared set-up for the tests of the coachkit Python API.

ctest runs this suite with the environment tests/CMakeLists.txt sets:

    PYTHONPATH=<build>/python        the importable `coachkit` package
    COACHKIT_SOURCE_DIR=<repo>       for the shipped pack, the docs and the JSON Schema
    COACHKIT_TEST_DATA=<repo>/tests/data

A missing variable stops the run with a clear message instead of skipping tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REQUIRED_ENV = ("COACHKIT_SOURCE_DIR", "COACHKIT_TEST_DATA")


def pytest_configure(config):
    missing = [name for name in REQUIRED_ENV if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(
            "coachkit Python tests need the environment ctest sets: missing "
            + ", ".join(missing)
            + " (run them through ctest, or see tests/CMakeLists.txt)"
        )
    for name in REQUIRED_ENV:
        if not Path(os.environ[name]).is_dir():
            raise pytest.UsageError(f"{name}={os.environ[name]} is not a directory")
    try:
        import coachkit  # noqa: F401
    except ImportError as error:
        raise pytest.UsageError(
            f"cannot import the coachkit package ({error}); PYTHONPATH must name <build>/python "
            f"(PYTHONPATH={os.environ.get('PYTHONPATH', '')!r})"
        )


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return Path(os.environ["COACHKIT_SOURCE_DIR"])


@pytest.fixture(scope="session")
def test_data() -> Path:
    return Path(os.environ["COACHKIT_TEST_DATA"])


@pytest.fixture(scope="session")
def packs_dir(test_data) -> Path:
    """This suite's own packs (tests/data/packs/py)."""
    folder = test_data / "packs" / "py"
    assert folder.is_dir(), f"test packs folder {folder} is missing"
    return folder


@pytest.fixture(scope="session")
def bad_packs_dir(packs_dir) -> Path:
    return packs_dir / "bad"


@pytest.fixture(scope="session")
def school_pack_path(packs_dir) -> Path:
    """A school pack that extends CUREE: a new principle, a renamed skill, a fourth mode."""
    return packs_dir / "school_pack.json"


@pytest.fixture(scope="session")
def standalone_pack_path(packs_dir) -> Path:
    """A small, complete pack that does not extend CUREE."""
    return packs_dir / "standalone_pack.json"


@pytest.fixture(scope="session")
def shipped_pack_path(source_dir) -> Path:
    return source_dir / "core" / "data" / "curee.framework.json"


@pytest.fixture(scope="session")
def shipped_pack(shipped_pack_path) -> dict:
    with open(shipped_pack_path, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def seeds_dir(source_dir) -> Path:
    """The source documents the framework cites (kept beside the repository)."""
    return (source_dir / ".." / "shared" / "seeds").resolve()


@pytest.fixture
def seed_text(seeds_dir):
    """The text of the CUREE framework document, or a skip with the reason if it is absent."""
    path = seeds_dir / "001_02d9a7e25f685ada.txt"
    if not path.is_file():
        pytest.skip(f"source documents are not beside this checkout ({path} is absent)")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def curee():
    import coachkit

    return coachkit.curee()


@pytest.fixture
def school(school_pack_path):
    import coachkit

    return coachkit.load_pack(school_pack_path)


@pytest.fixture
def write_pack(tmp_path):
    """Writes a pack (a dict, or raw text/bytes) to a file in tmp_path and returns its path."""
    counter = iter(range(1_000_000))

    def write(content, name: str | None = None) -> Path:
        path = tmp_path / (name or f"pack{next(counter)}.json")
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def extending():
    """Builds a minimal pack that extends CUREE, plus whatever collections are given."""

    def build(**collections) -> dict:
        pack = {
            "schema": "coachkit.framework/1",
            "id": "school",
            "name": "A school's pack",
            "extends": "curee",
        }
        pack.update(collections)
        return pack

    return build
