"""Theme suggestions ("röda trådar"): clusters of insights by TF-IDF over stemmed Swedish.

scikit-learn does the work: a TF-IDF matrix over the stemmed words
(:mod:`samordna.insights.search`), agglomerative clustering with cosine
distance and average linkage, the number of clusters chosen by the best
silhouette score. Each cluster's label is the surface form of its most
characteristic words; the analyst accepts, renames, merges or dismisses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from samordna.insights.search import _WORD, _stemmer, tokens


@dataclass(frozen=True)
class Cluster:
    members: list[int]  # positions in the input
    label: str
    terms: list[str]


def suggest(texts: list[str], *, max_clusters: int = 10) -> list[Cluster]:
    """Clusters of the texts; empty when there are too few to cluster."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import silhouette_score

    if len(texts) < 6:
        return []
    vectorizer = TfidfVectorizer(analyzer=tokens, sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform(texts)
    if matrix.shape[1] < 2:
        return []
    dense = matrix.toarray()
    best: tuple[float, np.ndarray] | None = None
    for k in range(2, min(max_clusters, len(texts) - 1) + 1):
        labels = AgglomerativeClustering(
            n_clusters=k, metric="cosine", linkage="average"
        ).fit_predict(dense)
        if len(set(labels)) < 2:
            continue
        score = float(silhouette_score(dense, labels, metric="cosine"))
        if best is None or score > best[0]:
            best = (score, labels)
    if best is None:
        return []
    labels = best[1]
    vocabulary = vectorizer.get_feature_names_out()
    clusters = []
    for cluster in sorted(set(labels)):
        members = [i for i, label in enumerate(labels) if label == cluster]
        centroid = dense[members].mean(axis=0)
        top = [vocabulary[i] for i in np.argsort(centroid)[::-1][:3] if centroid[i] > 0]
        words = [_surface(stem, [texts[i] for i in members]) for stem in top]
        clusters.append(Cluster(members, ", ".join(words).capitalize(), words))
    return clusters


def _surface(stem: str, texts: list[str]) -> str:
    """The most common written word with this stem in the cluster's texts."""
    stemmer = _stemmer()
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if stemmer.stemWord(word) == stem:
                counts[word] += 1
    return counts.most_common(1)[0][0] if counts else stem
