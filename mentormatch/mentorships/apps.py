from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "mentormatch.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register
        from mentormatch.matching.hooks import excluded_pairs_register, settled_mentees_register
        from mentormatch.mentorships import hooks, personal_data
        from mentormatch.rounds.page_sections import RoundPageSection, round_page_section_register

        excluded_pairs_register("declined-requests", hooks.declined_pairs)
        settled_mentees_register("requests-and-mentorships", hooks.mentees_with_a_choice)
        round_page_section_register(
            RoundPageSection(
                key="funnel",
                order=10,
                template="mentorships/_round_funnel_section.html",
                context=hooks.funnel_section,
            )
        )
        round_page_section_register(
            RoundPageSection(
                key="participants",
                order=30,
                template="mentorships/_round_participants_section.html",
                context=hooks.participants_section,
            )
        )
        personal_data_register(
            PersonalDataSection(
                key="mentorships",
                order=60,
                export=personal_data.mentorships_export,
                erase=personal_data.mentorships_erase,
            )
        )
