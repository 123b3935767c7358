"""Shared set-up for the tests of the `coachkit` command-line tool, run as a subprocess.

ctest runs this suite with the environment tests/CMakeLists.txt sets:

    COACHKIT_CLI=<path to the coachkit binary>
    COACHKIT_SOURCE_DIR=<repo>       for the shipped pack and docs/framework.md
    COACHKIT_TEST_DATA=<repo>/tests/data

A missing variable stops the run with a clear message instead of skipping tests.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REQUIRED_ENV = ("COACHKIT_CLI", "COACHKIT_SOURCE_DIR", "COACHKIT_TEST_DATA")


def pytest_configure(config):
    missing = [name for name in REQUIRED_ENV if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(
            "coachkit CLI tests need the environment ctest sets: missing "
            + ", ".join(missing)
            + " (run them through ctest, or see tests/CMakeLists.txt)"
        )
    cli = Path(os.environ["COACHKIT_CLI"])
    if not (cli.is_file() and os.access(cli, os.X_OK)):
        raise pytest.UsageError(f"COACHKIT_CLI={cli} is not an executable file (build the coachkit target)")
    for name in ("COACHKIT_SOURCE_DIR", "COACHKIT_TEST_DATA"):
        if not Path(os.environ[name]).is_dir():
            raise pytest.UsageError(f"{name}={os.environ[name]} is not a directory")


@dataclass(repr=False)
class Result:
    returncode: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8")

    def __repr__(self) -> str:  # shown by pytest when an assertion about a run fails
        return f"exit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


@pytest.fixture(scope="session")
def cli_path() -> Path:
    return Path(os.environ["COACHKIT_CLI"]).resolve()


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return Path(os.environ["COACHKIT_SOURCE_DIR"])


@pytest.fixture(scope="session")
def packs_dir() -> Path:
    """This suite shares the Python suite's packs (tests/data/packs/py)."""
    folder = Path(os.environ["COACHKIT_TEST_DATA"]) / "packs" / "py"
    assert folder.is_dir(), f"test packs folder {folder} is missing"
    return folder


@pytest.fixture(scope="session")
def bad_packs_dir(packs_dir) -> Path:
    return packs_dir / "bad"


@pytest.fixture(scope="session")
def school_pack(packs_dir) -> Path:
    return packs_dir / "school_pack.json"


@pytest.fixture(scope="session")
def shipped_pack_path(source_dir) -> Path:
    return source_dir / "core" / "data" / "curee.framework.json"


@pytest.fixture
def run(cli_path, tmp_path):
    """Runs `coachkit ARGS...` (in tmp_path unless cwd is given) with a fixed 120-column layout."""

    def run_cli(*args, cwd: Path | None = None, columns: int = 120) -> Result:
        env = dict(os.environ)
        env["COLUMNS"] = str(columns)
        completed = subprocess.run(
            [str(cli_path), *map(str, args)],
            cwd=cwd or tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    return run_cli


@pytest.fixture
def ok(run):
    """Runs a command that must succeed; returns its result."""

    def run_ok(*args):
        result = run(*args)
        assert result.returncode == 0, result
        return result

    return run_ok
