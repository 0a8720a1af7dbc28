"""Bulk import of research profiles from CSV or JSON Lines.

JSON Lines (``.jsonl``, ``.ndjson``): one person record a line, the format the matching engine
reads too::

    {"id": "jdoe", "name": "Jane Doe", "email": "jdoe@example.edu", "department": "Medicine",
     "rank": "Assistant Professor", "track": "research", "interests": "...",
     "keywords": ["sepsis", "ICU"], "publications": [{"title": "...", "abstract": "...",
     "year": 2021}], "roles": ["mentee"]}

CSV (``.csv``, UTF-8, first line a header): the column ``id`` is required; the optional columns
are ``name, email, department, rank, track, interests, keywords, roles, publications``.
``keywords`` and ``roles`` are separated by semicolons (``sepsis; ICU``; ``mentee;mentor``;
commas work too);
``publications`` holds the JSON list of the record format (``[{"title": "...", "year": 2020}]``).

Only ``id`` is required.  A field that is missing (no key, no column) leaves what is stored
alone; a field that is present, even empty, replaces it (``publications`` replaces the whole
list).  ``roles``, when given, sets exactly which of mentee/mentor the person may be.

Every bad row is reported with its line number and the reason; good rows are kept.  A file
that cannot be read at all (not UTF-8, empty, bad CSV header) changes nothing.  Re-importing
updates profiles keyed by ``id`` (``Profile.person_id``); new people get an account whose
username is the id, with no usable password (``auth_source="import"``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction

from mentormatch.audit.services import audit_record
from mentormatch.directory.models import Profile, Publication
from mentormatch_engine.records import RecordError, person_record_from_dict

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
ROLES = ("mentee", "mentor")
MAX_LENGTHS = {"id": 128, "department": 200, "rank": 64, "track": 64, "name": 300}
MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; nothing was changed."""


@dataclass(frozen=True)
class RowError:
    line: int
    person_id: str
    reason: str


@dataclass
class ImportReport:
    filename: str
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error

    @property
    def imported(self) -> int:
        return self.created + self.updated


@dataclass
class _Row:
    """One validated person: the fields present in the row, and the roles if given."""

    line: int
    person_id: str
    values: dict[str, Any]
    roles: list[str] | None


# --- Reading --------------------------------------------------------------------------------


def _decode(raw: bytes) -> str:
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


def _is_json_lines(filename: str, text: str) -> bool:
    name = filename.lower()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return True
    if name.endswith(".csv"):
        return False
    return text.lstrip().startswith("{")


def _json_lines(text: str) -> Iterator[tuple[int, object]]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, RowError(lineno, "", f"not valid JSON ({exc.msg}, column {exc.colno})")


def _split(value: str) -> list[str]:
    """Semicolon-separated, as documented; commas are accepted too (people type them)."""
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


def _csv_rows(text: str) -> Iterator[tuple[int, object]]:
    reader = csv.reader(io.StringIO(text, newline=""))
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
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield (
                start,
                RowError(
                    start, "", f"{len(cells)} cells where the header has {len(header)} columns"
                ),
            )
            continue
        record: dict[str, Any] = dict(zip(header, cells, strict=True))
        if "keywords" in record:
            record["keywords"] = _split(record["keywords"])
        if "roles" in record:
            record["roles"] = _split(record["roles"])
        if record.get("publications", "").strip():
            try:
                record["publications"] = json.loads(record["publications"])
            except json.JSONDecodeError as exc:
                yield (
                    start,
                    RowError(
                        start,
                        str(record.get("id", "")).strip(),
                        f"the publications cell is not valid JSON ({exc.msg})",
                    ),
                )
                continue
        elif "publications" in record:
            record["publications"] = []
        yield start, record


# --- Validating -----------------------------------------------------------------------------


def _validate(line: int, obj: object) -> _Row:
    """A validated row, or RecordError/ValidationError saying what is wrong."""
    record = person_record_from_dict(obj)  # the engine's own checks: types, id, years
    assert isinstance(obj, dict)
    pid = record.id
    for key, limit in MAX_LENGTHS.items():
        value = pid if key == "id" else getattr(record, key)
        if len(value) > limit:
            raise RecordError(f"'{key}' is longer than {limit} characters")
    try:
        UnicodeUsernameValidator()(pid)
    except ValidationError:
        raise RecordError(
            "'id' may contain only letters, digits and @ . + - _ (it becomes the username)"
        ) from None
    if record.email:
        try:
            validate_email(record.email)
        except ValidationError:
            raise RecordError(f"'email' is not a valid e-mail address: {record.email!r}") from None
    for index, pub in enumerate(record.publications):
        if not pub.title:
            raise RecordError(f"publications[{index}] has no title")
        if len(pub.title) > 1000:
            raise RecordError(f"publications[{index}].title is longer than 1000 characters")
        if pub.year is not None and not 1000 <= pub.year <= 9999:
            raise RecordError(f"publications[{index}].year {pub.year} is not a plausible year")
    roles: list[str] | None = None
    if "roles" in obj and obj["roles"] is not None:
        raw_roles = obj["roles"]
        if isinstance(raw_roles, str):
            raw_roles = _split(raw_roles)
        if not isinstance(raw_roles, list) or not all(isinstance(r, str) for r in raw_roles):
            raise RecordError("'roles' must be a list of 'mentee' and/or 'mentor'")
        roles = [r.strip().lower() for r in raw_roles if r.strip()]
        bad = [r for r in roles if r not in ROLES]
        if bad:
            raise RecordError(f"unknown role {bad[0]!r}; roles are 'mentee' and 'mentor'")
    values: dict[str, Any] = {}
    for key in ("name", "email", "department", "rank", "track", "interests"):
        if key in obj:
            values[key] = getattr(record, key)
    if "keywords" in obj:
        values["keywords"] = list(record.keywords)
    if "publications" in obj:
        values["publications"] = [
            {"title": p.title, "abstract": p.abstract, "year": p.year} for p in record.publications
        ]
    return _Row(line=line, person_id=pid, values=values, roles=roles)


def _validated_rows(text: str, filename: str, report: ImportReport) -> list[_Row]:
    source = _json_lines(text) if _is_json_lines(filename, text) else _csv_rows(text)
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for line, obj in source:
        if isinstance(obj, RowError):
            report.errors.append(obj)
            continue
        raw_id = obj.get("id") if isinstance(obj, dict) else None
        shown_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) else ""
        try:
            row = _validate(line, obj)
        except (RecordError, ValidationError) as exc:
            report.errors.append(RowError(line, shown_id, str(exc)))
            continue
        if row.person_id in seen:
            report.errors.append(
                RowError(
                    line,
                    row.person_id,
                    f"duplicate id {row.person_id!r} (already on line {seen[row.person_id]})",
                )
            )
            continue
        seen[row.person_id] = line
        rows.append(row)
    return rows


# --- Writing --------------------------------------------------------------------------------


def _split_name(name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) <= 1:
        return name, ""
    return " ".join(parts[:-1]), parts[-1]


def _save_row(row: _Row) -> bool:
    """Create or update one person; True when the profile is new."""
    user_model = get_user_model()
    values = row.values
    profile = Profile.objects.select_related("user").filter(person_id=row.person_id).first()
    user = profile.user if profile is not None else None
    if user is None:
        user = user_model.objects.filter(username=row.person_id).first()
    if user is None:
        user = user_model(username=row.person_id, auth_source="import")
        user.set_unusable_password()
    if "name" in values:
        user.first_name, user.last_name = _split_name(values["name"])
        user.first_name, user.last_name = user.first_name[:150], user.last_name[:150]
    if "email" in values:
        user.email = values["email"]
    if row.roles is not None:
        user.is_mentee = "mentee" in row.roles
        user.is_mentor = "mentor" in row.roles
    user.save()
    created = profile is None
    if profile is None:
        if user.pk and Profile.objects.filter(user=user).exists():
            # Re-keying someone's existing profile silently would break links to it.
            raise RecordError(
                f"the account {user.username!r} already has a profile under another id"
            )
        profile = Profile(user=user, person_id=row.person_id)
    for key in ("department", "rank", "track", "interests", "keywords"):
        if key in values:
            setattr(profile, key, values[key])
    profile.save()
    if "publications" in values:
        profile.publications.all().delete()
        Publication.objects.bulk_create(
            Publication(profile=profile, **pub) for pub in values["publications"]
        )
    return created


def profiles_import(*, file: BinaryIO | bytes, filename: str, actor: Any = None) -> ImportReport:
    """Import a CSV or JSON Lines file of person records; see the module docstring."""
    report = ImportReport(filename=filename)
    raw = file if isinstance(file, bytes) else file.read()
    try:
        text = _decode(raw)
        rows = _validated_rows(text, filename, report)
    except ImportFileError as exc:
        report.file_error = str(exc)
        report.errors = []
        return report
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    created = _save_row(row)
            except RecordError as exc:
                report.errors.append(RowError(row.line, row.person_id, str(exc)))
                continue
            except DatabaseError as exc:
                report.errors.append(RowError(row.line, row.person_id, f"not saved ({exc})"))
                continue
            if created:
                report.created += 1
            else:
                report.updated += 1
        report.errors.sort(key=lambda e: e.line)
        audit_record(
            actor=actor,
            action="profiles.import",
            summary=(
                f"Imported {filename}: {report.created} new, {report.updated} updated, "
                f"{len(report.errors)} bad rows"
            ),
            details={
                "filename": filename,
                "created": report.created,
                "updated": report.updated,
                "errors": [[e.line, e.person_id, e.reason] for e in report.errors[:200]],
            },
        )
    return report
