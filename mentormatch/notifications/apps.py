from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentormatch.notifications"
    label = "notifications"

    def ready(self) -> None:
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register
        from mentormatch.notifications import personal_data

        personal_data_register(
            PersonalDataSection(
                key="outbox",
                order=70,
                export=personal_data.outbox_export,
                erase=personal_data.outbox_erase,
            )
        )
