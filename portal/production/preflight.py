"""What must hold before the production stack starts, each failure said in one sentence that names
the setting to fix."""

import grp
import os
import pwd
import stat
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError


class NotReady(Exception):
    pass


def where(url):
    """A service URL without its password, for messages."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rsplit('@', 1)[-1]}"


def check_database():
    try:
        connection.ensure_connection()
    except OperationalError as error:
        url = os.environ.get("DATABASE_URL", "")
        shown = where(url) if url else f"the default SQLite file {settings.DATABASES['default']['NAME']}"
        raise NotReady(f"The database ({shown}) is not reachable: {error}. Check DATABASE_URL.") from error


def redis_urls():
    """The Redis servers the settings use: the cache, and the task queue when it is in Redis."""
    urls = {"REDIS_URL": getattr(settings, "REDIS_URL", None)}
    if getattr(settings, "Q_BROKER", "orm") == "redis":
        urls["Q_REDIS_URL"] = settings.Q_CLUSTER.get("redis")
    return {name: url for name, url in urls.items() if url}


def check_redis():
    if not getattr(settings, "REDIS_URL", None):
        raise NotReady(
            "REDIS_URL is not set: each gunicorn worker would keep its own cache and rate limits. "
            "Set it, e.g. REDIS_URL=redis://127.0.0.1:6379/0."
        )
    for name, url in redis_urls().items():
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
        except redis.RedisError as error:
            raise NotReady(f"Redis at {where(url)} ({name}) is not reachable: {error}.") from error


def _may(info, user, groups, bits):
    """Whether `user` (in `groups`) has the owner/group/other `bits` (r=4, x=1) on a file."""
    if user.pw_uid == 0:
        return True
    if info.st_uid == user.pw_uid:
        shift = 6
    elif info.st_gid in groups:
        shift = 3
    else:
        shift = 0
    return (info.st_mode >> shift) & bits == bits


def unreadable_by(user_name, folders):
    """The first of `folders` (or of their parents) that `user_name` cannot read or pass through:
    nginx started as root runs its workers as that user."""
    user = pwd.getpwnam(user_name)
    groups = {user.pw_gid, *(g.gr_gid for g in grp.getgrall() if user_name in g.gr_mem)}
    for folder in folders:
        folder = Path(folder).resolve()
        for step in [*reversed(folder.parents), folder]:
            info = step.stat()
            need = 5 if step == folder else 1  # read and enter the folder itself, enter its parents
            if stat.S_ISDIR(info.st_mode) and not _may(info, user, groups, need):
                return step
    return None


def default_nginx_user():
    """Debian's nginx runs its workers as www-data; elsewhere nobody."""
    try:
        pwd.getpwnam("www-data")
    except KeyError:
        return "nobody"
    return "www-data"
