import pytest

from kopir.collaborations.models import Collaboration, Stage
from kopir.directory.demo.loader import demo_load
from kopir.insights import selectors

pytestmark = pytest.mark.django_db


def test_demo_covers_every_stage_and_makes_the_dashboard_lively(refdata, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    demo_load()
    from kopir.collaborations import demo

    assert demo.load()["collaborations"] >= 20
    stages = set(Collaboration.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    for c in Collaboration.objects.filter(stage=Stage.IMPLEMENTED):
        assert c.has_evidence() and c.enterprise_confirmed_at is not None
    dates = [e for c in Collaboration.objects.all() for e in c.events.values_list("happened_on", flat=True)]
    assert (max(dates) - min(dates)).days > 300
    data = selectors.dashboard(selectors.Filters())
    assert data["funnel"]["implemented"] >= 5 and data["totals"]["contract_value_kzt"] > 50_000_000
    assert len(data["tables"]["region"]) >= 3 and data["labs"]
    assert Collaboration.objects.filter(stale_since__isnull=False).exists()
    # Loading again adds nothing.
    assert demo.load()["collaborations"] == 0
