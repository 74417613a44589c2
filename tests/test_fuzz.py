"""Hostile and broken requests to every public page get a 4xx at worst, never a server error.

Property-based (hypothesis): random query strings built from the parameters each page reads and
from random names, with random text, huge values, control characters, percent-encoded bytes that
are not UTF-8 and repeated parameters; and random path segments where a page takes one. The
number of examples is bounded by the hypothesis profile in conftest.py (HYPOTHESIS_PROFILE=deep
runs many more).
"""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.public_pages import PAGES, is_routed, path_values

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # hundreds of requests per page

SPECIAL_VALUES = [
    "",
    "0",
    "-1",
    "1e309",
    "99999999999999999999999999",
    "2024-02-30",
    "2024-13",
    "0000",
    "2024-04-03T00:00",
    "NaN",
    "null",
    "' OR 1=1 --",
    "%",
    "..%2F..%2Fetc%2Fpasswd",
    "<script>alert(1)</script>",
    "\x00",
    "\r\nSet-Cookie: x=1",
    "🇺🇦",
    "9" * 5000,
    "a" * 100_000,
]


def percent_encoded(text):
    return quote(text, safe="")


def raw_bytes(data):
    """Every byte percent-encoded, so anything goes, including invalid UTF-8."""
    return "".join(f"%{byte:02X}" for byte in data)


values = st.one_of(
    st.sampled_from(SPECIAL_VALUES).map(percent_encoded),
    st.text(max_size=40).map(percent_encoded),
    st.binary(max_size=40).map(raw_bytes),
    st.integers().map(str),
    # A request line arrives as bytes; WSGI hands them over decoded as Latin-1.
    st.binary(min_size=1, max_size=10)
    .map(lambda b: b.decode("latin-1"))
    .filter(lambda s: not any(c in s for c in "\x00\r\n #&?")),
)


def query_strings(known_params):
    names = st.one_of(
        st.sampled_from(known_params or ("page",)),
        st.text(max_size=20).map(percent_encoded),
        st.binary(max_size=10).map(raw_bytes),
    )
    pair = st.tuples(names, values).map(lambda p: f"{p[0]}={p[1]}")
    return st.lists(st.one_of(pair, names), max_size=12).map("&".join)


def routed_templates():
    seen = set()
    for page in PAGES:
        if page.path not in seen:
            seen.add(page.path)
            yield page


@pytest.mark.parametrize("page", list(routed_templates()), ids=lambda page: page.path)
@given(query=st.data())
def test_no_query_string_makes_a_public_page_fail(client, seed, page, query):
    path = page.path.format(**path_values())
    if not is_routed(path):
        pytest.skip(f"{path} is not routed in this build yet")
    query_string = query.draw(query_strings(page.params))
    response = client.get(path, QUERY_STRING=query_string)
    assert response.status_code < 500, f"{path}?{query_string}"


segments = st.one_of(
    st.sampled_from(SPECIAL_VALUES).map(percent_encoded),
    st.text(min_size=1, max_size=40).map(percent_encoded),
    st.binary(min_size=1, max_size=40).map(raw_bytes),
)
SEGMENT_PAGES = [page for page in routed_templates() if "{" in page.path]


@pytest.mark.parametrize("page", SEGMENT_PAGES, ids=lambda page: page.path)
@given(segment=segments)
def test_no_path_segment_makes_a_public_page_fail(client, seed, page, segment):
    real = path_values()
    if not is_routed(page.path.format(**real)):
        pytest.skip(f"{page.path} is not routed in this build yet")
    placeholder = page.path[page.path.index("{") + 1 : page.path.index("}")]
    path = page.path.format(**{**real, placeholder: segment})
    response = client.get(path)
    assert response.status_code < 500, path


@given(segments=st.lists(segments, min_size=1, max_size=4), query=query_strings(()))
def test_any_path_at_all_is_answered_without_a_server_error(client, seed, segments, query):
    path = "/" + "/".join(segments)
    response = client.get(path, QUERY_STRING=query)
    assert response.status_code < 500, f"{path}?{query}"


@pytest.mark.parametrize("page", list(routed_templates()), ids=lambda page: page.path)
def test_thousands_of_repeated_parameters_are_refused_or_ignored(client, seed, page):
    path = page.path.format(**path_values())
    if not is_routed(path):
        pytest.skip(f"{path} is not routed in this build yet")
    name = (page.params or ("page",))[0]
    response = client.get(path, QUERY_STRING="&".join([f"{name}=1"] * 5000))
    assert response.status_code < 500
