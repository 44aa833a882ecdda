"""Shared by the mentorship page tests: states with the parts the map counts."""

from tests.mentorship.factories import (
    PromiseFactory,
    QIPlanFactory,
    StateFactory,
    TeamMemberFactory,
)

MAP = "/en/states/"


def make_state(code, team=False, plan=None, promise=False, **kwargs):
    """A state with, when asked, a two-person team, a QI plan of kind `plan` and a promise."""
    state = StateFactory(code=code, **kwargs)
    if team:
        TeamMemberFactory(state=state)
        TeamMemberFactory(state=state)
    if plan:
        QIPlanFactory(state=state, kind=plan)
    if promise:
        PromiseFactory(state=state)
    return state
