"""Shared pytest fixtures. Add yours below; keep the others."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


# -- Frog (graph.nlp.frog) -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def frog():
    """One real Frog server for the whole session (~10 s, 1.8 GB). Use with @pytest.mark.frog."""
    from graph.nlp.frog import Frog

    if shutil.which("frog") is None:
        pytest.skip("Frog is not installed: sudo apt-get install frog frogdata")
    with Frog() as server:
        yield server


@pytest.fixture(scope="session")
def recorded_frog():
    """Frog replies recorded in tests/fixtures/frog (see scripts/record_frog.py); no Frog needed."""
    from graph.nlp.frog import RecordedFrog

    return RecordedFrog(FIXTURES / "frog")
