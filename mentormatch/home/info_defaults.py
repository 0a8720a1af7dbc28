# ruff: noqa: E501 - each paragraph is one line: a single newline would become a <br>
"""The programme's default information pages (seeded by migration core 0002).

Coordinators edit them afterwards; installing them again never touches a page that exists.
"""

from __future__ import annotations

from typing import Any

DEFAULT_PAGES = [
    (
        "what-is-mentoring",
        "What faculty mentoring is",
        10,
        """Faculty mentoring is a working relationship between a colleague early in their career (the mentee) and an experienced colleague (the mentor) from another team, who meet regularly for a year or more.

A mentor listens, shares what they have learned, opens doors and gives honest advice on research, teaching, clinical work, promotion and balancing it all. A mentor is not a supervisor: they do not judge your work or decide on your career, and what you discuss stays between you.

MentorMatch suggests mentors whose research and experience fit what you ask for. You choose the one you would like to work with, and they confirm.""",
    ),
    (
        "why-it-matters",
        "Why mentoring matters",
        20,
        """Faculty who have a mentor publish more, win more grants, are promoted sooner and are more likely to stay at the institution. They also report more satisfaction with their work and less burnout.

Mentoring matters most at transitions: a first faculty appointment, a first grant, a move towards promotion, or a change of track. Good mentoring is also one of the most effective ways to support colleagues from groups under-represented in academic medicine and science.""",
    ),
    (
        "benefits-for-mentees",
        "What mentees gain",
        30,
        """A mentee gains a trusted, experienced colleague outside their own line of management: someone to test ideas on, to read a draft grant, to prepare for a promotion file, or to talk through a difficult decision.

Mentees also widen their network: mentors introduce them to collaborators, committees and opportunities they would not otherwise hear of.

What we ask of mentees: come to meetings prepared, say what you want from the relationship, and tell us how it is going.""",
    ),
    (
        "benefits-for-mentors",
        "What mentors gain",
        40,
        """Mentors pass on what they have learned and help shape the next generation of faculty. Many mentors say they learn as much as their mentees: new methods, new questions, and a fresh view of their own field.

Mentoring is recognised in annual reviews and in promotion files as service to the institution. We ask mentors for about one hour a month, and never more mentees than they choose to take.""",
    ),
    (
        "benefits-for-the-institution",
        "What the institution gains",
        50,
        """A mentoring programme helps the institution keep the people it has recruited, raises research and teaching output, and builds a culture where colleagues help each other across departments.

It is also one of the strongest tools the institution has for equity: structured, open matching gives every faculty member the same chance of a good mentor, not only those who already know the right people.""",
    ),
    (
        "guides",
        "Guides and further reading",
        60,
        """How a round works: you complete your research profile and a short questionnaire; after the round closes, MentorMatch e-mails you a shortlist of suggested mentors with the reasons for each suggestion; you choose one and send a request; the mentor accepts or declines within a week.

Guides for mentees and for mentors, with a template for a first meeting and a mentoring agreement, are available from the programme office. Your coordinators are happy to answer questions at any point of the round.""",
    ),
]


def install_default_pages(model: Any) -> int:
    """Create the default pages missing from ``model`` (the InfoPage model, or its historical
    version in a migration); return how many were created."""
    created = 0
    for slug, title, position, body in DEFAULT_PAGES:
        _, was_created = model.objects.get_or_create(
            slug=slug, defaults={"title": title, "position": position, "body": body}
        )
        created += int(was_created)
    return created
