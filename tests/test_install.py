"""Installing without a package index: the wheel built offline from this checkout ships the policy packs,
installs with --no-index, and finds them; the packs' requirements.txt installs this checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKS = sorted(p.name for p in (ROOT / "packs").iterdir() if (p / "PulumiPolicy.yaml").is_file())


def _offline_env() -> dict[str, str]:
    """pip with no index, no configured find-links and no network; hatchling from this interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _need_hatchling() -> None:
    try:
        import hatchling  # noqa: F401  (the dev extra installs it: builds need no index)
    except ImportError:
        pytest.skip("hatchling is not installed (pip install -e '.[dev]' installs it)")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_hatchling()
    out = tmp_path_factory.mktemp("wheel")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, env=_offline_env(), timeout=300, capture_output=True)
    print(f"wheel built in {time.perf_counter() - started:.1f}s")
    (built,) = out.glob("hitrust_policies-*.whl")
    return built


def test_wheel_ships_every_pack_file_and_the_mappings(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in PACKS:
        tracked = sorted(p.name for p in (ROOT / "packs" / pack).iterdir() if p.is_file())
        assert tracked == ["PulumiPolicy.yaml", "README.md", "__main__.py", "config.example.json", "requirements.txt"]
        assert {f"hitrust_policies/_packs/{pack}/{name}" for name in tracked} <= names, pack
    assert PACKS == ["hitrust-aws", "hitrust-azure", "hitrust-gcp"]
    assert "hitrust_policies/mappings_data/crosswalk.yaml" in names
    assert not [n for n in names if "/venv/" in n or n.endswith(".pyc")]


def test_wheel_installs_with_no_index_and_finds_its_packs(wheel: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, env=_offline_env(), timeout=300, capture_output=True)
    # --no-deps: the dependencies come from this interpreter's site-packages, appended after the venv's own
    # (a .pth file), so the installed wheel, not this checkout, is what imports.
    import yaml

    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "zz_test_deps.pth").write_text(str(Path(yaml.__file__).resolve().parents[1]) + "\n")
    code = ("import json, hitrust_policies\n"
            "from hitrust_policies.testing.pulumi import default_pack_dir\n"
            "from hitrust_policies.mappings import default_dir, default_mappings\n"
            "print(json.dumps({'module': hitrust_policies.__file__, 'mappings': str(default_dir()),\n"
            "  'rows': len(default_mappings().crosswalk),\n"
            "  'packs': {n: str(default_pack_dir(n)) for n in ('hitrust-aws', 'hitrust-azure', 'hitrust-gcp')}}))\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    import json

    got = json.loads(proc.stdout)
    installed = site / "hitrust_policies"
    assert Path(got["module"]) == installed / "__init__.py"
    rows = yaml.safe_load((ROOT / "mappings" / "crosswalk.yaml").read_text(encoding="utf-8"))
    assert got["mappings"] == str(installed / "mappings_data") and got["rows"] == len(rows)
    assert got["packs"] == {n: str(installed / "_packs" / n) for n in PACKS}
    assert (installed / "_packs" / "hitrust-gcp" / "PulumiPolicy.yaml").is_file()
    print(f"venv + install + import in {time.perf_counter() - started:.1f}s")


@pytest.mark.parametrize("pack", PACKS)
def test_pack_requirements_install_this_checkout(pack: str) -> None:
    """``pip install -r requirements.txt`` run in the pack folder (as Pulumi does) resolves to this project."""
    _need_hatchling()
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--no-build-isolation",
                           "-r", "requirements.txt"], cwd=ROOT / "packs" / pack, capture_output=True, text=True,
                          env=_offline_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Would install hitrust-policies-0.1.0" in proc.stdout
    lines = [line for line in (ROOT / "packs" / pack / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == ["../..[pulumi]"]


def test_pyproject_claims_only_what_exists() -> None:
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "urls" not in meta and "classifiers" not in meta  # no homepage or index page to point at yet
    extras = meta["optional-dependencies"]
    readme = (ROOT / "README.md").read_text()
    for extra in extras:
        assert f"`{extra}`" in readme or f"[{extra}]" in readme, f"extra {extra} is not documented"
    for inner in [e for deps in extras.values() for d in deps if d.startswith("hitrust-policies[")
                  for e in d.split("[", 1)[1].rstrip("]").split(",")]:
        assert inner in extras, inner


def test_readme_documents_installing_without_an_index() -> None:
    readme = (ROOT / "README.md").read_text()
    for snippet in ("pip install './hitrust-policies[aws]'", "hitrust-policies[aws] @ git+https://",
                    "python -m build", "pip wheel --no-deps"):
        assert snippet in readme, snippet
    bare = [line for line in readme.splitlines()
            if re.match(r"\s*pip install '?hitrust-policies(\[[a-z,-]+\])?'?(?=\s|$)(?!\s+@)", line)]
    assert not bare, f"README claims an index install works: {bare}"
