"""Engine benchmark: end-to-end matching at three sizes, beside SciPy's dense LSAP and
OR-Tools min-cost flow.

Run:  .venv/bin/python bench/engine.py [--sizes small,medium,large] [--out results.json]

Sizes (mentees x mentors, capacities uniform 1-4): small 2,000 x 1,000; medium 20,000 x
10,000; large 100,000 x 50,000.  Affinity comes from cached vectors (synthetic 384-d unit
vectors clustered around 60 topics, like sentence embeddings), plus one weighted "overlap"
criterion, so the engine's full path runs: score blocks -> top-k candidate graph -> LAPJVsp ->
dual bound over *every* pair -> shortlists.  Every run is a separate subprocess so its peak
memory (ru_maxrss) is its own.

Rows printed: solver, k (candidates per mentee; "all" = every pair), wall seconds, peak RSS,
matched, objective (total score), and for the engine the certified upper bound and gap (the gap
bounds the loss against the dense optimum).  The affinity rows give documents per second of the
lexical (TF-IDF) and, when installed, the MiniLM embedding path.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from engine_assign import before_engine, run_assign
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = {"small": (2_000, 1_000), "medium": (20_000, 10_000), "large": (100_000, 50_000)}
DIM = 384
AREAS = ["grants", "teaching", "career", "work-life", "leadership", "clinical"]


def instance(
    n: int, m: int, seed: int = 0
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.int64]]:
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(60, DIM)).astype(np.float32)

    def people(k: int) -> NDArray[np.float32]:
        t1 = rng.integers(0, 60, size=k)
        t2 = rng.integers(0, 60, size=k)
        w = rng.random(k).astype(np.float32)[:, None]
        v = (
            w * centers[t1]
            + (1 - w) * centers[t2]
            + 0.9 * rng.normal(size=(k, DIM)).astype(np.float32)
        )
        out: NDArray[np.float32] = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
        return out

    mentees, mentors = people(n), people(m)
    caps = rng.integers(1, 5, size=m).astype(np.int64)
    return mentees, mentors, caps


def answers(n: int, m: int, seed: int = 0) -> tuple[list[list[str]], list[list[str]]]:
    rng = np.random.default_rng(seed + 1)
    wanted = [
        list(rng.choice(AREAS, size=int(rng.integers(0, 3)), replace=False)) for _ in range(n)
    ]
    offered = [
        list(rng.choice(AREAS, size=int(rng.integers(1, 4)), replace=False)) for _ in range(m)
    ]
    return [[str(x) for x in w] for w in wanted], [[str(x) for x in o] for o in offered]


class Scores:
    """The engine's score (affinity + 0.3 * overlap), computed in row blocks."""

    def __init__(self, size: str) -> None:
        n, m = SIZES[size]
        self.a, self.b, self.caps = instance(n, m)
        wanted, offered = answers(n, m)
        idx = {x: i for i, x in enumerate(AREAS)}
        self.w = np.zeros((n, len(AREAS)))
        self.o = np.zeros((m, len(AREAS)))
        for i, lst in enumerate(wanted):
            self.w[i, [idx[x] for x in lst]] = 1
        for j, lst in enumerate(offered):
            self.o[j, [idx[x] for x in lst]] = 1
        self.nw = self.w.sum(axis=1, keepdims=True)
        self.n, self.m = n, m

    def block(self, rows: slice) -> NDArray[np.float64]:
        s = np.clip(self.a[rows] @ self.b.T, 0, 1).astype(np.float64)
        nw = self.nw[rows]
        ov = np.where(nw > 0, (self.w[rows] @ self.o.T) / np.maximum(nw, 1), 1.0)
        out: NDArray[np.float64] = s + 0.3 * ov
        return out


def dense_scores(size: str) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    sc = Scores(size)
    return sc.block(slice(None)), sc.caps


def run_engine(size: str, k: int, full_bound: bool = False) -> dict[str, Any]:
    from mentormatch_engine.affinity import VectorAffinity
    from mentormatch_engine.graph import Encoder
    from mentormatch_engine.interface import Criterion, MatchConfig, Participant, PersonRecord
    from mentormatch_engine.pipeline import solve_round
    from mentormatch_engine.rules import Rules

    n, m = SIZES[size]
    a, b, caps = instance(n, m)
    wanted, offered = answers(n, m)
    t0 = time.perf_counter()
    mentees = [
        Participant(PersonRecord(id=f"e{i}"), answers={"areas": wanted[i]}) for i in range(n)
    ]
    mentors = [
        Participant(
            PersonRecord(id=f"r{j}"), answers={"offered": offered[j]}, capacity=int(caps[j])
        )
        for j in range(m)
    ]
    cfg = MatchConfig(
        criteria=(Criterion("areas", "overlap", "areas", "offered", weight=0.3),),
        candidates_per_mentee=k,
        full_bound=full_bound,
    )
    rules = Rules(mentees, mentors, cfg)
    enc = Encoder.of([p.record.id for p in mentees], [p.record.id for p in mentors])
    res = solve_round(VectorAffinity(a, b), rules, cfg, enc)
    wall = time.perf_counter() - t0
    c = res.certificate
    return {
        "solver": "engine+full bound" if full_bound else "engine",
        "k": k if k > 0 else "all",
        "seconds": wall,
        "matched": c.matched,
        "objective": c.objective,
        "upper_bound": c.upper_bound,
        "gap": c.gap,
        "steps": res.summary["seconds"],
        "candidate_edges": res.summary["candidate_edges"],
        "shortlist_rows_rescored": res.summary.get("shortlist_rows_rescored"),
        "bound_rounds": res.summary.get("bound_rounds"),
        "bound_rows_rescored": res.summary.get("bound_rows_rescored"),
        "candidate_edges_added": res.summary.get("candidate_edges_added"),
    }


def run_lsap(size: str) -> dict[str, Any]:
    from scipy.optimize import linear_sum_assignment

    s, caps = dense_scores(size)
    t0 = time.perf_counter()
    expanded = np.repeat(s, caps, axis=1)  # (n, total capacity)
    del s
    r, c = linear_sum_assignment(expanded, maximize=True)
    obj = float(expanded[r, c].sum())
    return {
        "solver": "scipy LSAP dense",
        "k": "all",
        "seconds": time.perf_counter() - t0,
        "matched": len(r),
        "objective": obj,
    }


def run_ortools(size: str, k: int) -> dict[str, Any]:
    from ortools.graph.python import min_cost_flow

    sc = Scores(size)
    n, m, caps = sc.n, sc.m, sc.caps
    t0 = time.perf_counter()
    rows_l, cols_l, vals_l = [], [], []
    step = max(1, 8_000_000 // m)
    for start in range(0, n, step):
        blk = sc.block(slice(start, min(n, start + step)))
        if 0 < k < m:
            c = np.argpartition(blk, m - k, axis=1)[:, m - k :]
        else:
            c = np.tile(np.arange(m), (len(blk), 1))
        rows_l.append(np.repeat(np.arange(start, start + len(blk)), c.shape[1]))
        cols_l.append(c.ravel())
        vals_l.append(np.take_along_axis(blk, c, axis=1).ravel())
    rows = np.concatenate(rows_l)
    cols = np.concatenate(cols_l)
    vals = np.concatenate(vals_l)
    scale = 1_000_000
    src, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, src), rows, n + np.arange(m)])
    heads = np.concatenate([np.arange(n), n + cols, np.full(m, sink)])
    capa = np.concatenate([np.ones(n), np.ones(len(rows)), caps]).astype(np.int64)
    cost = np.concatenate([np.zeros(n), -np.round(vals * scale), np.zeros(m)]).astype(np.int64)
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, capa, cost)
    smcf.set_node_supply(src, n)
    smcf.set_node_supply(sink, -n)
    status = smcf.solve_max_flow_with_min_cost()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"OR-Tools status {status}")
    flows = smcf.flows(np.arange(n, n + len(rows)))
    used = flows > 0
    return {
        "solver": "OR-Tools min-cost flow",
        "k": k if k > 0 else "all",
        "seconds": time.perf_counter() - t0,
        "matched": int(used.sum()),
        "objective": float(vals[used].sum()),
    }


def run_affinity_speed() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    from affinity_eval import make_dataset

    from mentormatch_engine.affinity import AffinityModel, AffinitySettings
    from mentormatch_engine.embedding import MiniLMEmbedder, embedding_available

    papers, researchers, _ = make_dataset(0, n_researchers=1000, n_papers=2000)
    docs = len(papers) + len(researchers)
    t0 = time.perf_counter()
    model = AffinityModel(papers, researchers, AffinitySettings(method="lexical"))
    t_fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.block(slice(None))
    t_score = time.perf_counter() - t0
    out: dict[str, Any] = {
        "solver": "affinity",
        "docs": docs,
        "lexical_docs_per_s": docs / t_fit,
        "lexical_pairs_per_s": len(papers) * len(researchers) / t_score,
    }
    if embedding_available():
        texts = [p.publications[0].title + ". " + p.publications[0].abstract for p in papers]
        emb = MiniLMEmbedder()
        emb.encode(texts[:8])  # load the model
        t0 = time.perf_counter()
        emb.encode(texts[:1000])
        out["minilm_texts_per_s"] = 1000 / (time.perf_counter() - t0)
    return out


def worker(kind: str, size: str, k: int) -> None:
    if kind.startswith("assign_"):
        before = before_engine() if kind == "assign_engine_before" else None
        res = run_assign(size, kind.removeprefix("assign_"), before)
        print("RESULT " + json.dumps(res))
        return
    if kind == "engine":
        res = run_engine(size, k)
    elif kind == "engine_full":
        res = run_engine(size, k, full_bound=True)
    elif kind == "lsap":
        res = run_lsap(size)
    elif kind == "ortools":
        res = run_ortools(size, k)
    else:
        res = run_affinity_speed()
    res["size"] = size
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(res))


def spawn(kind: str, size: str, k: int, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", kind, "--size", size, "--k", str(k)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"solver": kind, "size": size, "k": k, "error": f"timeout after {timeout:.0f}s"}
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            out: dict[str, Any] = json.loads(line[7:])
            return out
    return {
        "solver": kind,
        "size": size,
        "k": k,
        "error": (p.stderr.strip().splitlines() or ["no output"])[-1][:200],
    }


def fmt(r: dict[str, Any]) -> str:
    if "line" in r:  # a whole assign process
        if r.get("rc"):
            return f"{r['size']:10s} {r['solver']:27s} failed: {r['line']}"
        extra = f" upper_bound={r['upper_bound']} gap={r['gap']}" if "gap" in r else ""
        return (
            f"{r['size']:10s} {r['solver']:27s} {r['seconds']:7.1f} s "
            f"(cpu {r['cpu_seconds']:6.1f} s) {r['peak_rss_mb']:7.0f} MB"
            f"  matched={r.get('matched')} objective={r.get('objective')}{extra}"
        )
    if "error" in r:
        return f"{r['size']:7s} {r['solver']:24s} k={r['k']!s:5s} {r['error']}"
    if r["solver"] == "affinity":
        extra = (
            f", MiniLM {r['minilm_texts_per_s']:.0f} texts/s" if "minilm_texts_per_s" in r else ""
        )
        return (
            f"affinity: lexical TF-IDF fit {r['lexical_docs_per_s']:.0f} docs/s, "
            f"scoring {r['lexical_pairs_per_s']:.3g} pairs/s{extra}; "
            f"peak {r['peak_rss_mb']:.0f} MB"
        )
    s = (
        f"{r['size']:7s} {r['solver']:24s} k={r['k']!s:5s} {r['seconds']:8.1f} s "
        f"{r['peak_rss_mb']:8.0f} MB  matched={r['matched']:6d} objective={r['objective']:.3f}"
    )
    if "gap" in r:
        s += f" upper_bound={r['upper_bound']:.3f} gap={100 * r['gap']:.4f}%"
    if "steps" in r:
        s += "  [" + " ".join(f"{key} {v:.1f}s" for key, v in r["steps"].items()) + "]"
    if r.get("bound_rounds"):
        s += (
            f" rounds={r['bound_rounds']} rescored={r['bound_rows_rescored']}"
            f" added={r['candidate_edges_added']}"
        )
    return s


def _uptime() -> str:
    p = subprocess.run(["uptime"], capture_output=True, text=True, check=False)
    return p.stdout.strip().split("up", 1)[-1]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="assign20k,assign100k,small,medium,large")
    ap.add_argument("--out", default=None, help="also write all results as JSON here")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--size", default="small", help=argparse.SUPPRESS)
    ap.add_argument("--k", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument(
        "--skip-baselines",
        action="store_true",
        help="run only the engine rows (no SciPy LSAP / OR-Tools), e.g. --sizes large",
    )
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.size, args.k)
        return
    plans: dict[str, list[tuple[str, int, float]]] = {
        "small": [
            ("engine", -1, 600),
            ("engine", 64, 600),
            ("engine", 16, 600),
            ("lsap", 0, 900),
            ("ortools", -1, 900),
            ("ortools", 64, 900),
        ],
        "medium": [
            ("engine", 64, 900),
            ("engine_full", 64, 900),
            ("ortools", 64, 1200),
            ("lsap", 0, 300),
        ],
        # dense LSAP at 100,000 x 50,000 would need 5e9 x 8 B = 40 GB: not run
        "large": [("engine", 64, 1800), ("ortools", 64, 1800)],
        # `mentormatch-engine assign` from CSV to CSV, whole processes
        "assign20k": [
            ("assign_engine", 0, 600),
            ("assign_ortools", 0, 600),
            ("assign_scipy", 0, 900),
            ("assign_engine_before", 0, 900),
        ],
        "assign100k": [
            ("assign_engine", 0, 900),
            ("assign_ortools", 0, 900),
            ("assign_scipy", 0, 1200),
            ("assign_engine_before", 0, 1200),
        ],
    }
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; uptime:{_uptime()}", flush=True)
    results = [spawn("affinity", "small", 0, 900)]
    print(fmt(results[0]), flush=True)
    for size in args.sizes.split(","):
        for kind, k, timeout in plans[size]:
            if args.skip_baselines and kind.removeprefix("assign_") not in (
                "engine",
                "engine_full",
            ):
                continue
            kk = 0 if k < 0 else k
            r = spawn(kind, size, kk, timeout)
            r["load_after"] = _uptime()
            results.append(r)
            print(fmt(r) + f"  (load{r['load_after'].split('load average')[-1]})", flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
