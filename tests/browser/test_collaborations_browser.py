"""From a collaboration opened by a liaison officer to an implemented one, ending on the dashboard."""

import pytest

from tests.collaborations.conftest import PDF, _media, cworld  # noqa: F401 (fixtures)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _implemented_on_dashboard(page) -> int:
    page.goto("/en/insights/")
    return int(page.locator('#funnel tr[data-key="implemented"] td.num').inner_text())


def _move(page, stage, *, document=None, kind=None, note=""):
    page.select_option("form.move select[name=to_stage]", stage)
    if note:
        page.fill("form.move textarea[name=note]", note)
    if document:
        page.select_option("form.move select[name=document_kind]", kind)
        page.set_input_files("form.move input[name=document]", document)
    page.click("form.move button[type=submit]")
    page.wait_for_load_state()


def test_liaison_to_implemented_and_the_dashboard_changes(cworld, page, sign_in, tmp_path):  # noqa: F811
    act = tmp_path / "implementation-act.pdf"
    act.write_bytes(PDF)
    fake = tmp_path / "agreement.pdf"
    fake.write_bytes(b"MZ this is not a PDF")

    sign_in("official", PASSWORD)
    before = _implemented_on_dashboard(page)

    # The liaison officer opens the collaboration by hand.
    sign_in("shakarim_liaison", PASSWORD)
    page.goto("/en/collaborations/")
    page.click("text=Open a collaboration")
    page.fill("input[name=title_en]", "Rapid testing of minced meat")
    page.select_option("select[name=enterprise]", label="Абайский мясокомбинат")
    page.select_option("select[name=unit]", label="Shakarim University — Ветеринариялық-санитариялық сараптама зертханасы")
    page.select_option("select[name=government]", label="Акимат области Абай")
    page.click("form.edit button[type=submit]")
    assert page.locator("h1").inner_text() == "Rapid testing of minced meat"
    assert page.locator(".badge.stage").inner_text() == "introduced"

    _move(page, "meeting_held", note="Met at the plant's laboratory.")
    assert page.locator(".badge.stage").inner_text() == "meeting held"
    _move(page, "proposal")
    # A file that is not what it claims is refused, and nothing moves.
    _move(page, "agreement_signed", document=str(fake), kind="agreement")
    assert "Only PDF, DOCX, XLSX, PNG and JPEG files are accepted." in page.locator("form.move").inner_text()
    assert page.locator(".badge.stage").inner_text() == "proposal"
    _move(page, "agreement_signed", document=str(act), kind="agreement")
    _move(page, "in_progress")
    # Implemented is refused without the act and the enterprise's confirmation.
    _move(page, "implemented")
    text = page.locator("form.move").inner_text()
    assert "Attach the implementation act" in text and "has not yet confirmed" in text
    page.select_option("form.upload select[name=kind]", "implementation_act")
    page.set_input_files("form.upload input[name=file]", str(act))
    page.click("form.upload button[type=submit]")
    assert "implementation-act.pdf" in page.locator("ul.documents").inner_text()
    url = page.url

    # The enterprise confirms.
    sign_in("enterprise_rep", PASSWORD)
    page.goto(url)
    page.click("button[name=confirm]")
    assert "not yet" not in page.locator("dd.confirmed").inner_text()

    # The liaison officer records the outcomes and moves the collaboration to implemented.
    sign_in("shakarim_liaison", PASSWORD)
    page.goto(url)
    page.click("text=Record outcomes")
    page.fill("input[name=contract_value_kzt]", "4500000")
    page.fill("input[name=people_trained]", "11")
    page.fill("input[name=products_introduced]", "1")
    page.click("form.edit button[type=submit]")
    _move(page, "implemented")
    assert page.locator(".badge.stage").inner_text() == "implemented in production"
    assert page.locator("form.move").count() == 0

    # The official countersigns, then sees the dashboard count the implementation.
    sign_in("official", PASSWORD)
    page.goto(url)
    page.click("button[name=countersign]")
    assert "not yet" not in page.locator("dd.countersigned").inner_text()
    assert _implemented_on_dashboard(page) == before + 1
    assert page.locator("#total-trained").inner_text() == "11"
