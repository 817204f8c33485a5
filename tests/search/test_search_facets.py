"""Facets: counts per type, bureau, district, year and tag that match what choosing them shows."""

import re

import pytest

pytestmark = pytest.mark.django_db


def facet_links(html, name):
    """(url, label, count) of each value of one facet group."""
    block = re.search(r"<h3>[^<]*</h3>\s*<ul>(.*?)</ul>", html[html.index(f"facet-{name}") :], re.S)
    link = r'<a href="([^"]+)"[^>]*>(?:<span[^>]*>[^<]*</span>)?([^<]+?) '
    return re.findall(link + r'<span class="search-facet__count">\((\d+)\)</span>', block.group(1))


def result_count(html):
    match = re.search(r'search-count">“[^”]*”共有(\d+)条结果', html)
    if match:
        return int(match.group(1))
    return 1 if re.search(r'search-count">“[^”]*”共有1条结果', html) else 0


@pytest.mark.parametrize("facet", ["type", "bureau", "district", "year", "tag"])
def test_every_facet_count_is_the_number_of_results_it_shows(client, facet):
    html = client.get("/search/", {"q": "文明"}).content.decode()
    if f"facet-{facet}" not in html:
        html = client.get("/search/", {"q": "滇池"}).content.decode()
    assert f"facet-{facet}" in html, f"demo content should give the {facet} facet some values"
    links = facet_links(html, facet)
    assert links
    for url, label, count in links[:4]:
        narrowed = client.get("/search/" + url.replace("&amp;", "&")).content.decode()
        assert result_count(narrowed) == int(count), (facet, label)
        assert 'aria-current="true" class="is-selected"' in narrowed


def test_facets_combine_with_each_other_and_the_query(client):
    html = client.get("/search/", {"q": "文明"}).content.decode()
    total = result_count(html)
    type_url, _label, type_count = facet_links(html, "type")[0]
    narrowed = client.get("/search/" + type_url.replace("&amp;", "&")).content.decode()
    assert result_count(narrowed) == int(type_count) < total
    bureau_url, _label, bureau_count = facet_links(narrowed, "bureau")[0]
    both = client.get("/search/" + bureau_url.replace("&amp;", "&")).content.decode()
    assert "type=" in bureau_url and "bureau=" in bureau_url
    assert result_count(both) == int(bureau_count) <= int(type_count)
