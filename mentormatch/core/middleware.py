"""Requests no page can answer sensibly, refused before any view sees them."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class RejectNulBytesMiddleware:
    """A NUL character in the query string is never meaningful, and PostgreSQL refuses it
    inside a query ("text fields cannot contain NUL"), which turned a filter such as the
    admin's ``?action=%00`` into a server error.  Such a request gets the 400 page instead.
    (Form fields already refuse NUL through Django's ``ProhibitNullCharactersValidator``.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest("A NUL character in the query string.")
        return self.get_response(request)
