"""The shipped demo vectors cover the demo directory, so `make run` embeds nothing on a CPU."""

import pytest

from kopir.directory.demo.loader import demo_load
from kopir.matching import demo, store
from kopir.matching.models import Embedding

pytestmark = pytest.mark.django_db


def test_demo_directory_is_indexed_from_the_shipped_vectors(refdata, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    seeded = demo.prepare()
    assert seeded > 500
    demo_load()
    store.forget()
    counts = store.rebuild()
    assert sum(counts.values()) > 300
    # a vector missing from the seed would have been embedded and added to the table
    assert Embedding.objects.count() == seeded
