from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mentormatch.directory"
    label = "directory"

    def ready(self) -> None:
        from mentormatch.accounts.hooks import imported_person_finder_register, person_synced
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register
        from mentormatch.directory import personal_data, receivers

        imported_person_finder_register("profile-id", receivers.imported_user_by_person_id)
        person_synced.connect(receivers.profile_from_directory, dispatch_uid="directory-profile")
        personal_data_register(
            PersonalDataSection(
                key="profile",
                order=20,
                export=personal_data.profile_export,
                erase=personal_data.profile_erase,
            )
        )
