"""The site's URLs plus ceiling B, for the benchmark's settings only."""

from django.urls import path

from bench import views
from medhome.urls import handler500
from medhome.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("__bench/b/", views.ceiling_b, name="bench_ceiling_b"), *site_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
