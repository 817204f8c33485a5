"""Visitor display preferences: elder mode (长者模式) and font size (大/中/小), kept in cookies so
that they persist across pages and visits without an account, and applied on the server so
that pages render in the chosen mode without a flash."""

ELDER_COOKIE = "elder_mode"
FONT_COOKIE = "font_size"
FONT_SIZES = ("small", "medium", "large")
DEFAULT_FONT_SIZE = "medium"


def read_preferences(request):
    elder = request.COOKIES.get(ELDER_COOKIE) == "1"
    font = request.COOKIES.get(FONT_COOKIE)
    if font not in FONT_SIZES:
        font = DEFAULT_FONT_SIZE
    return {"elder_mode": elder, "font_size": font}
