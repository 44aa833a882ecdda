import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from medhome import audiences, family_tools, feedback, media, search_views, toolkit_mail, views
from medhome.sitemaps import SITEMAPS

handler500 = "medhome.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("livez", views.livez, name="livez"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("contact/", views.contact, name="contact"),
    path("faq/", include("faq.urls")),
    path("resources/for/<slug:slug>/", audiences.AudienceView.as_view(), name="audience"),
    path("families/care-plan/", family_tools.CarePlanView.as_view(), name="care_plan"),
    path(
        "families/choosing-a-provider/",
        family_tools.ProviderQuestionsView.as_view(),
        name="provider_questions",
    ),
    path("resources/", include("resources.urls")),
    path("", include("mentorship.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("events/", include("events.urls")),
    path("toolkit/send/", toolkit_mail.send_toolkit, name="toolkit_send"),
    path("toolkit/", include("toolkit.urls")),
    path("feedback/", feedback.page_feedback, name="feedback"),
    path("search/", search_views.site_search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    # Pages staff write (About the center, ...); keep it last, it matches any slug.
    path("<slug:slug>/", views.PageView.as_view(), name="page"),
)

# Public uploads, served whatever DEBUG says (media_file reads the public storage only).
urlpatterns += [
    re_path(
        r"^{}(?P<path>.+)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
        media.media_file,
        name="media",
    )
]
