"""Pulumi adapters for S3 public-access guards, default-encryption keys and KMS key rotatability, on
captured-shape props (wire encoding: unknown sentinels, propertyDependencies)."""

import pytest

from hitrust_policies.model import KMS, PROVIDER_MANAGED, CryptoKey, ObjectStore, Unknown
from hitrust_policies.model.facts import same
from hitrust_policies.sources.aws_s3_public_access import GUARDS, PULUMI_PROPS
from hitrust_policies.sources.pulumi import to_model
from hitrust_policies.sources.pulumi.props import UNKNOWN_STRING as U
from tests.sources.pulumi.helpers import res, urn

BUCKET = "aws:s3/bucket:Bucket"
SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"
KEY = "aws:kms/key:Key"
EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey"
ALIAS = "aws:kms/alias:Alias"
STORE = "aws:kms/customKeyStore:CustomKeyStore"
ALL_ON = {PULUMI_PROPS[g]: True for g in GUARDS}


def store(*resources) -> ObjectStore:
    [value] = [v for v in to_model(list(resources)) if isinstance(v, ObjectStore)]
    return value


def bucket_block(props, name="pab"):
    return res(PAB, name, {"bucket": "phi-b", **props})


def phi_bucket():
    return res(BUCKET, "b", {"bucket": "phi-b", "id": "phi-b"})


# ------------------------------------------------------------------ public access guards


@pytest.mark.parametrize("guard", GUARDS)
def test_each_guard_off_on_the_bucket_is_open(guard):
    assert store(phi_bucket(), bucket_block({**ALL_ON, PULUMI_PROPS[guard]: False})).public_access_open == (guard,)


@pytest.mark.parametrize("guard", GUARDS)
def test_each_guard_omitted_is_off_as_pulumi_aws_v7_defaults_it(guard):
    props = {p: True for g, p in PULUMI_PROPS.items() if g != guard}
    assert store(phi_bucket(), bucket_block(props)).public_access_open == (guard,)


@pytest.mark.parametrize("guard", GUARDS)
def test_each_guard_covered_by_the_stacks_account_block(guard):
    covered = store(phi_bucket(), bucket_block({**ALL_ON, PULUMI_PROPS[guard]: False}),
                    res(ACCOUNT_PAB, "account", {PULUMI_PROPS[guard]: True}))
    assert covered.public_access_open == ()
    not_covered = store(phi_bucket(), bucket_block({**ALL_ON, PULUMI_PROPS[guard]: False}),
                        res(ACCOUNT_PAB, "account", {**ALL_ON, PULUMI_PROPS[guard]: False}))
    assert not_covered.public_access_open == (guard,)


def test_empty_block_resource_opens_everything():
    assert store(phi_bucket(), bucket_block({})).public_access_open == GUARDS
    assert store(phi_bucket(), bucket_block({}), res(ACCOUNT_PAB, "account", ALL_ON)).public_access_open == ()


def test_guard_computed_at_preview_is_unknown_unless_the_account_blocks_it():
    props = {**ALL_ON, "restrictPublicBuckets": U}
    opened = store(phi_bucket(), bucket_block(props)).public_access_open
    assert same(opened, Unknown("computed at preview: restrictPublicBuckets"))
    assert store(phi_bucket(), bucket_block(props), res(ACCOUNT_PAB, "a", ALL_ON)).public_access_open == ()
    # a guard known off wins over one still unknown
    assert store(phi_bucket(), bucket_block({**props, "blockPublicAcls": False})).public_access_open == (
        "BlockPublicAcls",)


def test_block_of_unknown_bucket():
    """A block whose bucket is unknown may be this bucket's: it counts only if it blocks everything anyway."""
    full = res(PAB, "mystery", {"bucket": U, **ALL_ON})
    partial = res(PAB, "mystery", {"bucket": U, **ALL_ON, "blockPublicPolicy": False})
    assert store(res(BUCKET, "b"), full).public_access_open == ()
    assert same(store(res(BUCKET, "b"), partial).public_access_open,
                Unknown("computed at preview: bucket of mystery"))


def test_two_blocks_for_one_bucket_count_for_what_both_block():
    opened = store(phi_bucket(), bucket_block(ALL_ON, "pab-1"),
                   bucket_block({**ALL_ON, "ignorePublicAcls": False}, "pab-2")).public_access_open
    assert opened == ("IgnorePublicAcls",)


def test_account_blocks_of_different_accounts_count_for_nothing():
    half = {**ALL_ON, "blockPublicPolicy": False}
    blocks = [res(ACCOUNT_PAB, "a1", {**ALL_ON, "accountId": "111111111111"}),
              res(ACCOUNT_PAB, "a2", {**ALL_ON, "accountId": "222222222222"})]
    assert store(phi_bucket(), bucket_block(half), *blocks).public_access_open == ("BlockPublicPolicy",)
    same_account = [res(ACCOUNT_PAB, "a1", ALL_ON), res(ACCOUNT_PAB, "a2", ALL_ON)]
    assert store(phi_bucket(), bucket_block(half), *same_account).public_access_open == ()


# ------------------------------------------------------------------ whose key encrypts by default


def sse(key=None, algorithm="aws:kms", **deps):
    by_default = {"sseAlgorithm": algorithm, **({"kmsMasterKeyId": key} if key is not None else {})}
    return res(SSE, "sse", {"bucket": "phi-b", "rules": [{"applyServerSideEncryptionByDefault": by_default}]},
               **deps)


@pytest.mark.parametrize("algorithm", ["aws:kms", "aws:kms:dsse"])
@pytest.mark.parametrize("key, customer", [
    (None, False),  # no key: S3 uses the AWS-managed aws/s3 key
    ("alias/aws/s3", False),
    ("arn:aws:kms:us-east-1:123456789012:alias/aws/s3", False),
    ("alias/phi-data", True),  # only customer-managed keys get new aliases
    ("arn:aws:kms:us-east-1:123456789012:alias/phi-data", True),
])
def test_key_reference_alone(algorithm, key, customer):
    value = store(phi_bucket(), sse(key, algorithm))
    assert (value.encryption, value.kms_key, value.kms_key_customer_managed) == (KMS, key, customer)


def test_key_created_in_the_stack_is_customer_managed():
    key_urn = urn(KEY, "records-key")
    arn = "arn:aws:kms:us-east-1:123456789012:key/0b1e5e1c"
    by_dependency = store(phi_bucket(), res(KEY, "records-key"), sse(U, rules=[key_urn]))
    assert by_dependency.kms_key_customer_managed is True
    by_value = store(phi_bucket(), res(KEY, "records-key", {"arn": arn}), sse(arn))
    assert by_value.kms_key_customer_managed is True
    via_alias = store(phi_bucket(), res(ALIAS, "a"), sse(U, rules=[urn(ALIAS, "a")]))
    assert via_alias.kms_key_customer_managed is True


def test_key_that_cannot_be_resolved_is_unknown_not_pass():
    arn = "arn:aws:kms:us-east-1:123456789012:key/elsewhere"
    outside = store(phi_bucket(), sse(arn)).kms_key_customer_managed
    assert same(outside, Unknown(f"KMS key {arn} is not created in this stack: whether it is customer-managed "
                                 "is only visible in a live account"))
    computed = store(phi_bucket(), sse(U)).kms_key_customer_managed
    assert same(computed, Unknown("computed at preview: rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId"))


def test_no_kms_means_no_customer_key():
    for value in (store(phi_bucket()), store(phi_bucket(), sse(algorithm="AES256"))):
        assert (value.encryption, value.kms_key_customer_managed) == (PROVIDER_MANAGED, False)


def test_inline_deprecated_encryption_with_a_stack_key():
    key_urn = urn(KEY, "k")
    value = store(res(KEY, "k"), res(BUCKET, "b", {"serverSideEncryptionConfiguration": {"rule": {
        "applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms:dsse", "kmsMasterKeyId": U}}}},
        serverSideEncryptionConfiguration=[key_urn]))
    assert (value.encryption, value.kms_key_customer_managed) == (KMS, True)


# ------------------------------------------------------------------ which keys can rotate


def key(type_=KEY, props=None, **deps) -> CryptoKey:
    [value] = [v for v in to_model([res(type_, "k", props or {}, **deps)]) if isinstance(v, CryptoKey)]
    return value


@pytest.mark.parametrize("props, supported", [
    ({}, True),
    ({"customerMasterKeySpec": "SYMMETRIC_DEFAULT", "multiRegion": True}, True),
    ({"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"}, False),
    ({"customerMasterKeySpec": "ECC_NIST_P256", "keyUsage": "SIGN_VERIFY"}, False),
    ({"customerMasterKeySpec": "HMAC_256", "keyUsage": "GENERATE_VERIFY_MAC"}, False),
    ({"customKeyStoreId": "cks-1234567890abcdef0"}, False),  # CloudHSM key store
    ({"customKeyStoreId": "cks-1234567890abcdef0", "xksKeyId": "xks-1"}, False),  # external key store
])
def test_key_rotation_supported(props, supported):
    assert key(props=props).rotation_supported is supported


def test_key_store_computed_at_preview():
    from_store = key(props={"customKeyStoreId": U}, customKeyStoreId=[urn(STORE, "hsm")])
    assert from_store.rotation_supported is False
    unexplained = key(props={"customKeyStoreId": U})
    assert same(unexplained.rotation_supported, Unknown("computed at preview: customKeyStoreId"))
    # a known asymmetric spec settles it whatever the store
    assert key(props={"customKeyStoreId": U, "customerMasterKeySpec": "RSA_4096"}).rotation_supported is False


def test_external_key_never_rotates_automatically():
    imported = key(EXTERNAL_KEY, {"keyMaterialBase64": "c2VjcmV0", "description": "imported"})
    assert (imported.customer_managed, imported.rotation_supported, imported.enabled, imported.rotation_enabled) == (
        True, False, True, False)
    assert key(EXTERNAL_KEY).enabled is False  # pending import


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_key_policies_from_a_real_program(preview: bool) -> None:
    """A key's ``policy``, or the stack's KeyPolicy replacing it (joined through ``keyId`` even while the
    key id is computed), read with the scanner's key policy semantics; no policy: KMS's default."""
    from hitrust_policies.sources.pulumi import PulumiResource
    from hitrust_policies.testing.pulumi import capture
    from tests.pulumi_programs.kms_keys import key_policies

    pytest.importorskip("pulumi_aws")
    keys = {v.ref.name: v.public_principals for v in to_model([
        PulumiResource.from_wire(r.type, r.urn, r.outputs, name=r.name, property_dependencies=r.property_dependencies)
        for r in capture(key_policies, preview=preview)]) if isinstance(v, CryptoKey)}
    assert keys == {"default-policy": (), "open-key": ("* may kms:Decrypt",), "org-key": (),
                    "replaced-key": ("* may kms:Decrypt",)}
