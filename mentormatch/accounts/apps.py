from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentormatch.accounts"
    label = "accounts"
