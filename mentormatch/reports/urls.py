from django.urls import path

from mentormatch.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/<int:round_id>/", views.dashboard, name="dashboard"),
    path("rounds/<int:round_id>/matches.<str:fmt>", views.export_matches, name="export_matches"),
    path(
        "rounds/<int:round_id>/participation.<str:fmt>",
        views.export_participation,
        name="export_participation",
    ),
]
