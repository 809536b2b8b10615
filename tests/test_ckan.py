"""A CKAN portal imports our catalogue: ckanext-dcat's parser with the DCAT-AP 3 profile (what the
Latvian open-data portal harvests with), in the CKAN that `scripts/setup` installs in `.venv-ckan`."""
from __future__ import annotations

import json
import subprocess

import pytest

from sikg.graph.publish import ReleaseOptions, publish
from sikg.graph.store import open_store
from support import ROOT

CKAN = ROOT / ".venv-ckan" / "bin" / "python"
PARSE = """
import json, sys
from ckanext.dcat.processors import RDFParser
parser = RDFParser(profiles=["euro_dcat_ap_3"])
parser.parse(open(sys.argv[1], encoding="utf-8").read(), _format="turtle")
print(json.dumps(list(parser.datasets()), default=str))
"""


def ckan_has_dcat() -> bool:
    return CKAN.exists() and subprocess.run([str(CKAN), "-c", "import ckanext.dcat.processors"],
                                            capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not ckan_has_dcat(), reason="no CKAN with ckanext-dcat in .venv-ckan (scripts/setup)")


@pytest.fixture(scope="module")
def imported(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("ckan") / "release"
    publish(open_store(built[0]), out, ReleaseOptions())
    r = subprocess.run([str(CKAN), "-c", PARSE, str(out / "catalog.ttl")], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    (dataset,) = json.loads(r.stdout)
    return dataset, {e["key"]: e["value"] for e in dataset["extras"]}


def test_title_description_keywords_and_licence_survive(imported):
    dataset, extras = imported
    assert dataset["title"] in ("Baltic social-innovation ecosystem knowledge graph",
                                "Baltijas sociālo inovāciju ekosistēmas zināšanu grafs")
    assert dataset["notes"]
    tags = {t["name"] for t in dataset["tags"]}
    assert {"social innovation", "sociālās inovācijas", "NGO", "Baltic"} <= tags
    assert {"Latvia", "Latvija", "Sweden", "Zviedrija"} <= tags  # the countries, kept as keywords
    assert dataset["license_id"] == "cc-by"
    assert extras["spatial_uri"].startswith("http://publications.europa.eu/resource/authority/country/")
    assert extras["publisher_name"] and extras["contact_email"]


def test_resources_have_ckan_format_names_sizes_and_checksums(imported):
    dataset, _ = imported
    resources = {r["format"]: r for r in dataset["resources"]}
    assert set(resources) == {"Turtle", "N-Quads", "JSON-LD"}
    for r in resources.values():
        assert r["hash_algorithm"].endswith("checksumAlgorithm_sha256") and len(r["hash"]) == 64
        assert int(r["size"]) > 0 and r["download_url"].startswith("https://w3id.org/sikg/release/")
        assert r["license"] == "https://creativecommons.org/licenses/by/4.0/"
