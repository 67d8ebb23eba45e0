"""Reading plan files: encodings, broken files, modules and indexes, deletions, data sources, references."""

from __future__ import annotations

import copy
import re

import pytest

from hitrust_policies.sources.terraform.plan import PlanError, parse, resources
from hitrust_policies.sources.terraform.references import Configuration
from tests.sources.terraform.plans import FILES, plan, plan_path


@pytest.mark.parametrize("name", ["audit.utf16le.json", "audit.utf16be.json", "audit.utf8bom.json"])
def test_utf16_and_bom_files_read_as_the_utf8_plan(name: str) -> None:
    assert parse((FILES / name).read_bytes(), name) == plan("audit")


@pytest.mark.parametrize(("name", "message"), [
    ("truncated.json", r"truncated\.json: not JSON: Expecting .+ at line 41 column 1$"),
    ("state.json", r"state\.json: not a Terraform plan \(expected the output of `terraform show -json PLANFILE`\)$"),
    ("future.json", r"future\.json: plan format_version 2\.0 is not supported \(1\.x is\)$"),
])
def test_a_bad_file_is_one_line_naming_it(name: str, message: str) -> None:
    with pytest.raises(PlanError) as err:
        parse((FILES / name).read_bytes(), name)
    assert re.match(message, str(err.value)) and "\n" not in str(err.value)


def test_bytes_that_are_no_text_name_the_file_and_byte() -> None:
    with pytest.raises(PlanError, match=r"^x\.json: not UTF-8 or UTF-16 text \(byte 1\)$"):
        parse(b"{\x80}", "x.json")


def test_modules_count_and_for_each_instances() -> None:
    found = {r.address: r for r in resources(plan("storage"))}
    phi = found['module.records.aws_s3_bucket.this["phi"]']
    assert (phi.module, phi.index, phi.config_address, phi.logical_name) == (
        "module.records", "phi", "aws_s3_bucket.this", 'module.records.this["phi"]')
    disk = found["aws_ebs_volume.disk[1]"]
    assert (disk.module, disk.index, disk.logical_name, disk.after["encrypted"]) == ("", 1, "disk[1]", False)
    assert not [a for a in found if ".data." in a or a.startswith("data.")]  # data sources are not evaluated
    assert len(found) == 22


def test_deleted_resources_are_not_evaluated_replaced_ones_are() -> None:
    doc = copy.deepcopy(plan("audit"))
    for change in doc["resource_changes"]:
        if change["address"] == "aws_cloudtrail.dev":  # what a plan shows for a resource to destroy
            change["change"].update(actions=["delete"], after=None, after_unknown={}, after_sensitive=False)
        if change["address"] == "aws_cloudtrail.org":
            change["change"]["actions"] = ["delete", "create"]
    module = doc["planned_values"]["root_module"]
    module["resources"] = [r for r in module["resources"] if r["address"] != "aws_cloudtrail.dev"]
    addresses = {r.address for r in resources(doc)}
    assert "aws_cloudtrail.dev" not in addresses and "aws_cloudtrail.org" in addresses


def test_after_unknown_and_after_sensitive_are_joined_from_resource_changes() -> None:
    (good,) = [r for r in resources(plan("storage")) if r.address == "aws_db_instance.good"]
    assert good.unknown["kms_key_id"] is True and good.sensitive["password"] is True
    assert "kms_key_id" not in good.after and good.actions == ("create",)


def _deps(doc: dict, address: str) -> dict[str, list[str]]:
    planned = resources(doc)
    (res,) = [r for r in planned if r.address == address]
    return {k: sorted(r.address for r in v) for k, v in Configuration(doc, planned).dependencies(res).items()}


def test_references_pin_for_each_instances_and_follow_module_variables() -> None:
    doc = plan("storage")
    assert _deps(doc, 'module.records.aws_s3_bucket_server_side_encryption_configuration.this["scans"]') == {
        "bucket": ['module.records.aws_s3_bucket.this["scans"]'], "rule": ["aws_kms_key.data"]}
    assert _deps(doc, "aws_s3_bucket_public_access_block.partial") == {"bucket": ["aws_s3_bucket.partial"]}
    assert _deps(doc, "aws_ebs_volume.computed") == {"encrypted": ["aws_kms_key.data"]}
    assert _deps(doc, "aws_ebs_volume.disk[0]") == {}  # count.index alone references no resource


def test_references_follow_module_outputs() -> None:
    doc = plan("module_outputs")
    assert _deps(doc, "aws_s3_bucket_logging.audit_logs") == {"bucket": ["module.audit_logs.aws_s3_bucket.this"]}
    (module,) = doc["configuration"]["root_module"]["module_calls"].values()
    module["module"]["outputs"]["id"]["expression"] = {"constant_value": "audit-logs-tf"}
    assert _deps(doc, "aws_s3_bucket_logging.audit_logs") == {}


def test_a_reference_whose_index_something_else_computes_is_not_pinned() -> None:
    doc = copy.deepcopy(plan("storage"))
    (module,) = doc["configuration"]["root_module"]["module_calls"].values()
    for r in module["module"]["resources"]:
        if r["address"] == "aws_s3_bucket_logging.this":  # as for bucket = aws_s3_bucket.this[local.other[each.key]].id
            r["expressions"]["bucket"]["references"] = ["aws_s3_bucket.this", "local.other", "each.key"]
    assert _deps(doc, 'module.records.aws_s3_bucket_logging.this["phi"]') == {}


def test_a_plan_file_path_is_what_the_generator_wrote() -> None:
    assert plan_path("storage").read_bytes().startswith(b"{\n \"format_version\": \"1.2\"")
