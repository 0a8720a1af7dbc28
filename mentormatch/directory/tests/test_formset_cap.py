"""Issue 9, item 9: a posted form count cannot make the profile editor build thousands of
forms."""

from __future__ import annotations

from typing import Any

from mentormatch.directory.forms import MAX_PUBLICATIONS
from mentormatch.directory.tests.test_profile_pages import EDIT, form_data


def test_a_huge_total_forms_count_is_capped_and_refused(client: Any, owner: Any) -> None:
    client.force_login(owner)

    response = client.post(EDIT, form_data(**{"pubs-TOTAL_FORMS": "100000"}))

    assert response.status_code == 200
    assert len(response.context["formset"].forms) <= MAX_PUBLICATIONS
    assert f"Please submit at most {MAX_PUBLICATIONS} forms" in response.content.decode()
    assert len(response.content) < 400_000


def test_the_add_row_button_is_capped_too(client: Any, owner: Any) -> None:
    client.force_login(owner)

    response = client.post(
        EDIT, form_data(**{"pubs-TOTAL_FORMS": "100000", "action": "add_publication"})
    )

    assert len(response.context["formset"].forms) <= MAX_PUBLICATIONS + 1
