"""Kolada v3 against a local server with the recorded answers and injected faults."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from samordna.accounts.models import Association
from samordna.sources.kolada import minimum_calls, plan
from samordna.statistics import catalog, fetching
from samordna.statistics.models import Area, DataLoad, Indicator, IndicatorSet, Observation
from tests.fakes import FakeKolada

# Recorded records: BRP per capita (N03702, N03703) for eight kommuner 2012–2023,
# and N00300 with count 0 / value null for 2020, 2022–2024.
AREAS = ["0319", "0562", "0687", "1082", "1083", "1885", "1984", "2084"]


def recorded_set(association: Association) -> IndicatorSet:
    association.member_municipalities = AREAS
    association.region_code = ""
    association.save()
    indicator_set = IndicatorSet.objects.create(association=association, slug="brp", name="BRP")
    for position, code in enumerate(["N03702", "N03703", "N00300"]):
        indicator = Indicator.objects.get(code=code)
        indicator_set.items.create(indicator=indicator, needs_group="work", position=position)
    return indicator_set


@pytest.fixture
def synced(kolada: FakeKolada, db: None) -> Association:
    call_command("kolada", "sync-metadata")
    return Association.objects.create(name="Test", slug="test", member_municipalities=AREAS)


def fetch(years: str = "2012-2024") -> None:
    call_command("kolada", "fetch", "--set", "brp", "--association", "test", "--years", years)


def test_sync_metadata_reads_every_page(kolada: FakeKolada, db: None) -> None:
    call_command("kolada", "sync-metadata")
    assert Area.objects.filter(kind="municipality").count() == 290
    assert Area.objects.get(code="0012").kind == "region"
    assert Area.objects.get(code="0000").kind == "nation"
    skane = Area.objects.get(name="Skåne läns kommuner (ovägt medel)")
    assert skane.members.count() == 33
    # 0/1 booleans and literal "\n" of the recorded KPI objects.
    quirky = Indicator.objects.get(code="N00514")
    assert quirky.divided_by_gender is False
    assert "\\n" not in quirky.description
    assert Indicator.objects.get(code="N01951").divided_by_gender is True
    # With 5 per page, 312 areas take 63 pages: next_url was followed to the end.
    area_pages = [p for _m, p, _b in kolada.requests if p.startswith("/v3/municipality?")]
    assert len(area_pages) == math.ceil(312 / 5)


def test_fetch_stores_values_missing_as_missing_and_follows_next_url(
    kolada: FakeKolada, synced: Association
) -> None:
    recorded_set(synced)
    fetch()
    stored = Observation.objects.filter(indicator__code="N03702", area__code="0319", period="2012")
    assert stored.get().value == Decimal("253.891158")
    nulls = {
        (r["municipality"], str(r["period"]))
        for r in kolada.data
        if r["kpi"] == "N00300" and r["values"][0]["value"] is None
    }
    assert len(nulls) == 24
    for obs in Observation.objects.filter(indicator__code="N00300").select_related("area"):
        if (obs.area.code, obs.period) in nulls:
            assert (obs.status, obs.value) == ("missing", None)
        else:
            assert obs.status == "ok"
            assert obs.value is not None
            assert obs.value > 0
    expected = sum(
        len(r["values"]) for r in kolada.data if r["kpi"] in {"N03702", "N03703", "N00300"}
    )
    assert Observation.objects.count() == expected
    assert any("page=2" in p for _m, p, _b in kolada.requests if p.startswith("/v3/data"))
    load = DataLoad.objects.get(kind="kolada")
    assert load.outcome == "done"
    assert load.created == expected


def test_isdeleted_values_are_dropped(kolada: FakeKolada, synced: Association) -> None:
    recorded_set(synced)
    record = next(r for r in kolada.data if r["kpi"] == "N03702" and r["municipality"] == "0319")
    record["values"] = [{**record["values"][0], "isdeleted": True}]
    fetch()
    assert not Observation.objects.filter(
        indicator__code="N03702", area__code="0319", period=str(record["period"])
    ).exists()
    assert Observation.objects.filter(indicator__code="N03702", area__code="0562").exists()


@pytest.mark.parametrize("fault", ["429", "500", "timeout", "truncated", "html"])
def test_faults_are_retried(kolada: FakeKolada, synced: Association, fault: str) -> None:
    recorded_set(synced)
    kolada.faults = [fault, fault]
    fetch()
    assert Observation.objects.filter(indicator__code="N03702").count() > 0
    data_requests = [p for _m, p, _b in kolada.requests if p.startswith("/v3/data")]
    assert len(data_requests) >= 3  # two faults, then the answer and its further pages


@pytest.mark.parametrize("fault", ["500", "429", "truncated"])
def test_when_retries_run_out_nothing_is_written(
    kolada: FakeKolada, synced: Association, fault: str
) -> None:
    recorded_set(synced)
    # The first page succeeds; a later page fails on every retry.
    kolada.faults = [""] + [fault] * 10
    with pytest.raises(CommandError, match="gav upp efter 4 försök"):
        fetch()
    assert Observation.objects.count() == 0
    assert not DataLoad.objects.filter(kind="kolada").exists()


def test_a_second_run_is_served_from_the_cache(kolada: FakeKolada, synced: Association) -> None:
    recorded_set(synced)
    fetch()
    before = len(kolada.requests)
    Observation.objects.all().delete()
    fetch()
    assert len(kolada.requests) == before
    assert Observation.objects.filter(indicator__code="N03702").count() > 0


def test_offline_mode_reads_only_the_cache(kolada: FakeKolada, synced: Association) -> None:
    recorded_set(synced)
    with pytest.raises(CommandError, match="frånkopplat läge"):
        call_command(
            "kolada",
            "fetch",
            "--set",
            "brp",
            "--association",
            "test",
            "--years",
            "2019",
            "--offline",
        )
    fetch("2019")
    requests = len(kolada.requests)
    Observation.objects.all().delete()
    call_command(
        "kolada", "fetch", "--set", "brp", "--association", "test", "--years", "2019", "--offline"
    )
    assert len(kolada.requests) == requests
    assert Observation.objects.filter(period="2019").count() > 0


def test_lists_are_chunked_to_25_with_the_fewest_calls() -> None:
    kpis = [f"N{n:05d}" for n in range(60)]
    areas = [f"{n:04d}" for n in range(1000, 1030)]
    years = list(range(2000, 2011))
    paths = plan(kpis, areas, years)
    assert len(paths) == minimum_calls(60, 30, 11) == 3 * 2 * 1
    for path in paths:
        _e, _d, _k, kpi_list, _m, area_list, _y, year_list = path.split("/")
        assert (
            max(len(kpi_list.split(",")), len(area_list.split(",")), len(year_list.split(",")))
            <= 25
        )
    covered = {
        (k, a, y)
        for path in paths
        for k in path.split("/")[3].split(",")
        for a in path.split("/")[5].split(",")
        for y in path.split("/")[7].split(",")
    }
    assert len(covered) == 60 * 30 * 11


def test_finsam_fetch_for_the_demo_association_uses_the_minimum_calls(
    settings: object, fast_sources: None, cast: object
) -> None:
    # This test counts calls: a retry after a timeout on a loaded machine would be one more,
    # so the answer (2 185 generated values each) is given all the time it needs.
    settings.SOURCES_TIMEOUT = 60  # type: ignore[attr-defined]
    with FakeKolada(synthetic=True).serve() as fake:
        settings.KOLADA_URL = f"{fake.url}/v3"  # type: ignore[attr-defined]
        association = Association.objects.get(slug="landskrona-svalov")
        indicator_set = catalog.ensure_finsam_set(association)
        areas = fetching.association_areas(association)
        kpis = indicator_set.items.filter(indicator__source="Kolada").count()
        call_command(
            "kolada", "fetch", "--association", "landskrona-svalov", "--years", "2015-2019"
        )
        assert isinstance(fake, FakeKolada)
        assert fake.data_calls == minimum_calls(kpis, len(areas), 5)
    # The demo kommuner, their liknande kommuner (groups and members), Skåne and riket.
    assert {"1282", "1214", "0012", "0000"} <= set(areas)
    assert any(code.startswith("G") for code in areas)
    landskrona = Area.objects.get(code="1282")
    kinds = [g.name for g in catalog.similar_groups(landskrona, fetching.SIMILARITY_KINDS)]
    assert "Liknande kommuner, övergripande, Landskrona, 2025" in kinds


def test_similar_group_is_looked_up_by_title(kolada: FakeKolada, db: None) -> None:
    source = fetching.kolada()
    group = source.similar_group("IFO", "Svalöv")
    assert group is not None
    assert group["title"] == "Liknande kommuner IFO, Svalöv, 2024"
    assert len(group["members"]) == 7
    assert "1214" not in {m["member_id"] for m in group["members"]}
    assert source.similar_group("IFO", "Atlantis") is None
    assert any("title=Liknande" in p for _m, p, _b in kolada.requests)


def test_from_date_is_passed_for_incremental_sync(kolada: FakeKolada, synced: Association) -> None:
    recorded_set(synced)
    call_command(
        "kolada", "fetch", "--set", "brp", "--association", "test", "--years", "2019",
        "--from-date", "2026-01-01",
    )  # fmt: skip
    data = [p for _m, p, _b in kolada.requests if p.startswith("/v3/data")]
    assert data
    assert all("from_date=2026-01-01" in p for p in data)
