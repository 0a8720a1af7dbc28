from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mentormatch.directory"
    label = "directory"
