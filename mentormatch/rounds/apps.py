from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "mentormatch.rounds"
    label = "rounds"
