"""The site's URLs plus media files, served the way `make run` does with DEBUG on.

Serving media with DEBUG off belongs to the deployment (nginx or the storage); the
download tests only need our own server to answer for the files load_demo wrote.
"""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from medhome.urls import urlpatterns as site_patterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_patterns, path("media/<path:path>", media)]
