from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentormatch_engine import (
    RecordError,
    participant_from_dict,
    person_record_from_dict,
    read_participants,
    read_person_records,
)


def write(tmp_path: Path, lines: list[str], name: str = "p.jsonl") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_full_and_minimal_records(tmp_path: Path) -> None:
    full = {
        "id": "a1",
        "name": "Ann",
        "email": "a@x.org",
        "department": "Cardiology",
        "rank": "Professor",
        "track": "clinical",
        "interests": "heart failure",
        "keywords": ["arrhythmia", " echo "],
        "publications": [{"title": "T", "abstract": "A", "year": 2020}],
    }
    p = write(
        tmp_path,
        [
            json.dumps(full),
            "",
            json.dumps({"id": "b2", "name": None, "keywords": None, "publications": []}),
        ],
    )
    recs = read_person_records(p)
    assert [r.id for r in recs] == ["a1", "b2"]
    assert recs[0].keywords == ("arrhythmia", "echo")
    assert recs[0].publications[0].year == 2020
    assert recs[1].name == "" and recs[1].keywords == () and recs[1].publications == ()


def test_record_error_is_value_error() -> None:
    assert issubclass(RecordError, ValueError)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "a", ', "malformed JSON"),
        ('{"name": "x"}', "missing required field 'id'"),
        ('["a"]', "expected a JSON object"),
        ('{"id": "a", "keywords": 3}', "keywords"),
        ('{"id": "a", "publications": [{"year": "soon"}]}', "year must be an integer"),
        ('{"id": "a", "interests": 5}', "field 'interests' must be a string"),
        ('{"id": "a", "capacity": NaN}', "NaN is not allowed"),
    ],
)
def test_bad_lines_name_file_line_and_problem(tmp_path: Path, line: str, problem: str) -> None:
    p = write(tmp_path, ['{"id": "ok"}', line])
    with pytest.raises(RecordError) as err:
        read_person_records(p)
    msg = str(err.value)
    assert f"{p} line 2" in msg and problem in msg


def test_duplicate_id(tmp_path: Path) -> None:
    p = write(tmp_path, ['{"id": "a"}', '{"id": "a"}'])
    with pytest.raises(RecordError, match=r"line 2: duplicate id 'a'"):
        read_person_records(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="cannot read file"):
        read_person_records(tmp_path / "nope.jsonl")


def test_person_record_from_dict_where_prefix() -> None:
    with pytest.raises(RecordError, match=r"^row 7: missing required field 'id'"):
        person_record_from_dict({}, where="row 7")
    assert person_record_from_dict({"id": 12}).id == "12"


def test_participant_fields(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        [
            '{"id": "r", "capacity": 3, "answers": {"areas": ["grants"], '
            '"mode": "online"}, "excluded": ["m1"]}',
            '{"id": "s"}',
        ],
    )
    parts = read_participants(p)
    assert parts[0].capacity == 3 and parts[0].excluded == frozenset({"m1"})
    assert parts[0].answers["areas"] == ["grants"]
    assert parts[1].capacity == 1


@pytest.mark.parametrize(
    ("d", "problem"),
    [
        ({"id": "a", "capacity": -1}, "negative capacity -1"),
        ({"id": "a", "capacity": 1.5}, "capacity"),
        ({"id": "a", "answers": []}, "answers"),
        ({"id": "a", "excluded": "m1"}, "excluded"),
    ],
)
def test_bad_participant(d: dict[str, object], problem: str) -> None:
    with pytest.raises(RecordError, match=problem):
        participant_from_dict(d, where="x line 1")
