"""KMS keys of every kind: which ones KMS can rotate automatically."""


def keys_that_cannot_rotate() -> None:
    """Asymmetric, HMAC, imported-material and custom-key-store keys, none rotating: nothing to flag. Plus one
    symmetric multi-Region key that does not rotate, which can and must."""
    import pulumi_aws as aws

    aws.kms.Key("signing-ecc", customer_master_key_spec="ECC_NIST_P256", key_usage="SIGN_VERIFY")
    aws.kms.Key("mac-hmac", customer_master_key_spec="HMAC_256", key_usage="GENERATE_VERIFY_MAC")
    aws.kms.ExternalKey("imported", description="imported material", key_material_base64="c2l4dGVlbi1ieXRlLWtleSE=")
    store = aws.kms.CustomKeyStore("hsm-store", custom_key_store_name="hsm-store",
                                   cloud_hsm_cluster_id="cluster-1a2b3c4d5e6", key_store_password="hunter2hunter2",
                                   trust_anchor_certificate="-----BEGIN CERTIFICATE-----")
    aws.kms.Key("hsm-key", custom_key_store_id=store.id)
    aws.kms.Key("global-static", multi_region=True)


def key_policies() -> None:
    """Who may use a key: the default policy, a policy open to any principal, one narrowed to an
    organization, and a key whose inline policy is replaced by a separate KeyPolicy open to anyone."""
    import json

    import pulumi_aws as aws

    owner = {"Sid": "owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
             "Action": "kms:*", "Resource": "*"}
    anyone = {"Sid": "anyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}
    org = {**anyone, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}

    def doc(*statements: dict) -> str:
        return json.dumps({"Version": "2012-10-17", "Statement": [owner, *statements]})

    aws.kms.Key("default-policy", enable_key_rotation=True)
    aws.kms.Key("open-key", enable_key_rotation=True, policy=doc(anyone))
    aws.kms.Key("org-key", enable_key_rotation=True, policy=doc(org))
    replaced = aws.kms.Key("replaced-key", enable_key_rotation=True, policy=doc())
    aws.kms.KeyPolicy("replaced-key-policy", key_id=replaced.id, policy=doc(anyone))
