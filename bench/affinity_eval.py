"""Affinity evaluation on synthetic researchers (own data; no external benchmark).

Generates researchers (mentors) with publications and single-paper queries (mentees) from
topic vocabularies built of real English domain terms with synonym groups (so the wording of a
query often differs from the researcher's own wording), then grades each researcher's expertise
for 10 papers on a 1-5 scale from the true topic mixtures plus noise, like self-rated
expertise in published reviewer-assignment datasets.

Loss (as in reviewer-assignment evaluations): over all pairs of papers rated by the same
researcher with different ratings, the share of rating-gap weight on pairs the scores order the
wrong way (ties count half).  Lower is better; 0 is perfect, ~0.5 is random.

Run:  .venv/bin/python bench/affinity_eval.py [--seeds 3] [--no-embedding]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mentormatch_engine.affinity import AffinityModel, AffinitySettings
from mentormatch_engine.embedding import embedding_available
from mentormatch_engine.interface import PersonRecord, Publication

# topic -> concept groups; each group lists interchangeable wordings
TOPICS: dict[str, list[list[str]]] = {
    "cardiology": [
        ["heart failure", "cardiac failure", "reduced ejection fraction"],
        ["arrhythmia", "atrial fibrillation", "irregular heartbeat"],
        ["myocardial infarction", "heart attack", "acute coronary syndrome"],
        ["hypertension", "high blood pressure"],
        ["echocardiography", "cardiac ultrasound"],
        ["coronary artery disease", "atherosclerosis"],
        ["statin therapy", "lipid lowering"],
    ],
    "dermatology": [
        ["psoriasis", "plaque psoriasis"],
        ["melanoma", "skin cancer"],
        ["atopic dermatitis", "eczema"],
        ["acne vulgaris", "acne"],
        ["wound healing", "skin repair"],
        ["keratinocyte", "epidermal cells"],
        ["phototherapy", "ultraviolet treatment"],
    ],
    "oncology": [
        ["tumor microenvironment", "tumour stroma"],
        ["chemotherapy", "cytotoxic therapy"],
        ["immunotherapy", "checkpoint inhibitors", "pd-1 blockade"],
        ["metastasis", "metastatic spread"],
        ["breast cancer", "mammary carcinoma"],
        ["radiotherapy", "radiation therapy"],
        ["oncogene", "driver mutation"],
    ],
    "neuroscience": [
        ["synaptic plasticity", "long-term potentiation"],
        ["hippocampus", "hippocampal circuits"],
        ["neurodegeneration", "neuronal loss"],
        ["alzheimer disease", "dementia"],
        ["functional mri", "fmri", "brain imaging"],
        ["dopamine", "dopaminergic signalling"],
        ["cortex", "cortical neurons"],
    ],
    "machine learning": [
        ["neural network", "deep learning"],
        ["reinforcement learning", "policy optimization"],
        ["transformer", "attention model"],
        ["classification", "supervised learning"],
        ["generalization", "overfitting"],
        ["gradient descent", "stochastic optimization"],
        ["representation learning", "embeddings"],
    ],
    "epidemiology": [
        ["cohort study", "longitudinal cohort"],
        ["risk factor", "exposure"],
        ["incidence", "disease rates"],
        ["case-control", "matched controls"],
        ["public health", "population health"],
        ["vaccination", "immunization"],
        ["mortality", "death rates"],
    ],
    "economics": [
        ["labor market", "employment"],
        ["monetary policy", "interest rates"],
        ["inequality", "income distribution"],
        ["trade", "tariffs"],
        ["econometrics", "causal inference"],
        ["inflation", "price level"],
        ["game theory", "strategic interaction"],
    ],
    "ecology": [
        ["biodiversity", "species richness"],
        ["climate change", "global warming"],
        ["population dynamics", "predator prey"],
        ["forest", "woodland"],
        ["invasive species", "non-native species"],
        ["pollination", "pollinators"],
        ["ecosystem services", "natural capital"],
    ],
    "genetics": [
        ["genome-wide association", "gwas"],
        ["gene expression", "transcriptomics"],
        ["crispr", "genome editing"],
        ["mutation", "genetic variant"],
        ["epigenetics", "dna methylation"],
        ["heritability", "twin study"],
        ["sequencing", "next-generation sequencing"],
    ],
    "psychology": [
        ["depression", "depressive disorder"],
        ["anxiety", "anxiety disorder"],
        ["cognitive behavioral therapy", "cbt", "psychotherapy"],
        ["working memory", "short-term memory"],
        ["child development", "early childhood"],
        ["personality", "personality traits"],
        ["decision making", "judgment"],
    ],
    "materials": [
        ["polymer", "macromolecule"],
        ["nanoparticle", "nanomaterial"],
        ["thin film", "coating"],
        ["battery", "lithium-ion cell"],
        ["catalysis", "catalyst"],
        ["graphene", "two-dimensional materials"],
        ["corrosion", "oxidation"],
    ],
    "education": [
        ["medical education", "residency training"],
        ["curriculum", "course design"],
        ["assessment", "examination"],
        ["simulation training", "simulated patients"],
        ["faculty development", "mentoring"],
        ["online learning", "e-learning"],
        ["student wellbeing", "burnout"],
    ],
    "nephrology": [
        ["chronic kidney disease", "renal insufficiency"],
        ["dialysis", "hemodialysis"],
        ["kidney transplant", "renal transplantation"],
        ["glomerulonephritis", "glomerular disease"],
        ["acute kidney injury", "acute renal failure"],
        ["proteinuria", "albuminuria"],
        ["electrolyte", "sodium balance"],
    ],
    "infectious disease": [
        ["antibiotic resistance", "antimicrobial resistance"],
        ["hiv", "human immunodeficiency virus"],
        ["tuberculosis", "mycobacterium"],
        ["sepsis", "septic shock"],
        ["influenza", "respiratory virus"],
        ["malaria", "plasmodium"],
        ["hospital infection", "nosocomial infection"],
    ],
    "robotics": [
        ["motion planning", "trajectory optimization"],
        ["manipulation", "grasping"],
        ["slam", "localization and mapping"],
        ["legged robot", "quadruped"],
        ["control", "feedback control"],
        ["computer vision", "visual perception"],
        ["human-robot interaction", "collaborative robot"],
    ],
    "statistics": [
        ["bayesian inference", "posterior"],
        ["missing data", "imputation"],
        ["survival analysis", "time-to-event"],
        ["bootstrap", "resampling"],
        ["high-dimensional", "sparse regression"],
        ["clinical trial design", "randomized trial"],
        ["mixed models", "hierarchical models"],
    ],
}
TOPIC_NAMES = list(TOPICS)
FILLER = [
    "we report",
    "in this work",
    "our results suggest",
    "a retrospective evaluation",
    "across multiple sites",
    "compared with standard care",
    "in a large sample",
    "we develop",
    "the proposed framework",
    "experiments demonstrate",
]
TEMPLATES = [
    "{a} and {b} in {c}",
    "{a}: implications for {b}",
    "the relationship between {a} and {b}",
    "{a} in patients with {b}",
    "a study of {a}, {b} and {c}",
    "{a} and {b}",
]


def _phrase(rng: np.random.Generator, theta: NDArray[np.float64], voice: NDArray[np.int64]) -> str:
    t = int(rng.choice(len(TOPIC_NAMES), p=theta))
    groups = TOPICS[TOPIC_NAMES[t]]
    g = int(rng.integers(len(groups)))
    words = groups[g]
    # an author has a preferred wording per concept (voice) but sometimes uses others
    w = (
        words[voice[t * 7 + g] % len(words)]
        if rng.random() < 0.7
        else words[rng.integers(len(words))]
    )
    return str(w)


def _paper(
    rng: np.random.Generator,
    theta: NDArray[np.float64],
    voice: NDArray[np.int64],
    *,
    abstract_sentences: int,
) -> Publication:
    def sent() -> str:
        tpl = TEMPLATES[rng.integers(len(TEMPLATES))]
        return tpl.format(
            a=_phrase(rng, theta, voice), b=_phrase(rng, theta, voice), c=_phrase(rng, theta, voice)
        )

    title = sent().capitalize()
    abstract = ". ".join(
        (FILLER[rng.integers(len(FILLER))] + " " + sent()) for _ in range(abstract_sentences)
    )
    return Publication(title=title, abstract=abstract, year=2020)


def _theta(rng: np.random.Generator, k: int) -> NDArray[np.float64]:
    theta = np.zeros(len(TOPIC_NAMES))
    idx = rng.choice(len(TOPIC_NAMES), size=k, replace=False)
    theta[idx] = rng.dirichlet(np.ones(k) * 1.5)
    return theta


def make_dataset(
    seed: int,
    n_researchers: int = 120,
    n_papers: int = 400,
    per_researcher: int = 10,
    hard: bool = False,
) -> tuple[list[PersonRecord], list[PersonRecord], list[tuple[int, int, int]]]:
    rng = np.random.default_rng(seed)
    researchers: list[PersonRecord] = []
    r_theta = []
    for r in range(n_researchers):
        th = _theta(rng, int(rng.integers(1, 4)))
        voice = rng.integers(0, 3, size=len(TOPIC_NAMES) * 7)
        npub = int(rng.integers(1, 12))
        pubs = tuple(
            _paper(
                rng,
                _theta(rng, 1) if hard and rng.random() < 0.25 else th,
                voice,
                abstract_sentences=int(rng.integers(0, 4)),
            )
            for _ in range(npub)
        )
        kws = tuple(_phrase(rng, th, voice) for _ in range(int(rng.integers(0, 4))))
        researchers.append(PersonRecord(id=f"r{r}", keywords=kws, publications=pubs))
        r_theta.append(th)
    papers: list[PersonRecord] = []
    p_theta = []
    for q in range(n_papers):
        th = _theta(rng, int(rng.integers(1, 3)))
        voice = rng.integers(0, 3, size=len(TOPIC_NAMES) * 7)
        papers.append(
            PersonRecord(
                id=f"p{q}",
                publications=(_paper(rng, th, voice, abstract_sentences=int(rng.integers(1, 5))),),
            )
        )
        p_theta.append(th)
    R = np.array(r_theta)
    P = np.array(p_theta)
    sim = (R @ P.T) / (np.linalg.norm(R, axis=1)[:, None] * np.linalg.norm(P, axis=1)[None, :])
    ratings: list[tuple[int, int, int]] = []
    for r in range(n_researchers):
        # half the papers near the researcher's topics, half anywhere (like bidding lists)
        near = np.argsort(-sim[r])[:60]
        chosen = np.concatenate(
            [
                rng.choice(near, per_researcher // 2, replace=False),
                rng.choice(n_papers, per_researcher - per_researcher // 2, replace=False),
            ]
        )
        for q in np.unique(chosen):
            noisy = sim[r, q] + rng.normal(0, 0.25 if hard else 0.12)
            rating = int(np.clip(np.round(1 + 4 * noisy), 1, 5))
            ratings.append((r, int(q), rating))
    return papers, researchers, ratings


def ordering_loss(scores: NDArray[np.float64], ratings: list[tuple[int, int, int]]) -> float:
    """Weighted share of wrongly ordered paper pairs per researcher (ties count 0.5).

    ``scores[q, r]`` is the affinity of paper (mentee) q and researcher (mentor) r."""
    by_r: dict[int, list[tuple[int, int]]] = {}
    for r, q, e in ratings:
        by_r.setdefault(r, []).append((q, e))
    num = 0.0
    den = 0.0
    for r, items in by_r.items():
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                (qa, ea), (qb, eb) = items[a], items[b]
                if ea == eb:
                    continue
                w = abs(ea - eb)
                sa, sb = scores[qa, r], scores[qb, r]
                hi, lo = (sa, sb) if ea > eb else (sb, sa)
                den += w
                if hi < lo:
                    num += w
                elif hi == lo:
                    num += 0.5 * w
    return num / den if den else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--no-embedding", action="store_true")
    ap.add_argument(
        "--hard",
        action="store_true",
        help="noisier ratings, 25%% off-topic publications per researcher",
    )
    args = ap.parse_args()
    emb = embedding_available() and not args.no_embedding
    options: list[tuple[str, AffinitySettings]] = [
        ("tfidf unigram profile", AffinitySettings("lexical", "profile", ngram_max=1)),
        ("tfidf unigram max-pub", AffinitySettings("lexical", "max", ngram_max=1)),
        ("tfidf unigram profile+max", AffinitySettings("lexical", "profile+max", ngram_max=1)),
        ("tfidf 1-2gram profile", AffinitySettings("lexical", "profile")),
        ("tfidf 1-2gram max-pub", AffinitySettings("lexical", "max")),
        ("tfidf 1-2gram mean-pub", AffinitySettings("lexical", "mean")),
        ("tfidf 1-2gram profile+max", AffinitySettings("lexical", "profile+max")),
        ("bm25", AffinitySettings("bm25")),
    ]
    if emb:
        options += [
            (
                "minilm profile(centroid)",
                AffinitySettings("embedding", embedding_pooling="profile"),
            ),
            ("minilm max-pub", AffinitySettings("embedding", embedding_pooling="max")),
            ("minilm mean-pub", AffinitySettings("embedding", embedding_pooling="mean")),
            ("minilm profile+max", AffinitySettings("embedding", embedding_pooling="profile+max")),
        ]
        for w in (0.3, 0.5, 0.7, 0.85):
            options.append(
                (f"blend profile w_emb={w}", AffinitySettings("blend", embedding_weight=w))
            )
        options.append(
            (
                "blend profile+max w_emb=0.7",
                AffinitySettings("blend", "profile+max", "profile+max", 0.7),
            )
        )
    results: dict[str, list[float]] = {name: [] for name, _ in options}
    cache = Path(tempfile.gettempdir()) / "mentormatch-affinity-eval-cache"
    for seed in range(args.seeds):
        papers, researchers, ratings = make_dataset(seed, hard=args.hard)
        for name, st in options:
            t0 = time.perf_counter()
            model = AffinityModel(papers, researchers, st, cache_dir=cache)
            s = model.block(slice(None))
            results[name].append(ordering_loss(s, ratings))
            _ = time.perf_counter() - t0
    print(f"{'option':34s} " + " ".join(f"seed{s}" for s in range(args.seeds)) + "   mean")
    for name, vals in results.items():
        print(f"{name:34s} " + " ".join(f"{v:.3f}" for v in vals) + f"  {np.mean(vals):.3f}")


if __name__ == "__main__":
    main()
