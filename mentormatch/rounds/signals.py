"""Signals the rounds app sends, so that higher apps can react without being imported here.

``round_created(sender=Round, round=...)`` is sent inside the creating transaction; the
questionnaire app installs the default questions on it.
"""

from django.dispatch import Signal

round_created = Signal()
