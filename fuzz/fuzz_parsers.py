"""Long-running coverage-guided fuzzing of every parser with atheris.

Not run in CI (see docs/fuzzing.md). Run, for example::

    pip install -e '.[fuzz]'
    python fuzz/fuzz_parsers.py -max_total_time=3600 -rss_limit_mb=2048

The first input byte picks the parser; the rest is its text. Any exception
other than FairminedError (or a TypeError for a wrong Python type, which text
input cannot cause) is a bug and stops the run with the input saved as
``crash-*`` in the current directory.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from fairmined.errors import FairminedError
    from fairmined.model import Fineness, Mass, parse_decimal, parse_metal
    from fairmined.pricing import PriceTable, parse_iso_date
    from fairmined.records import RECORD_SCHEMA, parse_record_text
    from fairmined.rules import compile_rule
    from fairmined.standards import parse_standard


def _lots(text: str) -> None:
    import tempfile
    from pathlib import Path

    from fairmined.lots import verify_lots

    with tempfile.TemporaryDirectory() as d:
        lots = Path(d) / "lots.csv"
        lots.write_bytes(text.encode("utf-8", "surrogatepass"))
        certs = Path(d) / "certs.csv"
        certs.write_text(
            "certificate_id,holder,standard,metals,ecological,valid_from,valid_to,status,"
            "status_since\nFM-1,Coop,fairmined-2.0,gold,true,2023-01-01,2025-12-31,active,\n",
            encoding="utf-8",
        )
        list(verify_lots(lots, certificates=certs))


PARSERS = [
    parse_decimal,
    Mass.parse,
    Fineness.parse,
    parse_iso_date,
    parse_metal,
    lambda t: PriceTable.from_text(t, source="fuzz.csv"),
    lambda t: parse_standard(t, "fuzz.toml"),
    lambda t: parse_record_text(t, "fuzz.json"),
    lambda t: compile_rule(t, RECORD_SCHEMA),
    _lots,
]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    parser = PARSERS[fdp.ConsumeIntInRange(0, len(PARSERS) - 1)]
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    try:
        parser(text)
    except FairminedError as e:
        if "\n" in str(e):
            raise AssertionError(f"error message on several lines: {e!r}") from None


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
