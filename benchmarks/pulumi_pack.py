"""Pack cold start and Analyze latency: the full HITRUST pack vs a pack with one trivial policy.

Run: ``python benchmarks/pulumi_pack.py [--rounds N]``. Both packs are started exactly as
the engine starts them (``python -u -m pulumi.policy <engine> <pack-dir>``) and driven
over gRPC on loopback by `hitrust_policies.testing.pulumi.PackProcess`.

* cold start: process spawn -> first ``GetAnalyzerInfo`` answer;
* Analyze: mean time per resource of ``Analyze`` (resource policies) over a realistic
  program (buckets, security groups, databases, trails, listeners...);
* AnalyzeStack: one call with every resource (stack policies, joins).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from google.protobuf import empty_pb2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hitrust_policies.pulumi_pack import pack_rules  # noqa: E402
from hitrust_policies.testing.pulumi import PackProcess, capture, default_pack_dir  # noqa: E402
from tests.pulumi_programs import iam, logging, network, storage, tls, unknowns  # noqa: E402

TRIVIAL_PACK = '''\
from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy


def _tagged(args, report_violation):
    if args.resource_type == "aws:s3/bucket:Bucket" and not args.props.get("tags"):
        report_violation("bucket has no tags")


PolicyPack("trivial", enforcement_level=EnforcementLevel.ADVISORY, policies=[
    ResourceValidationPolicy(name="bucket-tagged", description="Buckets are tagged.", validate=_tagged),
])
'''

PROGRAMS = (storage.compliant_bucket, storage.noncompliant_buckets, storage.volumes, storage.databases,
            network.open_admin_ports, network.vpcs, logging.trails, logging.log_groups,
            iam.users_and_policies, iam.keys, tls.listeners, unknowns.unresolved_outputs)


def program() -> None:
    for p in PROGRAMS:
        p()


def measure(pack_dir: Path, resources: list, rounds: int) -> dict[str, float]:
    starts, analyze, stack = [], [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        with PackProcess(pack_dir) as pack:
            pack.stub.GetAnalyzerInfo(empty_pb2.Empty())
            starts.append(time.perf_counter() - t0)
            pack.configure_stack()
            pack.configure({"all": "mandatory"})
            pack.analyze_resource(resources[0])  # warm the channel
            t1 = time.perf_counter()
            violations = [v for r in resources for v in pack.analyze_resource(r, remediate=False)]
            analyze.append((time.perf_counter() - t1) / len(resources))
            t2 = time.perf_counter()
            violations += pack.analyze_stack(resources)
            stack.append(time.perf_counter() - t2)
    return {
        "cold start (ms)": statistics.median(starts) * 1000,
        "Analyze per resource (ms)": statistics.median(analyze) * 1000,
        "AnalyzeStack, whole stack (ms)": statistics.median(stack) * 1000,
        "violations": float(len(violations)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    resources = capture(program, preview=True)
    print(compare(f"hitrust-aws ({len(pack_rules(package='aws'))} policies)", default_pack_dir(), TRIVIAL_PACK,
                  resources, args.rounds, f"{len(resources)} resources"))


def compare(label: str, pack_dir: Path, trivial_pack: str, resources: list, rounds: int, what: str) -> str:
    """A pack against a one-policy pack over the same resources, as a table of medians."""
    with tempfile.TemporaryDirectory() as tmp:
        trivial = Path(tmp)
        (trivial / "PulumiPolicy.yaml").write_text("runtime: python\ndescription: trivial\n")
        (trivial / "__main__.py").write_text(trivial_pack)
        rows = {label: measure(pack_dir, resources, rounds), "trivial (1 policy)": measure(trivial, resources, rounds)}
    metrics = list(next(iter(rows.values())))
    width, column = max(len(m) for m in metrics), max(26, *(len(name) for name in rows))
    lines = [f"{what}, {rounds} rounds, medians; Python {sys.version.split()[0]}",
             f"{'':{width}}  " + "  ".join(f"{name:>{column}}" for name in rows)]
    for metric in metrics:
        fmt = f"{{:>{column}.0f}}" if metric == "violations" else f"{{:>{column}.2f}}"
        lines.append(f"{metric:{width}}  " + "  ".join(fmt.format(r[metric]) for r in rows.values()))
    return "\n".join(lines)

if __name__ == "__main__":
    main()
