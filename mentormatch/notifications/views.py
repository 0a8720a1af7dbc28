"""The coordinators' view of the e-mail outbox: what has not gone out, and "retry now"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from mentormatch.accounts.access import coordinator_required
from mentormatch.notifications.selectors import outbox_counts, outbox_unsent
from mentormatch.notifications.services import outbox_retry_now


@require_GET
@coordinator_required
def outbox(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/outbox.html",
        {
            "unsent": outbox_unsent()[:500],
            "counts": outbox_counts(),
            "max_attempts": settings.MENTORMATCH["EMAIL_MAX_ATTEMPTS"],
        },
    )


@require_POST
@coordinator_required
def outbox_retry(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("message")
    message_ids = [int(raw)] if raw and raw.isdigit() else None
    count = outbox_retry_now(actor=request.user, message_ids=message_ids)
    if count:
        messages.success(request, f"Trying again now: {count} e-mail(s).")
    else:
        messages.info(request, "There was nothing to retry.")
    return redirect("notifications:outbox")
