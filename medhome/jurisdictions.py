"""The 59 jurisdictions a Title V program serves, with a tile-grid map position.

The library records a resource's state as the two-letter code from here, so it
never has to import the mentorship app. Names are proper nouns in both
languages, so they are data rather than translation strings.
"""

import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    STATE = "state", _("State")
    DISTRICT = "district", _("Federal district")
    TERRITORY = "territory", _("Territory")
    FREELY_ASSOCIATED = "freely_associated", _("Freely associated state")


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    fips: str
    name_en: str
    name_es: str
    kind: str
    tile_row: int
    tile_col: int

    @property
    def name(self) -> str:
        return self.name_es if (get_language() or "en").startswith("es") else self.name_en

    def __str__(self) -> str:
        return self.name


JURISDICTIONS: tuple[Jurisdiction, ...] = (
    Jurisdiction("AL", "01", "Alabama", "Alabama", Kind.STATE, 6, 7),
    Jurisdiction("AK", "02", "Alaska", "Alaska", Kind.STATE, 0, 0),
    Jurisdiction("AZ", "04", "Arizona", "Arizona", Kind.STATE, 5, 2),
    Jurisdiction("AR", "05", "Arkansas", "Arkansas", Kind.STATE, 5, 5),
    Jurisdiction("CA", "06", "California", "California", Kind.STATE, 4, 1),
    Jurisdiction("CO", "08", "Colorado", "Colorado", Kind.STATE, 4, 3),
    Jurisdiction("CT", "09", "Connecticut", "Connecticut", Kind.STATE, 3, 10),
    Jurisdiction("DE", "10", "Delaware", "Delaware", Kind.STATE, 4, 10),
    Jurisdiction("FL", "12", "Florida", "Florida", Kind.STATE, 7, 8),
    Jurisdiction("GA", "13", "Georgia", "Georgia", Kind.STATE, 6, 8),
    Jurisdiction("HI", "15", "Hawaii", "Hawái", Kind.STATE, 7, 0),
    Jurisdiction("ID", "16", "Idaho", "Idaho", Kind.STATE, 2, 2),
    Jurisdiction("IL", "17", "Illinois", "Illinois", Kind.STATE, 2, 6),
    Jurisdiction("IN", "18", "Indiana", "Indiana", Kind.STATE, 3, 6),
    Jurisdiction("IA", "19", "Iowa", "Iowa", Kind.STATE, 3, 5),
    Jurisdiction("KS", "20", "Kansas", "Kansas", Kind.STATE, 5, 4),
    Jurisdiction("KY", "21", "Kentucky", "Kentucky", Kind.STATE, 4, 6),
    Jurisdiction("LA", "22", "Louisiana", "Luisiana", Kind.STATE, 6, 5),
    Jurisdiction("ME", "23", "Maine", "Maine", Kind.STATE, 0, 11),
    Jurisdiction("MD", "24", "Maryland", "Maryland", Kind.STATE, 4, 9),
    Jurisdiction("MA", "25", "Massachusetts", "Massachusetts", Kind.STATE, 2, 10),
    Jurisdiction("MI", "26", "Michigan", "Míchigan", Kind.STATE, 2, 7),
    Jurisdiction("MN", "27", "Minnesota", "Minnesota", Kind.STATE, 2, 5),
    Jurisdiction("MS", "28", "Mississippi", "Misisipi", Kind.STATE, 6, 6),
    Jurisdiction("MO", "29", "Missouri", "Misuri", Kind.STATE, 4, 5),
    Jurisdiction("MT", "30", "Montana", "Montana", Kind.STATE, 2, 3),
    Jurisdiction("NE", "31", "Nebraska", "Nebraska", Kind.STATE, 4, 4),
    Jurisdiction("NV", "32", "Nevada", "Nevada", Kind.STATE, 3, 2),
    Jurisdiction("NH", "33", "New Hampshire", "Nuevo Hampshire", Kind.STATE, 1, 11),
    Jurisdiction("NJ", "34", "New Jersey", "Nueva Jersey", Kind.STATE, 3, 9),
    Jurisdiction("NM", "35", "New Mexico", "Nuevo México", Kind.STATE, 5, 3),
    Jurisdiction("NY", "36", "New York", "Nueva York", Kind.STATE, 2, 9),
    Jurisdiction("NC", "37", "North Carolina", "Carolina del Norte", Kind.STATE, 5, 7),
    Jurisdiction("ND", "38", "North Dakota", "Dakota del Norte", Kind.STATE, 2, 4),
    Jurisdiction("OH", "39", "Ohio", "Ohio", Kind.STATE, 3, 7),
    Jurisdiction("OK", "40", "Oklahoma", "Oklahoma", Kind.STATE, 6, 4),
    Jurisdiction("OR", "41", "Oregon", "Oregón", Kind.STATE, 3, 1),
    Jurisdiction("PA", "42", "Pennsylvania", "Pensilvania", Kind.STATE, 3, 8),
    Jurisdiction("RI", "44", "Rhode Island", "Rhode Island", Kind.STATE, 3, 11),
    Jurisdiction("SC", "45", "South Carolina", "Carolina del Sur", Kind.STATE, 5, 8),
    Jurisdiction("SD", "46", "South Dakota", "Dakota del Sur", Kind.STATE, 3, 4),
    Jurisdiction("TN", "47", "Tennessee", "Tennessee", Kind.STATE, 5, 6),
    Jurisdiction("TX", "48", "Texas", "Texas", Kind.STATE, 7, 4),
    Jurisdiction("UT", "49", "Utah", "Utah", Kind.STATE, 4, 2),
    Jurisdiction("VT", "50", "Vermont", "Vermont", Kind.STATE, 1, 10),
    Jurisdiction("VA", "51", "Virginia", "Virginia", Kind.STATE, 4, 8),
    Jurisdiction("WA", "53", "Washington", "Washington", Kind.STATE, 2, 1),
    Jurisdiction("WV", "54", "West Virginia", "Virginia Occidental", Kind.STATE, 4, 7),
    Jurisdiction("WI", "55", "Wisconsin", "Wisconsin", Kind.STATE, 1, 6),
    Jurisdiction("WY", "56", "Wyoming", "Wyoming", Kind.STATE, 3, 3),
    Jurisdiction("DC", "11", "District of Columbia", "Distrito de Columbia", Kind.DISTRICT, 5, 9),
    Jurisdiction("AS", "60", "American Samoa", "Samoa Americana", Kind.TERRITORY, 8, 2),
    Jurisdiction("GU", "66", "Guam", "Guam", Kind.TERRITORY, 8, 0),
    Jurisdiction(
        "MP", "69", "Northern Mariana Islands", "Islas Marianas del Norte", Kind.TERRITORY, 8, 1
    ),
    Jurisdiction("PR", "72", "Puerto Rico", "Puerto Rico", Kind.TERRITORY, 8, 9),
    Jurisdiction(
        "VI",
        "78",
        "U.S. Virgin Islands",
        "Islas Vírgenes de los Estados Unidos",
        Kind.TERRITORY,
        8,
        10,
    ),
    Jurisdiction(
        "FM",
        "64",
        "Federated States of Micronesia",
        "Estados Federados de Micronesia",
        Kind.FREELY_ASSOCIATED,
        8,
        4,
    ),
    Jurisdiction("MH", "68", "Marshall Islands", "Islas Marshall", Kind.FREELY_ASSOCIATED, 8, 5),
    Jurisdiction("PW", "70", "Palau", "Palaos", Kind.FREELY_ASSOCIATED, 8, 3),
)
BY_CODE: dict[str, Jurisdiction] = {j.code: j for j in JURISDICTIONS}
TILE_ROWS = 1 + max(j.tile_row for j in JURISDICTIONS)
TILE_COLS = 1 + max(j.tile_col for j in JURISDICTIONS)


def get(code: str) -> Jurisdiction | None:
    return BY_CODE.get((code or "").upper())


def name_key(name: str) -> str:
    """A name as it sorts in a list: without accents or case ("Míchigan" among the
    "Mi…" names, not after "Misuri")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def choices() -> list[tuple[str, str]]:
    """(code, name) pairs in the active language, sorted by name; for forms."""
    return sorted(((j.code, j.name) for j in JURISDICTIONS), key=lambda pair: name_key(pair[1]))


class Region(models.TextChoices):
    """The Census Bureau's four regions, plus the islands; the phone map groups by these."""

    NORTHEAST = "northeast", _("Northeast")
    MIDWEST = "midwest", _("Midwest")
    SOUTH = "south", _("South")
    WEST = "west", _("West")
    ISLANDS = "islands", _("Territories and freely associated states")


_REGION_CODES = {
    Region.NORTHEAST: "CT ME MA NH RI VT NJ NY PA",
    Region.MIDWEST: "IL IN MI OH WI IA KS MN MO NE ND SD",
    Region.SOUTH: "DE DC FL GA MD NC SC VA WV AL KY MS TN AR LA OK TX",
    Region.WEST: "AZ CO ID MT NV NM UT WY AK CA HI OR WA",
    Region.ISLANDS: "AS GU MP PR VI FM MH PW",
}
REGION: dict[str, Region] = {
    code: region for region, codes in _REGION_CODES.items() for code in codes.split()
}


def by_region(items) -> list[tuple[Region, list]]:
    """Group (jurisdiction, value) pairs by region, in region order, names sorted in the
    active language: [(Region, [(jurisdiction, value), ...]), ...]."""
    groups: dict[Region, list] = {region: [] for region in Region}
    for jurisdiction, value in items:
        groups[REGION[jurisdiction.code]].append((jurisdiction, value))
    return [
        (region, sorted(pairs, key=lambda pair: name_key(pair[0].name)))
        for region, pairs in groups.items()
        if pairs
    ]
