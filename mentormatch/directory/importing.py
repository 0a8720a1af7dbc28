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

Every bad row is reported with its line number and the reason; good rows are kept.  A row is
refused when it would change a staff or superuser account at all, or the name or e-mail of an
account the directory or single sign-on manages (those come from the directory).  A file
that cannot be read at all (not UTF-8, empty, bad CSV header) changes nothing.  Re-importing
updates profiles keyed by ``id`` (``Profile.person_id``); new people get an account whose
username is the id, with no usable password (``auth_source="import"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction

from mentormatch.audit.services import audit_record
from mentormatch.directory.import_files import (
    CSV_COLUMNS,
    ImportFileError,
    RowError,
    csv_rows,
    decode,
    is_json_lines,
    json_lines,
    split_list,
)
from mentormatch.directory.models import Profile, Publication
from mentormatch_engine.records import RecordError, person_record_from_dict

__all__ = ["CSV_COLUMNS", "ImportFileError", "ImportReport", "RowError", "profiles_import"]

ROLES = ("mentee", "mentor")
MAX_LENGTHS = {"id": 128, "department": 200, "rank": 64, "track": 64, "name": 300}


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


# --- Validating -----------------------------------------------------------------------------


def _check_id_and_lengths(record: Any) -> None:
    for key, limit in MAX_LENGTHS.items():
        value = record.id if key == "id" else getattr(record, key)
        if len(value) > limit:
            raise RecordError(f"'{key}' is longer than {limit} characters")
    try:
        UnicodeUsernameValidator()(record.id)
    except ValidationError:
        raise RecordError(
            "'id' may contain only letters, digits and @ . + - _ (it becomes the username)"
        ) from None
    if record.email:
        try:
            validate_email(record.email)
        except ValidationError:
            raise RecordError(f"'email' is not a valid e-mail address: {record.email!r}") from None


def _check_publications(record: Any) -> None:
    for index, pub in enumerate(record.publications):
        if not pub.title:
            raise RecordError(f"publications[{index}] has no title")
        if len(pub.title) > 1000:
            raise RecordError(f"publications[{index}].title is longer than 1000 characters")
        if pub.year is not None and not 1000 <= pub.year <= 9999:
            raise RecordError(f"publications[{index}].year {pub.year} is not a plausible year")


def _roles(obj: dict[str, Any]) -> list[str] | None:
    """The roles the row sets, or None when it leaves them alone."""
    raw_roles = obj.get("roles")
    if raw_roles is None:
        return None
    if isinstance(raw_roles, str):
        raw_roles = split_list(raw_roles)
    if not isinstance(raw_roles, list) or not all(isinstance(r, str) for r in raw_roles):
        raise RecordError("'roles' must be a list of 'mentee' and/or 'mentor'")
    roles = [r.strip().lower() for r in raw_roles if r.strip()]
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise RecordError(f"unknown role {bad[0]!r}; roles are 'mentee' and 'mentor'")
    return roles


def _present_values(obj: dict[str, Any], record: Any) -> dict[str, Any]:
    """The fields the row carries (a missing field leaves the stored value alone)."""
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
    return values


def _validate(line: int, obj: object) -> _Row:
    """A validated row, or RecordError/ValidationError saying what is wrong."""
    record = person_record_from_dict(obj)  # the engine's own checks: types, id, years
    assert isinstance(obj, dict)
    _check_id_and_lengths(record)
    _check_publications(record)
    return _Row(
        line=line, person_id=record.id, values=_present_values(obj, record), roles=_roles(obj)
    )


def _validated_rows(text: str, filename: str, report: ImportReport) -> list[_Row]:
    source = json_lines(text) if is_json_lines(filename, text) else csv_rows(text)
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


# Accounts a directory or single sign-on keeps: the directory is the authority on who they are.
_DIRECTORY_SOURCES = ("ldap", "sso")


def _user_for_row(row: _Row, profile: Profile | None) -> Any:
    user_model = get_user_model()
    if profile is not None:
        return profile.user
    user = user_model.objects.filter(username=row.person_id).first()
    if user is None:
        user = user_model(username=row.person_id, auth_source="import")
        user.set_unusable_password()
    return user


def _identity(values: dict[str, Any]) -> dict[str, str]:
    """The identity fields the row would set: first and last name, e-mail."""
    identity: dict[str, str] = {}
    if "name" in values:
        first, last = _split_name(values["name"])
        identity.update(first_name=first[:150], last_name=last[:150])
    if "email" in values:
        identity["email"] = values["email"]
    return identity


def _refuse_protected(user: Any, identity: dict[str, str]) -> None:
    """The importer never changes an administrator account, nor who a directory-managed
    person is (a profile's id equals the username by default, so ``id=itadmin`` would
    otherwise reach the break-glass superuser)."""
    if user.pk and (user.is_staff or user.is_superuser):
        raise RecordError(
            f"refused: {user.username!r} is an administrator account, which the importer "
            "never changes"
        )
    if user.pk and user.auth_source in _DIRECTORY_SOURCES:
        changed = sorted(k for k, v in identity.items() if getattr(user, k) != v)
        if changed:
            raise RecordError(
                f"refused: the directory manages {user.username!r}, so the importer does not "
                f"change its {' and '.join(f.replace('_', ' ') for f in changed)}"
            )


def _save_profile(row: _Row, user: Any, profile: Profile | None) -> Profile:
    if profile is None:
        if user.pk and Profile.objects.filter(user=user).exists():
            # Re-keying someone's existing profile silently would break links to it.
            raise RecordError(
                f"the account {user.username!r} already has a profile under another id"
            )
        profile = Profile(user=user, person_id=row.person_id)
    for key in ("department", "rank", "track", "interests", "keywords"):
        if key in row.values:
            setattr(profile, key, row.values[key])
    profile.save()
    if "publications" in row.values:
        profile.publications.all().delete()
        Publication.objects.bulk_create(
            Publication(profile=profile, **pub) for pub in row.values["publications"]
        )
    return profile


def _save_row(row: _Row) -> bool:
    """Create or update one person; True when the profile is new."""
    profile = Profile.objects.select_related("user").filter(person_id=row.person_id).first()
    user = _user_for_row(row, profile)
    identity = _identity(row.values)
    _refuse_protected(user, identity)
    for key, value in identity.items():
        setattr(user, key, value)
    if row.roles is not None:
        user.is_mentee = "mentee" in row.roles
        user.is_mentor = "mentor" in row.roles
    user.save()
    _save_profile(row, user, profile)
    return profile is None


def profiles_import(*, file: BinaryIO | bytes, filename: str, actor: Any = None) -> ImportReport:
    """Import a CSV or JSON Lines file of person records; see the module docstring."""
    report = ImportReport(filename=filename)
    raw = file if isinstance(file, bytes) else file.read()
    try:
        text = decode(raw)
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
