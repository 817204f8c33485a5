"""Demo exemplars (好人榜) and the 9·20 campaign page. Filled in by the exemplars work (issue 4)."""


def build_exemplars(builder, bureaus):
    return []
