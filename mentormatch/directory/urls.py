from django.urls import path

from mentormatch.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.me, name="me"),
    path("edit/", views.edit, name="edit"),
    path("import/", views.import_profiles, name="import"),
    path("stale/", views.stale, name="stale"),
    path("people/<str:person_id>/", views.detail, name="detail"),
]
