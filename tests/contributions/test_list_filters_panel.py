"""The list's filters fold behind «Filtra» below lg (issue 16 item 8): the button says how many
filters are active, and a filter with an error is shown open so its message is not hidden."""

import re


def _panel(html: str) -> str:
    return re.search(r"<details[^>]*contribution-filters-panel[^>]*>.*?</summary>", html, re.S).group(0)


def test_filtra_counts_active_filters_and_opens_on_an_error(client, open_psm):
    closed = _panel(client.get("/contributi/").content.decode())
    assert " open" not in closed.split(">")[0] and "Filtra" in closed and "attiv" not in closed
    two = _panel(client.get("/contributi/", {"kind": "idea", "q": "treni", "sort": "supported"}).content.decode())
    assert "2 filtri attivi" in two and " open" not in two.split(">")[0]
    assert " open" not in _panel(client.get("/contributi/", {"sort": "nonsense"}).content.decode()).split(">")[0]
    response = client.get("/contributi/", {"axis": "999999"})
    assert response.status_code == 200
    wrong = _panel(response.content.decode())
    assert " open" in wrong.split(">")[0]
