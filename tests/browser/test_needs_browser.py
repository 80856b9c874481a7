"""A meat plant posts a need in Russian; the Kazakh-described veterinary lab is among its top
matches with its reasons, and the plant requests an introduction."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_russian_need_finds_kazakh_vet_lab_and_requests_introduction(world, page, sign_in):
    from kopir.matching.models import Introduction
    from kopir.needs.models import Need

    lab = world.units["vet"]
    sign_in("enterprise_rep", PASSWORD, lang="ru")
    page.goto("/ru/needs/new/")
    page.fill("input[name=title_ru]", "Переподготовка ветеринарных врачей для мясокомбината")
    page.fill("textarea[name=description_ru]",
              "Нашему мясокомбинату нужны курсы переподготовки ветеринарных врачей: ветеринарно-санитарная "
              "экспертиза мяса и безопасность мясной продукции.")
    page.select_option("select[name=kind]", "training")
    page.select_option("select[name=region]", label="Абайская область")
    page.select_option("select[name=visibility]", "public")
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("ol.matches")
    need = Need.objects.get()
    assert page.url.endswith(f"/ru/needs/{need.pk}/")
    assert need.language == "ru"

    top = page.locator("ol.matches > li").evaluate_all("items => items.slice(0, 3).map(i => i.dataset.entity)")
    assert f"unit:{lab.pk}" in top
    item = page.locator(f"ol.matches > li[data-entity='unit:{lab.pk}']")
    assert "Ветеринариялық-санитариялық сараптама зертханасы" in item.locator("a").first.inner_text()
    why = item.locator(".why").inner_text()
    assert "ветеринария мамандарын қайта даярлаймыз" in why or "Ветеринарлық дәрігерлерді" in why
    assert item.locator(".reasons li").count() >= 1

    item.locator("form[action$='/introduce/'] button").click()
    page.wait_for_selector(".messages li")
    intro = Introduction.objects.get(need=need)
    assert intro.unit == lab and intro.requested_by == world.users["enterprise_rep"]
    item = page.locator(f"ol.matches > li[data-entity='unit:{lab.pk}']")
    assert item.locator("form[action$='/introduce/']").count() == 0
    assert item.locator(".badge").last.inner_text().strip() != ""

    # The accepted match is now a collaboration at its first stage, on the enterprise's board.
    page.goto("/ru/collaborations/")
    row = page.locator("text=Переподготовка ветеринарных врачей для мясокомбината").first
    row.click()
    page.wait_for_load_state()
    assert "Ветеринариялық-санитариялық сараптама зертханасы" in page.locator("main").inner_text()
    from kopir.collaborations.models import Collaboration, Stage

    assert Collaboration.objects.get(introduction=intro).stage == Stage.INTRODUCED
    assert page.locator(".badge.stage").count() == 1
