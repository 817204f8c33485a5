"""The site-health figures of each bureau, for the quarterly overview on the dashboard (the
directive's 四(四): 市文明办 ranks the bureaus), and the recent reports both panels read: two
queries per dashboard, shared through the request's `DashboardData`."""

from portal.site_health.models import HealthReport, HealthResult

HISTORY = 14  # reports shown side by side on the dashboard
COLUMNS = ("column_freshness", "reachability", "links", "tampering", "messages")


class History:
    def __init__(self, limit=HISTORY):
        self.reports = list(HealthReport.objects.order_by("-measured_at", "-pk")[:limit])
        results = HealthResult.objects.filter(report__in=self.reports) if self.reports else []
        by_report = {}
        for result in results:
            by_report.setdefault(result.report_id, {})[result.indicator] = result
        for report in self.reports:
            report.by_indicator = by_report.get(report.pk, {})

    @property
    def latest(self):
        return self.reports[0] if self.reports else None


def history_of(data):
    """The recent reports, read once per dashboard request (`data` is its DashboardData)."""
    if not hasattr(data, "_site_health_history"):
        data._site_health_history = History()
    return data._site_health_history


def bureau_scorecard(report):
    """{bureau pk: {"days": days since the bureau last published (None: never), "reachability",
    "links", "tampering", "messages": counts, "problems": indicators in trouble}} from a report."""
    if report is None:
        return {}
    figures = {}
    for key in COLUMNS:
        result = report.by_indicator.get(key)
        for pk, value in (result.by_bureau if result else {}).items():
            figures.setdefault(int(pk), {})[key] = value
    scorecard = {}
    for pk, row in figures.items():
        freshness = report.by_indicator.get("column_freshness")
        stale = "column_freshness" in row and _stale(freshness, pk)
        counts = {key: row.get(key, 0) for key in COLUMNS if key != "column_freshness"}
        scorecard[pk] = {
            "days": row.get("column_freshness"),
            "stale": stale,
            **counts,
            "problems": int(stale) + sum(1 for value in counts.values() if value),
        }
    return scorecard


def _stale(freshness, pk):
    return any(item.get("bureau_id") == pk for item in freshness.items) if freshness else False


def ranked(rows):
    """Rank 1 for the fewest problem indicators, then the most recent publication; equal rows
    share a rank."""

    def key(row):
        health = row["health"]
        days = health.get("days")
        return (health.get("problems", 0), days if days is not None else 10**6)

    order = sorted(rows, key=key)
    rank, previous = 0, None
    for position, row in enumerate(order, start=1):
        if key(row) != previous:
            rank, previous = position, key(row)
        row["health"]["rank"] = rank
    return rows
