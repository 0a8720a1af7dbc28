from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "mentormatch.rounds"
    label = "rounds"

    def ready(self) -> None:
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register
        from mentormatch.rounds import personal_data

        personal_data_register(
            PersonalDataSection(
                key="participations",
                order=40,
                export=personal_data.participations_export,
            )
        )
