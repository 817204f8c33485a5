"""The demo's self-tests cannot be passed by always choosing the same letter."""

import collections
import json

from django.conf import settings

DATA = settings.BASE_DIR / "content" / "handbooks" / "demo_data.json"


def test_right_answers_are_spread_over_the_letters():
    for edition in json.loads(DATA.read_text(encoding="utf-8"))["editions"]:
        letters = collections.Counter(question[2] for question in edition["quiz"])
        total = len(edition["quiz"])
        assert set(letters) == {1, 2, 3, 4}, (edition["slug"], letters)
        # Always choosing one letter scores at most about a third.
        assert max(letters.values()) / total <= 0.34, (edition["slug"], letters)
