from django.urls import path

from . import feeds, share, views

app_name = "resources"

urlpatterns = [
    path("", views.ResourceListView.as_view(), name="list"),
    path("feed/", feeds.NewResourcesFeed(), name="feed"),
    path("share/", share.share, name="share"),
    path("<slug:slug>/", views.ResourceDetailView.as_view(), name="detail"),
]
