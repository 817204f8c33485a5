"""What `serve_production` says before it starts anything when the machine is not ready: one
sentence naming what to fix, without the passwords in the URLs."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from portal.production import preflight


def test_without_redis_the_stack_does_not_start(settings):
    settings.REDIS_URL = None
    with pytest.raises(preflight.NotReady, match="REDIS_URL is not set"):
        preflight.check_redis()


def test_an_unreachable_redis_is_named_without_its_password(settings):
    settings.REDIS_URL = "redis://:hunter2-secret@127.0.0.1:9/0"  # port 9: nothing listens
    with pytest.raises(preflight.NotReady) as refusal:
        preflight.check_redis()
    assert "redis://127.0.0.1:9/0" in str(refusal.value) and "REDIS_URL" in str(refusal.value)
    assert "hunter2" not in str(refusal.value)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a folder another user's")
def test_a_folder_nginx_workers_cannot_enter_is_named():
    # Not pytest's tmp_path: its parent is root's own (0700), which is the point of the check.
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o755)
        public = folder / "srv" / "media"
        public.mkdir(parents=True)
        (folder / "srv").chmod(0o700)  # root's own: nginx's workers cannot pass through
        assert preflight.unreadable_by("nobody", [public]) == folder / "srv"
        (folder / "srv").chmod(0o711)
        assert preflight.unreadable_by("nobody", [public]) is None
    finally:
        shutil.rmtree(folder)
