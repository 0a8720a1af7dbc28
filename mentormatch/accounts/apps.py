from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentormatch.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib import admin
        from django_auth_ldap.backend import ldap_error

        from mentormatch.accounts.backends import remember_directory_error
        from mentormatch.accounts.forms import AdminSignInForm

        # The admin's own sign-in page is throttled like ours.
        admin.site.login_form = AdminSignInForm

        ldap_error.connect(remember_directory_error, dispatch_uid="mentormatch_ldap_error")
