"""Demo messages: three answered (two of them published), one awaiting review and two open, one
of them overdue. Found again by their fixed tracking codes, so a second build writes nothing.
Dates are relative to the day of the build, so the dashboard always has something due."""

import datetime

from django.utils import timezone

from interaction.deadlines import due_date
from interaction.models import EventKind, Message, MessageEvent, MessageReply, ReplyState, Status
from interaction.routing import leads_by_topic

ANSWER = "感谢您的留言。{answer}欢迎继续监督。"
MESSAGES = [
    # code, topic, subject, text, days ago, status, published, answer
    (
        "DEMM2345ABCD",
        "traffic",
        "北京路与东风路口早高峰不礼让行人",
        "每天早上八点左右，北京路与东风路交叉口右转车辆很少礼让斑马线上的行人，老人和学生过马路很危险，建议加强执勤。",
        20,
        Status.ANSWERED,
        True,
        "市公安局交警支队已在该路口早高峰增派警力，并启用抓拍设备，对不礼让行人的行为依法处罚。",
    ),
    (
        "DEMM2345ABCE",
        "appearance",
        "建议在翠湖周边增设垃圾分类投放点",
        "翠湖周边游客多，垃圾桶少，分类标识也不清楚，周末常见垃圾满溢，建议增设分类投放点并加强清运。",
        15,
        Status.ANSWERED,
        True,
        "我局已会同五华区在翠湖周边新增分类投放点十二处，并将周末清运调整为每日三次。",
    ),
    (
        "DEMM2345ABCF",
        "volunteering",
        "如何报名参加社区志愿服务",
        "退休后想参加社区志愿服务，请问在哪里报名，需要什么条件？",
        12,
        Status.ANSWERED,
        False,
        "您可以在“志愿云南”平台注册，或到所在社区的新时代文明实践站报名，我们会根据您的特长安排服务岗位。",
    ),
    (
        "DEMM2345ABCG",
        "transport",
        "公交站台电子屏长期不显示到站信息",
        "小区门口公交站台的电子屏已经一个多月不显示到站时间，等车很不方便，希望尽快维修。",
        6,
        Status.IN_REVIEW,
        False,
        "已通知公交集团对该站台电子屏进行检修，预计一周内恢复。",
    ),
    (
        "DEMM2345ABCH",
        "markets",
        "农贸市场门口占道经营",
        "篆新农贸市场门口每天上午有流动摊贩占道经营，车辆和行人通行困难，建议规范管理。",
        25,
        Status.RECEIVED,
        False,
        "",
    ),
    (
        "DEMM2345ABCJ",
        "suggestion",
        "建议在地铁站播放文明乘车公益广告",
        "地铁站人流量大，建议在站内电子屏多播放文明乘车、礼让排队的公益广告。",
        1,
        Status.RECEIVED,
        False,
        "",
    ),
]


def build_messages(builder):
    bureaus = leads_by_topic()
    now = timezone.now()
    for code, topic, subject, text, days_ago, status, published, answer in MESSAGES:
        if Message.objects.filter(tracking_code=code).exists():
            continue
        received = now - datetime.timedelta(days=days_ago)
        bureau = bureaus[topic]
        answered_at = received + datetime.timedelta(days=min(days_ago - 1, 5)) if status == Status.ANSWERED else None
        message = Message.objects.create(
            tracking_code=code,
            topic=topic,
            subject=subject,
            text=text,
            bureau=bureau,
            status=status,
            received_at=received,
            due_on=due_date(received),
            answered_at=answered_at,
            data_consent=True,
            publish_consent=published,
            public_question=text if published else "",
            published_at=answered_at if published else None,
        )
        MessageEvent.objects.create(message=message, kind=EventKind.RECEIVED, bureau=bureau)
        if answer:
            MessageReply.objects.create(
                message=message,
                bureau=bureau,
                text=ANSWER.format(answer=answer),
                state=ReplyState.APPROVED if status == Status.ANSWERED else ReplyState.SUBMITTED,
                submitted_at=answered_at or now,
                reviewed_at=answered_at,
            )
            MessageEvent.objects.create(message=message, kind=EventKind.SUBMITTED, bureau=bureau)
        if status == Status.ANSWERED:
            MessageEvent.objects.create(message=message, kind=EventKind.ANSWERED, bureau=bureau)
        if published:
            MessageEvent.objects.create(message=message, kind=EventKind.PUBLISHED, bureau=bureau)
        builder.created += 1
