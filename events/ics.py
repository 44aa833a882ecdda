"""iCalendar (RFC 5545) text for events, written by hand: a few properties need
no library. Times are written in UTC (the `Z` form), which every calendar
converts to its owner's zone, so no VTIMEZONE blocks are needed."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils import timezone

PRODID = "-//National Center for Medical Home Implementation//Medical Home Portal//EN"


def escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        limit = 75 if not parts else 74
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(event, *, url: str, host: str) -> list[str]:
    location = event.place if event.has_place else ""
    if event.is_online and not location:
        location = event.registration_url or url
    description = event.summary
    if event.registration_url:
        description += f"\n\n{event.registration_url}"
    description += f"\n\n{url}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{stamp(event.updated_at or timezone.now())}",
        f"DTSTART:{stamp(event.starts_at)}",
    ]
    if event.ends_at:
        lines.append(f"DTEND:{stamp(event.ends_at)}")
    lines += [
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable, *, name: str, url_for, host: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += vevent(event, url=url_for(event), host=host)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
