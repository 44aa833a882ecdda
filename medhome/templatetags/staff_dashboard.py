from django import template

from medhome.staff.dashboard import Panel, panels_for

register = template.Library()


@register.inclusion_tag("admin/medhome/dashboard.html", takes_context=True)
def staff_dashboard(context) -> dict[str, list[Panel]]:
    return {"panels": panels_for(context["request"])}
