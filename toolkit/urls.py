from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("", views.toolkit, name="page"),
    path("add/", views.add, name="add"),
    path("remove/", views.remove, name="remove"),
    path("keep/", views.keep, name="keep"),
]
