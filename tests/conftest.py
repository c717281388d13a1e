"""Shared fixtures: one spaCy pipeline for the whole session, and where ../shared lives."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """kg's pipeline (model + actor ruler), loaded once."""
    from kg.parse import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the repository; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED
