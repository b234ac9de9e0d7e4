"""The one way input files are read: with a byte bound that holds for any file.

A file's reported size cannot be trusted: a pipe, ``/dev/stdin`` or a device
such as ``/dev/zero`` reports 0 and never ends. Every reader here counts the
bytes it actually receives and stops one byte past the limit, so memory stays
bounded whatever the path names. ``-`` means standard input.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import BinaryIO

from fairmined.errors import FairminedError, InputError

__all__ = ["BoundedReader", "open_bounded", "read_bounded"]

_CHUNK = 1 << 16


def _too_large(error: type[FairminedError], what: str, limit: int, file: str) -> FairminedError:
    return error(
        f"{what} holds more than {limit} bytes, the most that is read",
        file=file,
        hint="check that this is the right file, or split it",
    )


class BoundedReader(io.RawIOBase):
    """A binary stream that raises once more than ``limit`` bytes have come through it."""

    def __init__(
        self,
        raw: BinaryIO,
        limit: int,
        *,
        file: str,
        what: str,
        error: type[FairminedError] = InputError,
    ) -> None:
        super().__init__()
        self._raw = raw
        self._left = limit
        self._limit = limit
        self._file = file
        self._what = what
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        # Ask for at most one byte past the bound, so a read never returns
        # (or allocates) more than the limit plus one.
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._left + 1)
        data = self._raw.read(want)
        n = len(data)
        view[:n] = data
        self._left -= n
        if self._left < 0:
            raise _too_large(self._error, self._what, self._limit, self._file)
        return n

    def close(self) -> None:
        if self._raw is not sys.stdin.buffer:
            self._raw.close()
        super().close()


def _open_raw(path: str | Path, what: str, error: type[FairminedError]) -> BinaryIO:
    # An int would be taken for a file descriptor (True is 1: standard output).
    if isinstance(path, bool) or not isinstance(path, str | os.PathLike):
        raise TypeError(f"{what}: a path is a str or a Path, not {type(path).__name__}")
    if str(path) == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as e:
        raise error(f"cannot read {what}: {e.strerror}", file=str(path)) from None
    except (ValueError, UnicodeError):
        # A NUL byte or a lone surrogate: no file system holds such a name.
        raise error(f"cannot read {what}: not a usable file name", file=repr(str(path))) from None


def open_bounded(
    path: str | Path,
    limit: int,
    *,
    what: str = "the file",
    error: type[FairminedError] = InputError,
) -> io.BufferedReader:
    """Open ``path`` (``-``: standard input) for binary reading of at most ``limit`` bytes.

    Reading past the limit raises ``error`` naming the file; so does a file
    that cannot be opened. Close the stream when done.
    """
    raw = _open_raw(path, what, error)
    return io.BufferedReader(
        BoundedReader(raw, limit, file=str(path), what=what, error=error), _CHUNK
    )


def read_bounded(
    path: str | Path,
    limit: int,
    *,
    what: str = "the file",
    error: type[FairminedError] = InputError,
) -> bytes:
    """The whole content of ``path`` (``-``: standard input), at most ``limit`` bytes.

    A larger, endless or unreadable file raises ``error`` (an
    :class:`~fairmined.errors.InputError` unless told) naming the file.
    """
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an int, not {type(limit).__name__}")
    raw = _open_raw(path, what, error)
    chunks: list[bytes] = []
    left = limit
    try:
        while True:
            chunk = raw.read(min(_CHUNK, left + 1))
            if not chunk:
                return b"".join(chunks)
            left -= len(chunk)
            if left < 0:
                raise _too_large(error, what, limit, str(path))
            chunks.append(chunk)
    except OSError as e:
        raise error(f"cannot read {what}: {e.strerror}", file=str(path)) from None
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()
