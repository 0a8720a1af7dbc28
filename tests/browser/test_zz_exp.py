from typing import Any
import pytest
from mentormatch.core.models import InfoPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

def test_x(new_page: Any) -> None:
    print("COUNT", InfoPage.objects.count())
    page = new_page()
    r = page.goto("/about/what-is-mentoring/")
    print("STATUS", r.status)
    print("COUNT2", InfoPage.objects.count())
    assert r.ok
