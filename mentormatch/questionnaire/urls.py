from django.urls import path

from mentormatch.questionnaire import views

app_name = "questionnaire"

urlpatterns = [
    path("rounds/<int:round_id>/questions/", views.questions, name="questions"),
    path(
        "rounds/<int:round_id>/questions/defaults/",
        views.install_defaults,
        name="install_defaults",
    ),
    path("rounds/<int:round_id>/questions/add/", views.question_edit, name="question_add"),
    path("rounds/<int:round_id>/questions/<int:pk>/", views.question_edit, name="question_edit"),
    path(
        "rounds/<int:round_id>/questions/<int:pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "rounds/<int:round_id>/questions/<int:pk>/move/",
        views.question_move,
        name="question_move",
    ),
    # Last: the role segment would otherwise swallow "questions".
    path("rounds/<int:round_id>/<str:role>/", views.answer, name="answer"),
]
