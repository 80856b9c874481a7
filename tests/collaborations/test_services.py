"""The stage rules, enforced by ``collaboration_move`` through the one transition table."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kopir.collaborations import services
from kopir.collaborations.models import Collaboration, Document, Stage, StageEvent
from kopir.collaborations.transitions import allowed_targets
from kopir.core.models import AuditEntry
from tests.collaborations.conftest import PNG, advance, docx_bytes, pdf

pytestmark = pytest.mark.django_db
S = Stage


def test_open_by_hand_records_the_first_stage(cworld, collab):
    assert collab.stage == S.INTRODUCED
    assert collab.university == cworld.orgs["shakarim"]
    assert collab.owner == cworld.users["shakarim_liaison"]
    assert collab.region.slug == "abai" and collab.sector.code == "10"
    event = collab.events.get()
    assert (event.from_stage, event.to_stage, event.moved_by) == ("", S.INTRODUCED, cworld.users["shakarim_liaison"])
    assert AuditEntry.objects.filter(action="collaborations.collaboration.opened", target_id=str(collab.pk)).exists()


@pytest.mark.parametrize("persona", ["shakarim_member", "kaznu_liaison", "official", "dairy_editor"])
def test_only_liaison_or_admin_of_a_side_opens(cworld, persona):
    with pytest.raises(PermissionDenied):
        services.collaboration_open(actor=cworld.users[persona], enterprise=cworld.orgs["meat"],
                                    unit=cworld.units["vet"], title={"en": "x"})
    assert not Collaboration.objects.exists()


def test_open_checks_kinds_of_parties(cworld):
    with pytest.raises(ValidationError) as exc:
        services.collaboration_open(actor=cworld.users["platform_admin"], enterprise=cworld.orgs["kaznu"],
                                    unit=cworld.units["vet"], government=cworld.orgs["meat"], title={"en": "x"})
    assert set(exc.value.message_dict) == {"enterprise", "government"}


def test_the_full_path_to_implemented(cworld, collab):
    liaison, rep = cworld.users["shakarim_liaison"], cworld.users["enterprise_rep"]
    advance(collab, liaison, S.MEETING_HELD, S.PROPOSAL, S.AGREEMENT_SIGNED)
    advance(collab, rep, S.IN_PROGRESS)
    services.collaboration_document_add(actor=liaison, collaboration=collab, upload=pdf(), kind="implementation_act")
    services.collaboration_confirm_implementation(actor=rep, collaboration=collab)
    advance(collab, liaison, S.IMPLEMENTED)
    assert collab.stage == S.IMPLEMENTED
    assert list(collab.events.values_list("to_stage", flat=True)) == [
        S.INTRODUCED, S.MEETING_HELD, S.PROPOSAL, S.AGREEMENT_SIGNED, S.IN_PROGRESS, S.IMPLEMENTED]
    assert AuditEntry.objects.filter(action="collaborations.collaboration.stage_changed").count() == 5
    services.collaboration_countersign(actor=cworld.users["official"], collaboration=collab)
    assert collab.countersigned_by == cworld.users["official"]
    assert allowed_targets(collab.stage) == []


@pytest.mark.parametrize("target", [S.PROPOSAL, S.AGREEMENT_SIGNED, S.IN_PROGRESS, S.IMPLEMENTED])
def test_no_skipping_forward(cworld, collab, target):
    with pytest.raises(ValidationError) as exc:
        advance(collab, cworld.users["shakarim_liaison"], target)
    assert "to_stage" in exc.value.message_dict
    collab.refresh_from_db()
    assert collab.stage == S.INTRODUCED and collab.events.count() == 1


def _to_in_progress(cworld, collab):
    return advance(collab, cworld.users["shakarim_liaison"], S.MEETING_HELD, S.PROPOSAL, S.AGREEMENT_SIGNED,
                   S.IN_PROGRESS)


def test_implemented_needs_evidence_and_confirmation(cworld, collab):
    liaison, rep = cworld.users["shakarim_liaison"], cworld.users["enterprise_rep"]
    _to_in_progress(cworld, collab)
    with pytest.raises(ValidationError) as exc:
        advance(collab, liaison, S.IMPLEMENTED)
    assert set(exc.value.message_dict) == {"documents", "to_stage"}
    # Confirmation cannot come before the evidence…
    with pytest.raises(ValidationError):
        services.collaboration_confirm_implementation(actor=rep, collaboration=collab)
    # …and a protocol is not evidence.
    services.collaboration_document_add(actor=liaison, collaboration=collab, upload=pdf("p.pdf"), kind="protocol")
    with pytest.raises(ValidationError):
        advance(collab, liaison, S.IMPLEMENTED)
    services.collaboration_document_add(actor=liaison, collaboration=collab, upload=pdf(), kind="implementation_act")
    with pytest.raises(ValidationError) as exc:
        advance(collab, liaison, S.IMPLEMENTED)
    assert set(exc.value.message_dict) == {"to_stage"}
    # Only the enterprise side confirms.
    for persona in ("shakarim_liaison", "shakarim_admin", "official"):
        with pytest.raises(PermissionDenied):
            services.collaboration_confirm_implementation(actor=cworld.users[persona], collaboration=collab)
    services.collaboration_confirm_implementation(actor=rep, collaboration=collab)
    advance(collab, liaison, S.IMPLEMENTED)
    assert collab.stage == S.IMPLEMENTED


def test_evidence_can_come_with_the_move(cworld, collab):
    _to_in_progress(cworld, collab)
    services.collaboration_document_add(actor=cworld.users["shakarim_liaison"], collaboration=collab,
                                        upload=pdf(), kind="equivalent_evidence")
    services.collaboration_confirm_implementation(actor=cworld.users["enterprise_rep"], collaboration=collab)
    collab.documents.all().delete()
    with pytest.raises(ValidationError):
        advance(collab, cworld.users["shakarim_liaison"], S.IMPLEMENTED)
    advance(collab, cworld.users["shakarim_liaison"], S.IMPLEMENTED, documents=[("implementation_act", pdf())])
    event = collab.events.last()
    assert event.to_stage == S.IMPLEMENTED and event.documents.get().kind == "implementation_act"


def test_closing_needs_a_reason_and_reopens_only_where_it_was(cworld, collab):
    liaison = cworld.users["shakarim_liaison"]
    advance(collab, liaison, S.MEETING_HELD)
    with pytest.raises(ValidationError) as exc:
        advance(collab, liaison, S.CLOSED)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        advance(collab, liaison, S.CLOSED, reason="other")
    assert "note" in exc.value.message_dict
    advance(collab, liaison, S.CLOSED, reason="no_budget")
    assert (collab.stage, collab.closed_reason, collab.stage_before_close) == (S.CLOSED, "no_budget", S.MEETING_HELD)
    with pytest.raises(ValidationError):
        advance(collab, liaison, S.PROPOSAL, note="budget found")
    with pytest.raises(ValidationError) as exc:
        advance(collab, liaison, S.MEETING_HELD)
    assert "note" in exc.value.message_dict
    advance(collab, liaison, S.MEETING_HELD, note="The budget was found in the spring.")
    assert (collab.stage, collab.closed_reason, collab.stage_before_close) == (S.MEETING_HELD, "", "")


def test_backward_only_by_rule_and_with_a_note(cworld, collab):
    liaison = cworld.users["shakarim_liaison"]
    advance(collab, liaison, S.MEETING_HELD, S.PROPOSAL)
    with pytest.raises(ValidationError):
        advance(collab, liaison, S.INTRODUCED, note="two steps back")
    with pytest.raises(ValidationError) as exc:
        advance(collab, liaison, S.MEETING_HELD)
    assert "note" in exc.value.message_dict
    advance(collab, liaison, S.MEETING_HELD, note="The price needs another meeting.")
    assert collab.stage == S.MEETING_HELD
    advance(collab, liaison, S.PROPOSAL, S.AGREEMENT_SIGNED, S.IN_PROGRESS)
    with pytest.raises(ValidationError):
        advance(collab, liaison, S.AGREEMENT_SIGNED, note="in progress cannot go back")


def test_implemented_and_closed_cannot_reach_anything_else(cworld, collab):
    liaison = cworld.users["shakarim_liaison"]
    advance(collab, liaison, S.CLOSED, reason="unresponsive")
    for stage in (S.IMPLEMENTED, S.IN_PROGRESS, S.CLOSED):
        with pytest.raises(ValidationError):
            advance(collab, liaison, stage, note="n", reason="other")


def test_dates_are_not_in_the_future_nor_before_the_previous_stage(cworld, collab):
    liaison = cworld.users["shakarim_liaison"]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        advance(collab, liaison, S.MEETING_HELD, happened_on=today + dt.timedelta(days=1))
    assert "happened_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        advance(collab, liaison, S.MEETING_HELD, happened_on=today - dt.timedelta(days=3))
    advance(collab, liaison, S.MEETING_HELD, happened_on=today)
    assert collab.stage_since == today


@pytest.mark.parametrize("persona", ["shakarim_member", "kaznu_editor", "kaznu_liaison", "official", "dairy_editor"])
def test_non_workers_cannot_move(cworld, collab, persona):
    with pytest.raises(PermissionDenied):
        advance(collab, cworld.users[persona], S.MEETING_HELD)
    assert StageEvent.objects.filter(collaboration=collab).count() == 1


@pytest.mark.parametrize("persona", ["shakarim_editor", "shakarim_admin", "enterprise_rep", "platform_admin"])
def test_both_sides_editors_move(cworld, collab, persona):
    advance(collab, cworld.users[persona], S.MEETING_HELD)
    assert collab.stage == S.MEETING_HELD


def test_countersign_only_by_an_official_of_the_government_party_after_implementation(cworld, collab):
    with pytest.raises(ValidationError):
        services.collaboration_countersign(actor=cworld.users["official"], collaboration=collab)
    liaison = cworld.users["shakarim_liaison"]
    _to_in_progress(cworld, collab)
    services.collaboration_document_add(actor=liaison, collaboration=collab, upload=pdf(), kind="implementation_act")
    services.collaboration_confirm_implementation(actor=cworld.users["enterprise_rep"], collaboration=collab)
    advance(collab, liaison, S.IMPLEMENTED)
    for persona in ("other_official", "shakarim_admin", "enterprise_rep"):
        with pytest.raises(PermissionDenied):
            services.collaboration_countersign(actor=cworld.users[persona], collaboration=collab)
    services.collaboration_countersign(actor=cworld.users["official"], collaboration=collab)
    assert collab.countersigned_at is not None


@pytest.mark.parametrize("content, name", [
    (b"MZ\x90\x00 not a document", "act.pdf"),
    (b"PK\x03\x04 broken zip", "act.docx"),
    (b"", "empty.pdf"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"0" * 32, "photo.webp"),
])
def test_uploads_are_checked_by_content(cworld, collab, content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        services.collaboration_document_add(actor=cworld.users["shakarim_liaison"], collaboration=collab,
                                            upload=SimpleUploadedFile(name, content), kind="agreement")
    assert not Document.objects.exists()


def test_uploads_over_10_mb_are_refused(cworld, collab):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        services.collaboration_document_add(actor=cworld.users["shakarim_liaison"], collaboration=collab,
                                            upload=big, kind="agreement")


@pytest.mark.parametrize("content, kind", [(PNG, "image/png"), (None, "wordprocessingml")])
def test_accepted_uploads(cworld, collab, content, kind):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = content if content is not None else docx_bytes()
    doc = services.collaboration_document_add(actor=cworld.users["enterprise_rep"], collaboration=collab,
                                              upload=SimpleUploadedFile("x.bin", content), kind="protocol")
    assert kind in doc.content_type and doc.stage == S.INTRODUCED and doc.size == len(content)


def test_a_failed_move_leaves_no_file_behind(cworld, collab, settings):
    with pytest.raises(ValidationError):
        advance(collab, cworld.users["shakarim_liaison"], S.MEETING_HELD,
                documents=[("protocol", pdf()), ("protocol", pdf("bad.pdf", b"not a pdf"))])
    stored = list((settings.MEDIA_ROOT / "collaborations").rglob("*")) if (settings.MEDIA_ROOT / "collaborations").exists() else []
    assert [p for p in stored if p.is_file()] == []
    assert collab.events.count() == 1


def test_outcomes_are_recorded_and_audited(cworld, collab):
    changes = services.collaboration_outcomes_update(
        actor=cworld.users["enterprise_rep"], collaboration=collab,
        data={"contract_value_kzt": 12_500_000, "people_trained": 14, "products_introduced": 1,
              "outcomes_note_ru": "Новая методика контроля"})
    assert changes["contract_value_kzt"] == [None, 12_500_000]
    assert AuditEntry.objects.filter(action="collaborations.collaboration.outcomes_updated").exists()
    with pytest.raises(PermissionDenied):
        services.collaboration_outcomes_update(actor=cworld.users["official"], collaboration=collab,
                                               data={"people_trained": 99})


def test_flag_stale_is_idempotent(cworld, collab, settings):
    settings.KOPIR_STALE_DAYS = 10
    Collaboration.objects.filter(pk=collab.pk).update(last_activity_at=timezone.now() - dt.timedelta(days=11))
    assert services.collaborations_flag_stale() == (1, 0)
    assert services.collaborations_flag_stale() == (0, 0)
    advance(collab, cworld.users["shakarim_liaison"], S.MEETING_HELD)
    assert collab.stale_since is None
