"""Fetching a page for the importer (SPEC §10): local pages through the private-hosts
setting, and every way of reaching a private address refused before any connection."""

import pytest

from applications.capture.fetch import FetchRefused, address_refusal, fetch_page
from tests.applications.posting_server import base_url, drip, huge, page, posting_server, redirect

LOCAL = ["127.0.0.1"]


def test_it_fetches_an_allowed_local_page_without_sending_cookies():
    with posting_server({"/job": page("graph_escaped.html")}) as server:
        url = base_url(server) + "/job"
        first = fetch_page(url, private_hosts=LOCAL)
        fetch_page(url, private_hosts=LOCAL)
        assert first.kind == "html"
        assert first.url == url
        assert "Night Nurse" in first.text
        assert "Cookie" not in server.seen_headers and "Authorization" not in server.seen_headers


def test_it_follows_redirects_and_checks_each_one():
    with posting_server({"/old": redirect("/job"), "/job": page("microdata.html")}) as server:
        fetched = fetch_page(base_url(server) + "/old", private_hosts=LOCAL)
        assert fetched.url == base_url(server) + "/job"
        assert server.paths == ["/old", "/job"]


@pytest.mark.parametrize("host", ["localhost", "2130706433", "[::ffff:127.0.0.1]", "0x7f.1"])
def test_it_refuses_a_redirect_to_a_private_address_not_listed(host):
    with posting_server() as server:
        server.routes["/go"] = redirect(f"http://{host}:{server.server_address[1]}/job")
        server.routes["/job"] = page("microdata.html")
        with pytest.raises(FetchRefused, match="private network"):
            fetch_page(base_url(server) + "/go", private_hosts=LOCAL)
        assert server.paths == ["/go"]  # the redirect's target was never requested


def test_it_gives_up_after_five_redirects():
    with posting_server({"/loop": redirect("/loop")}) as server:
        with pytest.raises(FetchRefused, match="more than 5 times"):
            fetch_page(base_url(server) + "/loop", private_hosts=LOCAL)
        assert len(server.paths) == 6


def test_it_stops_a_slow_drip_at_the_time_limit():
    with posting_server({"/slow": drip}) as server, pytest.raises(FetchRefused, match="within 1 seconds"):
        fetch_page(base_url(server) + "/slow", private_hosts=LOCAL, timeout=1)


@pytest.mark.parametrize("declared", [True, False])
def test_it_refuses_a_page_over_the_size_limit(declared):
    routes = {"/big": huge(3 * 1024 * 1024, declared=declared)}
    with posting_server(routes) as server, pytest.raises(FetchRefused, match="larger than 2 MB"):
        fetch_page(base_url(server) + "/big", private_hosts=LOCAL)


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/octet-stream"])
def test_it_refuses_what_is_not_a_page(content_type):
    routes = {"/file": page("microdata.html", content_type)}
    with (
        posting_server(routes) as server,
        pytest.raises(FetchRefused, match=f"its content is {content_type}"),
    ):
        fetch_page(base_url(server) + "/file", private_hosts=LOCAL)


def test_it_says_what_the_site_answered():
    with posting_server() as server, pytest.raises(FetchRefused, match="answered 404"):
        fetch_page(base_url(server) + "/gone", private_hosts=LOCAL)


LOOPBACK_SPELLINGS = [
    "127.0.0.1",
    "localhost",
    "127.1",
    "2130706433",
    "0x7f.1",
    "0x7f000001",
    "0177.0.0.1",
    "017700000001",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_it_refuses_every_spelling_of_loopback_without_connecting(host):
    with posting_server({"/job": page("microdata.html")}) as server:
        with pytest.raises(FetchRefused, match="cannot be imported"):
            fetch_page(f"http://{host}:{server.server_address[1]}/job")
        assert server.connections == 0


@pytest.mark.parametrize("host", ["localhost", "2130706433", "[::ffff:127.0.0.1]", "127.1"])
def test_it_matches_private_hosts_as_written(host):
    with posting_server({"/job": page("microdata.html")}) as server:
        with pytest.raises(FetchRefused, match="private network"):
            fetch_page(f"http://{host}:{server.server_address[1]}/job", private_hosts=LOCAL)
        assert server.connections == 0


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",
        "169.254.169.254",
        "0.0.0.0",  # noqa: S104 (an address to refuse, not one to bind)
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "64:ff9b::7f00:1",
        "2002:a00:1::1",
    ],
)
def test_it_refuses_private_and_special_addresses(address):
    # Checked without connecting: nothing in these tests may send a packet to them.
    assert address_refusal(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_it_admits_public_addresses(address):
    assert address_refusal(address) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/job", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
        ("gopher://127.0.0.1:70/", "Only http and https"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http://example.com:99999/", "not a valid web address"),
        ("http:///nohost", "no host name"),
    ],
)
def test_it_refuses_links_it_must_not_follow(url, reason):
    with pytest.raises(FetchRefused, match=reason):
        fetch_page(url)
