"""The vectorised assign-input reader gives exactly what the row-by-row readers give."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mentormatch_engine.csv_io import _fast_assign_inputs, _slow_assign_inputs, read_assign_inputs

pytest.importorskip("pyarrow")


def _same(a: object, b: object) -> None:
    for f in ("mentee_ids", "mentor_ids"):
        assert list(getattr(a, f)) == list(getattr(b, f))
    for f in ("capacity", "row", "col", "score"):
        np.testing.assert_array_equal(getattr(a, f), getattr(b, f))


def test_fast_reader_equals_row_reader(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    lines = ["mentee_id,mentor_id,score,extra"]
    for i in range(40):
        for j in rng.choice(9, size=4, replace=False):
            lines.append(f'm{i % 17}_{i},"r,{j}",{rng.random():.6f},z')
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    caps = "mentor_id,capacity\n" + "".join(f'"r,{j}",{j % 3}\n' for j in range(9))
    (tmp_path / "c.csv").write_text(caps, encoding="utf-8")
    fast = _fast_assign_inputs(tmp_path / "s.csv", tmp_path / "c.csv")
    assert fast is not None
    _same(fast, _slow_assign_inputs(tmp_path / "s.csv", tmp_path / "c.csv"))


def test_input_the_fast_reader_declines_goes_row_by_row(tmp_path: Path) -> None:
    # spaces around ids and scores: the row readers strip them
    (tmp_path / "s.csv").write_text("mentee_id,mentor_id,score\n a , x , 0.5\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("mentor_id,capacity\nx,1\n", encoding="utf-8")
    assert _fast_assign_inputs(tmp_path / "s.csv", tmp_path / "c.csv") is None
    got = read_assign_inputs(tmp_path / "s.csv", tmp_path / "c.csv")
    assert list(got.mentee_ids) == ["a"] and got.score.tolist() == [0.5]


@pytest.mark.parametrize("cell", ["nan", "NA", "", "null", "inf"])
def test_fast_reader_declines_missing_and_non_finite_scores(tmp_path: Path, cell: str) -> None:
    (tmp_path / "s.csv").write_text(f"mentee_id,mentor_id,score\na,x,0.5\nb,x,{cell}\n", "utf-8")
    (tmp_path / "c.csv").write_text("mentor_id,capacity\nx,1\n", encoding="utf-8")
    assert _fast_assign_inputs(tmp_path / "s.csv", tmp_path / "c.csv") is None
