from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentormatch.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django_auth_ldap.backend import ldap_error

        from mentormatch.accounts.backends import remember_directory_error

        ldap_error.connect(remember_directory_error, dispatch_uid="mentormatch_ldap_error")
