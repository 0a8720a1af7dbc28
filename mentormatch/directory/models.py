"""Research-directory profiles that potential matches can read."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Rank(models.TextChoices):
    INSTRUCTOR = "Instructor", "Instructor"
    ASSISTANT = "Assistant Professor", "Assistant Professor"
    ASSOCIATE = "Associate Professor", "Associate Professor"
    PROFESSOR = "Professor", "Professor"


class Track(models.TextChoices):
    RESEARCH = "research", "Research / tenure track"
    CLINICAL = "clinical", "Clinician educator"
    CLINICAL_INVESTIGATOR = "clinical_investigator", "Clinician investigator"
    TEACHING = "teaching", "Teaching / educator"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # The "id" of the person-record format; stable across re-imports.
    person_id = models.CharField(max_length=128, unique=True)
    department = models.CharField(max_length=200, blank=True)
    rank = models.CharField(max_length=64, blank=True)
    track = models.CharField(max_length=64, blank=True)
    interests = models.TextField(blank=True)
    keywords = models.JSONField(default=list, blank=True)
    # Unsubmitted edits from the profile form; the saved fields above stay as they were.
    draft = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the owner last saved or confirmed the profile."
    )
    stale_notice_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def is_complete(self) -> bool:
        return bool(self.department and self.rank and (self.interests or self.keywords))


class Publication(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="publications")
    title = models.CharField(max_length=1000)
    abstract = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title
