import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_language_searches_and_opens_a_lab(world, page):
    page.goto("/")
    page.click("form.lang button[value=en]")
    assert page.url.endswith("/en/")
    page.click("form.lang button[value=ru]")
    assert "/ru/" in page.url
    assert page.locator("html").get_attribute("lang") == "ru"
    page.fill("#hero-q", "ветеринар")
    page.press("#hero-q", "Enter")
    page.click("text=Ветеринариялық-санитариялық сараптама зертханасы")
    assert page.url.endswith("/ru/directory/u/vet-lab/")
    # the lab is described only in Kazakh: shown, and marked as a fallback
    assert page.locator("h1 abbr.fallback").inner_text() == "ҚАЗ"
    assert "Айгүл Серікқызы" in page.locator(".facts").inner_text()
    # the choice is remembered on the next visit to the bare address
    page.goto("/")
    assert "/ru/" in page.url


def test_editor_edits_own_lab(world, page, sign_in):
    sign_in("shakarim_editor", PASSWORD)
    page.goto("/en/directory/u/vet-lab/")
    page.get_by_role("link", name="Edit", exact=True).click()
    page.fill("input[name=name_kk]", "")
    page.fill("textarea[name=description_en]", "We test meat and milk safety.")
    page.click("button.primary")
    # the name must exist in some language: a clear error, and what was typed is kept
    assert "at least one language" in page.locator("form.edit").inner_text()
    assert page.input_value("textarea[name=description_en]") == "We test meat and milk safety."
    page.fill("input[name=name_en]", "Veterinary sanitary expertise laboratory")
    page.click("button.primary")
    assert page.url.endswith("/en/directory/u/vet-lab/")
    assert page.locator("h1").inner_text() == "Veterinary sanitary expertise laboratory"


def test_other_organisations_editor_is_refused(world, page, sign_in):
    sign_in("kaznu_editor", PASSWORD)
    page.goto("/en/directory/u/vet-lab/")
    assert page.get_by_role("link", name="Edit", exact=True).count() == 0
    response = page.goto("/en/directory/u/vet-lab/edit/")
    assert response.status == 403
    assert "Only editors of" in page.locator("main").inner_text()
