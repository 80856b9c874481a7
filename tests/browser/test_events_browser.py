from datetime import time

import pytest

from kopir.events import services
from tests.conftest import PASSWORD
from tests.events.conftest import make_event  # noqa: F401  (the events fixture, shared)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fair(world, make_event):  # noqa: F811
    ev = make_event(slug="b2b-fair", brokerage_enabled=True, meeting_tables=3)
    u = world.users
    for name, offer, seek in [("shakarim_member", "Veterinary lab tests of meat", "Meat plants"),
                              ("enterprise_rep", "A meat plant for pilots", "Lab tests of meat")]:
        reg = services.registration_create(actor=u[name], event=ev, participant_type="university")
        services.profile_update(actor=u[name], registration=reg, offer=offer, seek=seek)
    services.slots_generate(actor=u["shakarim_editor"], event=ev, day=ev.start_date, start=time(10), end=time(11),
                            minutes=20)
    return ev


@pytest.fixture
def person(browser, live_server):
    """Each person in their own browser, signed in."""
    contexts = []

    def _open(username):
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto("/en/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        return page

    yield _open
    for context in contexts:
        context.close()


def _my_plan(page):
    page.goto("/en/events/b2b-fair/me/")
    row = page.locator("table.meetings tr.meeting")
    assert row.count() == 1
    return row.locator("td.slot").inner_text(), row.locator("td.table-no").inner_text(), row.locator("td.with").inner_text()


def test_two_participants_agree_a_meeting_and_see_the_same_slot_and_table(world, fair, person, smtp_server):
    asker = person("shakarim_member")
    asker.goto("/en/events/b2b-fair/brokerage/")
    card = asker.locator("li.profile", has_text="A meat plant for pilots")
    card.locator("input[name=message]").fill("Shall we talk about testing your products?")
    card.get_by_role("button", name="Request a meeting").click()
    assert "Meeting requested" in asker.locator(".messages").inner_text()

    asked = person("enterprise_rep")
    asked.goto("/en/events/b2b-fair/brokerage/")
    request = asked.locator("tr.received", has_text="shakarim_member asks to meet you")
    assert "Shall we talk" in request.inner_text()
    request.get_by_role("button", name="Accept").click()
    assert "Meeting accepted." in asked.locator(".messages").inner_text()

    organiser = person("shakarim_editor")
    organiser.goto("/en/events/b2b-fair/brokerage/setup/")
    organiser.click("#schedule")
    assert "1 meetings placed" in organiser.locator(".messages").inner_text()

    slot_a, table_a, with_a = _my_plan(asker)
    slot_b, table_b, with_b = _my_plan(asked)
    assert (slot_a, table_a) == (slot_b, table_b)
    assert 1 <= int(table_a) <= 3
    assert "enterprise_rep" in with_a and "shakarim_member" in with_b
    # the organiser's printable plan shows the same table
    organiser.goto("/en/events/b2b-fair/brokerage/tables/")
    assert "shakarim_member" in organiser.locator("table.table-plan").inner_text()
    assert sorted(m["To"] for m in smtp_server.messages) == ["enterprise_rep@example.kz", "shakarim_member@example.kz"]


def test_requesting_a_meeting_with_oneself_is_explained(world, fair, person):
    page = person("shakarim_member")
    from kopir.events.models import Registration

    me = Registration.objects.get(event=fair, user=world.users["shakarim_member"])
    # the page offers no such button; a hand-made request is refused with a sentence
    page.goto("/en/events/b2b-fair/brokerage/")
    assert page.locator(f"li.profile[data-registration='{me.pk}']").count() == 0
    page.evaluate(f"""() => {{
        const f = document.createElement('form'); f.method = 'post'; f.action = '/en/events/b2b-fair/brokerage/ask/{me.pk}/';
        const t = document.querySelector('input[name=csrfmiddlewaretoken]').cloneNode(); f.appendChild(t);
        document.body.appendChild(f); f.submit(); }}""")
    page.wait_for_url("**/brokerage/")
    assert "You cannot request a meeting with yourself." in page.locator(".messages").inner_text()
