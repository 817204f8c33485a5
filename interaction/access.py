"""Who may do what with a message (the rules of bureaus/access_policy.py, `message.*`).

- The responsible bureau's editors and reviewers read its messages (with the sender's contact
  details) and write replies; its reviewers approve a reply, never one they wrote, and publish
  an answered message the sender agreed to publish.
- 市文明办 终审 (the civilization office) reads every bureau's messages without the contact
  details, reroutes an open one to another bureau, and publishes or takes down answers.
- Superusers may do everything, but approve no reply of their own either.

Membership is by group (bureaus/access.py), read once per request and kept on the user."""

from django.db.models import Q

from bureaus.models.bureaus import BureauPage
from bureaus.workflows import FINAL_REVIEW_NAME
from interaction.models import Message


def memberships(user):
    """{bureau id: "reviewer" | "editor"} for the bureaus whose groups the user is in."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_message_memberships", None)
    if cached is None:
        group_ids = set(user.groups.values_list("pk", flat=True))
        rows = BureauPage.objects.filter(
            Q(editors_group_id__in=group_ids) | Q(reviewers_group_id__in=group_ids)
        ).values_list("pk", "reviewers_group_id")
        cached = {pk: "reviewer" if reviewers in group_ids else "editor" for pk, reviewers in rows}
        user._message_memberships = cached
        user._message_office = user.groups.filter(name=FINAL_REVIEW_NAME).exists()
    return cached


def is_office(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    memberships(user)
    return user._message_office


def may_open(user):
    """Whether the messages admin answers this user at all."""
    return user.is_authenticated and (is_office(user) or bool(memberships(user)))


def readable(user):
    if is_office(user):
        return Message.objects.all()
    bureaus = memberships(user)
    if not bureaus:
        return Message.objects.none()
    return Message.objects.filter(bureau_id__in=list(bureaus))


def is_member(user, message):
    return message.bureau_id in memberships(user)


def is_reviewer(user, message):
    return memberships(user).get(message.bureau_id) == "reviewer"


def sees_contact(user, message):
    """The sender's details: the bureau that answers, and superusers."""
    return user.is_superuser or is_member(user, message)


def may_reply(user, message):
    return user.is_superuser or is_member(user, message)


def may_review(user, message):
    return user.is_superuser or is_reviewer(user, message)


def may_reroute(user):
    return is_office(user)


def may_publish(user, message):
    return is_office(user) or is_reviewer(user, message)
