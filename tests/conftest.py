"""Shared test configuration: import path, hypothesis profiles, a clean standards cache.

Choose a hypothesis profile with the environment variable ``HYPOTHESIS_PROFILE``:

* ``ci``: 200 examples per property, no deadline, derandomized so a CI run is
  reproducible (the default when the ``CI`` variable is set);
* ``dev``: 50 examples, for a quick local loop (the default otherwise);
* ``thorough``: 2000 examples, for hunting rare failures by hand;
* ``mutation``: 50 examples, derandomized, so a mutant's verdict in
  ``scripts/mutation.sh`` does not depend on the draw.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from fairmined.audit import _evaluate
from fairmined.standards import clear_cache

# With --import-mode=importlib, tests/ is not on sys.path: make strategies.py importable.
sys.path.insert(0, str(Path(__file__).parent))

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.register_profile(
    "mutation",
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Forget the audit results kept from earlier evaluations in this process.

    mutmut runs each mutant's tests in a process forked from one that has run the whole
    selection: a result kept from that run would be handed out in place of the one the
    mutated code makes, and the mutant would pass unseen (docs/testing.md).
    """
    _evaluate._KEPT.clear()


@pytest.fixture
def fresh_standards() -> Iterator[None]:
    """Empty the load_standard cache before and after the test."""
    clear_cache()
    yield
    clear_cache()
