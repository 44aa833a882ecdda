from django.urls import path

from resources import share

urlpatterns = [path("", share.share, name="share")]
