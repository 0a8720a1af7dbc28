"""Reading an import file: UTF-8 text, then JSON Lines or CSV rows as person records.

Each reader yields ``(line number, record or RowError)``; a file that cannot be read at all
raises ``ImportFileError``.  ``importing.py`` validates and saves the records.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

CSV_COLUMNS = (
    "id",
    "name",
    "email",
    "department",
    "rank",
    "track",
    "interests",
    "keywords",
    "roles",
    "publications",
)
MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; nothing was changed."""


@dataclass(frozen=True)
class RowError:
    line: int
    person_id: str
    reason: str


def decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise ImportFileError("The file is larger than 20 MB; split it into smaller files.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read). "
            "Save it as UTF-8 (in a spreadsheet: 'CSV UTF-8') and upload it again."
        ) from None
    if not text.strip():
        raise ImportFileError("The file is empty.")
    return text


def is_json_lines(filename: str, text: str) -> bool:
    name = filename.lower()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return True
    if name.endswith(".csv"):
        return False
    return text.lstrip().startswith("{")


def json_lines(text: str) -> Iterator[tuple[int, object]]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, RowError(lineno, "", f"not valid JSON ({exc.msg}, column {exc.colno})")


def split_list(value: str) -> list[str]:
    """Semicolon-separated, as documented; commas are accepted too (people type them)."""
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


def _csv_header(reader: Any) -> list[str]:
    """The header line, checked: an ``id`` column, only known columns, none twice."""
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise ImportFileError(f"The header line cannot be read as CSV ({exc}).") from None
    if "id" not in header:
        raise ImportFileError(
            "The first line must be a header naming the columns, with an 'id' column; "
            f"the columns can be: {', '.join(CSV_COLUMNS)}."
        )
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise ImportFileError(
            f"Unknown column(s) {', '.join(repr(u) for u in unknown)} in the header; "
            f"the columns can be: {', '.join(CSV_COLUMNS)}."
        )
    if len(set(header)) != len(header):
        raise ImportFileError("A column appears twice in the header.")
    return header


def _csv_record(line: int, header: list[str], cells: list[str]) -> object:
    """One CSV row as a person record (lists split, publications parsed), or a RowError."""
    if len(cells) != len(header):
        return RowError(line, "", f"{len(cells)} cells where the header has {len(header)} columns")
    record: dict[str, Any] = dict(zip(header, cells, strict=True))
    for key in ("keywords", "roles"):
        if key in record:
            record[key] = split_list(record[key])
    if "publications" not in record:
        return record
    if not record["publications"].strip():
        record["publications"] = []
        return record
    try:
        record["publications"] = json.loads(record["publications"])
    except json.JSONDecodeError as exc:
        person_id = str(record.get("id", "")).strip()
        return RowError(line, person_id, f"the publications cell is not valid JSON ({exc.msg})")
    return record


def csv_rows(text: str) -> Iterator[tuple[int, object]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _csv_header(reader)
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(f"Line {start}: the file is not valid CSV ({exc}).") from None
        previous_end = reader.line_num
        if any(c.strip() for c in cells):
            yield start, _csv_record(start, header, cells)
