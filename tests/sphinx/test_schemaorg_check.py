"""The offline schema.org checker (tests/schemaorg_check.py) passes good JSON-LD and catches
each kind of mistake it is for."""

from __future__ import annotations

import copy

import pytest

from schemaorg_check import RELEASE, problems, vocabulary

SEMINAR = "https://seminar.example.org/"

EVENT = {
    "@context": "https://schema.org",
    "@type": "EducationEvent",
    "name": "Kernel methods and neural tangent kernels",
    "startDate": "2025-03-17T14:00:00+01:00",
    "endDate": "2025-03-17T15:30:00+01:00",
    "previousStartDate": "2025-03-10",
    "eventStatus": "https://schema.org/EventScheduled",
    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    "location": {
        "@type": "Place",
        "name": "Room 2.041",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Example Street 1",
            "addressLocality": "Example City",
            "addressCountry": "DE",
        },
    },
    "performer": [
        {
            "@type": "Person",
            "name": "Ada Example",
            "affiliation": {"@type": "Organization", "name": "Example University"},
        },
        {"@type": "Person", "name": "Alan Example"},
    ],
    "organizer": {"@type": "Organization", "name": "Math and ML Seminar", "url": SEMINAR},
    "url": SEMINAR + "sessions/2025-03-17-kernels.html",
    "superEvent": {"@type": "EventSeries", "name": "Math and ML Seminar", "url": SEMINAR},
}

SERIES = {
    "@context": "http://schema.org",
    "@type": "EventSeries",
    "name": "Math and Machine Learning: Theory and Applications",
    "description": "A weekly research seminar.",
    "url": SEMINAR,
    "startDate": "2025-03-03",
    "endDate": "2025-07-14",
    "eventAttendanceMode": "MixedEventAttendanceMode",
    "location": "Room 2.041",
    "organizer": {"@type": "Organization", "name": "Example University", "url": SEMINAR},
    "subEvent": [SEMINAR + "sessions/2025-03-17-kernels.html"],  # a URL for an Event
}


def changed(document: dict, path: tuple[str | int, ...], value: object) -> dict:
    """A deep copy of ``document`` with the value at ``path`` replaced (or added)."""
    result = copy.deepcopy(document)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return result


def test_newest_release_is_used() -> None:
    assert RELEASE.name == "12.0"
    assert vocabulary() is vocabulary()  # loaded once


@pytest.mark.parametrize(
    "document",
    [
        EVENT,
        SERIES,
        [EVENT, SERIES],
        {"@context": "https://schema.org", "@graph": [{**EVENT, "@context": None}, SERIES]},
        changed(EVENT, ("eventStatus",), "https://schema.org/EventCancelled"),
    ],
    ids=["event", "series", "list", "graph", "cancelled"],
)
def test_valid_documents_have_no_problems(document: dict | list) -> None:
    assert problems(document) == []


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (changed(EVENT, ("@type",), "Lecture"), "$: unknown @type 'Lecture'"),
        (
            changed(EVENT, ("performer", 0, "@type"), "Speaker"),
            "$.performer[0]: unknown @type 'Speaker'",
        ),
        (changed(EVENT, ("speaker",), "Ada Example"), "$.speaker: unknown property 'speaker'"),
        (
            changed(EVENT, ("performer", 1, "previousStartDate"), "2025-03-10"),
            "$.performer[1].previousStartDate: 'previousStartDate' is not a property of Person",
        ),
        (
            changed(EVENT, ("location",), {"@type": "Person", "name": "Ada Example"}),
            "$.location: a Person is not allowed for 'location'",
        ),
        (
            changed(EVENT, ("eventStatus",), "https://schema.org/EventPostponedForever"),
            "$.eventStatus: 'https://schema.org/EventPostponedForever' is not a member of"
            " EventStatusType",
        ),
        (
            changed(EVENT, ("eventStatus",), "https://schema.org/OfflineEventAttendanceMode"),
            "$.eventStatus: 'https://schema.org/OfflineEventAttendanceMode' is not a member of",
        ),
        (
            changed(EVENT, ("performer",), "Ada Example"),
            "$.performer: 'Ada Example' is not allowed for 'performer'",
        ),
        (
            changed(SERIES, ("@context",), "https://example.org"),
            "$: not a schema.org JSON-LD object",
        ),
    ],
    ids=[
        "unknown-type",
        "unknown-nested-type",
        "unknown-property",
        "property-on-wrong-type",
        "person-as-location",
        "unknown-enumeration-member",
        "member-of-another-enumeration",
        "text-for-object",
        "other-context",
    ],
)
def test_each_mistake_is_a_problem(document: dict, expected: str) -> None:
    found = problems(document)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_problems_in_a_graph_name_their_place() -> None:
    graph = {"@context": "https://schema.org", "@graph": [SERIES, changed(EVENT, ("@type",), "X")]}
    assert problems(graph) == ["$.@graph[1]: unknown @type 'X'"]
