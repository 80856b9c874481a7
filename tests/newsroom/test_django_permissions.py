"""Every newsroom page and endpoint against the personas allowed and denied."""

import datetime

import pytest

from kopir.newsroom import services
from kopir.newsroom.models import Release, Suggestion

pytestmark = pytest.mark.django_db

EVERYONE = ["anonymous", "platform_admin", "shakarim_admin", "shakarim_editor", "shakarim_liaison", "shakarim_press",
            "shakarim_member", "kaznu_editor", "enterprise_rep"]
PUBLISHERS = {"platform_admin", "shakarim_admin", "shakarim_editor", "shakarim_liaison", "shakarim_press"}
REVIEWERS = {"platform_admin", "shakarim_admin", "shakarim_editor", "shakarim_liaison"}
TEXT = ("On 8 April 2024 Shakarim University opened Science Week. Rector of Shakarim University Aigul Serikkyzy "
        "met engineers of EMC LLP and Semey Engineering JSC.")


@pytest.fixture
def setup(news, commit):
    release = commit(services.release_import, actor=None, organisation=news.orgs["shakarim"], content=TEXT,
                     name="seed.txt").release
    draft = services.release_create(actor=None, organisation=news.orgs["shakarim"],
                                    data={"title_en": "Draft", "status": "draft", "date": datetime.date(2024, 4, 9)})
    return news, release, draft


def _expected(persona, allowed):
    if persona in allowed:
        return 200
    return 302 if persona == "anonymous" else 403


@pytest.mark.parametrize("persona", EVERYONE)
def test_matrix(setup, login, persona):
    news, release, draft = setup
    client = login(news.users.get(persona))
    public = ["/en/news/", "/kk/news/?tag=x&lang=kk", "/en/news/o/shakarim/", "/en/news/rss/", "/ru/news/atom/",
              "/en/news/o/shakarim/rss/", "/en/news/o/shakarim/atom/", release.get_absolute_url(),
              "/api/news/releases", f"/api/news/releases/{release.slug}"]
    table = [(url, 200) for url in public]
    table += [(url, _expected(persona, PUBLISHERS)) for url in
              ["/en/news/o/shakarim/new/", "/en/news/o/shakarim/import/", f"/en/news/r/{release.slug}/edit/"]]
    table += [("/en/news/o/shakarim/review/", _expected(persona, REVIEWERS))]
    table += [(draft.get_absolute_url(), 200 if persona in PUBLISHERS else 404)]
    got = [(url, client.get(url).status_code) for url, _ in table]
    assert got == table


@pytest.mark.parametrize("persona", EVERYONE)
def test_decisions_and_writes(setup, login, persona):
    news, release, _draft = setup
    client = login(news.users.get(persona))
    position = release.suggestions.get(kind="position")
    org = release.suggestions.get(kind="organisation", name="Semey Engineering JSC")
    response = client.post(f"/en/news/s/{position.pk}/reject/")
    position.refresh_from_db()
    if persona in REVIEWERS:
        assert response.status_code == 302 and position.status == Suggestion.Status.REJECTED
    else:
        assert response.status_code in (302, 403) and position.status == Suggestion.Status.PENDING
        if persona != "anonymous":
            assert response.status_code == 403
    response = client.post(f"/en/news/s/{org.pk}/confirm/")
    org.refresh_from_db()
    assert (org.status == Suggestion.Status.CONFIRMED) is (persona == "platform_admin")
    response = client.post("/en/news/o/shakarim/new/", {"title_en": "Posted", "date": "2024-04-10",
                                                          "status": "published"})
    assert Release.objects.filter(title_en="Posted").exists() is (persona in PUBLISHERS)
    response = client.post("/en/news/o/shakarim/import/", {"text": TEXT.replace("8 April", "9 April") + " More."})
    assert response.status_code == (200 if persona in PUBLISHERS else 302 if persona == "anonymous" else 403)
    assert client.get(f"/en/news/s/{position.pk}/confirm/").status_code in (302, 405)
