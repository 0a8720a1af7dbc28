from django.urls import path

from mentormatch.rounds import views

app_name = "rounds"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_create, name="create"),
    path("<int:round_id>/", views.round_detail, name="detail"),
    path("<int:round_id>/edit/", views.round_edit, name="edit"),
    path("<int:round_id>/open/", views.round_open, name="open"),
    path("<int:round_id>/close/", views.round_close, name="close"),
    path("<int:round_id>/invite/", views.round_invite, name="invite"),
    path("<int:round_id>/participants/add/", views.participant_add, name="participant_add"),
    path(
        "<int:round_id>/participants/<int:participation_id>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
]
