"""The reference article: what a careful analyst takes from it about its actors."""

import re

import pytest

pytestmark = [pytest.mark.model, pytest.mark.shared]

# (canonical name, ISO3, a word of the role title)
NAMED_PEOPLE = [
    ("Volodymyr Zelenskyy", "UKR", "president"),
    ("Keir Starmer", "GBR", "prime minister"),
    ("Emmanuel Macron", "FRA", "president"),
    ("Friedrich Merz", "DEU", "chancellor"),
    ("Pat McFadden", "GBR", "minister"),
    ("Donald Trump", "USA", "president"),
    ("Keith Kellogg", "USA", "envoy"),
    ("Oleksandr Gusarov", "UKR", "mayor"),
    ("Giorgia Meloni", "ITA", "prime minister"),
]


def by_name(record, name):
    found = [e for e in record.entities if e.name == name]
    assert len(found) == 1, (name, [e.name for e in record.entities])
    return found[0]


@pytest.mark.parametrize("name, country, title", NAMED_PEOPLE)
def test_named_people_have_country_and_role(seed_record, name, country, title):
    person = by_name(seed_record, name)
    assert person.kind == "person"
    assert person.country == country
    assert any(title in role.title.lower() for role in person.roles), person.roles


@pytest.mark.parametrize("name, country, title", NAMED_PEOPLE)
def test_every_name_mention_is_found(seed_record, name, country, title):
    text = seed_record.article.text
    person = by_name(seed_record, name)
    surname = name.split()[-1]
    expected = {m.start() for m in re.finditer(rf"\b{surname}\b", text)}
    found = {m.start + m.text.rfind(surname) for m in person.mentions if surname in m.text}
    assert expected <= found, sorted(expected - found)


def test_exactly_nine_named_people(seed_record):
    named = [e.name for e in seed_record.entities if e.kind == "person" and e.name[:1].isupper()]
    assert sorted(named) == sorted(n for n, _, _ in NAMED_PEOPLE)


def test_no_place_is_a_person(seed_record):
    kinds = {}
    for entity in seed_record.entities:
        for mention in entity.mentions:
            kinds[mention.text] = entity.kind
    for place in ("Kyiv", "Pechenihy", "Kremenchuk", "London", "Moscow", "Rome", "Miami", "Florida"):
        assert kinds.get(place) == "place", (place, kinds.get(place))
    assert kinds.get("Ukraine") == kinds.get("Russia") == "country"


def test_descriptions_and_pronouns(seed_record):
    zelenskyy = by_name(seed_record, "Volodymyr Zelenskyy")
    texts = [m.text for m in zelenskyy.mentions]
    assert "the Ukrainian leader" in texts
    assert texts.count("he") >= 2 and texts.count("his") >= 2
    meloni = by_name(seed_record, "Giorgia Meloni")
    assert "her" in [m.text for m in meloni.mentions]


def test_roles_read_from_possessive_and_apposition(seed_record):
    kellogg = by_name(seed_record, "Keith Kellogg")
    role = kellogg.roles[0]
    assert role.of == "Donald Trump" and "envoy" in role.title and role.source == "text"
    gusarov = by_name(seed_record, "Oleksandr Gusarov")
    assert gusarov.roles[0].of == "Pechenihy" and gusarov.roles[0].country == "UKR"


def test_unnamed_mayor_of_another_city_is_not_merged(seed_record):
    gusarov = by_name(seed_record, "Oleksandr Gusarov")
    assert not any("Kremenchuk" in m.text for m in gusarov.mentions)
    mayors = [e for e in seed_record.entities if e.kind == "person"
              and any(r.title == "mayor" and r.of == "Kremenchuk" for r in e.roles)]
    assert len(mayors) == 1


def test_media_platforms_and_facilities(seed_record):
    kinds = {e.name: e.kind for e in seed_record.entities}
    assert kinds.get("Telegram") == "platform" and kinds.get("X") == "platform"
    assert kinds.get("Sky News") == "media"
    facilities = [e for e in seed_record.entities if e.kind == "facility"]
    assert any("nuclear power plant" in e.name for e in facilities)
    assert all(e.country == "UKR" for e in facilities)


def test_kb_links_by_article_date(seed_record):
    trump = by_name(seed_record, "Donald Trump")
    assert trump.kb is not None
    assert any(o.jurisdiction == "USA" for o in trump.kb.offices)
