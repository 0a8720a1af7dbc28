"""Absolute links for e-mails: the one place ``SITE_URL`` meets ``reverse()``.

Pages link with relative URLs; an e-mail is read outside the site, so every link in it must
carry the scheme and host the site is served from (``MENTORMATCH_SITE_URL``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(name: str, **kwargs: Any) -> str:
    """``SITE_URL`` + ``reverse(name, kwargs=kwargs)``; raises ``NoReverseMatch`` on a bad name."""
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs or None)}"
