from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentormatch.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib import admin
        from django_auth_ldap.backend import ldap_error

        from mentormatch.accounts import personal_data
        from mentormatch.accounts.backends import remember_directory_error
        from mentormatch.accounts.forms import AdminSignInForm
        from mentormatch.core.personal_data import PersonalDataSection, personal_data_register

        # The admin's own sign-in page is throttled like ours.
        admin.site.login_form = AdminSignInForm

        ldap_error.connect(remember_directory_error, dispatch_uid="mentormatch_ldap_error")
        personal_data_register(
            PersonalDataSection(
                key="account",
                order=10,
                export=personal_data.account_export,
                erase=personal_data.account_erase,
            )
        )
