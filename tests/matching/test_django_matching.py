"""The Django side of matching: index upkeep, rebuild from the cache, reasons, feedback, inbox, e-mail."""

import pytest

from kopir.matching import store
from kopir.matching.models import Decline, Embedding, IndexState, Introduction, Match
from tests.needs import conftest as needs_fixtures

# The needs personas and helpers, shared with tests/needs.
people = needs_fixtures.people
make_need = needs_fixtures.make_need
indexed = needs_fixtures.indexed
_no_stale_index_marks = needs_fixtures._no_stale_index_marks

pytestmark = pytest.mark.django_db


def _ids(side):
    store.forget()
    return {d.id for d in store.current(side).documents()}


def test_index_follows_edits_and_deletions(indexed, django_capture_on_commit_callbacks):
    from kopir.directory import services

    cap = indexed.caps["course"]
    assert f"cap:{cap.pk}" in _ids("supply")
    editor = indexed.users["shakarim_editor"]
    with django_capture_on_commit_callbacks(execute=True):
        services.capability_update(actor=editor, capability=cap, data={"title_en": "Retraining of meat inspectors"})
    doc = store.current("supply").get(f"cap:{cap.pk}")
    assert "Retraining of meat inspectors" in doc.title
    with django_capture_on_commit_callbacks(execute=True):
        new = services.capability_create(actor=editor, unit=indexed.units["vet"], data=dict(
            slug="meat-lab-tests", kind="service", title_kk="Ет сынамаларын зертханалық талдау"))
    assert f"cap:{new.pk}" in _ids("supply")
    with django_capture_on_commit_callbacks(execute=True):
        services.capability_delete(actor=editor, capability=cap)
    assert f"cap:{cap.pk}" not in _ids("supply")
    with django_capture_on_commit_callbacks(execute=True):
        services.unit_delete(actor=editor, unit=indexed.units["vet"])
    left = _ids("supply")
    assert f"unit:{indexed.units['vet'].pk}" not in left and f"cap:{new.pk}" not in left


def test_needs_enter_and_leave_the_demand_index(indexed, make_need, django_capture_on_commit_callbacks):
    from kopir.needs import services

    need = make_need()
    assert f"need:{need.pk}" in _ids("demand")
    with django_capture_on_commit_callbacks(execute=True):
        services.need_close(actor=indexed.users["enterprise_rep"], need=need)
    assert f"need:{need.pk}" not in _ids("demand")


def test_rebuild_embeds_nothing_new_and_processes_see_the_new_version(indexed):
    from django.core.management import call_command

    embedder = store.embedder()
    store._cache = store.DatabaseEmbeddingCache(memo_size=0)  # read and write the table only
    try:
        store.rebuild()
        rows = Embedding.objects.count()
        assert rows > 0
        version = IndexState.objects.get(side="supply").version
        before = embedder.texts_embedded
        call_command("matching_rebuild", verbosity=0)
        assert embedder.texts_embedded == before
        assert Embedding.objects.count() == rows
        assert store.cache().reads > 0
    finally:
        store._cache = None
    state = IndexState.objects.get(side="supply")
    assert state.version == version + 1
    assert (store.root() / state.directory / "manifest.json").exists()
    # Another process holding the older version notices the stamp and reloads.
    old = store._held["supply"]
    store._held["supply"] = ("supply-stale", old[1])
    assert store.current("supply") is not old[1]
    assert store._held["supply"][0] == state.directory


def test_russian_need_finds_the_kazakh_lab_with_reasons(indexed, make_need):
    from kopir.matching.ranking import rank_need

    need = make_need()
    results = rank_need(need, k=5)
    top = {r.entity: r for r in results[:3]}
    lab = top[f"unit:{indexed.units['vet'].pk}"]
    sentences = [s.doc_sentence for ev in lab.evidence for s in ev.sentences]
    assert any("Ветеринар" in s for s in sentences)
    assert {"offers the kind of help asked for", "in the same region"} <= {r.label for r in lab.reasons}
    assert all(r.entity != f"cap:{indexed.caps['kaznu-clinic'].pk}" for r in results[:3])
    stored = Match.objects.filter(need=need)
    assert stored.filter(lab=indexed.units["vet"]).exists()


def test_decline_lowers_and_introduction_is_remembered(indexed, make_need, django_capture_on_commit_callbacks):
    from kopir.matching import services
    from kopir.matching.ranking import rank_need

    need = make_need()
    lab = f"unit:{indexed.units['vet'].pk}"
    before = {r.entity: r for r in rank_need(need, explain=False)}[lab]
    with django_capture_on_commit_callbacks(execute=True):
        services.match_decline(actor=indexed.users["enterprise_rep"], need=need, target=indexed.units["vet"],
                               reason="too_far")
    after = {r.entity: r for r in rank_need(need, explain=False)}[lab]
    assert after.score < before.score - 0.9
    assert "declined for this need" in {r.label for r in after.reasons}
    # Another need of the same enterprise: the lab sinks a little there too.
    other = make_need(title_ru="Обучение ветеринаров убойного цеха")
    again = {r.entity: r for r in rank_need(other, explain=False)}[lab]
    assert "declined by this organisation for another need" in {r.label for r in again.reasons}
    with django_capture_on_commit_callbacks(execute=True):
        intro = services.introduction_request(actor=indexed.users["shakarim_liaison"], need=need,
                                              target=indexed.units["vet"])
    assert intro.status == Introduction.Status.REQUESTED and intro.organisation == indexed.orgs["shakarim"]
    assert not Decline.objects.filter(need=need, entity=lab).exists()
    third = make_need(title_ru="Курсы для ветеринарных врачей по экспертизе мяса")
    labels = {r.label for r in {r.entity: r for r in rank_need(third, explain=False)}[lab].reasons}
    assert "has worked with this organisation before" in labels


@pytest.mark.parametrize("persona", ["mine_rep", "kaznu_editor", "vet_head", "meat_member"])
def test_others_cannot_broker(indexed, make_need, persona):
    from django.core.exceptions import PermissionDenied

    from kopir.matching import services

    need = make_need()
    with pytest.raises(PermissionDenied):
        services.introduction_request(actor=indexed.users[persona], need=need, target=indexed.units["vet"])
    with pytest.raises(PermissionDenied):
        services.match_decline(actor=indexed.users[persona], need=need, target=indexed.units["vet"],
                               reason="other")
    assert not Introduction.objects.exists() and not Decline.objects.exists()


def test_strong_match_mails_the_lab_in_its_language(indexed, make_need, smtp_server):
    make_need()
    to = {m["To"]: m for m in smtp_server.messages}
    assert {"vet_head@example.kz", "shakarim_editor@example.kz", "shakarim_admin@example.kz"} <= set(to)
    assert "kaznu_editor@example.kz" not in to and "enterprise_rep@example.kz" not in to
    head = to["vet_head@example.kz"]
    body = head.get_content()
    assert "Переподготовка ветеринарных врачей" in body
    assert "/needs/" in body
    count = len(smtp_server.messages)
    # Nothing new: no second e-mail for the same match.
    from kopir.matching.tasks import need_matches_refresh
    from kopir.needs.models import Need

    need_matches_refresh.enqueue(need_id=Need.objects.get().pk)
    assert len(smtp_server.messages) == count


def test_confidential_need_mail_and_inbox_show_the_summary_only(indexed, make_need, smtp_server, client):
    make_need(title_ru="Сверхсекретная переподготовка ветеринарных врачей", visibility="confidential")
    mails = {m["To"]: m.get_content() + m["Subject"] for m in smtp_server.messages}
    assert mails, "the lab is still told that a need matches"
    assert "vet_head@example.kz" in mails and "shakarim_editor@example.kz" in mails
    for address, text in mails.items():
        # University liaison officers read confidential needs; nobody else gets more than the summary.
        readable = address == "shakarim_liaison@example.kz"
        assert ("Сверхсекретная" in text) is readable, address
        assert ("мясокомбинат" in text.lower()) is readable, address
    client.force_login(indexed.users["vet_head"])
    html = client.get("/en/matching/inbox/").content.decode()
    assert "Confidential need" in html and "Сверхсекретная" not in html


def test_inbox_lists_matching_needs_for_heads_and_editors(indexed, make_need, client):
    need = make_need()
    make_need(title_ru="Испытания шахтного крепежа на прочность", kind="testing")
    for persona in ("vet_head", "shakarim_editor"):
        client.force_login(indexed.users[persona])
        html = client.get("/en/matching/inbox/").content.decode()
        assert f"/en/needs/{need.pk}/" in html
    client.force_login(indexed.users["kaznu_editor"])
    assert f"/en/needs/{need.pk}/" not in client.get("/en/matching/inbox/").content.decode()


def test_unmatched_needs_for_liaison_officers(indexed, make_need, client):
    matched = make_need()
    lonely = make_need(title_ru="Сейсмическая разведка угольных пластов", kind="consulting",
                       description_ru="Нужна трёхмерная сейсморазведка и интерпретация данных по угольным пластам.")
    Match.objects.filter(need=lonely).delete()
    client.force_login(indexed.users["shakarim_liaison"])
    html = client.get("/en/needs/unmatched/").content.decode()
    assert f"/en/needs/{lonely.pk}/" in html and f"/en/needs/{matched.pk}/" not in html
    html = client.get("/en/needs/unmatched/?region=almaty-city").content.decode()
    assert f"/en/needs/{lonely.pk}/" not in html


def test_offer_page_finds_needs_and_enterprises(indexed, make_need, client):
    from kopir.directory import services

    need = make_need()
    make_need(title_ru="Ветеринарная переподготовка, закрытая программа", visibility="confidential")
    cap = services.capability_create(actor=None, unit=indexed.units["vet"], data=dict(
        slug="vet-expertise-service", kind="service",
        title_kk="Ет өнімдерін ветеринариялық-санитариялық сараптау қызметі",
        description_kk="Ветеринария дәрігерлеріне арналған біліктілікті арттыру курстарын өткіземіз."))
    store.rebuild()
    client.force_login(indexed.users["mine_rep"])
    html = client.get(f"/en/needs/offers/{cap.slug}/").content.decode()
    assert f"/en/needs/{need.pk}/" in html
    assert "закрытая программа" not in html
    assert "Confidential need" in html
    assert "/en/directory/o/abai-meat/" in html
    listing = client.get("/en/needs/offers/?q=сараптау").content.decode()
    assert f"/en/needs/offers/{cap.slug}/" in listing
    assert "vet-retraining" not in listing  # a course is not an offer of technology or service
