from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mentormatch_engine.affinity import AffinityModel, AffinitySettings, Method
from mentormatch_engine.embedding import EmbeddingCache, embed_with_cache, embedding_available
from mentormatch_engine.interface import PersonRecord, Publication
from mentormatch_engine.tests.conftest import FakeEmbedder

CARDIO_MENTEE = PersonRecord(
    id="mentee", interests="Heart failure with preserved ejection fraction; atrial fibrillation"
)
CARDIOLOGIST = PersonRecord(
    id="cardio",
    interests="Cardiology",
    keywords=("heart failure", "arrhythmia"),
    publications=(
        Publication(
            "Atrial fibrillation after cardiac surgery",
            "Heart failure patients with atrial fibrillation ...",
        ),
    ),
)
DERMATOLOGIST = PersonRecord(
    id="derm",
    interests="Dermatology",
    keywords=("psoriasis", "melanoma"),
    publications=(Publication("Biologics for plaque psoriasis", "Skin disease trial"),),
)
EMPTY = PersonRecord(id="empty")


@pytest.mark.parametrize("method", ["lexical", "bm25"])
def test_cardiology_mentee_prefers_cardiologist(method: Method) -> None:
    model = AffinityModel(
        [CARDIO_MENTEE], [DERMATOLOGIST, CARDIOLOGIST], AffinitySettings(method=method)
    )
    s = model.block(np.arange(1))
    assert s[0, 1] > s[0, 0]


def test_blend_with_injected_embedder(fake_embedder: FakeEmbedder) -> None:
    model = AffinityModel(
        [CARDIO_MENTEE],
        [DERMATOLOGIST, CARDIOLOGIST],
        AffinitySettings(method="blend"),
        embedder=fake_embedder,
    )
    s = model.block(slice(None))
    assert model.method == "blend"
    assert s[0, 1] > s[0, 0]
    assert fake_embedder.calls


def test_scores_in_unit_interval_and_comparable() -> None:
    mentees = [CARDIO_MENTEE, PersonRecord(id="m2", interests="melanoma and psoriasis")]
    model = AffinityModel(
        mentees, [DERMATOLOGIST, CARDIOLOGIST], AffinitySettings(method="lexical")
    )
    s = model.block(slice(None))
    assert s.shape == (2, 2) and ((s >= 0) & (s <= 1)).all()
    # across mentees for one mentor: the dermatologist prefers the skin mentee
    assert s[1, 0] > s[0, 0]


@pytest.mark.parametrize("method", ["lexical", "bm25", "blend"])
def test_empty_records_give_finite_neutral_scores(
    method: Method, fake_embedder: FakeEmbedder
) -> None:
    model = AffinityModel(
        [EMPTY, CARDIO_MENTEE],
        [CARDIOLOGIST, EMPTY, DERMATOLOGIST],
        AffinitySettings(method=method),
        embedder=fake_embedder,
    )
    s = model.block(slice(None))
    assert np.isfinite(s).all()
    assert np.allclose(s[0], model.neutral)
    assert np.allclose(s[:, 1], model.neutral)
    assert 0.0 <= model.neutral <= 1.0


def test_all_empty_is_zero_not_nan() -> None:
    model = AffinityModel([EMPTY], [PersonRecord(id="x")], AffinitySettings(method="lexical"))
    assert model.block(slice(None)).tolist() == [[0.0]]


def test_shared_topics_name_the_overlap() -> None:
    model = AffinityModel([CARDIO_MENTEE], [CARDIOLOGIST], AffinitySettings(method="lexical"))
    topics = model.shared_topics(0, 0)
    terms = [t.term for t in topics]
    assert "heart failure" in terms and "atrial fibrillation" in terms
    assert all(t.weight > 0 for t in topics)
    assert [t.weight for t in topics] == sorted((t.weight for t in topics), reverse=True)


def test_shared_topics_leave_out_the_boilerplate_of_research_writing() -> None:
    boilerplate = (
        "We conducted a study; these results inform future work. {} is an important determinant."
    )
    mentee = PersonRecord(id="m", interests=boilerplate.format("Sepsis"))
    mentor = PersonRecord(
        id="r",
        publications=(Publication("Early sepsis care", boilerplate.format("Sepsis")),),
    )
    model = AffinityModel([mentee], [mentor], AffinitySettings(method="lexical"))

    terms = [t.term for t in model.shared_topics(0, 0)]

    assert "sepsis" in terms
    assert not {"conducted", "inform future", "important determinant", "future"} & set(terms)


def test_cache_hit_avoids_reembedding(tmp_path: Path) -> None:
    first = FakeEmbedder()
    texts = ["heart failure", "psoriasis", "heart failure"]
    a = embed_with_cache(texts, first, tmp_path)
    assert sorted(first.calls) == ["heart failure", "psoriasis"]  # duplicates embedded once
    second = FakeEmbedder()
    b = embed_with_cache([*texts, "melanoma"], second, tmp_path)
    assert second.calls == ["melanoma"]  # only what changed
    assert np.allclose(a, b[:3])
    assert len(EmbeddingCache(tmp_path, first.name)) == 3


def test_cache_through_the_model(tmp_path: Path) -> None:
    e1 = FakeEmbedder()
    AffinityModel(
        [CARDIO_MENTEE],
        [CARDIOLOGIST],
        AffinitySettings(method="blend"),
        embedder=e1,
        cache_dir=tmp_path,
    )
    e2 = FakeEmbedder()
    AffinityModel(
        [CARDIO_MENTEE],
        [CARDIOLOGIST, DERMATOLOGIST],
        AffinitySettings(method="blend"),
        embedder=e2,
        cache_dir=tmp_path,
    )
    assert e1.calls and set(e2.calls).isdisjoint(e1.calls)
    assert len(e2.calls) == 2  # the dermatologist's profile and publication


def test_settings_validation() -> None:
    with pytest.raises(ValueError, match="unknown affinity method"):
        AffinitySettings(method="magic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="embedding_weight"):
        AffinitySettings(embedding_weight=2.0)


@pytest.mark.slow
@pytest.mark.skipif(not embedding_available(), reason="embedding extra not installed")
@pytest.mark.filterwarnings("ignore")
def test_real_minilm_model(tmp_path: Path) -> None:
    mentee = PersonRecord(id="m", interests="myocardial infarction outcomes")
    cardio = PersonRecord(id="c", interests="acute coronary syndrome and heart attack care")
    derm = PersonRecord(id="d", interests="eczema and skin barrier")
    model = AffinityModel(
        [mentee], [derm, cardio], AffinitySettings(method="embedding"), cache_dir=tmp_path
    )
    s = model.block(slice(None))
    assert s[0, 1] > s[0, 0]
    assert model.mentee_emb is not None and model.mentee_emb.shape == (1, 384)
