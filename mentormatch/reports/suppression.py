"""The small-group rule: a group of fewer than ``SMALL_GROUP`` people is never shown.

When exactly one group of a breakdown is withheld, the next smallest group is withheld as
well, so that the withheld one cannot be worked out by subtracting the others from the total
(complementary suppression).
"""

from __future__ import annotations

from dataclasses import dataclass

SMALL_GROUP = 5


@dataclass
class GroupRow:
    label: str
    size: int | None  # None: withheld (fewer than SMALL_GROUP, or to protect one that is)
    matched: int | None
    note: str = ""

    @property
    def withheld(self) -> bool:
        return self.size is None

    @property
    def percent_matched(self) -> int | None:
        if self.size is None or self.matched is None or self.size == 0:
            return None
        return round(100 * self.matched / self.size)


def suppress_small_groups(groups: dict[str, tuple[int, int]]) -> list[GroupRow]:
    """Rows for ``{label: (size, matched)}``, withholding every group under SMALL_GROUP.

    A lone withheld group could be recovered from the total, so the smallest group that is
    shown is withheld with it.
    """
    ordered = sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))
    small = {label for label, (size, _) in ordered if 0 < size < SMALL_GROUP}
    protecting: set[str] = set()
    if len(small) == 1:
        shown = [label for label, (size, _) in ordered if label not in small and size > 0]
        if shown:
            protecting.add(shown[-1])
    rows = []
    for label, (size, matched) in ordered:
        if size <= 0:
            continue
        if label in small:
            rows.append(GroupRow(label, None, None, f"fewer than {SMALL_GROUP}"))
        elif label in protecting:
            rows.append(GroupRow(label, None, None, "not shown, to protect a smaller group"))
        else:
            rows.append(GroupRow(label, size, matched))
    # Withheld groups last, alphabetically: their order must not hint at their sizes.
    return [r for r in rows if not r.withheld] + sorted(
        (r for r in rows if r.withheld), key=lambda r: r.label
    )
