from __future__ import annotations

import pytest

from unspin.stages.parts import agency_name, find_dateline


@pytest.mark.parametrize("text,dateline,place,agency", [
    ("Head\n\nWASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP) —", "Washington", "AP"),
    ("LONDON — After nearly 20 years, the envoy left.", "LONDON —", "London", None),
    ("Head\n\nWashington (AFP) – The US military said.", "Washington (AFP) –", "Washington",
     "AFP"),
    ("FLINT, Mich., Oct. 4 (UPI) — Former President", "FLINT, Mich., Oct. 4 (UPI) —",
     "Flint, Mich.", "UPI"),
    ("DES MOINES, Iowa — Hillary Clinton", "DES MOINES, Iowa —", "Des Moines, Iowa", None),
    ("MEXICO CITY - The rise of", "MEXICO CITY -", "Mexico City", None),
])
def test_parts_dateline_found_with_place_and_agency(text: str, dateline: str, place: str,
                                                    agency: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.text, found.place, found.agency) == (dateline, place, agency)
    assert text[found.start:found.end] == found.text


@pytest.mark.parametrize("text", [
    "Officials — and voters — said no.",
    "The Post — a paper of record — said so.",
    "UPDATE — the vote was delayed.",
    "US — a country of states.",
    "Head\n\nPara one.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n\nLONDON — late.",
])
def test_parts_no_dateline_in_prose_or_deep_in_the_text(text: str) -> None:
    assert find_dateline(text) is None


def test_parts_agency_names() -> None:
    assert agency_name("AP") == "Associated Press"
    assert agency_name("Reuters") == "Reuters"
    assert agency_name("Gazeta") == "Gazeta"
