"""Video and audio files in the document library: which extensions they are, and whether a
file's first bytes are what its extension says.

Wagtail serves a document with the type its extension implies. A file named `.webm` whose bytes
are an HTML page would then reach visitors' players (and, through a download, their disks) as
something it is not, so a media file must start with its format's signature to be accepted."""

from pathlib import PurePosixPath

VIDEO_EXTENSIONS = ("mp4", "webm")
AUDIO_EXTENSIONS = ("mp3", "m4a", "wav", "ogg")
MEDIA_EXTENSIONS = VIDEO_EXTENSIONS + AUDIO_EXTENSIONS

# The MIME type a <source type=…> announces, so a browser skips a format it cannot play.
MIME_TYPES = {
    "mp4": "video/mp4",
    "webm": "video/webm",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "ogg": "audio/ogg",
}


def _iso_media(head):
    # MP4 and M4A: an ISO base media "ftyp" box first.
    return head[4:8] == b"ftyp"


def _mp3(head):
    # An ID3 tag, or straight into an MPEG audio frame (11 sync bits).
    return head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


_SIGNATURES = {
    "mp4": _iso_media,
    "m4a": _iso_media,
    "webm": lambda head: head[:4] == b"\x1a\x45\xdf\xa3",  # EBML (Matroska/WebM)
    "mp3": _mp3,
    "wav": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WAVE",
    "ogg": lambda head: head[:4] == b"OggS",
}


def extension_of(name):
    return PurePosixPath(name or "").suffix.lower().lstrip(".")


def media_kind(name):
    """ "video", "audio" or None for a file name."""
    extension = extension_of(name)
    if extension in VIDEO_EXTENSIONS:
        return "video"
    if extension in AUDIO_EXTENSIONS:
        return "audio"
    return None


def mime_type(name):
    return MIME_TYPES.get(extension_of(name), "")


def matches_signature(upload, name=None):
    """True unless `upload` has a media extension and does not start as that format does."""
    extension = extension_of(name or getattr(upload, "name", ""))
    check = _SIGNATURES.get(extension)
    if check is None:
        return True
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(16)
    finally:
        upload.seek(position)
    return check(head)
