from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mentormatch.matching"
    label = "matching"
    verbose_name = "Matching runs"

    def ready(self) -> None:
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register
        from mentormatch.matching import personal_data
        from mentormatch.matching.selectors import round_page_runs
        from mentormatch.rounds.page_sections import RoundPageSection, round_page_section_register

        round_page_section_register(
            RoundPageSection(
                key="runs",
                order=20,
                template="matching/_round_section.html",
                context=round_page_runs,
            )
        )
        personal_data_register(
            PersonalDataSection(
                key="shortlists",
                order=50,
                export=personal_data.shortlists_export,
            )
        )
