"""Latency of the search page (p50/p95) with N synthetic pages on the database in DATABASE_URL.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python benchmarks/search_latency.py 1000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/search_latency.py 10000

Use a throwaway database: the script migrates it, loads the demo if absent, and tops up the
synthetic task pages (random Chinese sentences built from a vocabulary of local terms) to N.
Then it requests /search/ through Django's test client for a fixed set of queries (rare and
common words, multi-word, pinyin, a question), each sorted by relevance, by date and filtered
by the type facet, and prints p50/p95. The synthetic text draws 3-word runs from ~50 words, so
a common word is in about half of all pages: the worst case for a database search."""

import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402

# Measured as production serves pages: no query log, no template debugging (set before the
# first request builds the template engine). The page cache is off: every request runs the
# search, as the first visitor after a publish (or with a query no one asked before) meets it.
settings.DEBUG = False
settings.PAGE_CACHE_SECONDS = 0

VOCAB = [
    "文明",
    "交通",
    "志愿服务",
    "垃圾分类",
    "社区",
    "街道",
    "整治",
    "公益广告",
    "好人",
    "推荐",
    "曝光",
    "整改",
    "滇池",
    "昆明",
    "翠湖",
    "学校",
    "礼仪",
    "诚信",
    "停车",
    "占道经营",
    "环境卫生",
    "老旧小区",
    "道德模范",
    "未成年人",
    "文化",
    "服务",
    "设施",
    "公共",
    "安全",
    "秩序",
    "巡查",
    "考核",
    "机制",
    "宣传",
    "群众",
    "参与",
    "创建",
    "单位",
    "家庭",
    "校园",
    "村镇",
    "行业",
    "网格化",
    "监督",
    "评价",
    "常态化",
    "综合",
    "便民",
    "市场",
    "信用",
    "体系",
]
PREFIXES = ["交", "交通", "wen", "垃圾分类 社", "滇", "网格化 监", "诚", "tui"]
QUERIES = ["交通", "垃圾分类 社区", "滇池", "wenming", "哪里可以推荐好人", "网格化 监督", "创建", "诚信 体系"]
RUNS = 7
ROUNDS = 3


def sentence(rng, words=40):
    return "，".join("".join(rng.choice(VOCAB) for _ in range(3)) for _ in range(words // 3)) + "。"


def bench_mechanism(model, k, cache):
    """Task numbers are unique within a mechanism (and small integers): 30,000 tasks per mechanism."""
    cache[k], _ = model.objects.get_or_create(number=900 + k, defaults={"title": f"基准测试{k}", "slug": f"bench-{k}"})
    return cache[k]


BATCH = 1000


def _insert_batch(index, first_step, numbers, rng, mechanisms, bureau_ids, content_type):
    """BATCH task pages written as Wagtail would leave them after publishing, in bulk: tree paths
    below the index, the page and task rows, one lead bureau each, and their search entries
    through the configured backend (search.backend segments them as an editor's save would).
    add_child() costs ~25 s per 1,000 pages here; this costs ~2 s."""
    from datetime import UTC, datetime, timedelta

    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from bureaus.models.directive import CreationTaskLeadBureau, CreationTaskPage, Mechanism

    base = datetime(2017, 6, 1, tzinfo=UTC)
    pages = []
    for offset, i in enumerate(numbers):
        title = "".join(rng.choice(VOCAB) for _ in range(3))
        published = base + timedelta(days=rng.randrange(3400))
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=f"bench-{i}",
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, first_step + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}bench-{i}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    Page.objects.bulk_create(pages)
    tasks = []
    for page, i in zip(pages, numbers, strict=True):
        task = CreationTaskPage(
            page_ptr_id=page.pk,
            mechanism=mechanisms.get(i // 30000) or bench_mechanism(Mechanism, i // 30000, mechanisms),
            number=i % 30000 + 1,
            text=sentence(rng),
        )
        task.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
        tasks.append(task)
    # bulk_create() refuses multi-table models: insert the task table's own columns only.
    CreationTaskPage._base_manager._insert(tasks, fields=CreationTaskPage._meta.local_concrete_fields)
    CreationTaskLeadBureau.objects.bulk_create(
        CreationTaskLeadBureau(task_id=t.pk, bureau_id=rng.choice(bureau_ids), sort_order=0) for t in tasks
    )
    get_search_backend("default").get_index_for_model(CreationTaskPage).add_items(CreationTaskPage, tasks)


def ensure_pages(n):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import F
    from wagtail.models import Page

    from bureaus.models.bureaus import BureauPage
    from bureaus.models.directive import CreationTaskIndexPage, CreationTaskPage

    call_command("migrate", verbosity=0)
    if not CreationTaskIndexPage.objects.exists():
        call_command("load_demo", verbosity=0)
    index = CreationTaskIndexPage.objects.first()
    have = CreationTaskPage.objects.filter(slug__startswith="bench-").count()
    if have >= n:
        return
    rng = random.Random(have)  # noqa: S311 - synthetic text, not security
    mechanisms = {}
    bureau_ids = list(BureauPage.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(CreationTaskPage)
    last = index.get_last_child()
    step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    started = time.perf_counter()
    for start in range(have, n, BATCH):
        numbers = list(range(start, min(start + BATCH, n)))
        with transaction.atomic():
            _insert_batch(index, step, numbers, rng, mechanisms, bureau_ids, content_type)
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(numbers))
        step += len(numbers)
        if (start + len(numbers)) % 10000 == 0 or start + len(numbers) == n:
            print(f"  {start + len(numbers)} pages ({time.perf_counter() - started:.0f} s)", flush=True)
    # Fresh statistics, as autovacuum would gather after such a load: the planner's choice
    # between the GIN index and an early-stopping scan depends on how common each word is.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test import Client

    from bureaus.models.directive import CreationTaskPage

    task_type = str(ContentType.objects.get_for_model(CreationTaskPage).pk)
    client = Client(HTTP_HOST="localhost")
    samples = []
    for q in QUERIES:
        client.get("/search/", {"q": q})  # warm caches (jieba, content types)
        for _ in range(RUNS):
            for extra in ({}, {"sort": "date"}, {"type": task_type}):
                t = time.perf_counter()
                response = client.get("/search/", {"q": q, **extra})
                samples.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200
                assert b"search-results" in response.content, f"no results for {q!r}"
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    return connection.vendor, statistics.median(samples), p95, len(samples)


def measure_suggestions():
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    samples = []
    for q in PREFIXES:
        client.get("/search/suggest/", {"q": q})
        for _ in range(RUNS * 3):
            t = time.perf_counter()
            response = client.get("/search/suggest/", {"q": q}, REMOTE_ADDR=f"10.0.{len(samples) % 250}.1")
            samples.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.status_code
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], len(samples)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    ensure_pages(n)
    from django.db import connection
    from wagtail.models import Page

    pages = f"{n:,} synthetic + demo ({Page.objects.count():,} pages)"
    # The machine is shared: other load only ever adds time, so the quietest of three rounds is
    # reported (as timeit does), with every round's p50/p95 beside it.
    for name, rounds in (
        ("/search/", [measure()[1:] for _ in range(ROUNDS)]),
        ("/search/suggest/", [measure_suggestions() for _ in range(ROUNDS)]),
    ):
        p50, p95, count = min(rounds, key=lambda r: r[1])
        others = ", ".join(f"{r[0]:.1f}/{r[1]:.1f}" for r in rounds)
        timing = f"{p50:.1f} ms | {p95:.1f} ms | {count} × {ROUNDS}"
        print(f"| {name} | {connection.vendor} | {pages} | {timing} | {others} |")


if __name__ == "__main__":
    main()
