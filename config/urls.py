from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("mentormatch.accounts.urls")),
    path("accounts/", include("mentormatch.privacy.urls")),
    path("saml2/", include("mentormatch.accounts.saml_urls")),
    path("profile/", include("mentormatch.directory.urls")),
    path("questionnaire/", include("mentormatch.questionnaire.urls")),
    path("rounds/", include("mentormatch.rounds.urls")),
    path("rounds/", include("mentormatch.matching.urls")),
    path("mentorships/", include("mentormatch.mentorships.urls")),
    path("notifications/", include("mentormatch.notifications.urls")),
    path("reports/", include("mentormatch.reports.urls")),
    path("audit/", include("mentormatch.reports.audit_urls")),
    path("", include("mentormatch.home.urls")),
]
