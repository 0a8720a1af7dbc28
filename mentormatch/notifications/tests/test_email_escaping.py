"""Issue 9, item 8: subjects and text bodies are plain text (no ``&quot;``), while the HTML
part stays escaped and a subject stays one line."""

from __future__ import annotations

from typing import Any

from mentormatch.notifications.services import render_email


def test_an_invitation_subject_shows_quotes_and_ampersands_as_typed(
    invitation_context: dict[str, Any],
) -> None:
    invitation_context["round"].name = 'Women in "Surgery" & <Medicine>'
    invitation_context["user"].display_name = "Siobhán O'Brien"

    subject, text, html = render_email("round_invitation", invitation_context)

    assert subject == 'You are invited to the mentoring round "Women in "Surgery" & <Medicine>"'
    assert "&quot;" not in subject and "&amp;" not in subject
    assert "Dear Siobhán O'Brien," in text
    assert "&lt;Medicine&gt;" in html
    assert "<Medicine>" not in html


def test_a_line_break_in_a_name_cannot_add_a_header_to_the_subject(
    invitation_context: dict[str, Any],
) -> None:
    invitation_context["round"].name = "Spring\nBcc: everyone@example.edu"

    subject, _, _ = render_email("round_invitation", invitation_context)

    assert "\n" not in subject
