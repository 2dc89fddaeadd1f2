"""`make bench`, insight themes: adjusted Rand index of the suggested clustering.

On the 60 labelled Swedish insight sentences in 6 themes written for the tests
(tests/fixtures/insight_themes.csv), the clustering of
`samordna.insights.themes.suggest` is compared with the labels.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from sklearn.metrics import adjusted_rand_score

    from samordna.insights.themes import suggest

    with (ROOT / "tests/fixtures/insight_themes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    truth = [r["theme"] for r in rows]
    texts = [r["text"] for r in rows]
    print("Insight themes")
    # As the analyst first meets it (the number of themes chosen by silhouette),
    # then with the analyst asking for as many themes as the set has.
    for name, count in (("number chosen", None), ("number asked", len(set(truth)))):
        started = time.perf_counter()
        clusters = suggest(texts, count=count)
        seconds = time.perf_counter() - started
        predicted = [0] * len(rows)
        for number, cluster in enumerate(clusters):
            for member in cluster.members:
                predicted[member] = number
        score = adjusted_rand_score(truth, predicted)
        print(
            f"  {len(rows)} labelled sentences in {len(set(truth))} themes, {name}: "
            f"{len(clusters)} clusters, adjusted Rand index {score:.2f} (aim 0.5), {seconds:.2f} s"
        )


if __name__ == "__main__":
    main()
