"""Every public page answers with the seed data; unknown keys give a 404."""

import pytest

from agreements.models import Agreement, Country, Declaration, Source

pytestmark = pytest.mark.django_db


def test_every_page_of_the_seed_data_answers(client, seed):
    urls = ["/en/", "/en/agreements/", "/en/countries/", "/en/timeline/", "/en/sources/"]
    urls += [a.get_absolute_url() for a in Agreement.objects.all()]
    urls += [c.get_absolute_url() for c in Country.objects.all()]
    urls += [d.get_absolute_url() for d in Declaration.objects.all()]
    urls += [s.get_absolute_url() for s in Source.objects.all()]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url",
    [
        "/en/agreements/nowhere/",
        "/en/countries/XX/",
        "/en/declarations/none/",
        "/en/sources/999999/",
    ],
)
def test_unknown_keys_are_not_found(client, seed, url):
    assert client.get(url).status_code == 404
