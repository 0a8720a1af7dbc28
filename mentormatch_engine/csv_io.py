"""CSV inputs of the ``assign`` command, validated with file/line messages."""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["AssignInputs", "InputError", "read_assign_inputs", "read_capacities", "read_scores"]


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


@dataclass(frozen=True)
class AssignInputs:
    """The ``assign`` inputs as arrays: ``row``/``col`` ``(E,)`` int64 indices into
    ``mentee_ids`` (order of first appearance) and ``mentor_ids`` (capacity file order)."""

    mentee_ids: Sequence[str]
    mentor_ids: Sequence[str]
    capacity: NDArray[np.int64]
    row: NDArray[np.int64]
    col: NDArray[np.int64]
    score: NDArray[np.float64]


def read_assign_inputs(
    scores: str | os.PathLike[str], capacities: str | os.PathLike[str]
) -> AssignInputs:
    """Both ``assign`` inputs, validated.  Vectorised (pyarrow's multi-threaded CSV reader,
    dictionary encoding, one sort for duplicates) when pyarrow is installed; any input the
    fast path does not accept as clean goes through the row-by-row readers above, which
    either accept it the same way or name the file, line and problem."""
    fast = _fast_assign_inputs(scores, capacities)
    return fast if fast is not None else _slow_assign_inputs(scores, capacities)


def _slow_assign_inputs(
    scores: str | os.PathLike[str], capacities: str | os.PathLike[str]
) -> AssignInputs:
    rows = read_scores(scores)
    caps = read_capacities(capacities)
    mentee_idx: dict[str, int] = {}
    for a, b, _, where in rows:
        if b not in caps:
            raise InputError(f"{where}: unknown mentor_id {b!r} (not in {os.fspath(capacities)})")
        mentee_idx.setdefault(a, len(mentee_idx))
    mentor_ids = list(caps)
    mentor_idx = {b: j for j, b in enumerate(mentor_ids)}
    return AssignInputs(
        list(mentee_idx),
        mentor_ids,
        np.array([caps[b] for b in mentor_ids], dtype=np.int64),
        np.array([mentee_idx[a] for a, _, _, _ in rows], dtype=np.int64),
        np.array([mentor_idx[b] for _, b, _, _ in rows], dtype=np.int64),
        np.array([s for _, _, s, _ in rows], dtype=np.float64),
    )


def _read_table(path: str | os.PathLike[str], types: dict[str, Any]) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        return pacsv.read_csv(
            os.fspath(path),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                include_columns=list(types),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, OSError, ValueError, KeyError):
        return None


def _np(values: Any, dtype: type[np.generic]) -> NDArray[Any]:
    """A null-free numeric Arrow array as NumPy, zero-copy and read-only (Arrow's own
    ``to_numpy`` imports pandas, a second of start-up)."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if values.null_count:
        raise ValueError("null values")  # callers check null_count first
    if values.type.bit_width != np.dtype(dtype).itemsize * 8:
        values = values.cast(pa.from_numpy_dtype(np.dtype(dtype)))
    buf = values.buffers()[1]
    start = values.offset
    if buf is None:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(buf, dtype=dtype)[start : start + len(values)]


def _clean_ids(col: Any) -> bool:
    """No empty id and none with surrounding spaces (the row readers strip them)."""
    import pyarrow.compute as pc

    if len(col) == 0:
        return True
    if col.null_count:
        return False
    same = pc.all(pc.equal(pc.utf8_trim_whitespace(col), col)).as_py()
    return bool(same) and pc.min(pc.utf8_length(col)).as_py() > 0


def _fast_assign_inputs(
    scores: str | os.PathLike[str], capacities: str | os.PathLike[str]
) -> AssignInputs | None:
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None
    caps = _read_table(capacities, {"mentor_id": pa.string(), "capacity": pa.int64()})
    tab = _read_table(
        scores, {"mentee_id": pa.string(), "mentor_id": pa.string(), "score": pa.float64()}
    )
    if caps is None or tab is None:
        return None
    if caps.column("capacity").null_count or tab.column("score").null_count:
        return None  # empty or "nan"/"NA"-like cells: the row readers name them
    mentor = caps.column("mentor_id").combine_chunks()
    capacity = _np(caps.column("capacity"), np.int64)
    if not _clean_ids(mentor) or len(pc.unique(mentor)) != len(mentor) or (capacity < 0).any():
        return None
    mentee_col, mentor_col = tab.column("mentee_id"), tab.column("mentor_id")
    if not (_clean_ids(mentee_col.combine_chunks()) and _clean_ids(mentor_col.combine_chunks())):
        return None
    score = _np(tab.column("score"), np.float64)
    if not np.isfinite(score).all():
        return None
    col_idx = pc.index_in(mentor_col, value_set=mentor)
    if col_idx.null_count:
        return None
    enc = pc.dictionary_encode(mentee_col).combine_chunks()
    row = _np(enc.indices, np.int32).astype(np.int64)
    col = _np(col_idx, np.int32).astype(np.int64)
    m = len(mentor)
    key = np.sort(row * max(m, 1) + col)
    if len(key) > 1 and (key[1:] == key[:-1]).any():
        return None
    return AssignInputs(
        enc.dictionary.to_pylist(),
        mentor.to_pylist(),
        capacity.astype(np.int64),
        row,
        col,
        score,
    )
