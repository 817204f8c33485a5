"""Latency of the search page (p50/p95) with N synthetic pages on the database in DATABASE_URL.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python benchmarks/search_latency.py 1000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/search_latency.py 10000

Use a throwaway database: the script migrates it, loads the demo if absent, and tops up the
synthetic task pages (random Chinese sentences built from a vocabulary of local terms) to N.
Then it requests /search/ through Django's test client for a fixed set of queries (rare and
common words, multi-word, pinyin, a question) with and without a facet, and prints p50/p95."""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

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
QUERIES = ["交通", "垃圾分类 社区", "滇池", "wenming", "哪里可以推荐好人", "网格化 监督", "创建", "诚信 体系"]
RUNS = 5


def sentence(rng, words=40):
    return "，".join("".join(rng.choice(VOCAB) for _ in range(3)) for _ in range(words // 3)) + "。"


def bench_mechanism(model, k, cache):
    """Task numbers are unique within a mechanism (and small integers): 30,000 tasks per mechanism."""
    cache[k], _ = model.objects.get_or_create(number=900 + k, defaults={"title": f"基准测试{k}", "slug": f"bench-{k}"})
    return cache[k]


def ensure_pages(n):
    from django.core.management import call_command

    from content.models import CreationTaskIndexPage, CreationTaskPage, Mechanism

    call_command("migrate", verbosity=0)
    if not CreationTaskIndexPage.objects.exists():
        call_command("load_demo", verbosity=0)
    index = CreationTaskIndexPage.objects.first()
    mechanisms = {}
    have = CreationTaskPage.objects.filter(slug__startswith="bench-").count()
    rng = random.Random(have)  # noqa: S311 - synthetic text, not security
    started = time.perf_counter()
    for i in range(have, n):
        page = CreationTaskPage(
            title="".join(rng.choice(VOCAB) for _ in range(3)),
            slug=f"bench-{i}",
            mechanism=mechanisms.get(i // 30000) or bench_mechanism(Mechanism, i // 30000, mechanisms),
            number=i % 30000 + 1,
            text=sentence(rng),
        )
        index.add_child(instance=page)  # indexed inline (search.backend) as an editor's save is
        if i % 1000 == 999:
            print(f"  {i + 1} pages ({time.perf_counter() - started:.0f} s)", flush=True)
            index.refresh_from_db()


def measure():
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    samples = []
    for q in QUERIES:
        client.get("/search/", {"q": q})  # warm caches (jieba, content types)
        for _ in range(RUNS):
            for extra in ({}, {"sort": "date"}):
                t = time.perf_counter()
                response = client.get("/search/", {"q": q, **extra})
                samples.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    return connection.vendor, statistics.median(samples), p95, len(samples)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    ensure_pages(n)
    from wagtail.models import Page

    vendor, p50, p95, count = measure()
    print(f"| {vendor} | {n} synthetic + demo ({Page.objects.count()} pages) | {p50:.1f} ms | {p95:.1f} ms | {count} |")


if __name__ == "__main__":
    main()
