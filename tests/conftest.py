"""Fixtures shared by several test files. Keep this small and additive: one fixture per need."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once per test session (load_pipeline caches it per process too)."""
    from eventwire.nlp import load_pipeline

    return load_pipeline()
