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
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pulumi_pack import measure  # noqa: E402

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
    with tempfile.TemporaryDirectory() as tmp:
        trivial = Path(tmp)
        (trivial / "PulumiPolicy.yaml").write_text("runtime: python\ndescription: trivial\n")
        (trivial / "__main__.py").write_text(TRIVIAL_PACK)
        rows = {
            f"hitrust-azure ({len(pack_rules(package='azure-native'))} policies)":
                measure(default_pack_dir("hitrust-azure"), resources, args.rounds),
            "trivial (1 policy)": measure(trivial, resources, args.rounds),
        }
    metrics = list(next(iter(rows.values())))
    width = max(len(m) for m in metrics)
    print(f"{len(resources)} azure-native resources, {args.rounds} rounds, medians; Python {sys.version.split()[0]}")
    print(f"{'':{width}}  " + "  ".join(f"{name:>28}" for name in rows))
    for metric in metrics:
        fmt = "{:>28.0f}" if metric == "violations" else "{:>28.2f}"
        print(f"{metric:{width}}  " + "  ".join(fmt.format(r[metric]) for r in rows.values()))


if __name__ == "__main__":
    main()
