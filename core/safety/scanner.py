"""Scanning text and HTML for banned terms, a replaced issuing body, and off-list links.

All terms are compiled into one regular expression over the skeleton of the text (see
`normalise`), so a page costs one pass whatever the size of the list."""

import bisect
import functools
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

from core.safety.findings import Finding
from core.safety.htmlwalk import parse_html
from core.safety.normalise import fold, is_invisible, normalise

TERMS_FILE = Path(__file__).with_name("banned_terms.json")
CATEGORIES = ("gambling", "seo_spam", "pornography", "fraud")
EXCERPT_CONTEXT = 20

ALWAYS_ALLOWED_DOMAINS = ("gov.cn", "wenming.cn")
DEFAULT_ISSUER_NAMES = ["昆明市人民政府"]
# What may stand before 人民政府 in a genuine name: an administrative level (昆明市, 云南省,
# 西山区, 各级, 中央, 所在地, 乡镇 ...). A brand or a word ending in 城/场/乐 may not.
ADMINISTRATIVE_ENDINGS = set("省市州县区镇乡旗盟级央地国")
# Words that follow an issuing body's name in a document; spam mirrors keep them and swap the name.
ISSUER_CONTEXT = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|关于印发|关于)")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "srcset", "xlink:href"}
SAFE_SCHEMES = {"mailto", "tel", "sms"}
SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"}
_TLDS = "com|net|org|cc|vip|top|xyz|info|me|co|io|tv|app|bet|casino|club|site|online|shop|live|win|cn|hk|mo|tw|ws"
_TEXT_URL = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'，。、；）)】]+"
    rf"|(?<![a-z0-9.@/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![a-z0-9-])(?:/[^\s<>\"'，。、]*)?"
)


def _latin(char):
    return char.isascii() and char.isalnum()


@functools.lru_cache(maxsize=1)
def _compiled_terms():
    """(regex of the first characters of all terms, first character -> regex of its terms,
    group name -> (category, canonical term, Latin at start, Latin at end)).

    One alternation of every term is slow in Python's engine (it tries each alternative at each
    position); grouping by first character tries only the few that can match."""
    data = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    literals, patterns, rules = [], [], {}
    for category in CATEGORIES:
        for term in data[category]["terms"]:
            literals.append((category, normalise(term).skeleton))
        patterns.extend((category, pattern) for pattern in data[category].get("patterns", []))
    by_first = {}
    for category, term in sorted(set(literals), key=lambda item: -len(item[1])):
        name = f"t{len(rules)}"
        rules[name] = (category, term, _latin(term[0]), _latin(term[-1]))
        by_first.setdefault(term[0], []).append(f"(?P<{name}>{re.escape(term)})")
    for category, pattern in patterns:
        # Patterns must start with a literal character so that they can be grouped with terms.
        if not pattern[0].isalnum():
            raise ValueError(f"banned-term pattern must start with a letter: {pattern}")
        name = f"t{len(rules)}"
        rules[name] = (category, "", _latin(pattern[0]), False)
        by_first.setdefault(pattern[0], []).append(f"(?P<{name}>{pattern})")
    first = re.compile("[" + "".join(re.escape(char) for char in sorted(by_first)) + "]")
    return first, {char: re.compile("|".join(parts)) for char, parts in by_first.items()}, rules


def _term_finditer(skeleton):
    """Like `re.finditer` over all terms: leftmost, non-overlapping, longest term first."""
    first, by_first, _rules = _compiled_terms()
    position = 0
    while True:
        candidate = first.search(skeleton, position)
        if candidate is None:
            return
        match = by_first[candidate.group()].match(skeleton, candidate.start())
        if match:
            yield match
            position = match.end()
        else:
            position = candidate.start() + 1


def issuer_bodies(issuer_names=None):
    """The part of each issuing body's name after its place: 昆明市人民政府 -> 人民政府."""
    names = issuer_names if issuer_names is not None else issuer_names_setting()
    bodies = {"人民政府"}
    for name in names:
        body = re.sub(r"^.*?[省市州县区]", "", normalise(name).skeleton)
        if len(body) >= 3:
            bodies.add(body)
    return sorted(bodies, key=len, reverse=True)


def issuer_names_setting():
    return list(getattr(settings, "CONTENT_SAFETY_ISSUER_NAMES", DEFAULT_ISSUER_NAMES))


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


class _Locator:
    """Line and column (1-based) of offsets in a source."""

    def __init__(self, source):
        self.starts = [0] + [match.end() for match in re.finditer("\n", source)]

    def __call__(self, offset):
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def _one_line(text):
    """On one line, with invisible characters shown, so that an editor can see what to delete."""
    text = re.sub(r"\s+", " ", text).strip()
    return "".join(f"[U+{ord(char):04X}]" if is_invisible(char) else char for char in text)


class _Scan:
    """Findings in a text; `offsets` maps text indexes to offsets in `source` (for HTML)."""

    def __init__(self, text, source=None, offsets=None, allowed_hosts=None, issuer_names=None):
        self.text = text
        self.source = source if source is not None else text
        self.offsets = offsets
        self.allowed_hosts = allowed_hosts
        self.issuer_names = issuer_names
        self.locate = _Locator(self.source)
        self.norm = normalise(text)

    def finding(self, category, rule, start, end):
        excerpt = self.text[max(0, start - EXCERPT_CONTEXT) : end + EXCERPT_CONTEXT]
        source_start = self.offsets[start] if self.offsets else start
        source_end = self.offsets[end - 1] + 1 if self.offsets else end
        line, column = self.locate(source_start)
        return Finding(
            category, rule, _one_line(self.text[start:end]), _one_line(excerpt), source_start, source_end, line, column
        )

    def _term_matches(self):
        """(skeleton start, end, category, rule), adjacent matches of one category merged:
        澳门新葡京 + 娱乐场 is one finding naming the whole brand."""
        rules = _compiled_terms()[2]
        norm, matches = self.norm, []
        for match in _term_finditer(norm.skeleton):
            category, term, latin_start, latin_end = rules[match.lastgroup]
            # "alphabet 365" must not read as bet365: a Latin term needs a boundary in the text.
            if latin_start and _latin(norm.light_before(match.start())):
                continue
            if latin_end and _latin(norm.light_after(match.end())):
                continue
            rule = term or match.group()
            if (
                matches
                and matches[-1][1] == match.start()
                and matches[-1][2] == category
                and norm.skeleton_map[match.start()] == norm.skeleton_map[match.start() - 1] + 1
            ):
                previous = matches.pop()
                matches.append((previous[0], match.end(), category, previous[3] + rule))
            else:
                matches.append((match.start(), match.end(), category, rule))
        return matches

    def terms(self):
        norm, found = self.norm, []
        self.term_ends = set()
        for skeleton_start, skeleton_end, category, rule in self._term_matches():
            start, end = norm.original_span(skeleton_start, skeleton_end)
            found.append(self.finding(category, rule, start, end))
            after_name = ISSUER_CONTEXT.match(norm.skeleton, skeleton_end)
            if after_name or norm.skeleton.endswith("中共", 0, skeleton_start):
                found.append(self.finding("issuer", rule, start, end))
                self.term_ends.add(skeleton_end)
        return found

    def issuers(self):
        skeleton, found = self.norm.skeleton, []
        for body in issuer_bodies(self.issuer_names):
            for match in re.finditer(re.escape(body), skeleton):
                before = skeleton[match.start() - 1] if match.start() else ""
                if not before or before in ADMINISTRATIVE_ENDINGS or not ("\u4e00" <= before <= "\u9fff"):
                    continue
                if match.start() in self.term_ends:
                    continue  # already reported as a banned term in the issuer's place
                # Name the replaced part: the run of Chinese characters before the body, as written.
                light, body_start = self.norm.light, self.norm.skeleton_map[match.start()]
                first = body_start
                while first > 0 and body_start - first < 8 and "\u4e00" <= light[first - 1] <= "\u9fff":
                    first -= 1
                start = self.norm.light_map[first]
                _start, end = self.norm.original_span(match.start(), match.end())
                found.append(self.finding("issuer", body, start, end))
        return found

    def links(self):
        found = []
        light = self.norm.light
        for match in _TEXT_URL.finditer(light):
            folded = match.group().rstrip(".,;:!?")
            start = self.norm.light_map[match.start()]
            end = self.norm.light_map[match.start() + len(folded) - 1] + 1
            url = self.norm.original[start:end]  # as written: the folded form hides look-alike letters
            verdict = classify_url(url if "://" in folded else "http://" + url, self.allowed_hosts)
            if verdict:
                found.append(self.finding(verdict[0], verdict[1], start, end))
        return found

    def run(self):
        found = self.terms() + self.issuers() + self.links()
        return sorted(found, key=lambda finding: (finding.start, finding.category))


def scan_text(text, *, allowed_hosts=None, issuer_names=None):
    """Findings in plain text (or Markdown): banned terms, a replaced issuer, off-list URLs."""
    return _Scan(text or "", allowed_hosts=allowed_hosts, issuer_names=issuer_names).run()


def url_findings(parsed, allowed_hosts=None):
    """Findings for every URL-bearing attribute of every element of a parsed document."""
    found, locate = [], _Locator(parsed.source)
    for element in parsed.elements:
        for name, value in element.attrs.items():
            if name not in URL_ATTRIBUTES or not value:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            for url in urls:
                verdict = classify_url(url, allowed_hosts)
                if verdict:
                    line, column = locate(element.offset)
                    end = element.offset + len(element.source)
                    found.append(
                        Finding(
                            verdict[0],
                            verdict[1],
                            url,
                            _one_line(element.source)[:200],
                            element.offset,
                            end,
                            line,
                            column,
                        )
                    )
    return found


def scan_html(html, *, allowed_hosts=None, issuer_names=None, parsed=None):
    """Findings in an HTML fragment or page: its text (including alt and title attributes) and links."""
    parsed = parsed or parse_html(html or "")
    scan = _Scan(parsed.text, parsed.source, parsed.offsets, allowed_hosts, issuer_names)
    link_findings = url_findings(parsed, allowed_hosts)
    reported = {finding.rule for finding in link_findings}
    text_findings = [f for f in scan.run() if f.category not in ("link", "script_link") or f.rule not in reported]
    return sorted(text_findings + link_findings, key=lambda finding: (finding.start, finding.category))
