"""The insight bank: stemmed search, filters, counts, tags, lessons into insights, exports."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from samordna.insights import bank
from samordna.insights.models import Insight, LeadsMeeting, Tag
from tests.conftest import Cast, client_for


def insight(cast: Cast, text: str, **extra: object) -> Insight:
    tags = extra.pop("tags", [])
    parties = extra.pop("parties", [])
    made = Insight.objects.create(
        association=cast.association,
        text=text,
        noted_on=date(2020, 2, 1),
        source=extra.pop("source", Insight.Source.INTERVIEW),
        **extra,
    )
    made.tags.set(tags)  # type: ignore[arg-type]
    made.parties.set(parties)  # type: ignore[arg-type]
    return made


def test_search_finds_inflected_swedish_words_and_filters(cast: Cast) -> None:
    region = cast.association.parties.get(name="Region Skåne")
    health = Tag.objects.create(association=cast.association, name="Hälsa")
    waiting = Tag.objects.create(association=cast.association, name="Väntetider", parent=health)
    first = insight(cast, "Ungdomarna väntar på psykiatrin.", tags=[waiting], parties=[region],
                    needs_groups=["health"])  # fmt: skip
    second = insight(cast, "Myndigheterna samordnar inte sina planer för ungdomen.")
    insight(cast, "Praktik gav självförtroende.", source=Insight.Source.LEADS_MEETING)
    found = bank.search(cast.association, "ungdom")
    assert set(found) == {first, second}
    assert list(bank.search(cast.association, "ungdom psykiatri")) == [first]
    assert list(bank.search(cast.association, "", tag=health)) == [
        first
    ]  # a parent finds its children
    assert list(bank.search(cast.association, "", party_id=region.pk)) == [first]
    assert list(bank.search(cast.association, "", needs_group="health")) == [first]
    assert bank.search(cast.association, "", source="leads_meeting").count() == 1
    counts = bank.counts(bank.search(cast.association))
    assert counts["tags"] == [("Hälsa › Väntetider", 1)]
    assert counts["parties"] == [("Region Skåne", 1)]
    page = client_for(cast[Role.ANALYST]).get(
        f"/f/{cast.association.slug}/insikter/", {"q": "ungdomen"}
    )
    shown = page.context["paged"].page.object_list
    newest_first = bank.search(cast.association, "ungdomen").order_by("-noted_on", "-pk")
    assert list(shown) == list(newest_first)


def test_rename_and_merge_tags_are_audited(cast: Cast) -> None:
    analyst = client_for(cast[Role.ANALYST])
    old = Tag.objects.create(association=cast.association, name="Bemötande")
    new = Tag.objects.create(association=cast.association, name="Förtroende")
    tagged = insight(cast, "Hen litade på kontaktpersonen.", tags=[old])
    url = f"/f/{cast.association.slug}/insikter/taggar/"
    analyst.post(url, {"rename": "1", "tag": old.pk, "name": "Bemötande och respekt"})
    old.refresh_from_db()
    assert old.name == "Bemötande och respekt"
    analyst.post(url, {"merge": "1", "tag": old.pk, "into": new.pk})
    assert not Tag.objects.filter(pk=old.pk).exists()
    assert list(tagged.tags.all()) == [new]
    assert AuditEvent.objects.filter(reason__startswith="Taggen bytte namn").exists()
    assert AuditEvent.objects.filter(reason__contains="slogs ihop med Förtroende").exists()
    # A board member reads insights? No: the table keeps interviews and insights to staff.
    assert client_for(cast[Role.BOARD_MEMBER]).post(url, {"merge": "1"}).status_code == 403


def test_lessons_of_a_leads_meeting_become_insights_once(cast: Cast) -> None:
    lead = client_for(cast[Role.DIRECTOR])
    response = lead.post(
        f"/f/{cast.association.slug}/traffar/",
        {
            "kind": "leads",
            "held_on": "2020-02-10",
            "attendees": [cast[Role.ASSIGNMENT_LEAD].pk],
            "guests": "Familjecentralen (utan finansiering)",
            "per_assignment": "Unga vidare: kartlägger KAA-ungdomarna med skolan.",
            "lessons": "Ungdomarna vill ha en kontaktperson\n\n- Skolan behöver vara med tidigt",
        },
    )
    assert response.status_code == 302
    meeting = LeadsMeeting.objects.get()
    made = Insight.objects.filter(meeting=meeting)
    assert sorted(made.values_list("text", flat=True)) == [
        "Skolan behöver vara med tidigt",
        "Ungdomarna vill ha en kontaktperson",
    ]
    assert set(made.values_list("source", flat=True)) == {"leads_meeting"}
    assert bank.lessons_to_insights(meeting) == []
    # Corrected afterwards: a lesson added now becomes an insight; the others stay once.
    edit = f"/f/{cast.association.slug}/traffar/{meeting.pk}/andra/"
    fields = {
        "kind": "leads",
        "held_on": "2020-02-10",
        "attendees": [cast[Role.ASSIGNMENT_LEAD].pk],
        "lessons": "Ungdomarna vill ha en kontaktperson\n- Skolan behöver vara med tidigt\n"
        "Vårdcentralen vill vara med i planeringen",
    }
    assert client_for(cast[Role.BOARD_MEMBER]).post(edit, fields).status_code == 403
    assert lead.post(edit, fields).status_code == 302
    assert made.count() == 3
    assert made.filter(text="Vårdcentralen vill vara med i planeringen").exists()
    page = lead.get(f"/f/{cast.association.slug}/traffar/{meeting.pk}/").content.decode()
    assert f'href="{edit}"' in page


def test_exports_hold_the_selection(cast: Cast) -> None:
    insight(cast, "Ungdomarna väntar länge på psykiatrin.")
    insight(cast, "Praktik gav självförtroende.")
    client = client_for(cast[Role.ANALYST])
    base = f"/f/{cast.association.slug}/insikter/export"
    rows = list(
        csv.reader(io.StringIO(client.get(f"{base}.csv", {"q": "praktik"}).content.decode()))
    )
    assert rows[0][:2] == ["Datum", "Insikt"]
    assert rows[1:] == [
        ["2020-02-01", "Praktik gav självförtroende.", "Intervju", "", "", "", "", ""]
    ]
    book = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content))
    assert book["insikter"].max_row == 3
    from docx import Document

    word = Document(io.BytesIO(client.get(f"{base}.docx").content))
    cells = [c.text for row in word.tables[0].rows for c in row.cells]
    assert "Ungdomarna väntar länge på psykiatrin." in cells


def test_an_insight_with_a_personnummer_is_refused(cast: Cast) -> None:
    response = client_for(cast[Role.ANALYST]).post(
        f"/f/{cast.association.slug}/insikter/ny/",
        {"text": "Gäller 19850709-9805.", "noted_on": "2020-02-01", "source": "other"},
    )
    assert "personnummer" in response.content.decode()
    assert not Insight.objects.exists()


def test_the_api_applies_the_same_guard(cast: Cast) -> None:
    from tests.conftest import api_client_for

    client = api_client_for(cast[Role.ANALYST])
    url = f"/api/v1/associations/{cast.association.slug}/insights"
    refused = client.post(
        url,
        {"text": "Samtal med 850709-9805.", "noted_on": "2020-02-01"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "personnummer" in refused.json()["detail"]
    assert not Insight.objects.exists()
    made = client.post(
        url,
        {
            "text": "Ungdomarna vill ha en kontaktperson.",
            "noted_on": "2020-02-01",
            "needs_groups": ["work"],
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    answer = client.get(url, {"q": "ungdom"}).json()
    assert [i["text"] for i in answer["items"]] == ["Ungdomarna vill ha en kontaktperson."]
    assert answer["count"] == 1


def test_each_insight_links_to_its_source(cast: Cast) -> None:
    from django.core.management import call_command

    call_command("demo", "--quiet")
    slug = cast.association.slug
    page = client_for(cast[Role.ANALYST]).get(f"/f/{slug}/insikter/").content.decode()
    found = Insight.objects.filter(association=cast.association)
    sources = {
        "interview": ("interview_id", f"/f/{slug}/intervjuer/"),
        "leads_meeting": ("meeting_id", f"/f/{slug}/traffar/"),
        "progress_report": ("progress_report_id", f"/f/{slug}/avrapporteringar/"),
    }
    for source, (field, prefix) in sources.items():
        linked = found.filter(source=source).exclude(**{field: None})
        assert linked.exists(), source
        for one in linked:
            assert f'<a href="{prefix}{getattr(one, field)}/">' in page, one.text
    report = found.filter(source="progress_report").first()
    assert report is not None
    assert f"Avrapportering: {report.progress_report.assignment.title}, " in page  # type: ignore[union-attr]


def test_a_meeting_is_attended_by_leads_managers_and_the_kansli(cast: Cast) -> None:
    url = f"/f/{cast.association.slug}/traffar/"
    director = client_for(cast[Role.DIRECTOR])
    html = director.get(url).content.decode()
    for role in (Role.ASSIGNMENT_LEAD, Role.MANAGER, Role.ANALYST):
        assert f'value="{cast[role].pk}"' in html, role
    for role in (Role.BOARD_MEMBER, Role.AUDITOR, Role.PARTY_REPRESENTATIVE):
        assert f'value="{cast[role].pk}"' not in html, role
    assert f"{cast[Role.MANAGER].full_name} (Ansvarig chef)" in html
    answer = director.post(
        url, {"kind": "leads", "held_on": "2020-02-10", "attendees": [cast[Role.AUDITOR].pk]}
    )
    assert answer.status_code == 200
    assert not LeadsMeeting.objects.exists()


def test_an_insight_is_noted_from_an_interview_and_edited_later(cast: Cast) -> None:
    from samordna.insights.models import Interview

    interview = Interview.objects.create(
        association=cast.association, kind="user", held_on=date(2020, 1, 20), alias="EB-3",
        consent_participate=True,
    )  # fmt: skip
    slug = cast.association.slug
    analyst = client_for(cast[Role.ANALYST])
    page = analyst.get(f"/f/{slug}/intervjuer/{interview.pk}/").content.decode()
    start = f"/f/{slug}/insikter/ny/?intervju={interview.pk}"
    assert f'href="{start}"' in page
    form = analyst.get(start).content.decode()
    assert ">Intervju</label>" in form
    assert "Skilj dem åt med kommatecken, t.ex. " in form
    assert f'<option value="{interview.pk}" selected>' in form
    assert 'value="2020-01-20"' in form
    answer = analyst.post(
        start,
        {"text": "Hen vill ha en kontaktperson.", "noted_on": "2020-01-20",
         "source": "interview", "interview": interview.pk},
    )  # fmt: skip
    assert answer["Location"] == f"/f/{slug}/intervjuer/{interview.pk}/"
    made = Insight.objects.get(interview=interview)
    assert "Hen vill ha en kontaktperson." in analyst.get(answer["Location"]).content.decode()
    # Later: the text is sharpened and a tag added; the guard still applies.
    tag = Tag.objects.create(association=cast.association, name="Samordning")
    edit = f"/f/{slug}/insikter/{made.pk}/"
    assert f'href="{edit}"' in analyst.get(f"/f/{slug}/insikter/").content.decode()
    fields = {"text": "Hen vill ha en och samma kontaktperson.", "noted_on": "2020-01-20",
              "source": "interview", "interview": interview.pk, "tags": [tag.pk],
              "needs_groups": ["work"]}  # fmt: skip
    refused = analyst.post(edit, fields | {"text": "Hen (19990101-2386) vill ha stöd."})
    assert refused.status_code == 200
    assert "personnummer" in refused.content.decode()
    assert analyst.post(edit, fields).status_code == 302
    made.refresh_from_db()
    assert made.text == "Hen vill ha en och samma kontaktperson."
    assert list(made.tags.all()) == [tag]
    assert made.needs_groups == ["work"]
    assert (
        AuditEvent.objects.filter(
            content_type__model="insight", object_id=str(made.pk), action="update"
        ).count()
        >= 2
    )  # the text, and the tags
    assert client_for(cast[Role.AUDITOR]).post(edit, fields).status_code == 403
