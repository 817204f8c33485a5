"""The dashboard's progress check for 市文明办: per lead bureau, the directive tasks it leads on
which it has published no progress report for this quarter. Two queries whatever the number of
tasks, bureaus and reports; shown beside the quarterly overview (the 四(四) ranking)."""

from bureaus.models.directive import CreationTaskLeadBureau
from content.progress.models import TaskProgressReportPage, quarter_of
from core.public_pages import LINKED_PAGE_FIELDS


def missing_reports(bureaus, today):
    """Rows in the bureaus' tree order: {"bureau", "led", "reported", "missing": [task rows]} for
    every bureau that leads a live task. A report counts when it is live and names this quarter."""
    year, quarter = today.year, quarter_of(today)
    reported = set(
        TaskProgressReportPage.objects.live().filter(year=year, quarter=quarter).values_list("task_id", "bureau_id")
    )
    leads = (
        CreationTaskLeadBureau.objects.filter(task__live=True)
        .order_by("task__mechanism__number", "task__number")
        .values(
            "bureau_id",
            "task_id",
            "task__number",
            "task__mechanism__number",
            *(f"task__{name}" for name in LINKED_PAGE_FIELDS if name != "live"),
        )
    )
    by_bureau = {}
    for lead in leads:
        row = by_bureau.setdefault(lead["bureau_id"], {"led": 0, "reported": 0, "missing": []})
        row["led"] += 1
        if (lead["task_id"], lead["bureau_id"]) in reported:
            row["reported"] += 1
        else:
            row["missing"].append(
                {
                    "pk": lead["task_id"],
                    "title": lead["task__title"],
                    "reference": f"{lead['task__mechanism__number']}.{lead['task__number']}",
                }
            )
    rows = [{"bureau": bureau, **by_bureau[bureau["pk"]]} for bureau in bureaus if bureau["pk"] in by_bureau]
    return {"year": year, "quarter": quarter, "rows": rows}
