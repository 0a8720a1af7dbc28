from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mentormatch.audit"
    label = "audit"

    def ready(self) -> None:
        from mentormatch.audit import personal_data
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register

        personal_data_register(
            PersonalDataSection(
                key="audit",
                order=80,
                export=personal_data.audit_export,
            )
        )
