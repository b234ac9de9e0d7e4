"""Shared test configuration: hypothesis profiles and a clean standards cache.

Choose a hypothesis profile with the environment variable ``HYPOTHESIS_PROFILE``:

* ``ci`` (default): 200 examples per property, no deadline, derandomized so a
  CI run is reproducible;
* ``dev``: 50 examples, for a quick local loop;
* ``thorough``: 2000 examples, for hunting rare failures by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from fairmined.standards import clear_cache

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def fresh_standards() -> Iterator[None]:
    """Empty the load_standard cache before and after the test."""
    clear_cache()
    yield
    clear_cache()
