"""The azure-native pack's cold start and Analyze latency, next to a pack with one trivial policy.

Run: ``python benchmarks/pulumi_pack_azure.py [--rounds N]``. Same method as
``benchmarks/pulumi_pack.py`` (packs started as the engine starts them, driven over loopback gRPC),
over the azure-native test programs captured as a preview (storage accounts with diagnostic
settings, NSGs with inline and separate rules, SQL servers / databases / TDE, disks, unknowns).
The pack imports no azure-native module: its cold start does not grow with the SDK.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pulumi_pack import compare  # noqa: E402

from hitrust_policies.pulumi_pack import pack_rules  # noqa: E402
from hitrust_policies.testing.pulumi import capture, default_pack_dir  # noqa: E402
from tests.pulumi_programs import azure_native as programs  # noqa: E402

TRIVIAL_PACK = '''\
from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy


def _tagged(args, report_violation):
    if args.resource_type == "azure-native:storage:StorageAccount" and not args.props.get("tags"):
        report_violation("storage account has no tags")


PolicyPack("trivial", enforcement_level=EnforcementLevel.ADVISORY, policies=[
    ResourceValidationPolicy(name="account-tagged", description="Accounts are tagged.", validate=_tagged),
])
'''

PROGRAMS = (programs.compliant_storage, programs.noncompliant_storage, programs.stock_template_storage,
            programs.nsg_rules, programs.loadbalancer_vm_nsg, programs.sql_servers, programs.sql_restored_database,
            programs.managed_disks, programs.unresolved_outputs, programs.secrets, programs.edge_joins)


def program() -> None:
    for p in PROGRAMS:
        p()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    resources = capture(program, preview=True)
    print(compare(f"hitrust-azure ({len(pack_rules(package='azure-native'))} policies)",
                  default_pack_dir("hitrust-azure"), TRIVIAL_PACK, resources, args.rounds,
                  f"{len(resources)} azure-native resources"))

if __name__ == "__main__":
    main()
