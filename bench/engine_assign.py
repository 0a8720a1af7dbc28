"""The ``assign`` rows of bench/engine.py: whole processes from CSV in to CSV out.

Generated instances (cached under the system temp dir) are solved by `mentormatch-engine assign`,
by OR-Tools' min-cost flow fed by Python's csv module (the issue's reference), by SciPy LAPJVsp
on the capacity expansion, and by the engine as it was before issue 14 (unpacked from git).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]

BEFORE = "55bd917"  # the engine before issue 14 (LAPJVsp, csv module), for the "before" rows


def before_engine() -> str:
    """The engine at commit BEFORE, unpacked once into the cache (git archive)."""
    d = CACHE / f"engine-{BEFORE}"
    if not (d / "mentormatch_engine").exists():
        d.mkdir(parents=True, exist_ok=True)
        tar = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE, "mentormatch_engine"],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(d)], input=tar.stdout, check=True)
    return str(d)


ASSIGN_SIZES = {"assign20k": (20_000, 7_000, 50), "assign100k": (100_000, 35_000, 50)}
CACHE = Path(tempfile.gettempdir()) / "mentormatch-bench"


def assign_files(size: str, seed: int = 0) -> tuple[Path, Path]:
    """scores.csv (k distinct candidates per mentee) and capacities.csv (1-4; fewer places
    than mentees), written once and cached in /tmp/mentormatch-bench."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    n, m, k = ASSIGN_SIZES[size]
    d = CACHE / f"{size}-{seed}"
    scores, caps = d / "scores.csv", d / "capacities.csv"
    if scores.exists() and caps.exists():
        return scores, caps
    d.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    start = rng.integers(0, m, size=(n, 1))
    cols = ((start + np.cumsum(rng.integers(1, m // k + 1, size=(n, k)), axis=1)) % m).ravel()
    rows = np.repeat(np.arange(n), k)
    popularity = rng.random(m)
    score = np.round(0.6 * rng.random(n * k) + 0.4 * popularity[cols], 6)

    def ids(prefix: str, idx: NDArray[np.int64]) -> Any:
        return pc.binary_join_element_wise(prefix, pc.cast(pa.array(idx), pa.string()), "")

    opts = pacsv.WriteOptions(quoting_style="none")
    tab = pa.table({"mentee_id": ids("e", rows), "mentor_id": ids("r", cols), "score": score})
    pacsv.write_csv(tab, scores, opts)
    cap = rng.integers(1, 5, size=m)
    pacsv.write_csv(pa.table({"mentor_id": ids("r", np.arange(m)), "capacity": cap}), caps, opts)
    return scores, caps


ORTOOLS_CSV = """
import csv, sys
import numpy as np
from ortools.graph.python import min_cost_flow
scores, caps, out = sys.argv[1:4]
cap = {}
with open(caps, newline="") as fh:
    for r in csv.DictReader(fh):
        cap[r["mentor_id"]] = int(r["capacity"])
mentor = {b: j for j, b in enumerate(cap)}
mentee, rows, cols, vals = {}, [], [], []
with open(scores, newline="") as fh:
    for r in csv.DictReader(fh):
        rows.append(mentee.setdefault(r["mentee_id"], len(mentee)))
        cols.append(mentor[r["mentor_id"]])
        vals.append(float(r["score"]))
n, m, e = len(mentee), len(mentor), len(rows)
rows, cols, vals = np.array(rows), np.array(cols), np.array(vals)
src, sink = n + m, n + m + 1
tails = np.concatenate([np.full(n, src), rows, n + np.arange(m)]).astype(np.int32)
heads = np.concatenate([np.arange(n), n + cols, np.full(m, sink)]).astype(np.int32)
capa = np.concatenate([np.ones(n + e), list(cap.values())]).astype(np.int64)
cost = np.concatenate([np.zeros(n), -np.round(vals * 1e6), np.zeros(m)]).astype(np.int64)
f = min_cost_flow.SimpleMinCostFlow()
f.add_arcs_with_capacity_and_unit_cost(tails, heads, capa, cost)
f.set_node_supply(src, n)
f.set_node_supply(sink, -n)
assert f.solve_max_flow_with_min_cost() == f.OPTIMAL
used = f.flows(np.arange(n, n + e, dtype=np.int32)) > 0
got = [""] * n
names = list(cap)
for i, j in zip(rows[used].tolist(), cols[used].tolist()):
    got[i] = names[j]
with open(out, "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["mentee_id", "mentor_id"])
    w.writerows(zip(mentee, got))
print(f"matched={int(used.sum())} objective={float(vals[used].sum()):.6f}")
"""

SCIPY_CSV = """
import sys, time
import numpy as np
from mentormatch_engine.csv_io import read_assign_inputs
from mentormatch_engine.graph import CandidateGraph
from mentormatch_engine.solvers.optimal import _match_lapjv, lexicographic_weights
scores, caps, out = sys.argv[1:4]
x = read_assign_inputs(scores, caps)
g = CandidateGraph(len(x.mentee_ids), len(x.mentor_ids), x.capacity, x.row, x.col, x.score, True)
w, _, _ = lexicographic_weights(g)
a = _match_lapjv(g, w)
hit = a[g.row] == g.col
print(f"matched={int((a >= 0).sum())} objective={float(g.score[hit].sum()):.6f}")
"""


def timed_process(
    cmd: list[str], env: dict[str, str] | None = None, cwd: str | None = None
) -> dict[str, Any]:
    """Wall time and peak RSS of one whole process (imports, reading, solving, writing).
    Called once per worker process, so RUSAGE_CHILDREN is this process's alone."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd
    )
    out, err = p.communicate(timeout=1800)
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    res: dict[str, Any] = {
        "seconds": wall,
        # CPU time (user + system): on this shared machine less load-dependent than wall
        "cpu_seconds": ru.ru_utime + ru.ru_stime,
        "peak_rss_mb": ru.ru_maxrss / 1024,
        "rc": p.returncode,
    }
    line = (out.strip().splitlines() or [""])[0] if p.returncode == 0 else err.strip()[-200:]
    res["line"] = line
    for part in line.split():
        if "=" in part:
            key, v = part.split("=", 1)
            res[key] = v
    return res


def run_assign(size: str, kind: str, engine_path: str | None = None) -> dict[str, Any]:
    import os

    scores, caps = assign_files(size)
    out = str(scores.parent / f"out-{kind}.csv")
    env = dict(os.environ)
    env["PYTHONPATH"] = engine_path or str(ROOT)
    if kind in ("engine", "engine_before"):
        cmd = [sys.executable, "-m", "mentormatch_engine", "--quiet", "assign",
               "--scores", str(scores), "--mentors", str(caps), "--out", out]  # fmt: skip
    elif kind == "ortools":
        cmd = [sys.executable, "-c", ORTOOLS_CSV, str(scores), str(caps), out]
    else:
        cmd = [sys.executable, "-c", SCIPY_CSV, str(scores), str(caps), out]
    # run in the data directory: `python -m` puts the working directory first on sys.path,
    # which must not shadow PYTHONPATH's engine
    res = timed_process(cmd, env, cwd=str(scores.parent))
    names = {
        "engine": "engine assign (CSV->CSV)",
        "engine_before": f"engine before ({BEFORE})",
        "ortools": "OR-Tools MCF + csv module",
        "scipy": "SciPy LAPJVsp expanded",
    }
    res.update({"solver": names[kind], "size": size, "k": ASSIGN_SIZES[size][2]})
    return res
