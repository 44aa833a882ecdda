from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.UpcomingEventListView.as_view(), name="list"),
    path("past/", views.PastEventListView.as_view(), name="past"),
    path("feed/", feeds.UpcomingEventsFeed(), name="feed"),
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
]
