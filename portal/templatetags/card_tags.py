"""List cards rendered once per distinct content (portal/cards.py, core/fragment_memo.py)."""

from django import template

from portal.cards import (
    AD_WORK_CARD,
    EXEMPLAR_CARD,
    EXPOSURE_CARD,
    TASK_REGISTER,
    ad_work_card_values,
    exemplar_card_values,
    exposure_card_values,
    render_card,
    task_register_values,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def exemplar_card(context, exemplar, heading="h3"):
    return render_card(EXEMPLAR_CARD, exemplar_card_values(exemplar, context.get("request"), heading))


@register.simple_tag(takes_context=True)
def exposure_card(context, notice):
    return render_card(EXPOSURE_CARD, exposure_card_values(notice, context.get("request")))


@register.simple_tag(takes_context=True)
def ad_work_card(context, work):
    return render_card(AD_WORK_CARD, ad_work_card_values(work, context.get("request")))


@register.simple_tag(takes_context=True)
def task_register(context, groups):
    return render_card(TASK_REGISTER, task_register_values(groups, context.get("request")))
