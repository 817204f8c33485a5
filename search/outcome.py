"""What one search answered, from the database or from Elasticsearch alike."""

from dataclasses import dataclass, field


@dataclass
class Outcome:
    rows: list = field(default_factory=list)  # facets.Row of every hit after filtering, in order
    counts: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    total_matches: int = 0
    capped: bool = False  # more than MAX_HITS matched: facets describe the best MAX_HITS
    relaxed: bool = False  # no page had every word: pages with some of them are shown
    fell_back: bool = False  # Elasticsearch was unreachable: the database answered
    suggestion: str = ""  # the query respelt by its sound, when that found pages ("您是不是要找")
