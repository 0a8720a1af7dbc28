from django.urls import path

from mentormatch.privacy import views

app_name = "privacy"

# Included under /accounts/.
urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
    path("my-data/erase/", views.my_data_erase, name="my_data_erase"),
]
