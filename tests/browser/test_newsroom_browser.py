"""A liaison officer imports one of the demo's releases and confirms a suggested position."""

from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.newsroom.conftest import news  # noqa: F401  (the newsroom personas)

pytestmark = pytest.mark.django_db(transaction=True)

DEMO = Path(__file__).resolve().parents[2] / "kopir" / "newsroom" / "demo_releases" / "05-creative-industry.en.txt"


def test_import_a_demo_release_and_confirm_a_position(news, page, sign_in):  # noqa: F811 (fixture)
    from kopir.directory.models import Position

    sign_in("kaznu_liaison", PASSWORD)
    page.goto("/en/news/o/kaznu/import/")
    page.set_input_files("input[name=files]", str(DEMO))
    page.click("main form.edit button[type=submit]")
    page.wait_for_selector(".import-created")
    assert "imported as a new release" in page.inner_text(".import-results")

    # the same file again is recognised, not added
    page.set_input_files("input[name=files]", str(DEMO))
    page.click("main form.edit button[type=submit]")
    page.wait_for_selector(".import-duplicate")

    page.click("text=Review the suggested facts")
    row = page.locator("tr", has_text="Zhanseit Tuymebaev")
    assert "Chairman of the Board - Rector" in row.inner_text()
    row.locator("button", has_text="Confirm").click()
    page.wait_for_selector(".messages")
    assert "Confirmed" in page.inner_text(".messages")
    position = Position.objects.get(person__full_name_en="Zhanseit Tuymebaev")
    assert position.organisation.slug == "kaznu"

    page.goto("/en/directory/p/" + position.person.slug + "/")
    assert "Chairman of the Board - Rector" in page.inner_text("main")
