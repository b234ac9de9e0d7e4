"""The Dask recipe (examples/lots/dask_recipe.py) gives the same results as verify_lots."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

dask = pytest.importorskip("dask", reason="the dask extra is not installed")

from fairmined.lots import verify_lots  # noqa: E402

EX = Path(__file__).resolve().parent.parent / "examples" / "lots"


def _recipe():
    spec = importlib.util.spec_from_file_location("dask_recipe", EX / "dask_recipe.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_dask_recipe_matches_verify_lots(scheduler):
    """Per-lot checks on Dask plus the two reductions equal the streamed run."""
    recipe = _recipe()
    args = (str(EX / "lots.csv"), str(EX / "certificates.csv"), str(EX / "production.csv"))
    with dask.config.set(scheduler=scheduler):
        got = list(recipe.verify_with_dask(*args, partitions=3))
    want = list(verify_lots(args[0], certificates=args[1], production=args[2]))
    assert got == want


def test_dask_recipe_on_a_local_cluster_of_two_processes():
    """A dask.distributed LocalCluster of two worker processes gives the one-machine results."""
    distributed = pytest.importorskip("distributed", reason="the test extra's distributed")
    recipe = _recipe()
    args = (str(EX / "lots.csv"), str(EX / "certificates.csv"), str(EX / "production.csv"))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        got = list(recipe.verify_with_dask(*args, partitions=4))
    want = list(verify_lots(args[0], certificates=args[1], production=args[2]))
    assert got == want
