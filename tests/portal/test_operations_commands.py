"""The operations commands an administrator runs: what they print, write and stop."""

import os
import signal
import sys
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from content.ads.models.works import PublicServiceAdPage
from core.safety.findings import Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_var(settings):
    """A var/ folder of the test's own (under the checkout, where the command expects it)."""
    folder = settings.BASE_DIR / "var" / f"test-ops-{os.getpid()}"
    settings.VAR_DIR = folder
    yield folder
    for path in sorted(folder.glob("*")):
        path.unlink()
    if folder.exists():
        folder.rmdir()


def test_ensure_local_admin_creates_one_administrator_and_then_only_says_how_to_sign_in(local_var, capsys):
    get_user_model().objects.filter(is_superuser=True).delete()
    call_command("ensure_local_admin", url="http://127.0.0.1:8123/admin/")
    first = capsys.readouterr().out
    password = (local_var / "local-admin-password.txt").read_text().strip()
    assert "Sign in at http://127.0.0.1:8123/admin/ as 'admin' with password " + password in first
    assert oct((local_var / "local-admin-password.txt").stat().st_mode & 0o777) == "0o600"
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)

    call_command("ensure_local_admin", url="http://127.0.0.1:8123/admin/")
    again = capsys.readouterr().out
    assert password not in again and "with the password in var/test-ops-" in again
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_audit_live_pages_prints_each_finding_and_fails_the_run(monkeypatch, capsys):
    from content.management.commands import audit_live_pages

    finding = Finding("hidden_link", "display:none", "https://example.com/", '<a href="https://example.com/">')
    monkeypatch.setattr(audit_live_pages, "audit_live_pages", lambda: ([("/renwu/", [finding])], 129))
    with pytest.raises(SystemExit) as exit_:
        call_command("audit_live_pages")
    out, err = capsys.readouterr()
    assert exit_.value.code == 1
    assert out.startswith("/renwu/") and "hidden_link" in out
    assert "129 pages audited, 1 with findings" in err


def test_audit_live_pages_passes_on_the_demo_site(capsys):
    call_command("audit_live_pages")  # no SystemExit: the demo content is clean
    assert "0 with findings" in capsys.readouterr().err


class FakeCluster:
    """Stands in for an Elasticsearch cluster, which cannot run here: records what the command asks."""

    def __init__(self):
        self.calls = []
        self.indices = self
        self.synonyms = self

    def put_synonym(self, id, synonyms_set):
        # The editors' synonyms are pushed before the index is made (search/es/synonyms.py).
        self.calls.append(("synonyms", id))

    def create(self, index, **body):
        self.calls.append(("create", index))

    def get_alias(self, name, ignore_unavailable):
        return {"portal_pages-old": {}}

    def update_aliases(self, actions):
        self.calls.append(("aliases", actions))

    def delete(self, index, ignore_unavailable):
        self.calls.append(("delete", index))


def test_search_reindex_fills_a_new_index_then_moves_the_alias(settings, monkeypatch, capsys):
    import elasticsearch.helpers

    from search.es import portal_index

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    cluster, sent = FakeCluster(), []
    monkeypatch.setattr(portal_index, "client", lambda: cluster)
    monkeypatch.setattr(elasticsearch.helpers, "bulk", lambda es, actions: sent.extend(actions))
    call_command("search_reindex")
    alias = portal_index.index_name()
    calls = [call for call in cluster.calls if call[0] != "synonyms"]
    target = calls[0][1]
    assert calls[0] == ("create", target) and target.startswith(f"{alias}-")
    assert calls[1] == (
        "aliases",
        [{"add": {"index": target, "alias": alias}}, {"remove": {"index": "portal_pages-old", "alias": alias}}],
    )
    assert calls[2] == ("delete", "portal_pages-old")
    titles = {action["_source"]["title"] for action in sent}
    assert {"公益广告", *PublicServiceAdPage.objects.live().values_list("title", flat=True)} <= titles
    assert f"Indexed {len(sent)} pages into {target}" in capsys.readouterr().out


def test_search_reindex_refuses_without_elasticsearch(settings):
    settings.SEARCH_BACKEND = "database"
    with pytest.raises(CommandError, match="SEARCH_BACKEND is not elasticsearch"):
        call_command("search_reindex")


FAKE_MANAGE = """
import pathlib, signal, sys, time
name = sys.argv[1]
folder = pathlib.Path(sys.argv[0]).parent
def stop(*args):
    folder.joinpath("stopped-" + name).write_text(" ".join(sys.argv[1:]))
    sys.exit(0)
signal.signal(signal.SIGINT, stop)
folder.joinpath("started-" + name).write_text(" ".join(sys.argv[1:]))
while True:
    time.sleep(0.05)
"""


def test_serve_with_worker_starts_the_server_and_the_worker_and_stops_both(tmp_path, monkeypatch, capsys):
    """The supervisor of `make run`, with stand-ins for runserver and qcluster that record their start and stop."""
    manage = tmp_path / "manage.py"
    manage.write_text(FAKE_MANAGE)
    monkeypatch.setattr(sys, "argv", [str(manage)])
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def stop_when_both_run():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(
            (tmp_path / f"started-{n}").exists() for n in ("qcluster", "runserver")
        ):
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=stop_when_both_run, daemon=True).start()
    try:
        call_command("serve_with_worker", "127.0.0.1:8123")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    assert (tmp_path / "started-runserver").read_text() == "runserver 127.0.0.1:8123"
    assert (tmp_path / "stopped-runserver").exists() and (tmp_path / "stopped-qcluster").exists()
    assert "Stopped the server and the worker." in capsys.readouterr().out
