"""Training, the model file, cross-validation by publisher, and the project's scorer."""
from __future__ import annotations

import importlib.util
import json
import zipfile

import pytest

from sikg.loaders.errors import InputError
from sikg.loaders.extract import Extractor, extract_article
from sikg.loaders.extract.model import load_model, shipped_model_path
from sikg.loaders.extract.score import intervals, load_dir, score
from sikg.loaders.extract.train import cross_validate, folds_by_publisher, read_examples, train_model
from support import SHARED, run_sikg

EXAMPLES, _ = read_examples([])


def test_the_bundled_annotated_articles_are_the_training_data():
    assert len(EXAMPLES) == 100
    assert len({e.publisher for e in EXAMPLES}) > 50


def test_training_is_reproducible_and_gives_the_shipped_model():
    """`sikg train` on the bundled data gives the shipped model byte for byte (so its output too)."""
    assert train_model(EXAMPLES).to_bytes() == shipped_model_path().read_bytes()


def test_a_small_training_set_trains_the_same_twice():
    few = EXAMPLES[:12]
    assert train_model(few).to_bytes() == train_model(few).to_bytes()


def test_folds_keep_each_publisher_together():
    folds = folds_by_publisher(EXAMPLES, 5)
    assert len(folds) == 5 and sum(map(len, folds)) == len(EXAMPLES)
    owner = {}
    for i, fold in enumerate(folds):
        for ex in fold:
            assert owner.setdefault(ex.publisher, i) == i, ex.publisher
    assert max(map(len, folds)) - min(map(len, folds)) <= 3


@pytest.mark.scores
def test_cross_validated_scores_do_not_regress():
    """Floors a little under what README reports (grouped by publisher, 5 folds): a change that
    loses extraction quality on unseen publishers fails here."""
    result = cross_validate(EXAMPLES, 5)
    for measure, (lo, hi) in result.intervals.items():  # publishers resampled: the pooled figure inside
        assert lo <= result.pooled[measure]["f1"] <= hi, (measure, lo, hi)
    cv = result.table()
    assert cv["entities_core_f1"] >= 0.71, cv
    assert cv["relations_f1"] >= 0.33, cv
    assert cv["events_f1"] >= 0.28, cv
    assert cv["identity_recall"] >= 0.97, cv
    assert cv["false_merges"] <= 1, cv


def _one_person(name: str) -> dict:
    return {"entities": [{"type": "Person", "name": name}], "relations": []}


def test_bootstrap_intervals_resample_whole_publishers():
    """Articles of one publisher move together: two publishers, one found everything and one
    nothing, span 0..1; the same articles as one publisher have no spread at all."""
    gold = {f"a{i}": _one_person(f"Anna Ozola {i}") for i in range(4)}
    system = {"a0": gold["a0"], "a1": gold["a1"], "a2": _one_person("Cits"), "a3": _one_person("Vēl cits")}
    two = intervals(gold, system, {"a0": "x", "a1": "x", "a2": "y", "a3": "y"}, resamples=500)
    assert two["entities_core"] == (0.0, 1.0)
    one = intervals(gold, system, {s: "x" for s in gold}, resamples=500)
    assert one["entities_core"][0] == one["entities_core"][1] == score(gold, system)["entities_core"]["f1"]
    assert intervals(gold, system, resamples=300, seed=7) == intervals(gold, system, resamples=300, seed=7)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"\x00\x01not a zip", "not a sikg extractor model"),
    (None, "missing"),
    ("format", "retrain"),
    ("tagger", "cannot be opened"),
])
def test_a_bad_model_file_is_a_one_line_error_naming_it(tmp_path, content, reason):
    path = tmp_path / "model.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("other.txt", "x")
    elif content in ("format", "tagger"):
        with zipfile.ZipFile(shipped_model_path()) as src, zipfile.ZipFile(path, "w") as z:
            for name in src.namelist():
                data = src.read(name)
                if content == "format" and name == "meta.json":
                    data = json.dumps({"format": "sikg-extractor/0"}).encode()
                if content == "tagger" and name == "tagger.crfsuite":
                    data = b"garbage"
                z.writestr(name, data)
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=reason) as exc:
        load_model(path)
    assert str(path) in str(exc.value) and "\n" not in str(exc.value)
    result = run_sikg("extract", str(shipped_model_path().parent), "--out", str(tmp_path / "out"), "--model", str(path))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and str(path) in result.stderr


def test_rules_only_and_model_differ_and_the_extractor_pickles(seed_dir):
    import pickle

    from sikg.loaders.articles import read_article

    art = read_article(next(seed_dir.glob("*.txt")))
    ex = pickle.loads(pickle.dumps(Extractor()))
    assert ex(art).to_json() == extract_article(art).to_json()
    assert Extractor(rules_only=True)(art).to_json() == extract_article(art, None).to_json()


def test_cli_train_then_extract_with_the_model(tmp_path, seed_dir):
    model = tmp_path / "m.zip"
    result = run_sikg("train", str(seed_dir), "--no-bundled", "--cross-validate", "0", "--out", str(model))
    assert result.returncode == 0, result.stderr
    assert "training on 5 annotated articles" in result.stdout and model.exists()
    result = run_sikg("extract", str(seed_dir), "--out", str(tmp_path / "out"), "--model", str(model))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").glob("*.json"))) == 5


def test_cli_evaluate_scores_against_a_gold_folder(tmp_path, seed_dir):
    result = run_sikg("evaluate", str(seed_dir), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["articles"] == 5 and 0 < data["entities_core"]["f1"] <= 1


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval/score.py is not here")
def test_our_scorer_agrees_with_the_shared_one(tmp_path):
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    out = tmp_path / "out"
    result = run_sikg("extract", str(SHARED / "corpus" / "articles"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    gold = SHARED / "corpus" / "gold"
    theirs = shared.score(shared.load_dir(gold), shared.load_dir(out))
    ours = score(load_dir(gold), load_dir(out))
    for key in ("entities_core", "events", "relations", "role_agreement", "identity", "relations_by_predicate"):
        assert ours[key] == theirs[key], key


def test_the_classifier_gives_a_person_one_employer_and_none_beside_a_rules():
    from sikg.loaders.annotations import Entity, Relation
    from sikg.loaders.extract.relate import NONE, ArticleView, EntityMentions, RelationClassifier

    person, near, far = (EntityMentions(Entity(t, n), [(0, s, e)]) for t, n, s, e in (
        ("Person", "Anna Bērziņa", 0, 12), ("Organisation", "Alfa biedrība", 20, 33),
        ("Organisation", "Beta fonds", 40, 50)))
    words = [[(0, 4, "anna"), (5, 12, "bērziņa"), (13, 19, "vada"), (20, 24, "alfa"), (25, 33, "biedrība"),
              (34, 39, "un"), (40, 44, "beta"), (45, 50, "fonds")]]
    # worksFor grows with the words between: the nearer organisation is the likelier employer
    classifier = RelationClassifier([NONE, "worksFor"], {"tp=Person>Organisation": [0.0, 3.0],
                                                         "btw=un": [1.5, 0.0]}, [0.0, 0.0],
                                    {("Person", "worksFor", "Organisation")}, threshold=0.25)
    view = ArticleView("", "T", words, [person, near, far], [])
    assert [(r.subject, r.object) for r in classifier.predict(view)] == [("Anna Bērziņa", "Alfa biedrība")]
    ruled = ArticleView("", "T", words, [person, near, far], [Relation("Anna Bērziņa", "worksFor", "Beta fonds")])
    assert [(r.subject, r.object) for r in classifier.predict(ruled)] == [("Anna Bērziņa", "Beta fonds")]


def test_a_pair_knows_what_the_rules_said_of_its_subjects_siblings():
    from sikg.loaders.annotations import Entity, Relation
    from sikg.loaders.extract.relate import ArticleView, EntityMentions, _context, pair_features

    first, second, call = (EntityMentions(Entity(t, n), [(s, 0, 5)]) for t, n, s in (
        ("Project", "A Safe Place", 0), ("Project", "Rural Planning", 2), ("Programme", "Project Support Facility", 1)))
    view = ArticleView("", "T", [[], [], []], [first, second, call],
                       [Relation("A Safe Place", "fundedBy", "Project Support Facility")])
    context = _context(view)
    assert "sib=fundedBy|Project>Programme" in pair_features(view, second, call, context)
    assert not any(f.startswith("sib=") for f in pair_features(view, first, call, context))  # its own rule
