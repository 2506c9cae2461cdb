"""The youth block and the safety block name the municipality's youth team and huisartsenpost (with a tap-to-call
link and the website) on the search page and the handout; without a stored contact the generic text stays."""

import re

from tests.auth_tools import anon_csrf
from waitinfo.reference import contacts


def store(db):
    contacts.save(
        db,
        "GM0164",
        contacts.ContactIn(
            kind="youth_team",
            name="Jeugdteam Hengelo (fictief)",
            phone="088-0000 206",
            url="https://www.jeugdteam-hengelo.example",
        ),
        actor="test",
    )
    contacts.save(
        db,
        "GM0164",
        contacts.ContactIn(kind="gp_post", name="Huisartsenpost Hengelo (fictief)", phone="+31 88 000 0306"),
        actor="test",
    )


def block(html: str, cls: str) -> str:
    return re.search(rf'<section class="[^"]*\b{cls}\b.*?</section>', html, re.S).group(0)


def test_without_a_contact_the_generic_text_stays(client, known):
    r = client.get("/zoeken", params={"gemeente": "Hengelo", "hulpvraag": "angst", "leeftijd": "15"})
    assert "Het telefoonnummer staat op de website van de gemeente" in block(r.text, "youth")


def test_youth_and_safety_blocks_with_contacts(db, client, known):
    store(db)
    youth = block(client.get("/zoeken", params={"gemeente": "Hengelo", "leeftijd": "15"}).text, "youth")
    assert "van de gemeente Hengelo</strong>: <strong>Jeugdteam Hengelo (fictief)</strong>" in youth
    assert '<a class="tel" href="tel:0880000206">088-0000 206</a>' in youth
    assert 'href="https://www.jeugdteam-hengelo.example"' in youth
    assert "staat op de website van de gemeente" not in youth
    safety = block(client.get("/zoeken", params={"gemeente": "GM0164", "hulpvraag": "crisis"}).text, "safety")
    assert "huisartsenpost voor Hengelo: <strong>Huisartsenpost Hengelo (fictief)</strong>" in safety
    assert '<a class="tel" href="tel:+31880000306">+31 88 000 0306</a>' in safety
    # An adult's search for another need shows neither block; another municipality keeps the generic text.
    adult = client.get("/zoeken", params={"gemeente": "Hengelo", "hulpvraag": "angst", "leeftijd": "34"}).text
    assert "Jeugdteam Hengelo" not in adult and "Huisartsenpost Hengelo" not in adult
    almelo = block(client.get("/zoeken", params={"gemeente": "Almelo", "leeftijd": "15"}).text, "youth")
    assert "Jeugdteam Hengelo" not in almelo and "staat op de website van de gemeente" in almelo
    almelo_crisis = block(client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "crisis"}).text, "safety")
    assert "bel de huisartsenpost voor Almelo. Overdag" in almelo_crisis


def test_htmx_results_block_carries_the_contact(db, client, known):
    store(db)
    r = client.get("/zoeken", params={"gemeente": "GM0164", "leeftijd": "15"}, headers={"HX-Request": "true"})
    assert "<html" not in r.text and "Jeugdteam Hengelo (fictief)" in r.text and "tel:0880000206" in r.text


def test_handout_names_the_contacts(db, client, known):
    store(db)
    csrf = anon_csrf(client)
    back = "/zoeken?gemeente=GM0164&hulpvraag=crisis&leeftijd=15"
    client.post("/lijst/toevoegen", data={"service_id": str(known.point.id), "terug": back, "csrf_token": csrf})
    handout = client.get("/lijst").text
    youth, safety = block(handout, "youth"), block(handout, "safety")
    assert "Jeugdteam Hengelo (fictief)" in youth and 'href="tel:0880000206"' in youth
    assert "https://www.jeugdteam-hengelo.example" in youth  # the website readable on paper too
    assert "Huisartsenpost Hengelo (fictief)" in safety and 'href="tel:+31880000306"' in safety


def test_demo_hengelo_teenager(demo_client):
    r = demo_client.get("/zoeken", params={"gemeente": "GM0164", "hulpvraag": "somberheid", "leeftijd": "15"})
    youth = block(r.text, "youth")
    assert "Jeugdteam Hengelo (fictief)" in youth and re.search(r'href="tel:08800002\d\d"', youth)


def test_every_handout_names_the_huisartsenpost(db, client, known):
    """Not only for the crisis need: "Gaat het slechter?" on every handout names the municipality's huisartsenpost."""
    store(db)
    csrf = anon_csrf(client)
    back = "/zoeken?gemeente=GM0164&hulpvraag=angst"
    client.post("/lijst/toevoegen", data={"service_id": str(known.point.id), "terug": back, "csrf_token": csrf})
    handout = client.get("/lijst").text
    worse = handout.split("Gaat het slechter?")[1].split("</p>")[0]
    assert "Huisartsenpost Hengelo (fictief)" in worse and 'href="tel:+31880000306"' in worse
    assert 'class="safety"' not in handout  # no crisis block for this need
