"""Writes owned by home: the programme's information pages (coordinators edit them)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from mentormatch.audit.services import audit_record
from mentormatch.home.models import InfoPage


@transaction.atomic
def info_page_create(
    *,
    actor: Any,
    slug: str,
    title: str,
    body: str,
    position: int = 0,
    published: bool = True,
    request: HttpRequest | None = None,
) -> InfoPage:
    page = InfoPage.objects.create(
        slug=slug, title=title, body=body, position=position, published=published
    )
    audit_record(
        actor=actor,
        action="info_page.create",
        obj=page,
        summary=f"Added the information page “{title}”",
        request=request,
    )
    return page


@transaction.atomic
def info_page_update(
    *,
    actor: Any,
    page: InfoPage,
    slug: str,
    title: str,
    body: str,
    position: int,
    published: bool,
    request: HttpRequest | None = None,
) -> InfoPage:
    changed = [
        name
        for name, value in (
            ("slug", slug),
            ("title", title),
            ("body", body),
            ("position", position),
            ("published", published),
        )
        if getattr(page, name) != value
    ]
    page.slug, page.title, page.body = slug, title, body
    page.position, page.published = position, published
    page.save()
    audit_record(
        actor=actor,
        action="info_page.update",
        obj=page,
        summary=f"Edited the information page “{title}”",
        details={"changed": changed},
        request=request,
    )
    return page
