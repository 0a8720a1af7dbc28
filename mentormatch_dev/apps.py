from django.apps import AppConfig


class DevToolsConfig(AppConfig):
    name = "mentormatch_dev"
    label = "mentormatch_dev"
    verbose_name = "Development tools (demo data, mail catcher)"
