"""Theme suggestions ("röda trådar"): clusters of insights by TF-IDF over stemmed Swedish.

scikit-learn does the work: TF-IDF over character n-grams of the stemmed
words (:mod:`samordna.insights.search`), LSA, k-means with the number of
clusters chosen by the best silhouette score. Each cluster's label is the surface form of its most
characteristic words; the analyst accepts, renames, merges or dismisses.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass

from samordna.insights.search import _WORD, _stemmer, tokens


@dataclass(frozen=True)
class Cluster:
    members: list[int]  # positions in the input
    label: str
    terms: list[str]


def suggest(
    texts: list[str],
    *,
    count: int | None = None,
    max_clusters: int | None = None,
    seed: int = 0,
) -> list[Cluster]:
    """Clusters of the texts; empty when there are too few to cluster.

    Features are character 4–5-grams of the stemmed words, so the parts of
    Swedish compounds meet ("försörjningsstöd" and "stöd"), reduced by LSA
    and normalised; k-means for every k from 2 to √n (or ``max_clusters``),
    keeping the k with the best silhouette, or exactly ``count`` when the
    analyst asks for a number of themes. Labels come from the words with the
    highest TF-IDF weight in each cluster. ``seed`` fixes the randomness of
    LSA and k-means, so the same insights give the same suggestions.
    """
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import normalize

    if len(texts) < 6:
        return []
    stemmed = [" ".join(tokens(text)) for text in texts]
    characters = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(4, 5), sublinear_tf=True, min_df=2
    ).fit_transform(stemmed)
    if characters.shape[1] < 3:
        return []
    dims = max(2, min(10, characters.shape[1] - 1, len(texts) - 1))
    reduced = normalize(TruncatedSVD(dims, random_state=seed).fit_transform(characters))
    top_k = max_clusters or max(2, round(len(texts) ** 0.5))
    low, high = (count, count) if count else (2, top_k)
    best: tuple[float, np.ndarray] | None = None
    for k in range(max(2, low), min(high, len(texts) - 1) + 1):
        with warnings.catch_warnings():
            # Identical texts give fewer distinct points than k: that k is skipped below.
            warnings.simplefilter("ignore", ConvergenceWarning)
            labels = KMeans(n_clusters=k, n_init=30, random_state=seed).fit_predict(reduced)
        if len(set(labels)) < 2:
            continue
        score = float(silhouette_score(reduced, labels, metric="cosine"))
        if best is None or score > best[0]:
            best = (score, labels)
    if best is None:
        return []
    labels = best[1]
    words = TfidfVectorizer(analyzer=tokens, sublinear_tf=True)
    matrix = words.fit_transform(texts).toarray()
    vocabulary = words.get_feature_names_out()
    clusters = []
    for cluster in sorted(set(labels)):
        members = [i for i, label in enumerate(labels) if label == cluster]
        centroid = matrix[members].mean(axis=0)
        top = [vocabulary[i] for i in np.argsort(centroid)[::-1][:3] if centroid[i] > 0]
        surface = [_surface(stem, [texts[i] for i in members]) for stem in top]
        clusters.append(Cluster(members, ", ".join(surface).capitalize(), surface))
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
