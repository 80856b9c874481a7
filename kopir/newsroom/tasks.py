"""Background work of the newsroom: extracting a release's facts after it is saved."""

from __future__ import annotations

from django_tasks import task


@task()
def extract_release(release_id: int) -> dict:
    """Extract, link and propose the facts of one release (enqueued after the commit)."""
    from kopir.newsroom.models import Release
    from kopir.newsroom.services import release_extract

    release = Release.objects.filter(pk=release_id).first()
    if release is None:
        return {"mentions": 0, "suggestions": 0}
    return release_extract(release=release)
