"""The public nomination form at /tuijian/, the tracking code and /tuijian/status/ (the receipt
and the code kept out of URLs: test_nominations_receipt.py; the honeypot:
test_nominations_honeypot.py)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from content.nominations import codes
from content.nominations.models import Nomination, NominationEvent, NominationPhoto, Stage
from tests.factories.nominations import FORM_URL, STATUS_URL, cleaned, form_data, jpeg_with_gps, make_nomination
from tests.helpers import BROKEN_REDIS, SILENT_BROKEN_REDIS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def submit(client, **overrides):
    files = overrides.pop("photos", None)
    data = form_data(**overrides)
    if files is not None:
        data["photos"] = files
    return client.post(FORM_URL, data)


def code_from(response):
    """The tracking code on the receipt the answer to a nomination leads to."""
    assert response.status_code == 302 and "code" not in response["Location"]
    receipt = response.client.get(response["Location"])
    shown = re.search(r'id="tracking-code">([A-Z0-9-]+)<', receipt.content.decode())
    return codes.normalise(shown.group(1))


def look_up(client, code, **extra):
    return client.post(STATUS_URL, {"code": code}, **extra)


def test_the_form_shows_every_field_and_the_category_criteria(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "nominee_name",
        "gender",
        "birth_year",
        "guardian_consent",
        "district",
        "category",
        "clue",
        "deeds",
        "photos",
        "evidence_links",
        "nominee_awareness",
        "nominator_name",
        "nominator_phone",
        "nominator_relation",
        "nominator_unit",
        "declaration",
        "data_consent",
        "csrfmiddlewaretoken",
    ):
        assert f'name="{name}"' in html, name
    assert "category-criteria-4" in html  # five categories, each with its criteria
    assert "multiple" in html and 'accept="image/jpeg,image/png,image/webp"' in html
    # The blank form is the same for everyone, so the page cache may share it (docs/page-cache.md);
    # what the site answers to a post is the visitor's own and never stored.
    assert "private" not in response.get("Cache-Control", "")
    answer = client.post(response.request["PATH_INFO"], {"nominee_name": "张三"})
    assert {"no-cache", "no-store", "private"} <= {part.strip() for part in answer["Cache-Control"].split(",")}


def test_a_valid_nomination_is_stored_with_clean_photos_and_a_code(client):
    response = submit(client, photos=[jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")])
    assert response.status_code == 302
    code = code_from(response)
    assert len(code) == 12 and all(char in codes.ALPHABET for char in code)
    nomination = Nomination.objects.get(tracking_code=code)
    assert nomination.stage == Stage.RECEIVED and nomination.is_primary
    assert nomination.nominator_phone.startswith("138")
    assert nomination.period[4] == "Q"
    photos = list(nomination.photos.all())
    assert len(photos) == 2
    with photos[0].file.open("rb") as handle, Image.open(handle) as image:
        assert not image.getexif()  # no GPS, no camera
    assert NominationEvent.objects.filter(nomination=nomination, to_stage=Stage.RECEIVED).count() == 1

    html = look_up(client, code).content.decode()
    assert codes.display(code) in html
    assert f"<strong>{Stage.RECEIVED.label}</strong>" in html


def test_a_phone_number_is_validated_and_normalised(client):
    response = submit(client, nominator_phone="12345")
    assert response.status_code == 200
    assert not Nomination.objects.filter(nominator_phone="12345").exists()
    assert 'aria-invalid="true"' in response.content.decode()
    response = submit(client, nominator_phone="+86 139-1234-5678")
    assert response.status_code == 302
    assert Nomination.objects.get(tracking_code=code_from(response)).nominator_phone == "13912345678"


def test_errors_keep_what_was_typed_and_name_the_photos_to_choose_again(client):
    before = Nomination.objects.count()
    files_before = NominationPhoto.objects.count()
    response = submit(
        client,
        deeds="太短了",
        clue="<b>热心</b>邻居",
        nominator_unit="昆明市某单位",
        photos=[jpeg_with_gps("grandma.jpg")],
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;b&gt;热心&lt;/b&gt;邻居" in html  # kept, escaped
    assert "昆明市某单位" in html and "太短了" in html
    assert "grandma.jpg" in html and 'id="photos-again"' in html
    assert Nomination.objects.count() == before and NominationPhoto.objects.count() == files_before


def test_a_minor_needs_a_guardians_consent(client):
    response = submit(client, birth_year="2015")
    assert response.status_code == 200
    assert "guardian_consent-error" in response.content.decode()
    assert submit(client, birth_year="2015", guardian_consent="on").status_code == 302


def test_limits_on_text_links_and_photos(client):
    assert submit(client, clue="好" * 71).status_code == 200
    assert submit(client, deeds="好" * 3001).status_code == 200
    before = Nomination.objects.count()
    assert submit(client, evidence_links="javascript:alert(1)").status_code == 200
    assert submit(client, evidence_links="ftp://example.com/x").status_code == 200
    six = [jpeg_with_gps(f"{n}.jpg") for n in range(6)]
    assert submit(client, photos=six).status_code == 200
    bad = SimpleUploadedFile("x.gif", b"GIF89a" + b"\0" * 20, content_type="image/gif")
    response = submit(client, photos=[bad])
    assert response.status_code == 200
    assert "x.gif" in response.content.decode()
    assert Nomination.objects.count() == before


def test_a_declaration_and_consent_are_required(client):
    data = form_data()
    del data["declaration"], data["data_consent"]
    before = Nomination.objects.count()
    response = client.post(FORM_URL, data)
    assert response.status_code == 200
    assert Nomination.objects.count() == before


def test_csrf_is_enforced():
    from django.test import Client

    strict = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    assert strict.post(FORM_URL, form_data()).status_code == 403


def test_the_same_person_in_the_same_period_is_linked_not_counted_twice(client):
    first = code_from(submit(client, nominee_name="张 三", nominator_phone="13700000001"))
    second_response = submit(client, nominee_name="张三", nominator_phone="13700000002")
    second = code_from(second_response)
    primary = Nomination.objects.get(tracking_code=first)
    linked = Nomination.objects.get(tracking_code=second)
    assert linked.same_clue_of == primary
    assert Nomination.objects.filter(same_clue_of__isnull=True, clue_key=primary.clue_key).count() == 1
    status = look_up(client, second).content.decode()
    assert "这条推荐已并入此前对同一人的推荐" in status
    # Another category is another clue.
    other = code_from(submit(client, nominee_name="张三", category="bravery"))
    assert Nomination.objects.get(tracking_code=other).is_primary


def test_a_concurrent_duplicate_is_linked_through_the_constraint(monkeypatch):
    from content.nominations import submission

    first = make_nomination(nominee_name="赵六")
    # Pretend the lookup missed the first one (as a simultaneous insert would).
    calls = iter([None])
    real = submission._existing_clue
    monkeypatch.setattr(submission, "_existing_clue", lambda key: next(calls, None) or real(key))
    second = make_nomination(nominee_name="赵六")
    assert second.same_clue_of_id == first.pk


def test_status_shows_stage_and_dates_and_no_personal_data(client):
    nomination = make_nomination(nominator_name="钱七", nominator_phone="13611112222", nominator_unit="钱家单位")
    response = look_up(client, codes.display(nomination.tracking_code).lower())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="current-stage"' in html
    for private in ("钱七", "13611112222", "钱家单位", nomination.nominee_name, nomination.deeds[:10]):
        assert private not in html
    assert look_up(client, "ABCDEFGHJKMN").status_code == 404


def test_the_code_is_unguessable_and_unique():
    generated = {codes.new_code() for _ in range(2000)}
    assert len(generated) == 2000
    assert all(len(code) == 12 and set(code) <= set(codes.ALPHABET) for code in generated)
    assert not set("01OIL") & set(codes.ALPHABET)


def test_submissions_are_rate_limited_per_ip_and_per_phone(client):
    for _ in range(3):
        assert submit(client, nominator_phone="13500000000").status_code == 302
    refused = submit(client, nominator_phone="13500000000")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "13500000000" in refused.content.decode()  # typed text kept
    assert Nomination.objects.filter(nominator_phone="13500000000").count() == 3
    assert submit(client, nominator_phone="13500000009").status_code == 302  # 5th from this IP
    assert submit(client, nominator_phone="13500000008").status_code == 429  # 6th from this IP


def test_a_different_address_has_its_own_limit(client):
    for n in range(5):
        assert submit(client, nominator_phone=f"1340000000{n}").status_code == 302
    assert submit(client, nominator_phone="13400000009").status_code == 429
    data = form_data(nominator_phone="13400000010")
    assert client.post(FORM_URL, data, REMOTE_ADDR="10.9.8.7").status_code == 302


def test_status_lookups_are_rate_limited_per_address(client):
    for _ in range(30):
        look_up(client, "ABCDEFGHJKMN")
    refused = look_up(client, "ABCDEFGHJKMN")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert look_up(client, "ABCDEFGHJKMN", REMOTE_ADDR="10.9.8.7").status_code == 404  # another sender


@override_settings(CACHES=BROKEN_REDIS)
def test_a_nomination_is_kept_when_the_cache_is_down(client, caplog):
    before = Nomination.objects.count()
    response = submit(client)
    assert response.status_code == 302
    assert Nomination.objects.count() == before + 1
    assert "could not be checked" in caplog.text
    # The receipt comes from the cookie, not the cache: with production's cache settings (errors
    # swallowed) it shows the stored code.
    with override_settings(CACHES=SILENT_BROKEN_REDIS):
        assert Nomination.objects.filter(tracking_code=code_from(response)).exists()


def test_nothing_is_half_saved_when_storing_fails(monkeypatch):
    """The photos are written, then the last insert fails: no row and no file remains."""
    from content.nominations import submission
    from core.uploads import clean_uploaded_photo

    data = cleaned()
    data["photos"] = [clean_uploaded_photo(jpeg_with_gps()), clean_uploaded_photo(jpeg_with_gps())]

    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(submission.NominationEvent.objects, "create", broken)
    before, rows = _private_files(), (Nomination.objects.count(), NominationPhoto.objects.count())
    with pytest.raises(OSError):
        submission.create_nomination(data)
    assert (Nomination.objects.count(), NominationPhoto.objects.count()) == rows
    assert _private_files() == before


def _private_files():
    from django.conf import settings

    root = settings.PRIVATE_MEDIA_ROOT / "nominations"
    return sorted(p.name for p in root.glob("*")) if root.exists() else []


def test_png_with_transparency_is_kept_as_png(client):
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    output = io.BytesIO()
    image.save(output, format="PNG")
    response = submit(client, photos=[SimpleUploadedFile("t.png", output.getvalue(), content_type="image/png")])
    nomination = Nomination.objects.get(tracking_code=code_from(response))
    assert nomination.photos.get().file.name.endswith(".png")


def test_a_sender_over_the_limit_is_refused_before_any_photo_is_opened(client, monkeypatch):
    from core import uploads

    opened = []
    # Every public form's photos are cleaned through core.uploads.clean_photo_uploads.
    monkeypatch.setattr(uploads, "clean_uploaded_photo", lambda f, **kw: opened.append(f.name))
    for n in range(5):
        assert submit(client, nominator_phone=f"1330000000{n}").status_code == 302
    big = []
    for number in range(5):  # five 4800×4800 PNGs: cheap to send, seconds of CPU to decode
        output = io.BytesIO()
        Image.new("RGB", (4800, 4800), "white").save(output, format="PNG")
        big.append(SimpleUploadedFile(f"big{number}.png", output.getvalue(), content_type="image/png"))
    refused = submit(client, nominator_phone="13300000009", photos=big)
    assert refused.status_code == 429 and opened == []
    assert "13300000009" in refused.content.decode()  # typed text kept
