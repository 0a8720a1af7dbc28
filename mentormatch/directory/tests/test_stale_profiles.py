from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.utils import timezone

from mentormatch.audit.models import AuditEvent
from mentormatch.directory.models import Profile
from mentormatch.directory.selectors import stale_profiles
from mentormatch.directory.services import profiles_stale_notify
from mentormatch.notifications.delivery import outbox_deliver_due
from mentormatch.notifications.models import OutboxMessage
from tests.factories import join, make_round, make_user


def age(profile: Profile, days: int) -> None:
    """Pretend the profile was last changed ``days`` ago (auto_now is bypassed by update)."""
    when = timezone.now() - dt.timedelta(days=days)
    Profile.objects.filter(pk=profile.pk).update(updated_at=when, confirmed_at=when)


def test_profiles_older_than_the_setting_are_stale(db: Any, settings: Any) -> None:
    settings.MENTORMATCH = {**settings.MENTORMATCH, "PROFILE_STALE_DAYS": 30}
    old, fresh = make_user("Old").profile, make_user("New").profile
    age(old, 31)
    age(fresh, 29)
    assert list(stale_profiles()) == [old]


def test_a_round_limits_the_list_to_its_participants(db: Any) -> None:
    round = make_round()
    inside, outside = make_user("In").profile, make_user("Out").profile
    age(inside, 400)
    age(outside, 400)
    join(round, inside.user, "mentee")
    assert list(stale_profiles(round=round)) == [inside]
    assert set(stale_profiles()) == {inside, outside}


def test_saving_a_draft_does_not_make_a_stale_profile_fresh(client: Any, db: Any) -> None:
    profile = make_user("Dee").profile
    age(profile, 400)
    client.force_login(profile.user)
    client.post(
        "/profile/edit/",
        {"department": "X", "action": "draft", "pubs-TOTAL_FORMS": "0", "pubs-INITIAL_FORMS": "0"},
    )
    assert list(stale_profiles()) == [profile]


def test_stale_profile_owners_receive_one_email_each(db: Any) -> None:
    round = make_round()
    profiles = [make_user(n).profile for n in ("Ada", "Bo")]
    for profile in profiles:
        age(profile, 400)
        join(round, profile.user, "mentee")
    coordinator = make_user("Cora", coordinator=True, profile=False)

    assert profiles_stale_notify(actor=coordinator, round=round) == 2
    assert profiles_stale_notify(actor=coordinator, round=round) == 0  # no second e-mail
    outbox_deliver_due()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in profiles)
    message = mail.outbox[0]
    assert round.name in message.subject
    assert "/profile/edit/" in message.body
    assert OutboxMessage.objects.filter(kind="profile_stale").count() == 2
    for profile in profiles:
        profile.refresh_from_db()
        assert profile.stale_notice_sent_at is not None
    assert AuditEvent.objects.filter(action="profiles.stale_notify", round_id=round.pk).count() == 2


def test_saving_the_profile_ends_its_staleness(client: Any, db: Any) -> None:
    profile = make_user("Eve").profile
    age(profile, 400)
    client.force_login(profile.user)
    client.post(
        "/profile/edit/",
        {
            "department": "Cardiology",
            "rank": "Professor",
            "track": "",
            "interests": "Heart failure",
            "keywords": "",
            "pubs-TOTAL_FORMS": "0",
            "pubs-INITIAL_FORMS": "0",
            "action": "save",
        },
    )
    assert not stale_profiles().exists()


def test_coordinators_list_stale_profiles_and_send_reminders(client: Any, db: Any) -> None:
    round = make_round()
    stale = make_user("Gus").profile
    no_mail = make_user("Hal").profile
    no_mail.user.email = ""
    no_mail.user.save()
    for profile in (stale, no_mail):
        age(profile, 400)
        join(round, profile.user, "mentee")
    client.force_login(make_user("Cora", coordinator=True, profile=False))

    page = client.get(f"/profile/stale/?round={round.pk}").content.decode()
    assert "2 stale profiles in" in page
    assert stale.user.display_name in page
    assert "No address: cannot be reminded" in page

    response = client.post("/profile/stale/", {"round": round.pk}, follow=True)
    assert "Queued 1 reminder." in response.content.decode()
    outbox_deliver_due()
    assert [m.to for m in mail.outbox] == [[stale.user.email]]


def test_participants_cannot_see_the_stale_list(client: Any, owner: Any) -> None:
    client.force_login(owner)
    assert client.get("/profile/stale/").status_code == 403
    assert client.post("/profile/stale/").status_code == 403
    assert not AuditEvent.objects.exists()


def test_the_owner_of_a_stale_profile_is_asked_to_check_it(client: Any, db: Any) -> None:
    profile = make_user("Fay").profile
    client.force_login(profile.user)
    assert "Please check your profile." not in client.get("/profile/").content.decode()
    age(profile, 400)
    assert "Please check your profile." in client.get("/profile/").content.decode()


def test_the_background_task_reminds_a_rounds_stale_profiles(db: Any) -> None:
    from mentormatch.directory.tasks import notify_stale_profiles

    round = make_round()
    profile = make_user("Ian").profile
    age(profile, 400)
    join(round, profile.user, "mentee")
    result = notify_stale_profiles.enqueue(round.pk)
    assert result.return_value == 1
    assert OutboxMessage.objects.get(kind="profile_stale").to_email == profile.user.email
