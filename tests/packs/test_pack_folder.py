"""The pack folder is what ``pulumi preview --policy-pack packs/hitrust-aws`` loads."""

import json

import yaml

from hitrust_policies.testing.pulumi import default_pack_dir

PACK = default_pack_dir()


def test_pulumi_policy_yaml():
    meta = yaml.safe_load((PACK / "PulumiPolicy.yaml").read_text())
    assert meta["runtime"] == {"name": "python", "options": {"virtualenv": "venv"}}
    assert meta["description"]


def test_requirements_pin_the_library_with_the_pulumi_extra():
    assert [line for line in (PACK / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")] == ["../..[pulumi]"]  # this checkout (test_install.py)


def test_main_only_serves():
    lines = [line for line in (PACK / "__main__.py").read_text().splitlines() if line.strip()]
    assert lines == ["from hitrust_policies.pulumi_pack import serve", 'serve("hitrust-aws")']


def test_readme_shows_preview_config_and_publish():
    readme = (PACK / "README.md").read_text()
    for snippet in ("pulumi preview --policy-pack packs/hitrust-aws", "--policy-pack-config",
                    "config.example.json", "pulumi policy publish"):
        assert snippet in readme
    json.loads((PACK / "config.example.json").read_text())
