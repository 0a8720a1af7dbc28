"""A whole round over HTTP, as the people in it would live it, with real e-mail.

A coordinator creates, opens and fills a round; a mentee and a mentor sign in, complete their
research profiles and questionnaires; the coordinator runs matching and publishes it; the
mentee follows the link in the results e-mail and asks the mentor; the mentor follows the
link in the request e-mail and accepts; both get the confirmation.  Every page is reached
and every form is submitted the way a browser would (the fields the page renders, with its
CSRF token), and every e-mail goes through the outbox to a real SMTP server on loopback.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentormatch.accounts.models import User
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.mentorships.models import Mentorship, MentorshipStatus
from mentormatch.notifications import testing as mail_testing
from mentormatch.notifications.testing import SmtpServer, text_and_html
from mentormatch.questionnaire.services import response_submit
from mentormatch.rounds.models import Round, RoundStatus
from tests.factories import make_user

PASSWORD = "a long test passphrase"

# The notifications app's fixture: a real SMTP server (aiosmtpd) on a free loopback port, with
# Django's SMTP backend pointed at it.
smtp = mail_testing.smtp_server


# --- A browser's view of a page's forms ----------------------------------------------------


class PageForm:
    """One <form>: where it posts and the values a browser would send as it stands."""

    def __init__(self, action: str) -> None:
        self.action = action
        self.values: dict[str, list[str]] = defaultdict(list)
        self.options: dict[str, list[str]] = defaultdict(list)  # radio/checkbox values

    def set(self, name: str, *values: str) -> None:
        """Type into a field, pick a radio option or tick exactly these boxes."""
        if name not in self.values and name not in self.options:
            raise AssertionError(f"The form has no field {name!r}")
        if name in self.options:
            unknown = set(values) - set(self.options[name])
            assert not unknown, f"{name!r} offers no option {unknown}"
        self.values[name] = list(values)

    def choose_first_where_empty(self) -> None:
        """Click the first option of every choice (radio or checkbox) left unanswered."""
        for name, options in self.options.items():
            if not self.values.get(name):
                self.values[name] = [options[0]]

    def data(self) -> dict[str, list[str]]:
        return {name: values for name, values in self.values.items() if values}


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: tuple[str, list[str], list[str]] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = PageForm(a.get("action", ""))
            self.forms.append(self._form)
            return
        form, name = self._form, a.get("name", "")
        if form is None:
            return
        if tag == "option":
            self._add_option(a)
        elif name and tag == "input":
            self._add_input(form, name, a)
        elif name and tag == "select":
            self._select = (name, [], [])
        elif name and tag == "textarea":
            self._textarea = (name, [])

    def _add_option(self, a: dict[str, str]) -> None:
        if self._select is None:
            return
        self._select[1].append(a.get("value", ""))
        if "selected" in a:
            self._select[2].append(a.get("value", ""))

    @staticmethod
    def _add_input(form: PageForm, name: str, a: dict[str, str]) -> None:
        """An <input>: its value, or one more option of a radio group or set of boxes."""
        kind = a.get("type", "text").lower()
        if kind in ("submit", "button", "image", "reset", "file"):
            return
        if kind in ("radio", "checkbox"):
            form.options[name].append(a.get("value", "on"))
            form.values.setdefault(name, [])
            if "checked" in a:
                form.values[name].append(a.get("value", "on"))
        else:
            form.values[name] = [a.get("value", "")]

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options, selected = self._select
            self._form.values[name] = selected or options[:1]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, parts = self._textarea
            text = "".join(parts)
            self._form.values[name] = [text[1:] if text.startswith("\n") else text]
            self._textarea = None


def form_on(page: Any, *, field: str = "", action: str = "") -> PageForm:
    """The form on a rendered page that has ``field`` or posts to ``action``."""
    assert page.status_code == 200, f"{page.request['PATH_INFO']} answered {page.status_code}"
    parser = _FormParser()
    parser.feed(page.content.decode())
    for form in parser.forms:
        # A form without an action posts back to the page itself.
        form.action = form.action.split("#")[0] or page.request["PATH_INFO"]
        if (field and (field in form.values or field in form.options)) or (
            action and form.action == action
        ):
            return form
    raise AssertionError(f"No form with field={field!r} action={action!r} on the page")


def submit(client: Client, form: PageForm) -> Any:
    return client.post(form.action, form.data())


def sign_in(username: str) -> Client:
    """A fresh browser that signs in through the sign-in page."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("accounts:login"))
    form = form_on(page, field="username")
    form.set("username", username)
    form.set("password", PASSWORD)
    response = submit(browser, form)
    assert response.status_code == 302, f"{username} could not sign in"
    return browser


def link_in(message: EmailMessage, path_pattern: str) -> str:
    """The path of the first link in the e-mail's text whose path matches the pattern."""
    text, _ = text_and_html(message)
    for url in re.findall(r"https?://\S+", text):
        path = urlsplit(url).path
        if re.fullmatch(path_pattern, path):
            return path
    raise AssertionError(f"No link matching {path_pattern} in:\n{text}")


def only_mail(smtp: SmtpServer, to: str, subject_part: str) -> EmailMessage:
    found = [m for m in smtp.to(to) if subject_part in str(m["Subject"])]
    assert len(found) == 1, f"{len(found)} e-mails to {to} about {subject_part!r}"
    return found[0]


# --- The people ------------------------------------------------------------------------------


def _person(username: str, first: str, last: str, *, profile: bool = False, **traits: Any) -> User:
    """Someone who signs in with ``PASSWORD`` (see ``tests.factories.make_user``)."""
    return make_user(
        first,
        username=username,
        last_name=last,
        email=f"{username}@hospital.example.edu",
        password=PASSWORD,
        profile=profile,
        **traits,
    )


@pytest.fixture
def people(settings: Any) -> dict[str, User]:
    # A fast password hash: sign-in is exercised, the hash's cost is not the point here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    other = _person(
        "other.mentor",
        "Quinn",
        "Abbott",
        mentor=True,
        profile=True,
        person_id="other.mentor",
        department="Dermatology",
        rank="Professor",
        track="clinical",
        interests="Psoriasis and atopic dermatitis; dermoscopy and teledermatology.",
        keywords=["psoriasis", "atopic dermatitis", "teledermatology"],
        confirmed=True,
    )
    return {
        "coordinator": _person("coord", "Alex", "Morgan", coordinator=True),
        "mentee": _person("sam.rivera", "Sam", "Rivera", mentee=True),
        "mentor": _person("dana.whitfield", "Dana", "Whitfield", mentor=True),
        "other": other,
    }


# --- The steps -------------------------------------------------------------------------------


def coordinator_opens_a_round(coordinator: Client) -> Round:
    page = coordinator.get(reverse("rounds:create"))
    form = form_on(page, field="name")
    today = timezone.localdate()
    form.set("name", "Faculty mentoring 2027")
    form.set("opens_on", today.isoformat())
    form.set("closes_on", (today + timedelta(days=30)).isoformat())
    response = submit(coordinator, form)
    assert response.status_code == 302, "the round was not created"
    round_ = Round.objects.get(name="Faculty mentoring 2027")

    detail = coordinator.get(response["Location"])
    submit(coordinator, form_on(detail, action=reverse("rounds:open", args=[round_.pk])))
    detail = coordinator.get(reverse("rounds:detail", args=[round_.pk]))
    submit(coordinator, form_on(detail, action=reverse("rounds:invite", args=[round_.pk])))
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
    return round_


def edit_profile(browser: Client, **typed: str) -> None:
    form = form_on(browser.get(reverse("directory:edit")), field="department")
    for name, value in typed.items():
        form.set(name, value)
    response = submit(browser, form)
    assert response.status_code == 302, "the profile was not saved"
    assert response["Location"] == reverse("directory:me")


def answer_questionnaire(browser: Client, invitation: EmailMessage, **answers: Any) -> None:
    """Follow the invitation's link, answer what matters to this person, submit."""
    path = link_in(invitation, r"/questionnaire/rounds/\d+/(mentee|mentor)/")
    form = form_on(browser.get(path), field=f"q_{next(iter(answers))}")
    for key, value in answers.items():
        values = value if isinstance(value, list) else [str(value)]
        form.set(f"q_{key}", *values)
    form.choose_first_where_empty()
    response = submit(browser, form)
    assert response.status_code == 302, "the questionnaire was not accepted"
    assert "submitted" in browser.get(path).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_mentee_and_a_mentor_go_from_invitation_to_mentorship_with_real_email(
    smtp: SmtpServer, people: dict[str, User]
) -> None:
    mentee, mentor = people["mentee"], people["mentor"]

    # 1. The coordinator creates and opens a round, and invites everyone eligible.
    coordinator = sign_in("coord")
    round_ = coordinator_opens_a_round(coordinator)
    invitation = only_mail(smtp, mentee.email, "You are invited")
    assert round_.name in str(invitation["Subject"])
    mentor_invitation = only_mail(smtp, mentor.email, "You are invited")

    # 2. The mentee signs in, completes the research profile and the questionnaire.
    mentee_browser = sign_in("sam.rivera")
    edit_profile(
        mentee_browser,
        department="Cardiology",
        rank="Assistant Professor",
        track="clinical_investigator",
        interests="Atrial fibrillation and stroke prevention; cardiac imaging in older adults.",
        keywords="atrial fibrillation, stroke prevention, cardiac imaging",
    )
    answer_questionnaire(
        mentee_browser,
        invitation,
        areas_wanted=["research", "grant_writing"],
        department_pref="same_preferred",
        career_track_pref="no_preference",
    )

    # 3. The mentor does the same.
    mentor_browser = sign_in("dana.whitfield")
    edit_profile(
        mentor_browser,
        department="Cardiology",
        rank="Professor",
        track="clinical_investigator",
        interests="Atrial fibrillation, stroke prevention and cardiac imaging with ECG monitoring.",
        keywords="atrial fibrillation, stroke prevention, cardiac imaging",
    )
    answer_questionnaire(
        mentor_browser,
        mentor_invitation,
        areas_offered=["research", "grant_writing", "publishing"],
        capacity=2,
    )
    # Another mentor, in another field, has answered too: matching has a real choice.
    response_submit(
        round=round_,
        user=people["other"],
        role="mentor",
        answers={"areas_offered": ["teaching"], "capacity": 1, "career_track": "clinical"},
    )

    # 4. The coordinator runs matching (inline in tests) and publishes the results.
    detail = coordinator.get(reverse("rounds:detail", args=[round_.pk]))
    run_start = form_on(detail, action=reverse("matching:run_start", args=[round_.pk]))
    started = submit(coordinator, run_start)
    assert started.status_code == 302
    run_page = coordinator.get(started["Location"])
    run = MatchRun.objects.get(round=round_)
    assert run.status == RunStatus.SUCCEEDED, run.error
    publish = form_on(run_page, action=reverse("matching:run_publish", args=[round_.pk, run.pk]))
    assert submit(coordinator, publish).status_code == 302

    # 5. The results e-mail reaches the mentee, naming the mentor first.
    results = only_mail(smtp, mentee.email, "shortlist")
    text, _ = text_and_html(results)
    assert f"1. {mentor.display_name}" in text

    # 6. The mentee follows its link and asks the mentor.
    shortlist_path = link_in(results, r"/mentorships/round/\d+/shortlist/")
    shortlist = mentee_browser.get(shortlist_path)
    choose_path = re.search(
        r'href="(/mentorships/round/\d+/choose/\d+/)">Choose ' + mentor.display_name,
        shortlist.content.decode(),
    )
    assert choose_path, "the shortlist offers no way to choose the mentor"
    form = form_on(mentee_browser.get(choose_path.group(1)), field="message")
    form.set("message", "I would value your advice on my first grant.")
    assert submit(mentee_browser, form).status_code == 302

    # 7. The mentor gets the request by e-mail, follows the accept link and accepts.
    request_mail = only_mail(smtp, mentor.email, f"request from {mentee.display_name}")
    assert "my first grant" in text_and_html(request_mail)[0]
    accept_path = link_in(request_mail, r"/mentorships/requests/\d+/accept/")
    accepted = submit(mentor_browser, form_on(mentor_browser.get(accept_path), action=accept_path))
    assert accepted.status_code == 302

    # 8. Both are told, and the mentorship is on record.
    to_mentee = only_mail(smtp, mentee.email, f"{mentor.display_name} is your mentor")
    to_mentor = only_mail(smtp, mentor.email, f"You are mentoring {mentee.display_name}")
    assert mentor.email in text_and_html(to_mentee)[0]
    assert mentee.email in text_and_html(to_mentor)[0]
    assert Mentorship.objects.filter(
        round=round_, mentee=mentee, mentor=mentor, status=MentorshipStatus.ACTIVE
    ).exists()
    assert not [m for m in smtp.to(people["other"].email) if "request" in m["Subject"]]
