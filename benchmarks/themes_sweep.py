"""The search behind the theme figures in docs/benchmarks.md.

`python -m benchmarks.themes_sweep` (about a minute) scores the lexical
alternatives to the shipped clustering on the 60 labelled sentences of
tests/fixtures/insight_themes.csv: word and character TF-IDF with LSA and
k-means, NMF topics, spectral clustering on a nearest-neighbour graph, a
consensus of many k-means runs, and self-training. For each it prints the
best adjusted Rand index with the number of clusters chosen by silhouette
(2…8, or 2…10 for the consensus) and with the true number of themes given.
"""

from __future__ import annotations

import csv
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DIMS = (10, 20, 30, 50, 80)
CHARS = ((3, 5), (4, 5), (4, 6))


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering, KMeans, SpectralClustering
    from sklearn.decomposition import NMF, TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import adjusted_rand_score, silhouette_score
    from sklearn.preprocessing import normalize

    from samordna.insights.search import tokens

    warnings.simplefilter("ignore")
    with (ROOT / "tests/fixtures/insight_themes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    truth = [r["theme"] for r in rows]
    themes = len(set(truth))
    stemmed = [" ".join(tokens(r["text"])) for r in rows]

    def tfidf(analyzer: str, ngrams: tuple[int, int] = (1, 1)) -> Any:
        return TfidfVectorizer(
            analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, min_df=2
        ).fit_transform(stemmed)

    def lsa(matrix: Any, dims: int) -> Any:
        return normalize(TruncatedSVD(dims, random_state=0).fit_transform(matrix))

    def kmeans(points: Any, k: int) -> Any:
        return KMeans(k, n_init=30, random_state=0).fit_predict(points)

    def scores(
        points: Any, cluster: Callable[[Any, int], Any], top: int = 8
    ) -> tuple[float, float]:
        """(ARI of the k with the best silhouette, ARI with k = the true number)."""
        best, given = (-1.0, 0.0), 0.0
        for k in range(2, top + 1):
            labels = cluster(points, k)
            silhouette = float(silhouette_score(points, labels, metric="cosine"))
            ari = float(adjusted_rand_score(truth, labels))
            best = max(best, (silhouette, ari))
            given = ari if k == themes else given
        return best[1], given

    views = {"word": tfidf("word")} | {f"char {a}–{b}": tfidf("char_wb", (a, b)) for a, b in CHARS}
    table: list[tuple[str, float | None, float | None]] = []
    for name, matrix in views.items():
        results = [scores(lsa(matrix, dims), kmeans) for dims in DIMS]
        table.append(
            (f"{name}, LSA 10–80, k-means", max(r[0] for r in results), max(r[1] for r in results))
        )
    nmf = []
    spectral = []
    for a, b in CHARS:
        matrix = views[f"char {a}–{b}"]
        nmf.append(
            np.mean(
                [
                    adjusted_rand_score(
                        truth,
                        NMF(themes, init="nndsvda" if seed == 0 else "random", random_state=seed,
                            max_iter=800).fit_transform(matrix).argmax(1),
                    )
                    for seed in range(5)
                ]
            )
        )  # fmt: skip
        for neighbours in (5, 8, 12):
            labels = SpectralClustering(
                themes, affinity="nearest_neighbors", n_neighbors=neighbours, random_state=0
            ).fit_predict(normalize(matrix))
            spectral.append(adjusted_rand_score(truth, labels))
    table.append(("character n-grams, NMF topics (mean of 5 initialisations)", None, max(nmf)))
    table.append(("character n-grams, spectral on a nearest-neighbour graph", None, max(spectral)))

    # Consensus: how often two sentences share a cluster over many k-means runs.
    consensus_views = [*views.values(), tfidf("char_wb", (3, 6))]
    together = np.zeros((len(rows), len(rows)))
    runs = 0
    for matrix in consensus_views:
        for dims in (8, 12, 16, 20, 30):
            points = lsa(matrix, dims)
            for k in range(4, 13):
                for seed in range(3):
                    labels = KMeans(k, n_init=1, random_state=seed).fit_predict(points)
                    together += labels[:, None] == labels[None, :]
                    runs += 1
    distance = 1 - together / runs
    best, given = (-1.0, 0.0), 0.0
    for k in range(2, 11):
        labels = AgglomerativeClustering(
            n_clusters=k, metric="precomputed", linkage="complete"
        ).fit_predict(distance)
        silhouette = float(silhouette_score(distance, labels, metric="precomputed"))
        ari = float(adjusted_rand_score(truth, labels))
        best = max(best, (silhouette, ari))
        given = ari if k == themes else given
    table.append((f"consensus of {runs} k-means runs, complete linkage", best[1], given))

    # Self-training: cluster, then let a classifier on the TF-IDF relabel until stable.
    matrix = views["char 4–5"]

    def self_trained(points: Any, k: int) -> Any:
        labels = kmeans(points, k)
        for _round in range(5):
            relabelled = LogisticRegression(C=5, max_iter=2000).fit(matrix, labels).predict(matrix)
            if (relabelled == labels).all():
                break
            labels = relabelled
        return labels

    table.append(
        ("char 4–5, LSA 10, k-means, then self-training", *scores(lsa(matrix, 10), self_trained))
    )

    print(f"Theme clustering alternatives on {len(rows)} sentences in {themes} themes (ARI)")
    print(f"  {'features and clustering':<62} {'k chosen':>9} {'k given':>8}")
    for name, chosen, known in table:
        first = f"{chosen:.2f}" if chosen is not None else "–"
        second = f"{known:.2f}" if known is not None else "–"
        print(f"  {name:<62} {first:>9} {second:>8}")


if __name__ == "__main__":
    main()
