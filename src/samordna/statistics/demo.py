"""Demo statistics: the bundled figures of the 2019 Landskrona Svalöv report."""

from __future__ import annotations

import hashlib
from pathlib import Path

from samordna.accounts.models import Association
from samordna.statistics import catalog, warehouse
from samordna.statistics.models import DataLoad

# The demo runs from a source checkout (make demo installs it in editable mode).
EXAMPLE = (
    Path(__file__).resolve().parents[3] / "examples" / "landskrona-svalov-2019" / "observations.csv"
)


def load() -> warehouse.Outcome | None:
    """Load the 2019 figures and give every demo association its FINSAM set.

    Idempotent: a file already loaded (same checksum) is not loaded again.
    """
    catalog.load_bundled()
    for each in Association.objects.all():
        catalog.ensure_finsam_set(each)
    data = EXAMPLE.read_bytes()
    if DataLoad.objects.filter(
        checksum=hashlib.sha256(data).hexdigest(), outcome=DataLoad.Outcome.DONE
    ).exists():
        return None
    association = Association.objects.filter(slug="landskrona-svalov").first()
    return warehouse.import_file(
        EXAMPLE.name, data, association=association, actor_label="samordna demo"
    )
