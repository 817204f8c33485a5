"""Scanning text and HTML for banned terms, a replaced issuing body, and off-list links.

All terms are compiled into one regular expression over the skeleton of the text (see
`normalise`), so a page costs one pass whatever the size of the list."""

import bisect
import functools
import json
import re
from pathlib import Path

from django.conf import settings

from core.safety.findings import Finding
from core.safety.htmlwalk import parse_html
from core.safety.indicators import Indicators
from core.safety.normalise import is_invisible, normalise
from core.safety.urls import (
    _TEXT_URL,
    allowed_hosts_setting,
    browser_host,
    classify_url,
    decoded_url,
    host_allowed,
    lookalike_host,
)

# URL judgement lives in core/safety/urls.py; these names stay importable from here.
__all__ = [
    "allowed_hosts_setting",
    "browser_host",
    "classify_url",
    "host_allowed",
    "issuer_names_setting",
    "lookalike_host",
    "scan_html",
    "scan_text",
    "url_findings",
]

TERMS_FILE = Path(__file__).with_name("banned_terms.json")
CATEGORIES = ("gambling", "seo_spam", "pornography", "fraud")
EXCERPT_CONTEXT = 20

DEFAULT_ISSUER_NAMES = ["昆明市人民政府"]
# What may stand before 人民政府 in a genuine name: an administrative level (昆明市, 云南省,
# 西山区, 各级, 中央, 所在地, 乡镇 ...). A brand or a word ending in 城/场/乐 may not.
ADMINISTRATIVE_ENDINGS = set("省市州县区镇乡旗盟级央地国")
# Words that follow an issuing body's name in a document; spam mirrors keep them and swap the name.
ISSUER_CONTEXT = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|关于印发|关于)")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "srcset", "xlink:href"}


def _latin(char):
    return char.isascii() and char.isalnum()


@functools.lru_cache(maxsize=1)
def _compiled_terms():
    """(regex of the first characters of all terms, first character -> regex of its terms,
    group name -> (category, canonical term, Latin at start, Latin at end, brand)).

    One alternation of every term is slow in Python's engine (it tries each alternative at each
    position); grouping by first character tries only the few that can match."""
    data = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    literals, patterns, rules = [], [], {}
    for category in CATEGORIES:
        for key in ("terms", "brands"):
            literals.extend(
                (category, normalise(term).skeleton, key == "brands") for term in data[category].get(key, [])
            )
        patterns.extend((category, pattern) for pattern in data[category].get("patterns", []))
    by_first = {}
    for category, term, brand in sorted(set(literals), key=lambda item: -len(item[1])):
        name = f"t{len(rules)}"
        rules[name] = (category, term, _latin(term[0]), _latin(term[-1]), brand)
        by_first.setdefault(term[0], []).append(f"(?P<{name}>{re.escape(term)})")
    for category, pattern in patterns:
        # Patterns must start with a literal character so that they can be grouped with terms.
        if not pattern[0].isalnum():
            raise ValueError(f"banned-term pattern must start with a letter: {pattern}")
        name = f"t{len(rules)}"
        rules[name] = (category, "", _latin(pattern[0]), False, False)
        by_first.setdefault(pattern[0], []).append(f"(?P<{name}>{pattern})")
    first = re.compile("[" + "".join(re.escape(char) for char in sorted(by_first)) + "]")
    return first, {char: re.compile("|".join(parts)) for char, parts in by_first.items()}, rules


@functools.lru_cache(maxsize=1)
def term_categories():
    """Listed term (skeleton form) -> category, for the pinyin spellings of terms."""
    return {rule[1]: rule[0] for rule in _compiled_terms()[2].values() if rule[1]}


def indicators_enabled():
    """The indicator layer (core/safety/indicators.py) can be switched off to compare with the
    term list alone (benchmarks/content_safety_labelled.py)."""
    return getattr(settings, "CONTENT_SAFETY_INDICATORS", True)


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
        self.indicators = None

    def finding(self, category, rule, start, end, kind="term"):
        excerpt = self.text[max(0, start - EXCERPT_CONTEXT) : end + EXCERPT_CONTEXT]
        source_start = self.offsets[start] if self.offsets else start
        source_end = self.offsets[end - 1] + 1 if self.offsets else end
        line, column = self.locate(source_start)
        return Finding(
            category,
            rule,
            _one_line(self.text[start:end]),
            _one_line(excerpt),
            source_start,
            source_end,
            line,
            column,
            kind,
        )

    def _term_matches(self):
        """(skeleton start, end, category, rule, brand), adjacent matches of one category merged:
        澳门新葡京 + 娱乐场 is one finding naming the whole brand. Then the matches that only the
        tight view shows (百A家B乐), where they overlap none of the others."""
        rules = _compiled_terms()[2]
        norm, matches = self.norm, []
        for match in _term_finditer(norm.skeleton):
            category, term, latin_start, latin_end, brand = rules[match.lastgroup]
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
                matches.append((previous[0], match.end(), category, previous[3] + rule, previous[4] or brand))
            else:
                matches.append((match.start(), match.end(), category, rule, brand))
        tight, tight_map = norm.tight
        if len(tight) != len(norm.skeleton):
            for match in _term_finditer(tight):
                category, term, latin_start, latin_end, brand = rules[match.lastgroup]
                start, end = tight_map[match.start()], tight_map[match.end() - 1] + 1
                if not any(start < other[1] and other[0] < end for other in matches):
                    matches.append((start, end, category, term or match.group(), brand))
        return sorted(matches)

    def terms(self):
        norm, found = self.norm, []
        self.term_ends = set()
        for skeleton_start, skeleton_end, category, rule, brand in self._term_matches():
            start, end = norm.original_span(skeleton_start, skeleton_end)
            after_name = ISSUER_CONTEXT.match(norm.skeleton, skeleton_end)
            issuer = after_name or norm.skeleton.endswith("中共", 0, skeleton_start)
            if not (brand or issuer) and self.indicators and self.indicators.quoted_warning(start, end):
                continue  # a warning that quotes the scam's words: "凡是刷单返利都是诈骗"
            found.append(self.finding(category, rule, start, end))
            if issuer:
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
        """Off-list links written in the text; their text spans are kept as contacts."""
        found, self.link_spans = [], []
        light = self.norm.light
        for match in _TEXT_URL.finditer(light):
            folded = match.group().rstrip(".,;:!?")
            start = self.norm.light_map[match.start()]
            end = self.norm.light_map[match.start() + len(folded) - 1] + 1
            url = self.norm.original[start:end]  # as written: the folded form hides look-alike letters
            verdict = classify_url(url if "://" in folded else "http://" + url, self.allowed_hosts)
            if verdict:
                found.append(self.finding(verdict[0], verdict[1], start, end))
                self.link_spans.append((start, end))
        return found

    def indicator_findings(self):
        """Groups of indicators over the threshold, and pinyin spellings of listed terms."""
        found = []
        for signal in self.indicators.pinyin_terms():
            if not self.indicators.quoted_warning(signal.start, signal.end):
                found.append(self.finding(signal.category, signal.label, signal.start, signal.end))
        for group in self.indicators.groups():
            rule = " + ".join(group.labels) + f" = {group.score}"
            found.append(self.finding(group.category, rule, group.start, group.end, kind="indicators"))
        return found

    def run(self, extra_links=()):
        links = self.links()
        if indicators_enabled():
            self.indicators = Indicators(self.norm, term_categories(), [*self.link_spans, *extra_links])
        found = self.terms() + self.issuers() + links
        if self.indicators:
            reported = [(f.start, f.end, f.category) for f in found]
            for finding in self.indicator_findings():
                if not any(s < finding.end and finding.start < e and c == finding.category for s, e, c in reported):
                    found.append(finding)
        return sorted(found, key=lambda finding: (finding.start, finding.category))


def scan_text(text, *, allowed_hosts=None, issuer_names=None):
    """Findings in plain text (or Markdown): banned terms, a replaced issuer, off-list URLs."""
    return _Scan(text or "", allowed_hosts=allowed_hosts, issuer_names=issuer_names).run()


@functools.lru_cache(maxsize=4096)
def _url_terms(decoded):
    """(category, term) of the listed terms in a decoded link target; a page repeats its links."""
    return tuple((finding.category, finding.rule) for finding in _Scan(decoded).terms())


def url_findings(parsed, allowed_hosts=None):
    """Findings for every URL-bearing attribute of every element of a parsed document: the host
    and scheme, and the listed terms in the URL as a reader sees it (percent-decoded)."""
    found, locate = [], _Locator(parsed.source)
    for element in parsed.elements:
        for name, value in element.attrs.items():
            if name not in URL_ATTRIBUTES or not value:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            for url in urls:
                verdicts = []
                verdict = classify_url(url, allowed_hosts)
                if verdict:
                    verdicts.append((verdict[0], verdict[1], url))
                decoded = decoded_url(url)
                verdicts.extend((category, rule, decoded) for category, rule in _url_terms(decoded))
                if not verdicts:
                    continue
                line, column = locate(element.offset)
                end = element.offset + len(element.source)
                excerpt = _one_line(element.source)[:200]
                for category, rule, text in verdicts:
                    found.append(Finding(category, rule, text, excerpt, element.offset, end, line, column))
    return found


def scan_html(html, *, allowed_hosts=None, issuer_names=None, parsed=None):
    """Findings in an HTML fragment or page: its text (including alt and title attributes) and links."""
    parsed = parsed or parse_html(html or "")
    scan = _Scan(parsed.text, parsed.source, parsed.offsets, allowed_hosts, issuer_names)
    link_findings = url_findings(parsed, allowed_hosts)
    reported = {finding.rule for finding in link_findings}
    text_findings = [f for f in scan.run() if f.category not in ("link", "script_link") or f.rule not in reported]
    return sorted(text_findings + link_findings, key=lambda finding: (finding.start, finding.category))
