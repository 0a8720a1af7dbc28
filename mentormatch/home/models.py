"""Site-wide content that coordinators edit: the programme's information pages."""

from __future__ import annotations

from django.db import models


class InfoPage(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text; blank lines separate paragraphs.")
    position = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "core_infopage"  # created by the core app, which this model moved out of
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title
