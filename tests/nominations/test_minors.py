"""A nominee is a minor until the month after their 18th birthday month: the form asks a
guardian's consent, the 公示 shows no photo and the exemplar draft marks the photos as a minor's.
Someone born in December 2008 is still a minor in November 2026."""

import datetime

import pytest

from content.nominations.models import Nomination, adult_filter, is_adult, photos_may_be_shown

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("year", "month", "adult"),
    [
        (2008, 12, False),  # 18 only in December 2026
        (2008, 11, False),  # may turn 18 on 30 November: not yet known to be an adult
        (2008, 10, True),
        (2007, 12, True),
        (2008, None, False),  # no month recorded: counted as December
        (2007, None, True),
        (2010, 1, False),
    ],
)
def test_adulthood_is_decided_by_year_and_month(year, month, adult):
    assert is_adult(year, month, TODAY) is adult


def test_the_database_filter_agrees_with_the_rule(make_user):
    from tests.factories.nominations import make_nomination

    cases = [(2008, 12), (2008, 11), (2008, 10), (2007, 12), (2008, None), (2007, None), (1970, 5)]
    made = {case: make_nomination(birth_year=str(case[0]), guardian_consent="on") for case in cases}
    for (year, month), nomination in made.items():
        Nomination.objects.filter(pk=nomination.pk).update(birth_year=year, birth_month=month, photo_consent=True)
    adults = set(Nomination.objects.filter(pk__in=[n.pk for n in made.values()]).filter(adult_filter(TODAY)))
    assert adults == {made[case] for case in cases if is_adult(*case, TODAY)}
    shown = set(Nomination.objects.filter(pk__in=[n.pk for n in made.values()]).filter(photos_may_be_shown(TODAY)))
    assert shown == adults


def test_the_form_asks_a_guardian_for_someone_born_in_december_2008(client, monkeypatch, empty_cache):
    from content.nominations import forms
    from tests.factories.nominations import FORM_URL, form_data

    monkeypatch.setattr(forms.timezone, "localdate", lambda: TODAY)
    response = client.post(FORM_URL, form_data(birth_year="2008", birth_month="12"))
    assert response.status_code == 200
    assert "被推荐人未满18周岁，须经父母或监护人同意。" in response.content.decode()
    assert not Nomination.objects.filter(birth_year=2008, birth_month=12).exists()
    assert client.post(FORM_URL, form_data(birth_year="2008", birth_month="10")).status_code == 302
