from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "mentormatch.privacy"
    label = "privacy"
    verbose_name = "Your data"
