"""Reading and validating person records (JSON Lines) and participants.

One JSON object per line::

    {"id": str, "name": str, "email": str, "department": str, "rank": str, "track": str,
     "interests": str, "keywords": [str], "publications": [{"title": str, "abstract": str,
     "year": int}]}

Only ``id`` is required; any other field may be missing, empty or null.  Participant files
(``match`` command) may add ``"capacity": int >= 0``, ``"answers": {key: value}`` and
``"excluded": [id, ...]``.  Every problem raises :class:`RecordError` (a ``ValueError``)
whose message names the file, the line and the problem.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from typing import Any

from mentormatch_engine.interface import AnswerValue, Participant, PersonRecord, Publication

__all__ = [
    "RecordError",
    "participant_from_dict",
    "person_record_from_dict",
    "read_participants",
    "read_person_records",
]

_STR_FIELDS = ("name", "email", "department", "rank", "track", "interests")


class RecordError(ValueError):
    """A person record or participant line is invalid; the message says where and why."""


def _prefix(where: str) -> str:
    return f"{where}: " if where else ""


def _opt_str(d: Mapping[str, Any], key: str, where: str) -> str:
    value = d.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"{_prefix(where)}field '{key}' must be a string, got {_tname(value)}")
    return value.strip()


def _tname(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _publication(p: object, where: str, i: int) -> Publication:
    if isinstance(p, str):  # tolerate a bare title
        return Publication(title=p.strip())
    if not isinstance(p, Mapping):
        raise RecordError(f"{_prefix(where)}publications[{i}] must be an object, got {_tname(p)}")
    title = p.get("title")
    abstract = p.get("abstract")
    year = p.get("year")
    for key, value in (("title", title), ("abstract", abstract)):
        if value is not None and not isinstance(value, str):
            raise RecordError(
                f"{_prefix(where)}publications[{i}].{key} must be a string, got {_tname(value)}"
            )
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, (int, float, str)):
            raise RecordError(f"{_prefix(where)}publications[{i}].year must be an integer")
        try:
            fyear = float(year)
        except ValueError:
            raise RecordError(
                f"{_prefix(where)}publications[{i}].year must be an integer, got {year!r}"
            ) from None
        if not math.isfinite(fyear) or fyear != int(fyear):
            raise RecordError(f"{_prefix(where)}publications[{i}].year must be an integer")
        year = int(fyear)
    return Publication(title=(title or "").strip(), abstract=(abstract or "").strip(), year=year)


def _keywords(kw: object, where: str) -> tuple[str, ...]:
    """``keywords``: a list of strings, or one comma-separated string."""
    if kw is None:
        return ()
    if isinstance(kw, str):
        return tuple(k.strip() for k in kw.split(",") if k.strip())
    if not isinstance(kw, list):
        raise RecordError(f"{_prefix(where)}field 'keywords' must be a list of strings")
    for k in kw:
        if not isinstance(k, str):
            raise RecordError(f"{_prefix(where)}keywords must be strings, got {_tname(k)}")
    return tuple(k.strip() for k in kw if k.strip())


def _publications(pubs: object, where: str) -> tuple[Publication, ...]:
    if pubs is None:
        return ()
    if not isinstance(pubs, list):
        raise RecordError(f"{_prefix(where)}field 'publications' must be a list")
    return tuple(_publication(p, where, i) for i, p in enumerate(pubs))


def person_record_from_dict(d: object, *, where: str = "") -> PersonRecord:
    """Validate one decoded JSON object and build a :class:`PersonRecord`.

    ``where`` (e.g. ``"people.jsonl line 3"``) prefixes every error message.
    """
    if not isinstance(d, Mapping):
        raise RecordError(f"{_prefix(where)}expected a JSON object, got {_tname(d)}")
    raw_id = d.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        raise RecordError(f"{_prefix(where)}missing required field 'id'")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise RecordError(f"{_prefix(where)}field 'id' must be a string, got {_tname(raw_id)}")
    strs = {key: _opt_str(d, key, where) for key in _STR_FIELDS}
    return PersonRecord(
        id=str(raw_id).strip(),
        keywords=_keywords(d.get("keywords"), where),
        publications=_publications(d.get("publications"), where),
        **strs,
    )


def _answer(value: object, key: str, where: str) -> AnswerValue:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise RecordError(f"{_prefix(where)}answers.{key} is not a finite number")
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    raise RecordError(f"{_prefix(where)}answers.{key} must be a string, number or list of strings")


def participant_from_dict(d: object, *, where: str = "") -> Participant:
    """A :class:`Participant` from a person record plus optional ``capacity``, ``answers``
    and ``excluded`` fields."""
    record = person_record_from_dict(d, where=where)
    assert isinstance(d, Mapping)
    cap = d.get("capacity", 1)
    if cap is None:
        cap = 1
    if isinstance(cap, bool) or not isinstance(cap, (int, float)):
        raise RecordError(f"{_prefix(where)}field 'capacity' must be an integer")
    if isinstance(cap, float) and (not math.isfinite(cap) or cap != int(cap)):
        raise RecordError(f"{_prefix(where)}field 'capacity' must be an integer, got {cap!r}")
    if cap < 0:
        raise RecordError(f"{_prefix(where)}negative capacity {int(cap)}")
    answers_raw = d.get("answers")
    if answers_raw is None:
        answers_raw = {}
    if not isinstance(answers_raw, Mapping):
        raise RecordError(f"{_prefix(where)}field 'answers' must be an object")
    answers = {str(k): _answer(v, str(k), where) for k, v in answers_raw.items()}
    excl = d.get("excluded")
    if excl is None:
        excl = []
    if not isinstance(excl, list) or not all(isinstance(x, (str, int)) for x in excl):
        raise RecordError(f"{_prefix(where)}field 'excluded' must be a list of ids")
    return Participant(
        record=record,
        answers=answers,
        capacity=int(cap),
        excluded=frozenset(str(x).strip() for x in excl),
    )


def _iter_json_lines(path: str | os.PathLike[str]) -> list[tuple[str, object]]:
    name = os.fspath(path)
    out: list[tuple[str, object]] = []
    try:
        fh = open(name, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise RecordError(f"{name}: cannot read file ({exc.strerror})") from None
    with fh:
        try:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{name} line {lineno}"
                try:
                    obj = json.loads(line, parse_constant=_reject_constant)
                except (json.JSONDecodeError, _BadConstant) as exc:
                    msg = str(exc) if isinstance(exc, _BadConstant) else exc.msg
                    raise RecordError(f"{where}: malformed JSON ({msg})") from None
                out.append((where, obj))
        except UnicodeDecodeError:
            raise RecordError(f"{name}: file is not UTF-8 text") from None
    return out


class _BadConstant(ValueError):
    pass


def _reject_constant(token: str) -> object:
    raise _BadConstant(f"{token} is not allowed")


def _check_unique(items: list[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for where, pid in items:
        if pid in seen:
            raise RecordError(f"{where}: duplicate id {pid!r} (first at {seen[pid]})")
        seen[pid] = where


def read_person_records(path: str | os.PathLike[str]) -> list[PersonRecord]:
    """Read a JSON Lines file of person records (blank lines are skipped; ids must be unique)."""
    recs = [
        (where, person_record_from_dict(obj, where=where)) for where, obj in _iter_json_lines(path)
    ]
    _check_unique([(w, r.id) for w, r in recs])
    return [r for _, r in recs]


def read_participants(path: str | os.PathLike[str]) -> list[Participant]:
    """Read a JSON Lines file of participants (person record + capacity/answers/excluded)."""
    parts = [
        (where, participant_from_dict(obj, where=where)) for where, obj in _iter_json_lines(path)
    ]
    _check_unique([(w, p.record.id) for w, p in parts])
    return [p for _, p in parts]
