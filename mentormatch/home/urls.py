from django.urls import path

from mentormatch.home import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("about/", views.info_index, name="info_index"),
    path("about/add/", views.info_create, name="info_create"),
    path("about/<slug:slug>/", views.info_detail, name="info_detail"),
    path("about/<slug:slug>/edit/", views.info_edit, name="info_edit"),
]
