"""Type aliases for annotations only.

`StrOrPromise` is text that may be a lazy translation (gettext_lazy): what Django's
stubs accept wherever a label goes. At run time it is the plain union, so the site
does not need django-stubs-ext installed.
"""

from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise
    from django.utils.functional import _StrPromise as StrPromise
else:
    StrPromise = Promise
    StrOrPromise = str | Promise

__all__ = ["StrOrPromise", "StrPromise"]
