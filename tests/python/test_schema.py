"""docs/schemas/framework.schema.json: the shipped pack, packs written by to_json(), and school packs
validate against it; packs the loader refuses for a reason the schema can express fail it too."""

import json

import jsonschema
import pytest

import coachkit


@pytest.fixture(scope="module")
def schema(source_dir):
    with open(source_dir / "docs" / "schemas" / "framework.schema.json", encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def problems(validator, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def test_schema_is_a_valid_2020_12_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"] == {"const": "coachkit.framework/1"}


def test_shipped_pack_validates(validator, shipped_pack):
    assert problems(validator, shipped_pack) == []


def test_curee_to_json_validates(validator, curee):
    assert problems(validator, curee.to_json()) == []


def test_school_pack_file_validates(validator, school_pack_path):
    assert problems(validator, read(school_pack_path)) == []


def test_school_to_json_validates_as_a_standalone_pack(validator, school):
    exported = school.to_json()
    assert "extends" not in exported
    assert problems(validator, exported) == []


def test_standalone_pack_and_its_export_validate(validator, standalone_pack_path):
    assert problems(validator, read(standalone_pack_path)) == []
    assert problems(validator, coachkit.load_pack(standalone_pack_path).to_json()) == []


# Packs the loader refuses and the schema also rejects (the rest need cross-item checks).
SCHEMA_REJECTS = [
    "missing_schema.json",
    "wrong_schema_family.json",
    "newer_schema_version.json",
    "root_not_object.json",
    "wrong_type.json",
    "bad_id.json",
    "standalone_incomplete.json",
]


@pytest.mark.parametrize("name", SCHEMA_REJECTS)
def test_schema_rejects_what_the_loader_rejects(validator, bad_packs_dir, name):
    document = read(bad_packs_dir / name)
    assert problems(validator, document), f"the schema accepts {name}"
    with pytest.raises(coachkit.InvalidDocumentError):
        coachkit.load_pack(bad_packs_dir / name)


def test_schema_rejects_an_export_with_a_broken_item(validator, curee):
    exported = curee.to_json()
    del exported["modes"][0]["definition"]
    assert problems(validator, exported)
    exported = curee.to_json()
    exported["skills"][0]["modes"]["mentoring"]["number"] = 0
    assert problems(validator, exported)


def test_schema_allows_unknown_fields_as_the_loader_does(validator, extending, curee):
    pack = extending(
        principles=[{"id": "pupil-voice", "number": 11, "name": "x", "x-local": {"any": [1, "two"]}}]
    )
    pack["x-top"] = True
    assert problems(validator, pack) == []
    fw = coachkit.load_pack_text(json.dumps(pack))
    assert problems(validator, fw.to_json()) == []
