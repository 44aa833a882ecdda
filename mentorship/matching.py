"""Rank mentors by how much they resemble a practice and cover what it needs.

Pure functions over plain values: no database, no request. The view turns
mentors into `MentorTraits` and shows each `Match` with its reasons.

Scoring (points add up; a mentor with 0 points is not a match):

- every area of expertise the practice needs that the mentor has: 4 points
  (what the practice needs help with matters most);
- same setting (e.g. both FQHCs): 3 points;
- same community type (e.g. both rural): 3 points;
- same practice size: 2 points;
- same state or territory: 2 points;
- every population served by both: 1 point.

Ties are broken by name (case-insensitively), then by key, so the order never
depends on the database.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WEIGHTS = {
    "expertise": 4,
    "setting": 3,
    "community": 3,
    "size": 2,
    "state": 2,
    "population": 1,
}


@dataclass(frozen=True)
class PracticeProfile:
    state: str = ""
    setting: str = ""
    community: str = ""
    size: str = ""
    populations: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.state, self.setting, self.community, self.size, self.populations, self.needs)
        )


@dataclass(frozen=True)
class MentorTraits:
    key: int
    name: str
    state: str = ""
    setting: str = ""
    community: str = ""
    size: str = ""
    populations: frozenset[str] = frozenset()
    # expertise slug -> its display name, used in the reasons
    expertise: dict[str, str] = field(default_factory=dict)
    community_label: str = ""
    population_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    key: int
    score: int
    reasons: tuple[str, ...]


def score(practice: PracticeProfile, mentor: MentorTraits) -> Match:
    points = 0
    reasons: list[str] = []
    if practice.setting and practice.setting == mentor.setting:
        points += WEIGHTS["setting"]
        reasons.append(_("same setting"))
    if practice.community and practice.community == mentor.community:
        points += WEIGHTS["community"]
        reasons.append((mentor.community_label or mentor.community).lower())
    if practice.size and practice.size == mentor.size:
        points += WEIGHTS["size"]
        reasons.append(_("same practice size"))
    if practice.state and practice.state == mentor.state:
        points += WEIGHTS["state"]
        reasons.append(_("same state"))
    for slug in sorted(practice.populations & mentor.populations):
        points += WEIGHTS["population"]
        label = mentor.population_labels.get(slug, slug)
        reasons.append(_("serves %(population)s") % {"population": label.lower()})
    for slug in sorted(practice.needs & mentor.expertise.keys()):
        points += WEIGHTS["expertise"]
        reasons.append(_("expertise in %(area)s") % {"area": mentor.expertise[slug].lower()})
    return Match(key=mentor.key, score=points, reasons=tuple(reasons))


def rank(
    practice: PracticeProfile, mentors: list[MentorTraits], limit: int | None = None
) -> list[Match]:
    """Matches best first; an empty profile or no common ground gives an empty list."""
    if practice.is_empty:
        return []
    names = {m.key: m.name.casefold() for m in mentors}
    matches = [m for m in (score(practice, mentor) for mentor in mentors) if m.score > 0]
    matches.sort(key=lambda m: (-m.score, names[m.key], m.key))
    return matches[:limit] if limit is not None else matches
