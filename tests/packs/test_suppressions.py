"""Suppressions in the pack config, through the real pack process: a covered violation in force is not
reported but logged to the engine; a lapsed one is reported naming the suppression; bad entries fail
Configure; the old ``exclusions`` keep working with a deprecation warning."""

from __future__ import annotations

from pathlib import Path

import grpc
import pytest
import yaml

from hitrust_policies.pulumi_pack import PackSettings
from hitrust_policies.pulumi_pack.suppressions import entries_from
from hitrust_policies.suppressions import SuppressionError
from hitrust_policies.testing.pulumi import PackProcess, default_pack_dir
from tests.packs.helpers import captured, keys
from tests.pulumi_programs import storage

M = "mandatory"
ACTIVE, LAPSED = "2099-12-31", "2001-01-31"
WHO = {"reason": "scratch bucket, no PHI", "owner": "platform@example.com", "ticket": "SEC-9"}
BARE = "urn:pulumi:test::hitrust::aws:s3/bucket:Bucket::bare"
PARTIAL = "urn:pulumi:test::hitrust::aws:s3/bucket:Bucket::partial"
ALL_VIOLATIONS = {
    ("enc-object-store-kms", "bare", M), ("enc-object-store-kms", "partial", M),
    ("enc-object-store-tls-only", "bare", M), ("enc-object-store-tls-only", "partial", M),
    ("log-object-store-access-logging", "bare", M), ("log-object-store-access-logging", "partial", M),
    ("net-object-store-public-access-blocked", "partial", M),
}
ENTRIES = [
    {"rule": "enc-object-store-kms", "name": "bare", "expires": ACTIVE, **WHO},            # logical name
    {"rule": "enc-object-store-tls-*", "tags": {"Name": "partial-*"}, "expires": ACTIVE, **WHO},
    {"rule": "log-object-store-access-logging", "resource": "urn:pulumi:*::bare", "expires": LAPSED, **WHO},
]


def _logged(pack: PackProcess) -> list[tuple[str, str, str]]:
    return [(sev, urn, msg.split(":", 1)[0]) for sev, urn, msg in pack.engine.records]


def test_suppressed_violations_pass_and_are_logged_lapsed_ones_are_reported(pack):
    pack.engine.records.clear()
    result = pack.run(captured(storage.noncompliant_buckets), {"all": {"enforcementLevel": M, "suppressions": ENTRIES}})
    assert keys(result) == ALL_VIOLATIONS - {("enc-object-store-kms", "bare", M),
                                             ("enc-object-store-tls-only", "partial", M)}
    lapsed = next(v for v in result if v.key == ("log-object-store-access-logging", "bare", M))
    assert lapsed.message.endswith('[suppression "all".suppressions[2] (ticket SEC-9, owner platform@example.com) '
                                   f"expired {LAPSED}: no longer accepted]")
    assert sorted(_logged(pack)) == [("INFO", BARE, "enc-object-store-kms"),
                                     ("INFO", PARTIAL, "enc-object-store-tls-only")]
    kms = next(m for _, u, m in pack.engine.records if u == BARE)
    assert kms.startswith(f'enc-object-store-kms: suppressed by "all".suppressions[0] (ticket SEC-9, owner '
                          f"platform@example.com, until {ACTIVE}: scratch bucket, no PHI): bare")


def test_suppressions_file_and_policy_level_entries(pack, tmp_path: Path):
    path = tmp_path / "suppressions.yaml"
    path.write_text(yaml.safe_dump({"suppressions": ENTRIES[:2]}))
    config = {"all": {"enforcementLevel": M, "suppressionsFile": str(path)},
              "net-object-store-public-access-blocked": {"suppressions": [
                  {"rule": "net-object-store-public-access-blocked", "name": "partial", "expires": ACTIVE, **WHO}]}}
    assert keys(pack.run(captured(storage.noncompliant_buckets), config)) == ALL_VIOLATIONS - {
        ("enc-object-store-kms", "bare", M), ("enc-object-store-tls-only", "partial", M),
        ("net-object-store-public-access-blocked", "partial", M)}


@pytest.mark.parametrize(("config", "culprit"), [
    ({"all": {"suppressions": [{**ENTRIES[0], "expires": "soon"}]}},
     'policy-pack config "all".suppressions[0].expires: expected YYYY-MM-DD, got "soon"'),
    ({"all": {"suppressions": [{k: v for k, v in ENTRIES[0].items() if k != "owner"}]}},
     'policy-pack config "all".suppressions[0].owner: required'),
    ({"all": {"suppressions": [{**ENTRIES[0], "rule": "no-such-rule"}]}},
     'policy-pack config "all".suppressions[0].rule: "no-such-rule" matches no rule id'),
    ({"all": {"suppressionsFile": "no-such-file.yaml"}}, "no-such-file.yaml: no such file"),
    ({"enc-object-store-kms": {"suppressions": [{**ENTRIES[1]}]}},
     'policy-pack config "enc-object-store-kms".suppressions[0].rule: \'enc-object-store-tls-*\' does not cover '
     "policy 'enc-object-store-kms'"),
])
def test_invalid_suppressions_fail_configure_naming_the_entry(pack, config, culprit):
    with pytest.raises(grpc.RpcError) as err:
        pack.run(captured(storage.noncompliant_buckets), config)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert culprit in err.value.details()


def test_exclusions_still_work_and_log_a_deprecation(pack):
    pack.engine.records.clear()
    config = {"all": {"enforcementLevel": M, "exclusions": [{"name": "bare", "justification": "scratch"}]}}
    assert keys(pack.run(captured(storage.noncompliant_buckets), config)) == {
        k for k in ALL_VIOLATIONS if k[1] != "bare"}
    assert [(sev, msg.split(";")[0]) for sev, _, msg in pack.engine.records] == [
        ("WARNING", "policy-pack config: `exclusions` are deprecated")]


def test_the_stack_account_selects_suppressions():
    entries = [{"rule": "enc-object-store-kms", "account": "1234*", "expires": ACTIVE, **WHO},
               {"rule": "enc-object-store-tls-only", "account": "999999999999", "expires": ACTIVE, **WHO}]
    with PackProcess(default_pack_dir(), stack_config={"aws:allowedAccountIds": '["123456789012"]'}) as pack:
        result = pack.run(captured(storage.noncompliant_buckets), {"all": {"enforcementLevel": M,
                                                                           "suppressions": entries}})
    assert keys(result) == {k for k in ALL_VIOLATIONS if k[0] != "enc-object-store-kms"}


def test_suppressions_file_is_read_relative_to_the_program(tmp_path: Path):
    (tmp_path / "accepted.yaml").write_text(yaml.safe_dump({"suppressions": ENTRIES}))
    [a, b, c] = entries_from({"suppressionsFile": "accepted.yaml"}, "all", str(tmp_path), None)
    assert (a.rule, c.expires.isoformat(), c.source) == ("enc-object-store-kms", LAPSED,
                                                          f"{tmp_path / 'accepted.yaml'}: suppressions[2]")
    with pytest.raises(SuppressionError, match="relative paths are read from the Pulumi program's directory"):
        entries_from({"suppressionsFile": "accepted.yaml"}, "all", str(tmp_path / "elsewhere"), None)
    settings = PackSettings.from_config({"all": {"suppressionsFile": "accepted.yaml"}}, base_dir=str(tmp_path))
    assert [e.ticket for e in settings.suppressions] == ["SEC-9", "SEC-9", "SEC-9"]
