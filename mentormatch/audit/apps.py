from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mentormatch.audit"
    label = "audit"
