"""A pair's timeline as server-drawn SVG: every contact by kind, the gaps, the longest one named.

Pure: dates in, markup out.  Colours come from CSS classes (``tl-*`` in ``static/style.css``),
so the drawing follows the page into dark mode; every mark has a ``<title>`` for hover and
screen readers, and the whole figure a text description.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

WIDTH, HEIGHT, PAD, AXIS_Y = 960, 124, 48, 70
SHAPES = {"call": "circle", "video_call": "square", "meeting": "diamond"}


@dataclass(frozen=True)
class Mark:
    date: dt.date
    kind: str
    origin: str = "reported"


@dataclass(frozen=True)
class Gap:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def gaps(dates: Sequence[dt.date]) -> list[Gap]:
    """The silences between consecutive contact days (two contacts on one day: no gap)."""
    days = sorted(set(dates))
    return [Gap(a, b) for a, b in pairwise(days)]


def days_before(dates: Sequence[dt.date]) -> dict[dt.date, int]:
    """Each contact day's gap to the previous one (the first day has none)."""
    return {gap.end: gap.days for gap in gaps(dates)}


def longest_gap(dates: Sequence[dt.date]) -> Gap | None:
    return max(gaps(dates), key=lambda g: (g.days, g.end), default=None)


def timeline_svg(marks: Sequence[Mark], today: dt.date, threshold: int) -> str:
    if not marks:
        return ""
    first, last = min(m.date for m in marks), max(m.date for m in marks)
    history = max((last - first).days, 1)
    end = max(today, last + dt.timedelta(days=1))
    cut = (end - last).days > history // 2 and (end - last).days > 14
    if cut:  # a silence far longer than the history would squeeze it to the left: break the axis
        end = last + dt.timedelta(days=max(history // 6, 7))
    span = max((end - first).days, 1)

    def x(day: dt.date) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * (day - first).days / span, 1)

    longest = longest_gap([m.date for m in marks])
    parts = [f'<line class="tl-axis" x1="{PAD}" y1="{AXIS_Y}" x2="{WIDTH - PAD}" y2="{AXIS_Y}"/>']
    parts += _ticks(first, end, x)
    for gap in gaps([m.date for m in marks]):
        cls = "tl-gap tl-gap-long" if gap.days > threshold else "tl-gap"
        if gap == longest:
            cls += " tl-longest"
        width = x(gap.end) - x(gap.start)
        parts.append(
            f'<rect class="{cls}" x="{x(gap.start)}" y="{AXIS_Y - 7}" '
            f'width="{max(width, 0.5)}" height="14">'
            f"<title>{gap.days} days without contact, {gap.start} to {gap.end}</title></rect>"
        )
        if gap.days > threshold and width > 44 and gap != longest:
            middle = x(gap.start) + width / 2
            parts.append(
                f'<text class="tl-gap-label" x="{middle}" y="{AXIS_Y - 12}" '
                f'text-anchor="middle">{gap.days} days</text>'
            )
    if longest is not None:
        mid = (x(longest.start) + x(longest.end)) / 2
        anchor = "start" if mid < WIDTH / 4 else "end" if mid > WIDTH * 3 / 4 else "middle"
        parts.append(
            f'<line class="tl-callout" x1="{mid}" y1="{AXIS_Y - 8}" x2="{mid}" y2="{AXIS_Y - 30}"/>'
            f'<text class="tl-label" x="{mid}" y="{AXIS_Y - 36}" text-anchor="{anchor}">'
            f"longest gap: {longest.days} days ({longest.start} → {longest.end})</text>"
        )
    silence = (today - last).days
    if silence > 0:
        cls = "tl-now tl-now-past" if silence > threshold else "tl-now"
        right = WIDTH - PAD if cut else x(today)
        parts.append(
            f'<line class="{cls}" x1="{x(last)}" y1="{AXIS_Y}" x2="{right}" y2="{AXIS_Y}">'
            f"<title>{silence} days of silence so far (threshold {threshold})</title></line>"
            f'<text class="tl-label" x="{WIDTH - PAD}" y="{AXIS_Y - 16}" text-anchor="end">'
            f"{'⋯ ' if cut else ''}{silence} days to {today}</text>"
        )
    parts += [_mark(m, x(m.date)) for m in sorted(marks, key=lambda m: m.date)]
    return _figure(parts, marks, longest, silence)


def _ticks(first: dt.date, end: dt.date, x: object) -> list[str]:
    assert callable(x)
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= 10)
    out = []
    year, month = first.year, first.month
    while (tick := dt.date(year, month, 1)) <= end:
        if tick >= first and (year * 12 + month - 1) % step == 0:
            label = tick.strftime("%Y") if step >= 12 else tick.strftime("%b %Y")
            out.append(
                f'<line class="tl-tick" x1="{x(tick)}" y1="{AXIS_Y + 10}" x2="{x(tick)}" '
                f'y2="{AXIS_Y + 16}"/><text class="tl-tick-label" x="{x(tick)}" '
                f'y="{AXIS_Y + 32}" text-anchor="middle">{label}</text>'
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _mark(mark: Mark, cx: float) -> str:
    shape = SHAPES.get(mark.kind, "circle")
    cls = f"tl-mark tl-{shape}" + (" tl-mentioned" if mark.origin == "mentioned" else "")
    title = f"<title>{mark.date} {escape(mark.kind.replace('_', ' '))}"
    title += " (mentioned later)</title>" if mark.origin == "mentioned" else "</title>"
    if shape == "square":
        box = f'x="{cx - 5}" y="{AXIS_Y - 5}" width="10" height="10"'
        return f'<rect class="{cls}" {box}>{title}</rect>'
    if shape == "diamond":
        y = AXIS_Y
        points = f"{cx},{y - 7} {cx + 7},{y} {cx},{y + 7} {cx - 7},{y}"
        return f'<polygon class="{cls}" points="{points}">{title}</polygon>'
    return f'<circle class="{cls}" cx="{cx}" cy="{AXIS_Y}" r="5.5">{title}</circle>'


def _figure(parts: list[str], marks: Sequence[Mark], longest: Gap | None, silence: int) -> str:
    first, last = min(m.date for m in marks), max(m.date for m in marks)
    desc = f"{len(marks)} contacts from {first} to {last}"
    if longest is not None:
        desc += f"; longest gap {longest.days} days, {longest.start} to {longest.end}"
    desc += f"; {silence} days since the last contact."
    return (
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="tl-title">Timeline of contacts</title><desc id="tl-desc">{desc}</desc>'
        + "".join(parts)
        + "</svg>"
    )
