from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = _("Mentorship network")

    def ready(self) -> None:
        from medhome.search import register_provider
        from mentorship.search import mentor_search, state_search

        register_provider("states", state_search, order=30)
        register_provider("mentors", mentor_search, order=40)
