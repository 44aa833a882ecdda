from django.urls import path

from . import feeds, views

app_name = "resources"

urlpatterns = [
    path("", views.ResourceListView.as_view(), name="list"),
    path("feed/", feeds.NewResourcesFeed(), name="feed"),
    path("for/<slug:slug>/", views.AudienceView.as_view(), name="audience"),
    path("<slug:slug>/", views.ResourceDetailView.as_view(), name="detail"),
]
