"""The generated vocabulary (ontology/vocabulary.py) is what scripts/vocabulary.py makes of the ontology,
and the one place the code takes its types, predicates and namespace from."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from sikg.ontology import vocabulary
from support import ROOT

GENERATOR = ROOT / "scripts" / "vocabulary.py"


def _generator():
    spec = importlib.util.spec_from_file_location("vocabulary_generator", GENERATOR)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_vocabulary_is_up_to_date():
    expected = _generator().render()
    actual = (ROOT / "ontology" / "vocabulary.py").read_text(encoding="utf-8")
    assert actual == expected, "ontology/vocabulary.py is out of date: run scripts/vocabulary.py"


def test_a_changed_ontology_changes_the_vocabulary(tmp_path):
    onto = (ROOT / "ontology" / "sikg.ttl").read_text(encoding="utf-8")
    changed = tmp_path / "sikg.ttl"
    changed.write_text(onto.replace("sikg:Place sikg:Event )", "sikg:Event sikg:Place )"), encoding="utf-8")
    text = _generator().render(changed)
    assert "'Country', 'Event', 'Place')" in text


def test_check_mode_passes_on_the_committed_file():
    ok = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr


def test_lists_follow_the_annotation_schema():
    assert vocabulary.ENTITY_TYPES == ("Organisation", "Project", "Programme", "Person", "Country", "Place", "Event")
    assert set(vocabulary.ROLE_PREDICATES) <= set(vocabulary.PREDICATES)
    assert vocabulary.DOMAIN["worksFor"] == ("Person",)
    assert vocabulary.RANGE["fundedBy"] == ("Organisation", "Programme")


def test_unknown_terms_fail():
    with pytest.raises(AttributeError):
        _ = vocabulary.TERMS.fundedby
    with pytest.raises(KeyError):
        vocabulary.term("Funder")


def test_the_namespace_and_the_type_list_are_written_once():
    """`git grep` finds the ontology namespace and the entity-type list in one Python module each."""
    files = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    product = [f for f in files if not f.startswith(("tests/", "scripts/vocabulary.py"))]
    namespace, type_list = vocabulary.NAMESPACE, "'Organisation', 'Project', 'Programme', 'Person'"
    found_ns = [f for f in product if namespace in (ROOT / f).read_text(encoding="utf-8")]
    found_types = [f for f in product
                   if type_list in (ROOT / f).read_text(encoding="utf-8").replace('"', "'")]
    assert found_ns == ["ontology/vocabulary.py"]
    assert found_types == ["ontology/vocabulary.py"]
