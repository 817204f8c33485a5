"""Demo exposure notices (曝光台). Filled in by the exposure-board work (issue 4)."""


def build_exposure(builder, bureaus):
    return []
