from django import template

from newsletter.views import home_context

register = template.Library()


@register.inclusion_tag("newsletter/_home.html", takes_context=True)
def newsletter_band(context) -> dict:
    """The home page's band: the latest sent issue and a sign-up form."""
    return {**context.flatten(), **home_context(context["request"])}
