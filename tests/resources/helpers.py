"""Shared by the library page tests: what a response shows."""


def titles(response):
    """The titles of the resources listed, in order."""
    return [r.title for r in response.context["resources"]]


def facet(response, name):
    """{option value: count} of one facet of the library page."""
    return {
        o.value: o.count for f in response.context["facets"] if f.name == name for o in f.options
    }
