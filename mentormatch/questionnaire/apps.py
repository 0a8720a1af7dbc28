from django.apps import AppConfig


class QuestionnaireConfig(AppConfig):
    name = "mentormatch.questionnaire"
    label = "questionnaire"

    def ready(self) -> None:
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register
        from mentormatch.questionnaire import personal_data, receivers
        from mentormatch.rounds.signals import round_created

        round_created.connect(
            receivers.install_default_questions, dispatch_uid="questionnaire-defaults"
        )
        personal_data_register(
            PersonalDataSection(
                key="answers",
                order=30,
                export=personal_data.answers_export,
                erase=personal_data.answers_erase,
            )
        )
