"""Local stand-ins for Kolada and PxWeb on 127.0.0.1: recorded answers and injected faults.

Each fake is a real HTTP server in a thread. ``faults`` is a queue of what the
next requests get instead of a good answer: ``"429"``, ``"500"``, ``"timeout"``
(the answer comes after the client gave up), ``"truncated"`` (half a JSON
body), ``"html"`` (a 200 with the wrong content type) and ``"403"``. Every
request is logged in ``requests``. Used by the tests and by ``make bench``.
"""

from __future__ import annotations

import json
import math
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(path: str) -> Any:
    return json.loads((FIXTURES / path).read_text(encoding="utf-8"))


class _Fake(ABC):
    def __init__(self) -> None:
        self.faults: list[str] = []
        self.requests: list[tuple[str, str, Any]] = []
        self.slow = 1.0
        self.url = ""
        self._lock = threading.Lock()

    @abstractmethod
    def answer(
        self, method: str, path: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        """The (status, JSON body) of a request; the handler adds faults and headers."""

    def handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parsed = urlparse(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        with self._lock:
            self.requests.append((method, handler.path, body))
            fault = self.faults.pop(0) if self.faults else ""
        if fault in {"429", "500", "503", "403"}:
            handler.send_response(int(fault))
            handler.send_header("Content-Type", "application/json")
            handler.end_headers()
            handler.wfile.write(b'{"error": "injected"}')
            return
        if fault == "timeout":
            time.sleep(self.slow)
        status, payload = self.answer(
            method, unquote(parsed.path), parse_qs(parsed.query, keep_blank_values=True), body
        )
        data = json.dumps(payload, ensure_ascii=False).encode()
        if fault == "truncated":
            data = data[: max(1, len(data) // 2)]
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html" if fault == "html" else "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        try:
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    @contextmanager
    def serve(self) -> Iterator[_Fake]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                fake.handle(self, "GET")

            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                fake.handle(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()


class FakeKolada(_Fake):
    """Kolada v3 from the recorded answers; ``page_size`` forces paging with next_url.

    With ``synthetic`` every requested KPI × area × year gets a record (for the
    benchmark's call count); otherwise only the recorded records are served.
    """

    LIMIT = 25

    def __init__(
        self, *, page_size: int = 5000, synthetic: bool = False, generated: bool = False
    ) -> None:
        super().__init__()
        self.page_size = page_size
        self.synthetic = synthetic
        self.generated = generated
        examples = recorded("kolada/data_examples_v3.json")
        self.data: list[dict[str, Any]] = [
            record
            for key, block in examples.items()
            if not key.startswith("_")
            for record in block["values"]
        ]
        self.kpis: list[dict[str, Any]] = recorded("kolada/kpi_finsam_subset_v3.json")["values"]
        for case in recorded("kolada/nordicintel_source_cases.json"):
            self.kpis.append(case["kpi"])
        for kpi in sorted({r["kpi"] for r in self.data}):
            if not any(k["id"] == kpi for k in self.kpis):
                self.kpis.append({"id": kpi, "title": f"Nyckeltal {kpi}", "municipality_type": "K"})
        self.areas: list[dict[str, Any]] = recorded("kolada/municipality_v3.json")["values"]
        self.groups: list[dict[str, Any]] = recorded("kolada/municipality_groups_v3_subset.json")[
            "values"
        ]
        self.data_calls = 0

    def _page(self, records: list[Any], path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        per_page = min(int(query.get("per_page", ["5000"])[0]), 5000, self.page_size)
        page = int(query.get("page", ["1"])[0])
        start = (page - 1) * per_page
        chunk = records[start : start + per_page]
        next_url = ""
        if start + per_page < len(records):
            rest = {k: v[0] for k, v in query.items() if k != "page"}
            params = "&".join(f"{k}={v}" for k, v in {**rest, "page": page + 1}.items())
            next_url = f"{self.url}{path}?{params}"
        return 200, {"count": len(chunk), "values": chunk, "next_url": next_url}

    def answer(
        self, method: str, path: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        parts = [p for p in path.split("/") if p][1:]  # drop "v3"
        if parts[:1] == ["kpi"]:
            records = self.kpis
            if len(parts) > 1:
                wanted = parts[1].split(",")
                if len(wanted) > self.LIMIT:
                    return 400, {"error": "too many ids"}
                records = [k for k in self.kpis if k["id"] in wanted]
            return self._page(records, path, query)
        if parts == ["municipality"]:
            return self._page(self.areas, path, query)
        if parts == ["municipality_groups"]:
            title = query.get("title", [""])[0]
            return self._page([g for g in self.groups if title in g["title"]], path, query)
        if parts[:1] == ["data"]:
            segments = dict(zip(parts[1::2], parts[2::2], strict=False))
            lists = {k: v.split(",") for k, v in segments.items()}
            if any(len(v) > self.LIMIT for v in lists.values()):
                return 400, {"error": "at most 25 items per list"}
            if page_one(query):
                self.data_calls += 1
            kpis, areas, years = lists.get("kpi"), lists.get("municipality"), lists.get("year")
            if self.generated and kpis and areas and years:
                titles = {k["id"]: k.get("title", "") for k in self.kpis}
                records = [
                    generated_record(k, a, int(y), titles.get(k, ""))
                    for k in kpis
                    for a in areas
                    for y in years
                ]
            elif self.synthetic and kpis and areas and years:
                records = [
                    {
                        "kpi": k,
                        "municipality": a,
                        "period": int(y),
                        "values": [
                            {
                                "gender": g,
                                "count": 1,
                                "status": "",
                                "value": 10.5,
                                "isdeleted": False,
                            }
                            for g in ("T", "K", "M")
                        ],
                    }
                    for k in kpis
                    for a in areas
                    for y in years
                ]
            else:
                records = [
                    r
                    for r in self.data
                    if (kpis is None or r["kpi"] in kpis)
                    and (areas is None or r["municipality"] in areas)
                    and (years is None or str(r["period"]) in years)
                ]
            return self._page(records, path, query)
        return 404, {"error": f"no route {path}"}


def generated_record(kpi: str, area: str, year: int, title: str) -> dict[str, Any]:
    """A plausible Kolada record, the same for the same KPI, area and year (a fixed hash).

    Levels differ by area and drift by year; counts ("…, antal") are whole
    numbers; women and men differ; about one value in 23 is missing
    (``value: null``), as Kolada serves gaps.
    """
    import hashlib

    seed = int(hashlib.sha256(f"{kpi}|{area}".encode()).hexdigest()[:12], 16)
    count = title.rstrip().endswith("antal")
    base = (400 + seed % 4000) if count else (4 + (seed % 260) / 10)
    drift = 1 + (year - 2017) * (((seed >> 16) % 9) - 4) / 100
    women = 0.8 + ((seed >> 24) % 40) / 100
    values = []
    for gender, factor in (("T", 1.0), ("K", women), ("M", 2 - women)):
        value: float | None = base * drift * factor
        if (seed + year * 7 + ord(gender)) % 23 == 0:
            value = None
        elif count:
            value = float(round(value / (2 if gender != "T" else 1)))
        else:
            value = round(min(value, 99.0), 1)
        values.append(
            {"gender": gender, "count": 1, "status": "", "value": value, "isdeleted": False}
        )
    return {"kpi": kpi, "municipality": area, "period": year, "values": values}


def page_one(query: dict[str, list[str]]) -> bool:
    return query.get("page", ["1"])[0] == "1"


class FakePxWeb(_Fake):
    """SCB's PxWebApi 2.0 for table TAB6471 and Folkhälsomyndigheten's v1, from recordings.

    Data answers are cut from the recorded dataset to the requested selection,
    so a split query can be checked cell by cell; ``max_cells`` is what
    ``/config`` announces, and a larger query gets 403 as from the real API.
    """

    V1_TABLE = "/Folkhalsodata/api/v1/sv/A_Folkhalsodata/B_HLV/MobbningReg.px"

    def __init__(self, *, max_cells: int = 150000) -> None:
        super().__init__()
        self.max_cells = max_cells
        self.config = recorded("pxweb/config.json")
        self.config["maxDataCells"] = max_cells
        self.config["maxCallsPerTimeWindow"] = 1000
        self.data = recorded("pxweb/TAB6471_data.jsonstat2.json")
        self.metadata = recorded("pxweb/TAB6471_metadata.jsonstat2.json")
        # The metadata answer lists the categories the recorded data covers.
        self.metadata = {**self.data, "value": []}
        self.v1_meta = recorded("pxweb/fohm_metadata_MobbningReg_trimmed.json")
        self.v1_data = recorded("pxweb/fohm_data_MobbningReg_trimmed.jsonstat2.json")

    def answer(
        self, method: str, path: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        if path.endswith("/config"):
            return 200, self.config
        if path.endswith("/tables/TAB6471/metadata"):
            return 200, self.metadata
        if path.endswith("/tables/TAB6471/data") and method == "POST":
            selection = {s["variableCode"]: s["valueCodes"] for s in body["selection"]}
            if math.prod(len(v) for v in selection.values()) > self.max_cells:
                return 403, {"error": "too many cells"}
            return 200, cut(self.data, selection)
        if path == "/Folkhalsodata/api/v1/sv/" and "config" in query:
            return 200, {"maxValues": 1000, "maxCalls": 30, "timeWindow": 10}
        if path == self.V1_TABLE and method == "GET":
            return 200, self.v1_meta
        if path == self.V1_TABLE and method == "POST":
            return 200, self.v1_data
        return 404, {"error": f"no route {path}"}


def cut(dataset: dict[str, Any], selection: dict[str, list[str]]) -> dict[str, Any]:
    """The JSON-stat dataset restricted to the selected codes (the fake server's own code)."""
    ids = dataset["id"]
    sizes = dataset["size"]
    positions = []
    for dim in ids:
        index = dataset["dimension"][dim]["category"]["index"]
        wanted = selection.get(dim, list(index))
        positions.append([index[c] for c in wanted])
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    values = []

    def walk(axis: int, offset: int) -> None:
        if axis == len(ids):
            values.append(dataset["value"][offset])
            return
        for p in positions[axis]:
            walk(axis + 1, offset + p * strides[axis])

    walk(0, 0)
    dimensions = {}
    for dim, chosen in zip(ids, positions, strict=True):
        category = dataset["dimension"][dim]["category"]
        codes = [c for c, _p in sorted(category["index"].items(), key=lambda i: i[1])]
        kept = [codes[p] for p in chosen]
        dimensions[dim] = {
            **dataset["dimension"][dim],
            "category": {
                **category,
                "index": {c: n for n, c in enumerate(kept)},
                "label": {c: category["label"][c] for c in kept},
            },
        }
    return {
        **dataset,
        "size": [len(p) for p in positions],
        "dimension": dimensions,
        "value": values,
    }
