"""CSV inputs of the ``assign`` command, validated with file/line messages."""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterator

__all__ = ["InputError", "read_capacities", "read_scores"]


class InputError(ValueError):
    pass


def _rows(
    path: str | os.PathLike[str], required: tuple[str, ...]
) -> Iterator[tuple[str, dict[str, str]]]:
    name = os.fspath(path)
    try:
        fh = open(name, newline="", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{name}: cannot read file ({exc.strerror})") from None
    with fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        for col in required:
            if col not in header:
                raise InputError(f"{name} line 1: missing column '{col}'")
        try:
            for row in reader:
                where = f"{name} line {reader.line_num}"
                if None in row or any(row.get(c) is None for c in required):
                    raise InputError(f"{where}: wrong number of fields")
                yield where, row
        except csv.Error as exc:
            raise InputError(f"{name} line {reader.line_num}: malformed CSV ({exc})") from None
        except UnicodeDecodeError:
            raise InputError(f"{name}: file is not UTF-8 text") from None


def _id(row: dict[str, str], col: str, where: str) -> str:
    v = (row[col] or "").strip()
    if not v:
        raise InputError(f"{where}: empty {col}")
    return v


def read_scores(path: str | os.PathLike[str]) -> list[tuple[str, str, float, str]]:
    """Rows ``(mentee_id, mentor_id, score, where)``; duplicates and non-finite scores fail."""
    out = []
    seen: dict[tuple[str, str], str] = {}
    for where, row in _rows(path, ("mentee_id", "mentor_id", "score")):
        a, b = _id(row, "mentee_id", where), _id(row, "mentor_id", where)
        raw = (row["score"] or "").strip()
        try:
            s = float(raw)
        except ValueError:
            raise InputError(f"{where}: score {raw!r} is not a number") from None
        if not math.isfinite(s):
            raise InputError(f"{where}: score {raw!r} is not a finite number")
        if (a, b) in seen:
            raise InputError(f"{where}: duplicate pair {a!r},{b!r} (first at {seen[(a, b)]})")
        seen[(a, b)] = where
        out.append((a, b, s, where))
    return out


def read_capacities(path: str | os.PathLike[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for where, row in _rows(path, ("mentor_id", "capacity")):
        b = _id(row, "mentor_id", where)
        raw = (row["capacity"] or "").strip()
        try:
            c = int(raw)
        except ValueError:
            raise InputError(f"{where}: capacity {raw!r} is not an integer") from None
        if c < 0:
            raise InputError(f"{where}: negative capacity {c}")
        if b in out:
            raise InputError(f"{where}: duplicate mentor_id {b!r}")
        out[b] = c
    return out
