"""Coordinator reports: the round dashboard and the exports.

Viewing the dashboard is not written to the audit log: it shows counts only, and groups of
fewer than five people are withheld (see selectors).  Exports are recorded, because they carry
named people's data out of MentorMatch.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from mentormatch.accounts.access import coordinator_required
from mentormatch.core import exports
from mentormatch.reports import charts, selectors, services
from mentormatch.rounds.models import Round

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
@coordinator_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"rounds": selectors.rounds_for_reports()})


@require_GET
@coordinator_required
def dashboard(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=round_id)
    data = selectors.round_dashboard(round_=round_)
    chart = {
        "mentee_funnel": charts.bar_chart(
            chart_id="chart-mentee-funnel",
            title="Mentees at each step of the round",
            data=data.mentee_funnel,
            unit="mentees",
        ),
        "mentor_funnel": charts.bar_chart(
            chart_id="chart-mentor-funnel",
            title="Mentors and their places",
            data=data.mentor_funnel,
        ),
    }
    if data.score_bins:
        chart["scores"] = charts.column_chart(
            chart_id="chart-scores",
            title="Match scores of the mentorships made",
            data=data.score_bins,
            unit="mentorships",
            axis_label="Match score (out of 100)",
        )
    if data.mentor_load_bins:
        chart["load"] = charts.bar_chart(
            chart_id="chart-load",
            title="Mentors by number of mentees",
            data=data.mentor_load_bins,
            unit="mentors",
        )
    if data.time_to_match.bins:
        chart["time"] = charts.column_chart(
            chart_id="chart-time",
            title=f"Days from when {data.time_to_match.since} to the match",
            data=data.time_to_match.bins,
            unit="mentees",
            axis_label="Days to match",
        )
    return render(request, "reports/dashboard.html", {"d": data, "chart": chart})


def _file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404("Exports come as .csv or .xlsx.")


@require_GET
@coordinator_required
def export_matches(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    round_ = get_object_or_404(Round, pk=round_id)
    rows = selectors.match_rows(round=round_)
    services.report_export_record(
        actor=request.user, round_=round_, kind="matches", fmt=fmt, rows=len(rows), request=request
    )
    name = f"matches-round-{round_.pk}"
    if fmt == "csv":
        return _file_response(exports.to_csv(selectors.MATCH_HEADERS, rows), fmt, name)
    return _file_response(exports.to_xlsx("Matches", selectors.MATCH_HEADERS, rows), fmt, name)


@require_GET
@coordinator_required
def export_participation(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    round_ = get_object_or_404(Round, pk=round_id)
    rows = selectors.participation_rows(round_)
    services.report_export_record(
        actor=request.user,
        round_=round_,
        kind="participation",
        fmt=fmt,
        rows=len(rows),
        request=request,
    )
    name = f"participation-round-{round_.pk}"
    headers = selectors.PARTICIPATION_HEADERS
    if fmt == "csv":
        return _file_response(exports.to_csv(headers, rows), fmt, name)
    return _file_response(exports.to_xlsx("Participation", headers, rows), fmt, name)
