from content.ads.tasks import check_ad_placements
from core.management import DailyJobCommand


class Command(DailyJobCommand):
    help = "Mark ad placements due or overdue for inspection and update tasks overdue; mail bureau editors."
    job = check_ad_placements
