from django.apps import AppConfig


class QuestionnaireConfig(AppConfig):
    name = "mentormatch.questionnaire"
    label = "questionnaire"
