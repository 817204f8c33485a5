"""List cards and the home page's body rendered once per distinct content (portal/cards.py,
portal/home_body.py, core/fragment_memo.py)."""

from django import template

from portal.cards import (
    AD_WORK_CARD,
    EXEMPLAR_CARD,
    EXPOSURE_CARD,
    SPECIAL_CARD,
    TASK_REGISTER,
    ad_work_card_values,
    exemplar_card_values,
    exposure_card_values,
    render_card,
    special_card_values,
    task_register_values,
)
from portal.home_body import render_home_body

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


@register.simple_tag(takes_context=True)
def special_card(context, special, heading="h2"):
    return render_card(
        SPECIAL_CARD, {"special": special_card_values(special, context.get("request")), "heading": heading}
    )


@register.simple_tag(takes_context=True)
def home_body(context):
    """The home page's body through the fragment memo (portal/home_body.py)."""
    return render_home_body(context["page"], context["sections"], context.get("request"))
