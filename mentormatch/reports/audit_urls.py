from django.urls import path

from mentormatch.reports import audit_log

# The audit log page is a coordinator report; it keeps its address (/audit/) and its name.
app_name = "audit"

urlpatterns = [
    path("", audit_log.log, name="log"),
]
