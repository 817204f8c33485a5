"""Links as a browser reads them: which host a URL really goes to, whether that host is allowed,
and what a percent-encoded path says."""

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from django.conf import settings

from core.safety.normalise import fold

ALWAYS_ALLOWED_DOMAINS = ("gov.cn", "wenming.cn")
SAFE_SCHEMES = {"mailto", "tel", "sms"}
SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"}
_TLDS = "com|net|org|cc|vip|top|xyz|info|me|co|io|tv|app|bet|casino|club|site|online|shop|live|win|cn|hk|mo|tw|ws"
_TEXT_URL = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'，。、；）)】]+"
    rf"|(?<![a-z0-9.@/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![a-z0-9-])(?:/[^\s<>\"'，。、]*)?"
)


def allowed_hosts_setting():
    """Hosts allowed besides *.gov.cn and *.wenming.cn: the setting, and the portal's own hosts."""
    hosts = list(getattr(settings, "CONTENT_SAFETY_ALLOWED_HOSTS", []))
    hosts.extend(host for host in getattr(settings, "ALLOWED_HOSTS", []) if host not in ("*", ""))
    base = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname
    if base:
        hosts.append(base)
    return hosts


def browser_host(host):
    """The host name as a browser resolves it: percent-decoded, mapped as IDNA does (NFKC, case
    folded; full-width ｇｏｖ.ｃｎ is gov.cn) and encoded to ASCII (a Cyrillic о stays a different
    letter: www.gоv.cn is www.xn--gv-kmc.cn). None when no browser could resolve it."""
    host = unquote(host or "").strip().rstrip(".")
    if not host:
        return ""
    labels = []
    for label in host.split("."):
        label = unicodedata.normalize("NFKC", label).casefold()
        if not label:
            return None
        try:
            labels.append(label.encode("idna").decode("ascii"))
        except UnicodeError:
            return None
    return ".".join(labels)


def _scripts(label):
    """The letter scripts of a host label (LATIN, CYRILLIC, GREEK, CJK, ...), digits and '-' aside."""
    return {unicodedata.name(char, "?").split()[0] for char in label if char.isalpha()}


def lookalike_host(host):
    """Whether a host mixes scripts within a label (www.gоv.cn: Latin with a Cyrillic о), the
    trick of a look-alike domain. A host written in one script is judged like any other."""
    decoded = unicodedata.normalize("NFKC", unquote(host or "")).casefold()
    return any(len(_scripts(_unicode_label(label))) > 1 for label in decoded.split("."))


def _unicode_label(label):
    """A label as the reader sees it: xn--gv-kmc reads as gоv."""
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except UnicodeError:
            return label
    return label


def host_allowed(host, allowed_hosts=None):
    """Whether a host (as a browser resolves it) is *.gov.cn, *.wenming.cn or on the list."""
    resolved = browser_host(host)
    if resolved == "":
        return True
    if resolved is None:
        return False
    extra = allowed_hosts if allowed_hosts is not None else allowed_hosts_setting()
    for domain in (*ALWAYS_ALLOWED_DOMAINS, *extra):
        domain = browser_host(domain.strip().lstrip("."))
        if domain and (resolved == domain or resolved.endswith("." + domain)):
            return True
    return False


def classify_url(url, allowed_hosts=None):
    """(category, host or scheme) for a URL that is a finding, else None. Relative URLs are fine.

    The scheme is read leniently (folded), so that no disguise of "javascript:" passes; the host
    is read as the browser will resolve it, so that a look-alike letter never passes for an
    allowed domain."""
    # Browsers ignore tabs and newlines in URLs and read "\" as "/": so must we.
    cleaned = re.sub(r"[\x00-\x20]+", "", fold(url or "")).replace("\\", "/")
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    scheme = match.group(1) if match else ""
    if scheme in SCRIPT_SCHEMES:
        return "script_link", scheme
    if scheme in SAFE_SCHEMES:
        return None
    if scheme == "data":
        return None if cleaned.startswith("data:image/") else ("script_link", "data")
    if scheme and scheme not in ("http", "https", "ftp", "ws", "wss"):
        return None
    if not scheme and not cleaned.startswith("//"):
        return None
    raw = re.sub(r"[\x00-\x20]+", "", url or "").replace("\\", "/")
    authority = raw.split("//", 1)[1] if "//" in raw else raw.split(":", 1)[-1]
    try:
        host = urlsplit("http://" + authority).hostname
    except ValueError:
        return "link", cleaned[:80]
    if lookalike_host(host):
        return "lookalike_host", host
    if host_allowed(host, allowed_hosts):
        return None
    return "link", browser_host(host) or host or cleaned[:80]


def decoded_url(url, rounds=3):
    """A URL as a reader sees it: percent-decoding undone (twice-encoded too), `+` in the query
    read as a space. /documents/12/%E5%8D%9A%E5%BD%A9.pdf says 博彩."""
    text = url or ""
    for _ in range(rounds):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    path, mark, query = text.partition("?")
    return path + mark + query.replace("+", " ")
