"""Where the browser tests leave their screenshots, named per run and printed at the end of it."""

import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_folders = []


@pytest.fixture(scope="session")
def screenshots():
    folder = ROOT / "test-artifacts" / "screenshots" / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    _folders.append(folder)
    return folder


def pytest_terminal_summary(terminalreporter):
    for folder in _folders:
        terminalreporter.write_line(f"screenshots for a person to look at: {folder}")
