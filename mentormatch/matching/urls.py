from django.urls import path

from mentormatch.matching import views

app_name = "matching"

# Included under /rounds/: a run's pages sit below its round's.
urlpatterns = [
    path("<int:round_id>/runs/start/", views.run_start, name="run_start"),
    path("<int:round_id>/runs/<int:run_id>/", views.run_detail, name="run"),
    path("<int:round_id>/runs/<int:run_id>/progress/", views.run_progress, name="run_progress"),
    path("<int:round_id>/runs/<int:run_id>/publish/", views.run_publish, name="run_publish"),
    path("<int:round_id>/runs/<int:run_id>/cancel/", views.run_cancel, name="run_cancel"),
]
