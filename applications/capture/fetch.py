"""Fetching a posting's page on a user's behalf without opening a way into the network
(SPEC §10). Pure Python: the caller passes the settings in.

- Only http and https, on their default ports or a port the link states; no user name
  or password in the link.
- The host is resolved once and every address it resolves to is checked: loopback,
  private, shared, link-local (169.254.169.254 included), unique-local, multicast,
  reserved and unspecified addresses are refused, also when written as IPv4-mapped,
  NAT64, 6to4 or Teredo IPv6 addresses, or as decimal, octal or hex IPv4 (the resolver
  reads those, and its answer is what is checked).
- The connection goes to the checked address: the request's URL carries that address,
  with the host name in `Host` and in TLS's SNI (so certificates are still verified
  against the name), so nothing resolves the name a second time.
- Redirects are followed by hand, at most five, each checked like the first link.
- At most `max_bytes` of (decoded) body, `timeout` seconds in all, HTML, JSON or plain
  text only, no cookies, credentials, proxies or environment settings.

`private_hosts` lists hosts (as written in a link: a name or an IP literal) that may be
private, for intranet boards and tests; `127.0.0.1` listed does not admit `localhost`,
`2130706433` or `[::ffff:127.0.0.1]`.
"""

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "json",
    "application/ld+json": "json",
    "text/plain": "text",
}
USER_AGENT = "JobForge-Importer/1.0"
_REDIRECTS = {301, 302, 303, 307, 308}
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
# Not caught by the `is_*` properties of every supported Python version.
_EXTRA_REFUSED = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT
    ipaddress.ip_network("192.0.0.0/24"),
    ipaddress.ip_network("198.18.0.0/15"),
    ipaddress.ip_network("fec0::/10"),  # site-local
)


class FetchRefused(Exception):
    """The link cannot be imported; the message says why in plain words."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    kind: str  # "html", "json" or "text"
    text: str


def address_refusal(address: str) -> str | None:
    """Why a connection to this IP address is refused, or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "it is not a valid address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif any(ip in network for network in _NAT64):
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip.teredo is not None:
            ip = ip.teredo[1]
    if ip.is_loopback:
        return "it is a loopback address"
    if ip.is_unspecified:
        return "it is an unspecified address"
    if ip.is_link_local:
        return "it is a link-local address"
    if ip.is_multicast:
        return "it is a multicast address"
    if ip.is_reserved:
        return "it is a reserved address"
    if ip.is_private or any(ip in network for network in _EXTRA_REFUSED if network.version == ip.version):
        return "it is a private address"
    if not ip.is_global:
        return "it is a reserved address"
    return None


def _checked_target(url: str, *, private_hosts: frozenset[str]) -> tuple[httpx.URL, str]:
    """The URL to request and the one address to connect to, or FetchRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused("The link is not a valid web address.") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchRefused("Only http and https links can be imported.")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("Links with a user name or password cannot be imported.")
    host = (parts.hostname or "").lower()
    if not host:
        raise FetchRefused("The link has no host name.")
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchRefused(f"The site {host} could not be found.") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchRefused(f"The site {host} could not be found.")
    if host not in private_hosts:
        for address in addresses:
            if reason := address_refusal(address):
                raise FetchRefused(f"Links to {host} cannot be imported: {reason} inside a private network.")
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        raise FetchRefused("The link is not a valid web address.") from None
    return target, addresses[0]


class PinnedTransport(httpx.HTTPTransport):
    """Connects to one checked address whatever the URL's host: the host name is kept
    for `Host` and for TLS (SNI and certificate checks), never resolved again."""

    def __init__(self, address: str):
        super().__init__(verify=True, trust_env=False, retries=0)
        self.address = address

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        request.headers["Host"] = request.url.netloc.decode("ascii")
        if request.url.scheme == "https":
            request.extensions = {**request.extensions, "sni_hostname": host}
        request.url = request.url.copy_with(host=self.address)
        return super().handle_request(request)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpx.TimeoutException("deadline")
    return left


def _fetch(url: str, *, private_hosts: frozenset[str], deadline: float, max_bytes: int) -> Page:
    for _hop in range(MAX_REDIRECTS + 1):
        target, address = _checked_target(url, private_hosts=private_hosts)
        with httpx.Client(
            transport=PinnedTransport(address), follow_redirects=False, trust_env=False
        ) as client:
            request = client.build_request(
                "GET",
                target,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,text/plain;q=0.8",
                    "Accept-Encoding": "gzip, deflate",
                },
                timeout=httpx.Timeout(_remaining(deadline)),
            )
            response = client.send(request, stream=True)
            try:
                if response.status_code in _REDIRECTS and response.headers.get("location"):
                    url = urljoin(url, response.headers["location"])
                    continue
                return _read(response, url=url, deadline=deadline, max_bytes=max_bytes)
            finally:
                response.close()
    raise FetchRefused(f"The link redirected more than {MAX_REDIRECTS} times.")


def _read(response: httpx.Response, *, url: str, deadline: float, max_bytes: int) -> Page:
    if not response.is_success:
        raise FetchRefused(f"The site answered {response.status_code} {response.reason_phrase}.".strip())
    media_type = (response.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    kind = CONTENT_TYPES.get(media_type)
    if kind is None:
        shown = media_type or "of no stated type"
        raise FetchRefused(f"The link does not lead to a web page (its content is {shown}).")
    too_big = f"The page is larger than {_size(max_bytes)}."
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused(too_big)
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FetchRefused(too_big)
        _remaining(deadline)
    encoding = response.charset_encoding or "utf-8"
    try:
        text = body.decode(encoding, errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    return Page(url=url, kind=kind, text=text)


def fetch_page(url: str, *, private_hosts=(), timeout: float = 10.0, max_bytes: int = MAX_BYTES) -> Page:
    """The page at `url` under the rules of this module, or FetchRefused saying why.

    The fetch runs in a thread of its own so that the caller gets its answer when
    `timeout` is up whatever the site does (a read already waiting then ends by its own
    timeout, never later than `timeout` after it began)."""
    deadline = time.monotonic() + timeout
    hosts = frozenset(host.lower().strip("[]") for host in private_hosts)
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["page"] = _fetch(url, private_hosts=hosts, deadline=deadline, max_bytes=max_bytes)
        except FetchRefused as refused:
            outcome["refused"] = refused
        except httpx.TimeoutException:
            outcome["refused"] = _too_slow(timeout)
        except (httpx.HTTPError, OSError, UnicodeError) as error:
            outcome["refused"] = FetchRefused(f"The page could not be fetched ({_plain(error)}).")

    worker = threading.Thread(target=run, name="job-capture-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or not outcome:
        raise _too_slow(timeout)
    if "refused" in outcome:
        raise outcome["refused"]
    return outcome["page"]


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB" if count >= 1024 * 1024 else f"{count:,} bytes"


def _too_slow(timeout: float) -> FetchRefused:
    return FetchRefused(f"The site did not send the page within {timeout:g} seconds.")


def _plain(error: Exception) -> str:
    if isinstance(error, httpx.ConnectError):
        return "the connection failed"
    if isinstance(error, (httpx.RemoteProtocolError, httpx.DecodingError)):
        return "the site's answer was malformed"
    return "a network error"
