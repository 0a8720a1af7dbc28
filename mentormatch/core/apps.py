from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mentormatch.core"
    label = "core"
