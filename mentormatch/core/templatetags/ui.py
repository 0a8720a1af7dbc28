"""Template helpers shared by every page: navigation links and accessible form fields.

``{% nav_link "directory:edit" "Your profile" %}`` renders a list item only when the page
exists, and marks it ``aria-current="page"`` when it is the page (or section) being shown.

``{% field form.title %}`` renders a label, help text, the widget and its errors, with
``aria-describedby`` and ``aria-invalid`` set so screen readers read the error with the field.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context: template.Context, url_name: str, label: str, section: str = "") -> str:
    """A navigation item; ``section`` is a path prefix that also counts as "this page"."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    path = request.path if request is not None else ""
    current = path == url or bool(section and path.startswith(section))
    if current:
        return format_html('<li><a href="{}" aria-current="page">{}</a></li>', url, label)
    return format_html('<li><a href="{}">{}</a></li>', url, label)


def _describedby_ids(bound: BoundField) -> list[str]:
    ids = []
    if bound.help_text:
        ids.append(f"{bound.auto_id}-help")
    if bound.errors:
        ids.append(f"{bound.auto_id}-error")
    return ids


@register.simple_tag
def field(bound: BoundField, **attrs: Any) -> str:
    """One form field in the project's pattern (see templates/partials/field.html)."""
    widget_attrs: dict[str, Any] = dict(attrs)
    described = _describedby_ids(bound)
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    if bound.errors:
        widget_attrs["aria-invalid"] = "true"
    return render_to_string(
        "partials/field.html",
        {"field": bound, "widget": bound.as_widget(attrs=widget_attrs)},
    )
