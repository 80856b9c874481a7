"""The newsroom demo imports its releases through the import path."""

import pytest

from kopir.newsroom.models import Release, Suggestion

pytestmark = pytest.mark.django_db


def test_demo_releases_are_imported_linked_and_leave_suggestions(refdata, django_capture_on_commit_callbacks):
    from kopir.directory.demo.loader import demo_load
    from kopir.newsroom import demo

    demo_load()
    with django_capture_on_commit_callbacks(execute=True):
        counts = demo.load()
    assert counts["created"] >= 6 and counts.get("translation", 0) >= 3
    assert {lang for r in Release.objects.all() for lang in r.languages} == {"kk", "ru", "en"}
    creative = Release.objects.get(slug="state-secretary-discusses-the-creative-industry-with-kaznu-students")
    assert creative.languages == ["kk", "ru", "en"]
    linked = set(creative.mentions.filter(person__isnull=False).values_list("person__slug", flat=True))
    assert {"krymbek-kusherbayev", "yeraly-tugzhanov", "zhanseit-tuymebaev"} <= linked
    assert creative.mentions.filter(organisation__slug="kaznu").exists()
    assert Suggestion.objects.filter(status="pending").exists()
    # loading again recognises every release
    with django_capture_on_commit_callbacks(execute=True):
        again = demo.load()
    assert again == {"duplicate": sum(counts.values())}
