from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from mentormatch.audit.models import AuditEvent
from mentormatch.directory.importing import profiles_import
from mentormatch.directory.models import Profile
from mentormatch_engine.records import read_person_records
from tests.factories import make_user

User = get_user_model()


def jsonl(*lines: object) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()


JANE = {
    "id": "jdoe",
    "name": "Jane Q. Doe",
    "email": "jdoe@example.edu",
    "department": "Medicine",
    "rank": "Assistant Professor",
    "track": "research",
    "interests": "Sepsis outcomes",
    "keywords": ["sepsis", "ICU"],
    "publications": [{"title": "Early antibiotics", "abstract": "Timing.", "year": 2021}],
}


def test_mixed_good_and_bad_lines_keep_the_good_and_name_the_bad(db: Any) -> None:
    data = jsonl(
        JANE,  # 1
        '{"id": "broken", "name": ',  # 2 not JSON
        {"name": "No Id"},  # 3
        "",  # 4 blank: skipped
        {"id": "asmith", "email": "not-an-address"},  # 5
        {"id": "bjones", "publications": [{"title": "X", "year": "twenty"}]},  # 6
        {"id": "ckim", "keywords": "a, b", "department": 7},  # 7
        {"id": "jdoe", "name": "Jane again"},  # 8 duplicate
        {"id": "lee"},  # 9 good: only the id
        ["not", "an", "object"],  # 10
    )
    report = profiles_import(file=data, filename="people.jsonl")
    assert report.ok
    assert (report.created, report.updated) == (2, 0)
    reasons = {e.line: e.reason for e in report.errors}
    assert sorted(reasons) == [2, 3, 5, 6, 7, 8, 10]
    assert "not valid JSON" in reasons[2]
    assert "'id'" in reasons[3]
    assert "e-mail" in reasons[5]
    assert "year" in reasons[6]
    assert "department" in reasons[7]
    assert "duplicate id 'jdoe'" in reasons[8] and "line 1" in reasons[8]
    assert sorted(Profile.objects.values_list("person_id", flat=True)) == ["jdoe", "lee"]
    jane = Profile.objects.get(person_id="jdoe")
    assert jane.user.get_full_name() == "Jane Q. Doe"
    assert jane.keywords == ["sepsis", "ICU"]
    assert [(p.title, p.year) for p in jane.publications.all()] == [("Early antibiotics", 2021)]


def test_new_people_get_an_account_that_cannot_sign_in_with_a_password(db: Any) -> None:
    profiles_import(file=jsonl({**JANE, "roles": ["mentor"]}), filename="people.jsonl")
    user = User.objects.get(username="jdoe")
    assert user.auth_source == "import"
    assert not user.has_usable_password()
    assert user.is_mentor and not user.is_mentee
    profiles_import(file=jsonl({"id": "lee"}), filename="people.jsonl")
    lee = User.objects.get(username="lee")
    assert not lee.is_mentor and not lee.is_mentee


def test_a_reimport_updates_instead_of_duplicating(db: Any) -> None:
    profiles_import(file=jsonl(JANE), filename="people.jsonl")
    changed = {
        "id": "jdoe",
        "department": "Surgery",
        "publications": [{"title": "Later paper", "year": 2024}],
    }
    report = profiles_import(file=jsonl(changed, {"id": "new1"}), filename="people.jsonl")
    assert (report.created, report.updated) == (1, 1)
    assert Profile.objects.count() == 2
    assert User.objects.filter(username="jdoe").count() == 1
    jane = Profile.objects.get(person_id="jdoe")
    assert jane.department == "Surgery"
    assert jane.interests == "Sepsis outcomes"  # not in the new line: kept
    assert jane.user.email == "jdoe@example.edu"
    assert [p.title for p in jane.publications.all()] == ["Later paper"]


def test_an_existing_account_is_linked_not_duplicated(db: Any) -> None:
    user = make_user("Jane", username="jdoe", email="old@example.edu", profile=False)
    profiles_import(file=jsonl(JANE), filename="people.jsonl")
    assert Profile.objects.get(person_id="jdoe").user == user
    user.refresh_from_db()
    assert user.auth_source == "local"
    assert user.email == "jdoe@example.edu"


def test_an_account_whose_profile_has_another_id_is_reported_not_rekeyed(db: Any) -> None:
    user = make_user("Jane", username="jdoe", person_id="directory-77")
    report = profiles_import(file=jsonl(JANE, {"id": "lee"}), filename="people.jsonl")
    assert report.created == 1
    assert [(e.line, e.person_id) for e in report.errors] == [(1, "jdoe")]
    assert "already has a profile" in report.errors[0].reason
    assert Profile.objects.get(user=user).person_id == "directory-77"


CSV_TEXT = (
    "id,name,email,department,rank,track,interests,keywords,roles,publications\n"
    'jdoe,Jane Doe,jdoe@example.edu,Medicine,Professor,research,"Sepsis, shock",'
    'sepsis; ICU,mentor;mentee,"[{""title"": ""A paper"", ""year"": 2020}]"\n'
    "bad,,nope,,,,,,,\n"
    '"multi",Multi Line,,,,,"line one\nline two",,,\n'
    "x y,Space Id,,,,,,,,\n"
    "short,row\n"
    'pubs,,,,,,,,,"[oops"\n'
)


def test_a_csv_file_imports_with_line_numbers_for_bad_rows(db: Any) -> None:
    report = profiles_import(file=CSV_TEXT.encode(), filename="people.csv")
    assert (report.created, report.updated) == (2, 0)
    reasons = {e.line: e.reason for e in report.errors}
    assert sorted(reasons) == [3, 6, 7, 8]  # the quoted cell spans lines 4-5
    assert "e-mail" in reasons[3]
    assert "username" in reasons[6]
    assert "2 cells" in reasons[7]
    assert "publications cell is not valid JSON" in reasons[8]
    jane = Profile.objects.get(person_id="jdoe")
    assert jane.keywords == ["sepsis", "ICU"]
    assert jane.user.is_mentor and jane.user.is_mentee
    assert [(p.title, p.year) for p in jane.publications.all()] == [("A paper", 2020)]
    assert Profile.objects.get(person_id="multi").interests == "line one\nline two"


def test_csv_with_only_some_columns_leaves_the_rest_alone(db: Any) -> None:
    profiles_import(file=jsonl(JANE), filename="people.jsonl")
    profiles_import(file=b"id,department\njdoe,Surgery\n", filename="update.csv")
    profiles_import(file=b'id,keywords\nlee,"trials, ethics"\n', filename="update.csv")
    assert Profile.objects.get(person_id="lee").keywords == ["trials", "ethics"]
    jane = Profile.objects.get(person_id="jdoe")
    assert jane.department == "Surgery"
    assert jane.keywords == ["sepsis", "ICU"]
    assert jane.publications.count() == 1


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        ("naïve".encode("latin-1") + b"\n", "people.csv", "not UTF-8"),
        (b"", "people.jsonl", "empty"),
        (b"  \n\n", "people.csv", "empty"),
        (b"name,email\nJane,j@example.edu\n", "people.csv", "'id' column"),
        (b"id,colour\njdoe,blue\n", "people.csv", "Unknown column"),
    ],
)
def test_a_malformed_file_is_explained_and_changes_nothing(
    db: Any, content: bytes, filename: str, message: str
) -> None:
    report = profiles_import(file=content, filename=filename)
    assert not report.ok
    assert message in report.file_error
    assert not Profile.objects.exists()
    assert not User.objects.exists()


def test_a_byte_order_mark_is_accepted(db: Any) -> None:
    report = profiles_import(file=b"\xef\xbb\xbfid,name\njdoe,Jane Doe\n", filename="p.csv")
    assert report.created == 1


def test_the_import_is_written_to_the_audit_log(db: Any) -> None:
    profiles_import(file=jsonl(JANE, {"name": "x"}), filename="people.jsonl")
    event = AuditEvent.objects.get(action="profiles.import")
    assert event.details["created"] == 1
    assert event.details["errors"][0][0] == 2


def test_the_engine_reads_the_same_file_the_import_accepts(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "people.jsonl"
    path.write_bytes(jsonl(JANE, {"id": "lee"}))
    records = read_person_records(path)
    report = profiles_import(file=path.read_bytes(), filename=path.name)
    assert report.created == len(records) == 2


def test_coordinators_upload_a_file_and_see_the_report(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    upload = SimpleUploadedFile("people.jsonl", jsonl(JANE, '{"id": '))
    page = client.post("/profile/import/", {"file": upload}).content.decode()
    assert "1 new profile, 0 updated, 1 bad row skipped." in page
    assert "<td>2</td>" in page
    assert "not valid JSON" in page


def test_the_upload_page_explains_an_unreadable_file(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    upload = SimpleUploadedFile("people.csv", b"id,name\n\xff\xfe,Bad\n")
    page = client.post("/profile/import/", {"file": upload}).content.decode()
    assert "Nothing was imported." in page
    assert "not UTF-8" in page


def test_the_upload_page_asks_for_a_file(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    page = client.post("/profile/import/", {}).content.decode()
    assert 'role="alert"' in page
    assert "This field is required." in page


def test_participants_cannot_import(client: Any, owner: Any) -> None:
    client.force_login(owner)
    upload = SimpleUploadedFile("people.jsonl", jsonl(JANE))
    assert client.post("/profile/import/", {"file": upload}).status_code == 403
    assert not Profile.objects.exists()


def test_the_management_command_imports_and_reports_bad_lines(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "people.jsonl"
    path.write_bytes(jsonl(JANE, {"id": "lee"}))
    out = StringIO()
    call_command("import_profiles", str(path), stdout=out)
    assert "2 created, 0 updated, 0 bad rows skipped." in out.getvalue()

    path.write_bytes(jsonl(JANE, {"name": "no id"}))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 rows were not imported"):
        call_command("import_profiles", str(path), stdout=out, stderr=err)
    assert "line 2:" in err.getvalue()
    assert "0 created, 1 updated" in out.getvalue()


def test_the_management_command_names_an_unreadable_file(db: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_profiles", str(tmp_path / "missing.jsonl"))
