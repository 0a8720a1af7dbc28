from django.urls import path

from mentormatch.mentorships import views, views_coordinator

app_name = "mentorships"

urlpatterns = [
    path("", views.mine, name="mine"),
    # Mentee: the shortlist and choosing (linked from the results e-mail).
    path("round/<int:round_id>/shortlist/", views.shortlist, name="shortlist"),
    path(
        "round/<int:round_id>/choose/<int:suggestion_id>/",
        views.choose,
        name="choose",
    ),
    path("round/<int:round_id>/pause/", views.pause, name="pause"),
    path("round/<int:round_id>/resume/", views.resume, name="resume"),
    # Requests: the mentor answers, the mentee may withdraw.
    path("requests/", views.incoming, name="incoming"),
    path("requests/<int:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<int:request_id>/accept/", views.request_accept, name="request_accept"),
    path("requests/<int:request_id>/decline/", views.request_decline, name="request_decline"),
    path("requests/<int:request_id>/withdraw/", views.request_withdraw, name="request_withdraw"),
    # Coordinators.
    path("coordinate/", views_coordinator.rounds_index, name="coordinate"),
    path(
        "coordinate/round/<int:round_id>/",
        views_coordinator.round_overview,
        name="round_overview",
    ),
    path(
        "coordinate/round/<int:round_id>/unmatched/",
        views_coordinator.unmatched,
        name="unmatched",
    ),
    path(
        "coordinate/round/<int:round_id>/match/",
        views_coordinator.manual_match,
        name="manual_match",
    ),
    path(
        "coordinate/round/<int:round_id>/matches.csv",
        views_coordinator.export_csv,
        name="export_csv",
    ),
    path(
        "coordinate/mentorship/<int:mentorship_id>/end/",
        views_coordinator.mentorship_end,
        name="mentorship_end",
    ),
]
