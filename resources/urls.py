from django.urls import include, path

app_name = "resources"

urlpatterns = [
    path("share/", include("resources.share_urls")),  # staff branch: the moderation form
]
