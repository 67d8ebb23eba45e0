"""What the Azure docs tell a security team to deploy exists, parses, and says what the CLI accepts."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hitrust_policies import demo_azure
from hitrust_policies.cli import main
from hitrust_policies.sources.live.azure.families import all_families
from tests.verdicts import multiset

ROOT = Path(__file__).resolve().parents[1]
SCANNER = ROOT / "scanners" / "azure"
DOCS = (ROOT / "README.md", SCANNER / "README.md")


def shell_lines(text: str) -> list[str]:
    """Shell commands of the docs' code: continuations joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line.split(" # ", 1)[0].strip() for line in joined.splitlines()]


def hitrust_commands(text: str) -> list[list[str]]:
    return [shlex.split(line)[1:] for line in shell_lines(text) if line.startswith("hitrust ")]


def azure_section(readme: str) -> str:
    return readme[readme.index("## Scanning Azure subscriptions"):readme.index("## Scanning Google Cloud projects")]


def parses(args: list[str]) -> None:
    """The command line is accepted by the CLI's parser (options and choices), without running it."""
    command = main
    ctx = main.make_context("hitrust", list(args), resilient_parsing=False)
    while isinstance(command, type(main)) and ctx.protected_args:
        name, *rest = [*ctx.protected_args, *ctx.args]
        command = command.get_command(ctx, name)
        assert command is not None, f"no command {name!r} in {args}"
        ctx = command.make_context(name, rest, parent=ctx)


def test_every_file_the_azure_docs_name_exists() -> None:
    named = set(re.findall(r"`((?:scanners/azure/)?[\w.-]+\.(?:json|yml|yaml)|Dockerfile)`", DOCS[1].read_text()))
    named |= set(re.findall(r"\((scanners/azure/[\w./-]*)\)", DOCS[0].read_text()))
    assert {"custom-role.json", "github-actions.yml", "Dockerfile"} <= {Path(n).name for n in named}
    for name in named:
        path = ROOT / name if name.startswith("scanners/") else SCANNER / name
        assert path.exists(), f"{name} is documented but missing"


def test_github_actions_workflow_signs_in_with_oidc_and_scans() -> None:
    workflow = yaml.safe_load((SCANNER / "github-actions.yml").read_text())
    assert workflow["permissions"] == {"id-token": "write", "contents": "read"}
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    steps = workflow["jobs"]["scan"]["steps"]
    login = next(s for s in steps if s.get("uses", "").startswith("azure/login@"))
    assert {"client-id", "tenant-id"} <= set(login["with"]) and "creds" not in login["with"]  # no stored secret
    runs = [s["run"] for s in steps if "run" in s and s["run"].startswith("hitrust ")]
    assert runs and all("--auth cli" in r for r in runs)
    for run in runs:
        parses(shlex.split(run)[1:])
    assert any(s.get("if") == "always()" and s["uses"].startswith("actions/upload-artifact@") for s in steps)


def test_dockerfile_runs_the_scanner_as_a_managed_identity() -> None:
    text = (SCANNER / "Dockerfile").read_text()
    instructions = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in text.splitlines()
                    if line and not line.startswith("#")}
    assert instructions["FROM"].startswith("python:3.")
    assert "'hitrust-policies[azure]'" in instructions["RUN"] and instructions["USER"] == "nobody"
    argv = json.loads(instructions["ENTRYPOINT"]) + json.loads(instructions["CMD"])
    assert argv[:3] == ["hitrust", "scan", "azure"] and "managed-identity" in argv
    parses(argv[1:])


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_documented_azure_commands_parse(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = doc.read_text()
    text = azure_section(text) if doc.name == "README.md" and doc.parent == ROOT else text
    commands = [c for c in hitrust_commands(text) if c[:2] in (["scan", "azure"], ["demo", "--cloud"])]
    assert commands, f"no hitrust azure command in {doc}"
    monkeypatch.chdir(tmp_path)  # where the files the examples read (an export) are
    for args in commands:
        for arg in args:
            if arg.endswith(".json") and not arg.startswith("-"):
                Path(arg).touch()
        parses(args)


def test_print_export_query_names_every_type_the_families_read() -> None:
    result = CliRunner().invoke(main, ["scan", "azure", "--print-export-query"])
    assert result.exit_code == 0, result.output
    commands = [shlex.split(line) for line in result.output.splitlines()]
    tables = {f.table for f in all_families() if f.types}
    assert [c[:3] for c in commands] == [["az", "graph", "query"]] * len(tables)
    queried = " ".join(c[c.index("-q") + 1] for c in commands)
    assert {t for f in all_families() for t in f.types} <= set(re.findall(r"'([^']+)'", queried))
    assert {c[c.index(">") + 1] for c in commands} == {f"{t}.json" for t in tables}


def test_from_export_takes_several_files(tmp_path: Path) -> None:
    """Pages or subscriptions saved apart evaluate as one export."""
    rows = demo_azure.tenant().rows
    whole, prod, dev = tmp_path / "all.json", tmp_path / "prod.json", tmp_path / "dev.json"
    whole.write_text(json.dumps({"data": rows}))
    prod.write_text(json.dumps({"data": [r for r in rows if r["subscriptionId"] == demo_azure.PROD]}))
    dev.write_text(json.dumps([r for r in rows if r["subscriptionId"] == demo_azure.DEV]))  # a bare data array

    def verdicts(*files: Path) -> object:
        args = ["scan", "azure", "--format", "json", *[a for f in files for a in ("--from-export", str(f))]]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output  # the demo tenant fails rules
        findings = json.loads(result.output)["findings"]
        return multiset((f["rule_id"], f["resource"]["name"], f["status"]) for f in findings)

    split = verdicts(prod, dev)
    assert split == verdicts(whole)
    # facts only an ARM read shows are UNKNOWN offline, never passed
    assert split[("log-object-store-access-logging", "acmephirecords", "UNKNOWN")] == 1
    assert split[("enc-database-storage-encrypted", "sql-acme-phi/patients", "UNKNOWN")] == 1
