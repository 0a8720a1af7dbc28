from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "mentormatch.mentorships"
    label = "mentorships"
