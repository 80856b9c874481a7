"""Publishing releases in one or more languages, the news feeds, RSS/Atom, images, the API."""

import datetime

import feedparser
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kopir.core.models import AuditEntry
from kopir.newsroom import services
from kopir.newsroom.models import Release

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _release(news, commit, **extra):
    data = dict(title_kk="Ғылым апталығы басталды", title_ru="Открылась Неделя науки", title_en="Science Week opens",
                lead_en="Shakarim University opened its Science Week.", body_ru="Ректор приветствовал гостей.",
                date=datetime.date(2024, 4, 8))
    data.update(extra)
    tags = services.tags_from_text("science, expo", "en")
    return commit(services.release_create, actor=news.users["shakarim_press"], organisation=news.orgs["shakarim"],
                  data=data, tags=tags)


def test_press_officer_publishes_trilingual_release_through_the_form(news, login, commit):
    client = login(news.users["shakarim_press"])
    response = commit(client.post, "/en/news/o/shakarim/new/", {
        "title_kk": "Ғылым апталығы", "title_ru": "Неделя науки", "title_en": "Science Week",
        "lead_en": "Shakarim University opened Science Week with EMC LLP.", "body_en": "",
        "date": "2024-04-08", "status": "published", "tags_text": "science, expo",
        "images": [SimpleUploadedFile("photo.png", PNG, content_type="image/png")],
    })
    assert response.status_code == 302
    release = Release.objects.get()
    assert release.languages == ["kk", "ru", "en"]
    assert sorted(t.slug for t in release.tags.all()) == ["expo", "science"]
    assert release.images.get().content_type == "image/png"
    assert AuditEntry.objects.filter(action="newsroom.release.created", target_id=str(release.pk)).exists()
    page = client.get(response["Location"])
    assert "Science Week" in page.content.decode()
    image = client.get(f"/en/news/i/{release.images.get().pk}/")
    assert image["Content-Type"] == "image/png" and b"".join(image.streaming_content) == PNG
    # the extraction ran after the commit and linked EMC to the directory
    assert release.mentions.filter(organisation=news.orgs["emc"]).exists()


def test_image_checked_by_content_not_name(news, login):
    client = login(news.users["shakarim_press"])
    response = client.post("/en/news/o/shakarim/new/", {
        "title_en": "Science Week", "date": "2024-04-08", "status": "published",
        "images": [SimpleUploadedFile("photo.png", b"<html>not an image</html>", content_type="image/png")],
    })
    assert response.status_code == 200
    assert "Only PNG, JPEG and WebP" in response.content.decode()
    assert not Release.objects.exists()
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), content_type="image/jpeg")
    with pytest.raises(ValidationError):
        services.validate_image(big)


@pytest.mark.parametrize("content, expected", [
    (PNG, "image/png"),
    (b"\xff\xd8\xff\xe0" + b"0" * 32, "image/jpeg"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"0" * 32, "image/webp"),
    (b"%PDF-1.4\n" + b"0" * 32, None),
    (b"", None),
])
def test_images_are_told_by_their_first_bytes(content, expected):
    upload = SimpleUploadedFile("photo.png", content, content_type="image/png")
    if expected is None:
        with pytest.raises(ValidationError):
            services.validate_image(upload)
    else:
        assert services.validate_image(upload) == expected

def test_a_version_needs_its_title(news):
    with pytest.raises(ValidationError):
        services.release_create(actor=news.users["shakarim_press"], organisation=news.orgs["shakarim"],
                                data={"title_en": "Only English", "lead_ru": "Лид без заголовка",
                                      "date": datetime.date(2024, 4, 8)})


def test_press_of_another_org_cannot_publish(news):
    with pytest.raises(PermissionDenied):
        services.release_create(actor=news.users["kaznu_editor"], organisation=news.orgs["shakarim"],
                                data={"title_en": "Not ours", "date": datetime.date(2024, 4, 8)})
    with pytest.raises(PermissionDenied):
        services.release_create(actor=news.users["shakarim_member"], organisation=news.orgs["shakarim"],
                                data={"title_en": "Not a press officer", "date": datetime.date(2024, 4, 8)})


def test_feed_filters_by_tag_organisation_language_and_text(news, client, commit):
    _release(news, commit)
    commit(services.release_create, actor=news.users["kaznu_editor"], organisation=news.orgs["kaznu"],
           data={"title_ru": "Встреча с молодёжью о креативной индустрии", "date": datetime.date(2021, 5, 1)})
    for url, expected in [
        ("/en/news/", 2), ("/en/news/?tag=expo", 1), ("/en/news/?organisation=kaznu", 1),
        ("/en/news/?lang=en", 1), ("/en/news/?lang=ru", 2), ("/en/news/?q=креативной", 1),
        ("/en/news/?q=ғылым", 1), ("/en/news/o/kaznu/", 1), ("/en/news/o/shakarim/?lang=kk", 1),
    ]:
        body = client.get(url).content.decode()
        assert body.count('class="release-item"') == expected, url


def test_feed_pages(news, client, commit):
    for n in range(23):
        services.release_create(actor=None, organisation=news.orgs["shakarim"],
                                data={"title_en": f"Release number {n}", "date": datetime.date(2024, 1, 1)})
    first = client.get("/en/news/").content.decode()
    second = client.get("/en/news/?page=2").content.decode()
    assert first.count('class="release-item"') == 20 and second.count('class="release-item"') == 3
    assert 'rel="next"' in first


def test_drafts_are_visible_only_to_their_press_office(news, login, commit):
    release = _release(news, commit, status=Release.Status.DRAFT)
    assert login(None).get(release.get_absolute_url()).status_code == 404
    assert "Science Week" not in login(None).get("/en/news/").content.decode()
    assert login(news.users["shakarim_press"]).get(release.get_absolute_url()).status_code == 200
    assert login(None).get(f"/api/news/releases/{release.slug}").status_code == 404


@pytest.mark.parametrize("path", ["/{lang}/news/rss/", "/{lang}/news/atom/", "/{lang}/news/o/shakarim/rss/",
                                  "/{lang}/news/o/shakarim/atom/"])
def test_feeds_are_valid_per_language(news, client, commit, path):
    _release(news, commit)
    commit(services.release_create, actor=news.users["kaznu_editor"], organisation=news.orgs["kaznu"],
           data={"title_ru": "Только по-русски", "date": datetime.date(2021, 5, 1)})
    titles = {}
    for lang in ("kk", "ru", "en"):
        response = client.get(path.format(lang=lang))
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.entries
        titles[lang] = [e.title for e in parsed.entries]
    assert titles["kk"][0] == "Ғылым апталығы басталды"
    assert titles["en"] == ["Science Week opens"]
    if "/o/" not in path:
        assert "Только по-русски" in titles["ru"] and "Только по-русски" not in titles["en"]


def test_api_lists_and_shows_releases(news, client, commit):
    release = _release(news, commit, lead_en="Engineers of EMC LLP came to Shakarim University.")
    data = client.get("/api/news/releases?lang=kk").json()
    assert [r["slug"] for r in data["items"]] == [release.slug]
    assert client.get("/api/news/releases?tag=nothing").json()["items"] == []
    detail = client.get(f"/api/news/releases/{release.slug}").json()
    assert detail["title"]["ru"] == "Открылась Неделя науки"
    assert any(m["organisation"] == "emc" for m in detail["mentions"])


def test_organisation_page_include_lists_mentioning_releases(news, commit):
    from django.template.loader import render_to_string
    from django.utils import translation

    _release(news, commit, lead_en="Engineers of EMC LLP came to Shakarim University.")
    with translation.override("en"):
        html = render_to_string("newsroom/_mentions.html", {"org": news.orgs["emc"]})
    assert "Science Week opens" in html
    assert render_to_string("newsroom/_mentions.html", {"org": news.orgs["meat"]}).strip() == ""
