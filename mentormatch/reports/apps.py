from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "mentormatch.reports"
    label = "reports"
