from django.urls import path

from mentormatch.notifications import views

app_name = "notifications"

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/retry/", views.outbox_retry, name="outbox_retry"),
]
