"""The analysis's comparisons and flags written in plain pandas, for the benchmark's ratio.

The same steps as `samordna.analysis.compare` and `samordna.analysis.flags`
(region and riket beside each member, the comparison kommuner's mean, min,
max and count, the other members' mean, the change since the previous period;
the deviation, opposite, gender, change and extreme rules and the ranking),
written the way one would with pandas: merges, group-bys and transforms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from samordna.analysis.spec import AnalysisSpec

KEY = ["indicator", "area", "period", "gender"]
ON = ["indicator", "period", "gender"]


def comparisons(frame: pd.DataFrame, spec: AnalysisSpec) -> pd.DataFrame:
    values = frame[[*KEY, "value"]]
    base = frame[frame["area"].isin(spec.members)][[*KEY, "value"]]
    regions = pd.DataFrame(
        list((spec.member_regions or dict.fromkeys(spec.members, spec.region)).items()),
        columns=["area", "ref_area"],
    )
    base = base.merge(regions, on="area", how="left")
    base = base.merge(
        values.rename(columns={"area": "ref_area", "value": "region"}),
        on=[*ON, "ref_area"],
        how="left",
    ).drop(columns="ref_area")
    nation = (
        values[values["area"] == spec.nation]
        .drop(columns="area")
        .rename(columns={"value": "nation"})
    )
    base = base.merge(nation, on=ON, how="left")
    pairs = pd.DataFrame(
        [(m, p) for m, peers in spec.comparisons.items() for p in peers], columns=["area", "peer"]
    )
    spread = (
        pairs.merge(values.rename(columns={"area": "peer"}), on="peer")
        .groupby(KEY)["value"]
        .agg(peer_mean="mean", peer_min="min", peer_max="max", peer_n="count")
        .reset_index()
    )
    base = base.merge(spread, on=KEY, how="left")
    sums = base.groupby(ON)["value"].agg(_sum="sum", _n="count").reset_index()
    base = base.merge(sums, on=ON, how="left")
    own = base["value"]
    base["other_members"] = np.where(
        own.notna() & (base["_n"] > 1),
        (base["_sum"] - own) / (base["_n"] - 1),
        np.where(
            own.isna() & (base["_n"] > 0), base["_sum"] / base["_n"].replace(0, np.nan), np.nan
        ),
    )
    base = base.drop(columns=["_sum", "_n"])
    base["similar"] = np.nan
    base = base.sort_values(["indicator", "area", "gender", "period"])
    grouped = base.groupby(["indicator", "area", "gender"], sort=False)
    base["prev_value"] = grouped["value"].shift(1)
    base["change"] = base["value"] - base["prev_value"]
    base["change_pct"] = np.where(
        base["prev_value"] != 0, base["change"] / base["prev_value"].abs() * 100, np.nan
    )
    return base


def findings(frame: pd.DataFrame, comps: pd.DataFrame, spec: AnalysisSpec) -> pd.DataFrame:
    t = spec.thresholds
    counts = [i.code for i in spec.all_indicators() if i.is_count]
    levels = [i.code for i in spec.all_indicators() if i.kind == "level" and not i.is_count]
    out = []
    # deviation
    lv = comps[comps["indicator"].isin(levels) & (comps["value"] > 0)]
    long = lv.melt(
        id_vars=[*KEY, "value"],
        value_vars=["region", "nation", "peer_mean", "similar", "other_members"],
        var_name="reference",
        value_name="reference_value",
    )
    long = long[long["reference_value"] > 0]
    long["log_ratio"] = np.log(long["value"] / long["reference_value"])
    hit = long[
        (long["log_ratio"].abs() >= np.log(t.ratio))
        & ((long["value"] - long["reference_value"]).abs() >= t.min_difference)
    ].copy()
    hit["strength"] = hit["log_ratio"].abs()
    dev = hit.groupby(KEY)["strength"].sum().reset_index()
    dev["rule"] = "deviation"
    out.append(dev)
    # opposite (levels against the region, else riket)
    ref = lv["region"].fillna(lv["nation"])
    op = lv.assign(log_ratio=np.log(lv["value"] / ref), sign=np.sign(np.log(lv["value"] / ref)))
    op = op[op["sign"].notna() & (op["sign"] != 0)]
    op["of"] = op.groupby(["indicator", "period"])["sign"].transform("size")
    op["count"] = op.groupby(["indicator", "period", "sign"])["sign"].transform("size")
    op = op[
        (op["of"] >= t.opposite_min_series)
        & (op["count"] <= op["of"] * t.opposite_max_share)
        & (op["log_ratio"].abs() >= np.log(t.opposite_min_ratio))
    ]
    op = op.assign(
        strength=t.weight_opposite
        * (1 - op["count"] / op["of"])
        * (op["log_ratio"].abs() / np.log(t.ratio)).clip(upper=1.0),
        rule="opposite",
    )
    out.append(op[[*KEY, "strength", "rule"]])
    # gender
    split = frame[frame["indicator"].isin(counts) & frame["area"].isin(spec.members)]
    women = split[split["gender"] == "K"][["indicator", "area", "period", "value"]].rename(
        columns={"value": "k"}
    )
    men = split[split["gender"] == "M"][["indicator", "area", "period", "value"]].rename(
        columns={"value": "m"}
    )
    both = women.merge(men, on=["indicator", "area", "period"])
    both = both[(both["k"] + both["m"]) >= t.min_base]
    both["share"] = both["k"] / (both["k"] + both["m"])
    both = both[(both["share"] >= t.gender_share) | (both["share"] <= 1 - t.gender_share)]
    both = both.assign(
        gender=np.where(both["share"] >= 0.5, "K", "M"),
        strength=(np.maximum(both["share"], 1 - both["share"]) - 0.5) * 2 * t.weight_gender,
        rule="gender",
    )
    out.append(both[[*KEY, "strength", "rule"]])
    # change
    ch = comps[
        comps["indicator"].isin(counts + levels)
        & comps["change_pct"].notna()
        & (comps[["value", "prev_value"]].max(axis=1) >= t.min_base)
        & (comps["change_pct"].abs() >= t.change_pct)
    ]
    out.append(
        ch.assign(
            strength=(ch["change_pct"].abs() / 100).clip(upper=1.0) * t.weight_change, rule="change"
        )[[*KEY, "strength", "rule"]]
    )
    # extreme
    others = ["region", "nation", "peer_min", "peer_max", "similar", "other_members"]
    top, bottom = lv[others].max(axis=1), lv[others].min(axis=1)
    n = lv[others].notna().sum(axis=1)
    ok = (n + 1) >= t.extreme_min_values
    high = lv[ok & (lv["value"] > top)].assign(reference_value=top)
    low = lv[ok & (lv["value"] < bottom) & (bottom > 0)].assign(reference_value=bottom)
    ext = pd.concat([high, low])
    out.append(
        ext.assign(
            strength=np.log(ext["value"] / ext["reference_value"]).abs() * t.weight_extreme,
            rule="extreme",
        )[[*KEY, "strength", "rule"]]
    )
    return pd.concat(out, ignore_index=True)


def rank(found: pd.DataFrame) -> pd.DataFrame:
    ranked = found.groupby(KEY)["strength"].sum().reset_index()
    ranked = ranked.sort_values(["strength", *KEY], ascending=[False, True, True, True, True])
    ranked["rank"] = np.arange(1, len(ranked) + 1)
    return ranked


def run(frame: pd.DataFrame, spec: AnalysisSpec) -> pd.DataFrame:
    comps = comparisons(frame, spec)
    return rank(findings(frame, comps, spec))
