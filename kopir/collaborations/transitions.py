"""The one place that says which stage may follow which, and what each move needs.

Forward, a collaboration goes one stage at a time::

    introduced → meeting held → proposal → agreement signed → in progress → implemented

Backward, only the listed steps are allowed, and each needs a note saying why
(a proposal sent back for another meeting, a signed agreement whose work has not
started…). Any open collaboration may be closed with a reason; a closed one may be
reopened into the stage it was closed from, with a note. "Implemented in production"
needs evidence (an implementation act or equivalent document) and the enterprise's
confirmation, and nothing follows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kopir.collaborations.models import CloseReason, Document, Stage

FORWARD = {
    Stage.INTRODUCED: Stage.MEETING_HELD,
    Stage.MEETING_HELD: Stage.PROPOSAL,
    Stage.PROPOSAL: Stage.AGREEMENT_SIGNED,
    Stage.AGREEMENT_SIGNED: Stage.IN_PROGRESS,
    Stage.IN_PROGRESS: Stage.IMPLEMENTED,
}
# Steps back that the process knows of; each one needs a note.
BACKWARD = {
    Stage.MEETING_HELD: Stage.INTRODUCED,      # the meeting fell through, arrange another
    Stage.PROPOSAL: Stage.MEETING_HELD,        # the proposal needs another round of talks
    Stage.AGREEMENT_SIGNED: Stage.PROPOSAL,    # the agreement was annulled before work started
}
ORDER = [Stage.INTRODUCED, Stage.MEETING_HELD, Stage.PROPOSAL, Stage.AGREEMENT_SIGNED, Stage.IN_PROGRESS,
         Stage.IMPLEMENTED]
TERMINAL = frozenset({Stage.IMPLEMENTED, Stage.CLOSED})


@dataclass(frozen=True)
class Move:
    """A proposed move, with what comes with it."""

    from_stage: str
    to_stage: str
    note: str = ""
    reason: str = ""
    happened_on: dt.date | None = None
    previous_date: dt.date | None = None
    stage_before_close: str = ""
    evidence: bool = False            # an implementation act or equivalent exists or comes with the move
    enterprise_confirmed: bool = False


def allowed_targets(stage: str, *, stage_before_close: str = "") -> list[str]:
    """The stages a collaboration in ``stage`` may be moved to (for forms and buttons)."""
    if stage == Stage.CLOSED:
        return [stage_before_close] if stage_before_close else []
    if stage in TERMINAL:
        return []
    targets = [FORWARD[stage]]
    if stage in BACKWARD:
        targets.append(BACKWARD[stage])
    targets.append(Stage.CLOSED)
    return targets


def kind_of_move(from_stage: str, to_stage: str, *, stage_before_close: str = "") -> str | None:
    """``forward``, ``backward``, ``close``, ``reopen`` or None when the table forbids it."""
    if from_stage == Stage.CLOSED:
        return "reopen" if stage_before_close and to_stage == stage_before_close else None
    if from_stage in TERMINAL:
        return None
    if to_stage == Stage.CLOSED:
        return "close"
    if FORWARD.get(from_stage) == to_stage:
        return "forward"
    if BACKWARD.get(from_stage) == to_stage:
        return "backward"
    return None


def validate_move(move: Move) -> str:
    """Raise ``ValidationError`` (keyed by form field) unless the move is allowed; return its kind."""
    label = dict(Stage.choices)
    kind = kind_of_move(move.from_stage, move.to_stage, stage_before_close=move.stage_before_close)
    errors: dict[str, list[str]] = {}
    if kind is None:
        if move.from_stage == Stage.IMPLEMENTED:
            msg = _("An implemented collaboration is finished; nothing follows it.")
        elif move.from_stage == Stage.CLOSED:
            msg = _("A closed collaboration can only be reopened into the stage it was closed from.")
        else:
            msg = _("A collaboration cannot go from “%(a)s” to “%(b)s”.") % {
                "a": label.get(move.from_stage, move.from_stage), "b": label.get(move.to_stage, move.to_stage)}
        raise ValidationError({"to_stage": [msg]})
    note = (move.note or "").strip()
    if kind in ("backward", "reopen") and not note:
        errors.setdefault("note", []).append(_("Say in a note why the collaboration goes back."))
    if kind == "close":
        if move.reason not in CloseReason.values:
            errors.setdefault("reason", []).append(_("Choose the reason for closing."))
        elif move.reason == CloseReason.OTHER and not note:
            errors.setdefault("note", []).append(_("Describe the reason for closing in the note."))
    elif move.reason:
        errors.setdefault("reason", []).append(_("A reason is given only when closing."))
    if move.to_stage == Stage.IMPLEMENTED:
        if not move.evidence:
            errors.setdefault("documents", []).append(
                _("Attach the implementation act or an equivalent document first."))
        if not move.enterprise_confirmed:
            errors.setdefault("to_stage", []).append(
                _("The enterprise has not yet confirmed that the result runs in production."))
    if move.happened_on is not None:
        if move.happened_on > timezone.localdate():
            errors.setdefault("happened_on", []).append(_("The date is in the future."))
        elif move.previous_date is not None and move.happened_on < move.previous_date:
            errors.setdefault("happened_on", []).append(_("The date is before the previous stage's date."))
    if errors:
        raise ValidationError(errors)
    return kind


def evidence_kinds() -> tuple[str, ...]:
    return tuple(Document.EVIDENCE_KINDS)
