"""The 曝光台 listing (filled in by the exposure-board work, issue 4)."""


def exposure_board(index_page, request):
    return {}
