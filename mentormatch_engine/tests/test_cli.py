from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentormatch_engine.cli import main

ROOT = Path(__file__).resolve().parents[2]

MENTEES: list[dict[str, object]] = [
    {
        "id": "m1",
        "department": "Medicine",
        "rank": "Instructor",
        "interests": "heart failure, atrial fibrillation",
        "answers": {"areas": ["grants"], "dept": "other_preferred"},
    },
    {
        "id": "m2",
        "rank": "Assistant Professor",
        "interests": "psoriasis in children",
        "excluded": ["r2"],
    },
    {"id": "m3"},
]
MENTORS: list[dict[str, object]] = [
    {
        "id": "r1",
        "department": "Cardiology",
        "rank": "Professor",
        "interests": "cardiology",
        "publications": [
            {"title": "Atrial fibrillation ablation", "abstract": "heart failure", "year": 2020}
        ],
        "capacity": 2,
        "answers": {"areas_offered": ["grants"]},
    },
    {
        "id": "r2",
        "department": "Dermatology",
        "rank": "Professor",
        "keywords": ["psoriasis"],
        "capacity": 1,
    },
    {
        "id": "r3",
        "department": "Medicine",
        "rank": "Associate Professor",
        "interests": "medical education",
        "capacity": 1,
    },
]
CONFIG = """
mode = "optimal"
min_rank_gap = 1
shortlist_size = 2
affinity_method = "lexical"
[[criteria]]
key = "areas"
kind = "overlap"
mentee_question = "areas"
mentor_question = "areas_offered"
weight = 0.5
label = "Mentoring areas"
"""


def jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    cfg = tmp_path / "config.toml"
    cfg.write_text(CONFIG, encoding="utf-8")
    caps = tmp_path / "caps.csv"
    caps.write_text("mentor_id,capacity\nr1,2\nr2,1\nr3,1\n", encoding="utf-8")
    return {
        "mentees": jsonl(tmp_path / "mentees.jsonl", MENTEES),
        "mentors": jsonl(tmp_path / "mentors.jsonl", MENTORS),
        "config": cfg,
        "caps": caps,
        "dir": tmp_path,
    }


def read_csv(p: Path) -> list[dict[str, str]]:
    with open(p, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_affinity_then_assign(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    d = files["dir"]
    rc = main(
        [
            "--quiet",
            "affinity",
            "--mentees",
            str(files["mentees"]),
            "--mentors",
            str(files["mentors"]),
            "--out",
            str(d / "scores.csv"),
            "--method",
            "lexical",
        ]
    )
    assert rc == 0
    rows = read_csv(d / "scores.csv")
    assert len(rows) == 9 and list(rows[0]) == ["mentee_id", "mentor_id", "score"]
    assert all(0.0 <= float(r["score"]) <= 1.0 for r in rows)
    rc = main(
        [
            "--quiet",
            "assign",
            "--scores",
            str(d / "scores.csv"),
            "--mentors",
            str(files["caps"]),
            "--out",
            str(d / "a.csv"),
        ]
    )
    assert rc == 0
    out = capsys.readouterr().out
    assert "objective=" in out and "upper_bound=" in out and "gap=" in out
    got = {r["mentee_id"]: r["mentor_id"] for r in read_csv(d / "a.csv")}
    assert set(got) == {"m1", "m2", "m3"} and got["m1"] == "r1"


def test_assign_sparse_scores_and_unmatched(tmp_path: Path) -> None:
    s = tmp_path / "s.csv"
    s.write_text("mentee_id,mentor_id,score\na,x,0.9\nb,x,0.5\nc,y,0.1\n", encoding="utf-8")
    c = tmp_path / "c.csv"
    c.write_text("mentor_id,capacity\nx,1\ny,0\n", encoding="utf-8")
    assert (
        main(
            [
                "--quiet",
                "assign",
                "--scores",
                str(s),
                "--mentors",
                str(c),
                "--out",
                str(tmp_path / "o.csv"),
            ]
        )
        == 0
    )
    got = {r["mentee_id"]: r["mentor_id"] for r in read_csv(tmp_path / "o.csv")}
    assert got == {"a": "x", "b": "", "c": ""}


def test_match_writes_outputs(files: dict[str, Path]) -> None:
    out = files["dir"] / "out"
    rc = main(
        [
            "--quiet",
            "match",
            "--mentees",
            str(files["mentees"]),
            "--mentors",
            str(files["mentors"]),
            "--config",
            str(files["config"]),
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    assign = {r["mentee_id"]: r["mentor_id"] for r in read_csv(out / "assignment.csv")}
    assert assign["m1"] == "r1" and assign["m2"] != "r2"
    short = json.loads((out / "shortlists.json").read_text())
    assert short["m1"][0]["assigned"] is True
    assert "Mentoring areas" in short["m1"][0]["preferences_met"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["certificate"]["gap"] <= 1e-3 and summary["matched"] == 3
    assert read_csv(out / "shortlists.csv")[0]["mentee_id"] == "m1"


def test_python_dash_m_runs(files: dict[str, Path]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mentormatch_engine",
            "match",
            "--mentees",
            str(files["mentees"]),
            "--mentors",
            str(files["mentors"]),
            "--config",
            str(files["config"]),
            "--out",
            str(files["dir"] / "o2"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "gap=" in proc.stdout


def bad(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    rc = main(["--quiet", *argv])
    err = capsys.readouterr().err.strip()
    assert rc == 2
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    return err


def test_bad_jsonl_line(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    p = files["dir"] / "bad.jsonl"
    p.write_text('{"id": "a"}\n{"id": "b",\n', encoding="utf-8")
    err = bad(
        [
            "affinity",
            "--mentees",
            str(p),
            "--mentors",
            str(files["mentors"]),
            "--out",
            str(files["dir"] / "x.csv"),
        ],
        capsys,
    )
    assert f"{p} line 2: malformed JSON" in err


def test_negative_capacity_in_jsonl(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    p = jsonl(files["dir"] / "neg.jsonl", [{"id": "r", "capacity": -1}])
    err = bad(
        [
            "match",
            "--mentees",
            str(files["mentees"]),
            "--mentors",
            str(p),
            "--out",
            str(files["dir"] / "o"),
        ],
        capsys,
    )
    assert f"{p} line 1: negative capacity -1" in err


@pytest.mark.parametrize(
    ("scores", "caps", "problem"),
    [
        (
            "mentee_id,mentor_id,score\na,x,nan\n",
            "mentor_id,capacity\nx,1\n",
            "scores.csv line 2: score 'nan' is not a finite number",
        ),
        (
            "mentee_id,mentor_id,score\na,x,high\n",
            "mentor_id,capacity\nx,1\n",
            "scores.csv line 2: score 'high' is not a number",
        ),
        (
            "mentee_id,mentor_id,score\na,x,1\na,zz,1\n",
            "mentor_id,capacity\nx,1\n",
            "scores.csv line 3: unknown mentor_id 'zz'",
        ),
        (
            "mentee_id,score\na,1\n",
            "mentor_id,capacity\nx,1\n",
            "scores.csv line 1: missing column 'mentor_id'",
        ),
        (
            "mentee_id,mentor_id,score\na,x,1\n",
            "mentor_id,capacity\nx,-3\n",
            "caps.csv line 2: negative capacity -3",
        ),
        (
            "mentee_id,mentor_id,score\na,x,1\n",
            "mentor_id,cap\nx,1\n",
            "caps.csv line 1: missing column 'capacity'",
        ),
        (
            "mentee_id,mentor_id,score\na,x,1\na,x,2\n",
            "mentor_id,capacity\nx,1\n",
            "scores.csv line 3: duplicate pair",
        ),
        (
            "mentee_id,mentor_id,score\na,x\n",
            "mentor_id,capacity\nx,1\n",
            "scores.csv line 2: wrong number of fields",
        ),
    ],
)
def test_assign_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scores: str, caps: str, problem: str
) -> None:
    (tmp_path / "scores.csv").write_text(scores, encoding="utf-8")
    (tmp_path / "caps.csv").write_text(caps, encoding="utf-8")
    err = bad(
        [
            "assign",
            "--scores",
            str(tmp_path / "scores.csv"),
            "--mentors",
            str(tmp_path / "caps.csv"),
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capsys,
    )
    assert problem in err


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ('mode = "best"\n', "unknown mode"),
        ("colour = 1\n", "unknown key 'colour'"),
        ("mode = \n", "invalid TOML"),
        ("[[criteria]]\nkey = 'a'\n", "missing 'kind'"),
        ("shortlist_size = 'three'\n", "'shortlist_size' has the wrong type"),
    ],
)
def test_bad_config(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], toml: str, problem: str
) -> None:
    cfg = files["dir"] / "bad.toml"
    cfg.write_text(toml, encoding="utf-8")
    err = bad(
        [
            "match",
            "--mentees",
            str(files["mentees"]),
            "--mentors",
            str(files["mentors"]),
            "--config",
            str(cfg),
            "--out",
            str(files["dir"] / "o"),
        ],
        capsys,
    )
    assert str(cfg) in err and problem in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = bad(
        [
            "affinity",
            "--mentees",
            str(tmp_path / "none.jsonl"),
            "--mentors",
            str(tmp_path / "none.jsonl"),
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capsys,
    )
    assert "none.jsonl: cannot read file" in err
