from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from mentormatch.directory.models import Profile
from mentormatch.questionnaire.services import response_submit
from tests.factories import join, make_profile, make_round, make_user

EDIT = "/profile/edit/"
TYPED = "Sepsis outcomes & <ICU> follow-up"
# The saved profile the tests start from, and look for on the pages.
HEART_FAILURE: dict[str, Any] = {
    "department": "Cardiology",
    "track": "research",
    "interests": "Heart failure trials",
    "keywords": ["heart failure", "trials"],
    "publications": ["Diuretics in heart failure"],
}


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "department": "Emergency Medicine",
        "rank": "Assistant Professor",
        "track": "clinical_investigator",
        "interests": TYPED,
        "keywords": "sepsis, ICU , sepsis, follow-up",
        "pubs-TOTAL_FORMS": "2",
        "pubs-INITIAL_FORMS": "0",
        "pubs-MIN_NUM_FORMS": "0",
        "pubs-MAX_NUM_FORMS": "1000",
        "pubs-0-title": "Early antibiotics in sepsis",
        "pubs-0-year": "2023",
        "pubs-0-abstract": "We studied timing.",
        "pubs-1-title": "",
        "pubs-1-year": "",
        "pubs-1-abstract": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_the_urls_have_the_agreed_names() -> None:
    assert reverse("directory:me") == "/profile/"
    assert reverse("directory:edit") == EDIT


def test_a_new_user_creates_a_profile_by_saving(client: Any, owner: Any) -> None:
    client.force_login(owner)
    assert "Create my profile" in client.get("/profile/").content.decode()
    page = client.post(EDIT, form_data(), follow=True).content.decode()
    assert "Your profile is saved." in page
    profile = Profile.objects.get(user=owner)
    assert profile.person_id == owner.username
    assert profile.keywords == ["sepsis", "ICU", "follow-up"]
    assert profile.confirmed_at is not None
    assert [(p.title, p.year) for p in profile.publications.all()] == [
        ("Early antibiotics in sepsis", 2023)
    ]
    assert "Early antibiotics in sepsis (2023)" in re.sub(r"</?strong>", "", page)


def test_a_draft_keeps_typed_text_and_leaves_the_saved_profile_alone(
    client: Any, owner: Any
) -> None:
    profile = make_profile(owner, **HEART_FAILURE)
    client.force_login(owner)
    data = form_data(action="draft", department="", **{"pubs-0-year": "twenty"})
    response = client.post(EDIT, data, follow=True)
    page = response.content.decode()
    assert "Your draft is saved" in page
    assert "Sepsis outcomes &amp; &lt;ICU&gt; follow-up" in page
    assert 'value="twenty"' in page
    assert "field-error" not in page

    profile.refresh_from_db()
    assert profile.department == "Cardiology"
    assert profile.interests == "Heart failure trials"
    assert [p.title for p in profile.publications.all()] == ["Diuretics in heart failure"]
    assert profile.draft is not None and profile.draft["interests"] == TYPED

    me = client.get("/profile/").content.decode()
    assert "You have an unsaved draft" in me
    assert "Heart failure trials" in me


def test_discarding_a_draft_shows_the_saved_profile_again(client: Any, owner: Any) -> None:
    make_profile(owner, **HEART_FAILURE)
    client.force_login(owner)
    client.post(EDIT, form_data(action="draft"))
    client.post(EDIT, {"action": "discard"})
    page = client.get(EDIT).content.decode()
    assert "Heart failure trials" in page
    assert TYPED not in page
    assert Profile.objects.get(user=owner).draft is None


def test_an_invalid_save_shows_errors_next_to_fields_and_keeps_every_word(
    client: Any, owner: Any
) -> None:
    profile = make_profile(owner, **HEART_FAILURE)
    client.force_login(owner)
    data = form_data(department="", **{"pubs-0-year": "20x3"})
    response = client.post(EDIT, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert 'href="#id_department"' in page
    assert 'href="#id_pubs-0-year"' in page
    assert re.search(
        r'<label for="id_department">.*?id="id_department_error">This field is required', page, re.S
    )
    assert "Enter the year as four digits" in page
    assert 'value="20x3"' in page
    assert "Sepsis outcomes &amp; &lt;ICU&gt; follow-up" in page
    profile.refresh_from_db()
    assert profile.department == "Cardiology"


def test_saving_replaces_publications_and_removes_ticked_ones(client: Any, owner: Any) -> None:
    make_profile(owner, **HEART_FAILURE)
    client.force_login(owner)
    data = form_data(
        **{
            "pubs-TOTAL_FORMS": "2",
            "pubs-INITIAL_FORMS": "1",
            "pubs-0-title": "Diuretics in heart failure",
            "pubs-0-year": "2022",
            "pubs-0-DELETE": "on",
            "pubs-1-title": "A new paper",
            "pubs-1-year": "2024",
        }
    )
    client.post(EDIT, data)
    titles = [p.title for p in Profile.objects.get(user=owner).publications.all()]
    assert titles == ["A new paper"]


def test_the_editor_offers_rows_for_existing_publications_and_one_more(
    client: Any, owner: Any
) -> None:
    make_profile(owner, **HEART_FAILURE)
    client.force_login(owner)
    page = client.get(EDIT).content.decode()
    assert 'value="Diuretics in heart failure"' in page
    assert 'name="pubs-TOTAL_FORMS" value="2"' in page
    assert "Remove this publication" in page


def test_other_participants_read_a_profile_without_confidential_answers(
    client: Any, owner: Any
) -> None:
    profile = make_profile(owner, **HEART_FAILURE)
    round = make_round()
    join(round, owner, "mentee")
    response_submit(round=round, user=owner, role="mentee", answers={"gender_pref": "woman"})
    reader = make_user("Rita", profile=False)
    join(round, reader, "mentor")
    client.force_login(reader)
    page = client.get(reverse("directory:detail", args=[profile.person_id])).content.decode()
    assert "Heart failure trials" in page
    assert "Diuretics in heart failure" in page
    assert "Research / tenure track" in page
    assert "woman" not in page.lower().replace("women", "")
    assert "draft" not in page.lower()


def test_someone_outside_the_programme_cannot_read_profiles(client: Any, owner: Any) -> None:
    profile = make_profile(owner, **HEART_FAILURE)
    client.force_login(make_user("Stranger", profile=False))
    assert client.get(reverse("directory:detail", args=[profile.person_id])).status_code == 404
    client.logout()
    response = client.get(reverse("directory:detail", args=[profile.person_id]))
    assert response.status_code == 302


def test_a_draft_is_never_shown_to_others(client: Any, owner: Any) -> None:
    profile = make_profile(owner, **HEART_FAILURE)
    client.force_login(owner)
    client.post(EDIT, form_data(action="draft"))
    client.force_login(make_user("Mo", mentor=True, profile=False))
    page = client.get(reverse("directory:detail", args=[profile.person_id])).content.decode()
    assert "Heart failure trials" in page
    assert "Sepsis" not in page


def test_an_emptied_publication_row_is_removed_not_an_error(client: Any, owner: Any) -> None:
    make_profile(owner, **HEART_FAILURE)
    client.force_login(owner)
    data = form_data(
        **{"pubs-INITIAL_FORMS": "1", "pubs-0-title": "", "pubs-0-year": "", "pubs-0-abstract": ""}
    )
    response = client.post(EDIT, data)
    assert response.status_code == 302
    assert not Profile.objects.get(user=owner).publications.exists()


def test_adding_a_publication_row_keeps_everything_typed(client: Any, owner: Any) -> None:
    client.force_login(owner)
    page = client.post(EDIT, form_data(action="add_publication")).content.decode()
    assert 'name="pubs-TOTAL_FORMS" value="2"' in page
    assert 'value="Early antibiotics in sepsis"' in page
    assert "Sepsis outcomes &amp; &lt;ICU&gt; follow-up" in page
    assert 'name="pubs-1-title"' in page
    assert "field-error" not in page
    assert not Profile.objects.filter(user=owner).exists()
