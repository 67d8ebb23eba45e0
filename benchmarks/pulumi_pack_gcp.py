"""The pulumi-gcp pack's cold start and Analyze latency, next to a pack with one trivial policy; and
what importing pulumi_gcp costs a program.

Run: ``python benchmarks/pulumi_pack_gcp.py [--rounds N] [--all-submodules]``. Same method as
``benchmarks/pulumi_pack.py`` (packs started as the engine starts them, driven over loopback gRPC,
one Analyze per resource, then AnalyzeStack), over the pulumi-gcp test programs captured as a preview
(buckets with IAM members / bindings / policies, firewalls, Cloud SQL, KMS keys, disks, networks with
subnetworks, unknowns, secrets). The pack imports no pulumi_gcp module: its cold start does not grow
with the SDK. Import costs are measured in fresh interpreters: the package alone, the submodules the
test programs use, and (``--all-submodules``) every submodule, which no program or test should do.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pulumi_pack import compare  # noqa: E402

from hitrust_policies.pulumi_pack import pack_rules  # noqa: E402
from hitrust_policies.testing.pulumi import capture, default_pack_dir  # noqa: E402
from tests.pulumi_programs import gcp as programs  # noqa: E402

TRIVIAL_PACK = '''\
from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy


def _labelled(args, report_violation):
    if args.resource_type == "gcp:storage/bucket:Bucket" and not args.props.get("labels"):
        report_violation("bucket has no labels")


PolicyPack("trivial", enforcement_level=EnforcementLevel.ADVISORY, policies=[
    ResourceValidationPolicy(name="bucket-labelled", description="Buckets are labelled.", validate=_labelled),
])
'''

PROGRAMS = (programs.buckets_keys_logging, programs.buckets_public, programs.firewalls, programs.sql_instances,
            programs.kms_keys, programs.disks, programs.networks, programs.unresolved_outputs, programs.secrets)
# pulumi_gcp's submodules load lazily: a class must be touched for the module to run
IMPORTS = {
    "import pulumi_gcp": "import pulumi_gcp",
    "compute, storage, sql, kms (one class each)": "from pulumi_gcp import compute, storage, sql, kms\n"
                                                   "compute.Firewall, storage.Bucket, sql.DatabaseInstance, "
                                                   "kms.CryptoKey",
    "every submodule": "import importlib, pkgutil, pulumi_gcp\n"
                       "for m in pkgutil.iter_modules(pulumi_gcp.__path__):\n"
                       "    if m.ispkg: getattr(importlib.import_module('pulumi_gcp.' + m.name), 'x', None)",
}


def program() -> None:
    for p in PROGRAMS:
        p()


def import_seconds(statement: str) -> tuple[float, float]:
    """(seconds, MB of peak RSS) of ``statement`` in a fresh interpreter that has imported pulumi."""
    code = ("import resource, time, pulumi\nstarted = time.perf_counter()\n" + statement +
            "\nprint(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    seconds, megabytes = out.split()[-2:]
    return float(seconds), float(megabytes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--all-submodules", action="store_true", help="also time importing every submodule")
    args = parser.parse_args()
    print("| import (fresh interpreter, after `import pulumi`) | seconds | peak RSS (MB) |\n|---|---|---|")
    for label, statement in IMPORTS.items():
        if label != "every submodule" or args.all_submodules:
            seconds, megabytes = import_seconds(statement)
            print(f"| {label} | {seconds:.2f} | {megabytes:.0f} |")
    print()
    resources = capture(program, preview=True)
    print(compare(f"hitrust-gcp ({len(pack_rules(package='gcp'))} policies)", default_pack_dir("hitrust-gcp"),
                  TRIVIAL_PACK, resources, args.rounds, f"{len(resources)} pulumi-gcp resources"))


if __name__ == "__main__":
    main()
