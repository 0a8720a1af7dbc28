from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "mentormatch.home"
    label = "home"
    verbose_name = "Home and information pages"
