from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.IssueArchiveView.as_view(), name="index"),
    path("feed/", views.IssueFeed(), name="feed"),
    path("thanks/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("alerts/new/", views.alert_new, name="alert_new"),
    path("alerts/stop/<str:token>/", views.alert_stop, name="alert_stop"),
    path("<slug:slug>/", views.IssueDetailView.as_view(), name="issue"),
]
