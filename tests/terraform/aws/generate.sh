#!/usr/bin/env bash
# Regenerates every scenario's plan.json from its main.tf with a real `terraform plan` run offline:
# the hashicorp/aws provider comes from a local filesystem mirror (default /opt/tf-plugins), the provider
# block uses fake keys, skips every account / credential / metadata lookup and sends calls to 127.0.0.1
# (a plan of resources that do not exist yet makes none). Tests read the committed plan.json files only.
#   usage: tests/terraform/aws/generate.sh [scenario ...]     (TF_MIRROR=/path to another mirror)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mirror="${TF_MIRROR:-/opt/tf-plugins}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/cli.tfrc" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
CFG
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
  for d in "$here"/*/; do [ -f "$d/main.tf" ] && scenarios+=("$(basename "$d")"); done
fi
for s in "${scenarios[@]}"; do
  src="$here/$s"
  dst="$work/$s"
  mkdir -p "$dst"
  cp -r "$src"/. "$dst"/
  cp "$here/provider.tf.in" "$dst/provider.tf"
  rm -f "$dst/plan.json"
  (cd "$dst" && terraform init -input=false -no-color >/dev/null \
     && terraform plan -input=false -no-color -refresh=false -out=plan.bin >/dev/null \
     && terraform show -json plan.bin | python3 -m json.tool --indent 1 > "$src/plan.json")
  echo "$s: $(wc -c < "$src/plan.json") bytes"
  last="$dst"
done
# the provider's schema, reduced to the list / one-item facts the plan reader's name translation needs
(cd "$last" && terraform providers schema -json > "$work/schema.json")
python3 "$here/extract_schema.py" "$work/schema.json" > "$here/../../../hitrust_policies/sources/terraform/aws_schema.json"
echo "aws_schema.json written"
