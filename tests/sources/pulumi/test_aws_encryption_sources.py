"""pulumi-aws encryption-at-rest sources from real programs (captured under mocks): exact verdicts, preview and
update."""

from __future__ import annotations

from tests.pulumi_programs import aws_encryption
from tests.sources.pulumi.test_aws_log_sources import BOTH, expect, verdicts

ENC, PUBLIC = "enc-database-storage-encrypted", "net-database-not-public"
KMS, DIRECTORY = "enc-database-storage-kms", "iam-database-directory-auth"


@BOTH
def test_redshift_clusters(preview: bool) -> None:
    """Encrypted and private unless set otherwise; a stack key is the customer's; a snapshot restore's
    encryption is not visible; IAM identities can always log in."""
    late = "UNKNOWN" if preview else "PASS"  # the encryption flag is an output computed at preview
    late_key = "UNKNOWN" if preview else "FAIL"  # no kmsKeyId: the AWS-managed key
    assert verdicts(aws_encryption.redshift_clusters, preview, ENC, PUBLIC, KMS, DIRECTORY) == expect(f"""
        {ENC}        phi-warehouse       PASS
        {ENC}        default-warehouse   PASS
        {ENC}        legacy-warehouse    FAIL
        {ENC}        restored-warehouse  UNKNOWN
        {ENC}        late-warehouse      {late}
        {PUBLIC}     phi-warehouse       PASS
        {PUBLIC}     default-warehouse   PASS
        {PUBLIC}     legacy-warehouse    FAIL
        {PUBLIC}     restored-warehouse  PASS
        {PUBLIC}     late-warehouse      PASS
        {KMS}        phi-warehouse       PASS
        {KMS}        default-warehouse   FAIL
        {KMS}        legacy-warehouse    FAIL
        {KMS}        restored-warehouse  UNKNOWN
        {KMS}        late-warehouse      {late_key}
        {DIRECTORY}  phi-warehouse       PASS
        {DIRECTORY}  default-warehouse   PASS
        {DIRECTORY}  legacy-warehouse    PASS
        {DIRECTORY}  restored-warehouse  PASS
        {DIRECTORY}  late-warehouse      PASS
    """)


@BOTH
def test_kinesis_streams(preview: bool) -> None:
    """KMS with any key is encrypted; the default (NONE) is not."""
    late = "UNKNOWN" if preview else "PASS"  # the encryption type is an output computed at preview
    assert verdicts(aws_encryption.kinesis_streams, preview, "enc-message-queue-encrypted") == expect(f"""
        enc-message-queue-encrypted  phi-events     PASS
        enc-message-queue-encrypted  claims-events  PASS
        enc-message-queue-encrypted  raw-clicks     FAIL
        enc-message-queue-encrypted  late-events    {late}
    """)


@BOTH
def test_snapshots(preview: bool) -> None:
    """Encrypted as the source the stack declares (UNKNOWN for a source elsewhere); public when shared with all."""
    late = "UNKNOWN" if preview else "FAIL"  # its shared accounts are computed at preview
    enc, pub = "enc-snapshot-encrypted", "net-snapshot-not-public"
    assert verdicts(aws_encryption.snapshots, preview, enc, pub) == expect(f"""
        {enc}  phi-db-snap        PASS
        {enc}  shared-db-snap     FAIL
        {enc}  outside-db-snap    UNKNOWN
        {enc}  late-db-snap       PASS
        {enc}  phi-cluster-snap   PASS
        {enc}  open-cluster-snap  FAIL
        {enc}  phi-vol-snap       PASS
        {enc}  plain-vol-snap     FAIL
        {pub}  phi-db-snap        PASS
        {pub}  shared-db-snap     FAIL
        {pub}  outside-db-snap    PASS
        {pub}  late-db-snap       {late}
        {pub}  phi-cluster-snap   PASS
        {pub}  open-cluster-snap  FAIL
        {pub}  phi-vol-snap       PASS
        {pub}  plain-vol-snap     PASS
    """)


@BOTH
def test_database_tls(preview: bool) -> None:
    """Parameter groups joined through the stack; engine defaults where none is set; a group the stack does not
    declare, an unversioned PostgreSQL and a Redshift cluster on an unnamed default group are UNKNOWN."""
    late = "UNKNOWN" if preview else "PASS"  # the group's value is an output computed at preview
    tls = "enc-database-tls-required"
    assert verdicts(aws_encryption.database_tls, preview, tls) == expect(f"""
        {tls}  pg14-forced        PASS
        {tls}  pg14-default       FAIL
        {tls}  pg16-default       PASS
        {tls}  pg-unversioned     UNKNOWN
        {tls}  mysql-open         FAIL
        {tls}  mysql-shared       UNKNOWN
        {tls}  pg-late            {late}
        {tls}  oracle-db          PASS
        {tls}  tls-warehouse      PASS
        {tls}  tuned-warehouse    FAIL
        {tls}  v1-warehouse       FAIL
        {tls}  unnamed-warehouse  UNKNOWN
    """)


@BOTH
def test_secrets(preview: bool) -> None:
    """Rotation joined from SecretRotation; a stack key or an alias is the customer's, no key is aws/secretsmanager.
    A rotation whose secretId is computed at preview (and depends on no secret) leaves every secret UNKNOWN then."""
    rot, kms = "iam-secret-rotation-enabled", "enc-secret-kms"
    maybe = "UNKNOWN" if preview else "FAIL"
    late = "UNKNOWN" if preview else "PASS"
    assert verdicts(aws_encryption.secrets, preview, rot, kms) == expect(f"""
        {rot}  phi-db-password  PASS
        {rot}  partner-api-key  {maybe}
        {rot}  legacy-token     {maybe}
        {rot}  late-token       {late}
        {kms}  phi-db-password  PASS
        {kms}  partner-api-key  PASS
        {kms}  legacy-token     FAIL
        {kms}  late-token       PASS
    """)


@BOTH
def test_dynamodb_tables(preview: bool) -> None:
    """Always encrypted, never public (no endpoint of their own), always IAM; a customer key only when named."""
    late = "UNKNOWN" if preview else "FAIL"  # enabled computed at preview; then the aws/dynamodb alias
    names = ("phi-claims", "managed-claims", "plain-sessions", "late-claims")
    rows = "\n".join(f"{rule}  {n}  PASS" for n in names for rule in (ENC, PUBLIC, DIRECTORY))
    assert verdicts(aws_encryption.dynamodb_tables, preview, ENC, PUBLIC, KMS, DIRECTORY) == expect(f"""
        {rows}
        {KMS}  phi-claims      PASS
        {KMS}  managed-claims  FAIL
        {KMS}  plain-sessions  FAIL
        {KMS}  late-claims     {late}
    """)


@BOTH
def test_efs_file_system_policies(preview: bool) -> None:
    """The stack's FileSystemPolicy joined to its file system; none is no TLS requirement; a policy computed
    from the file system's ARN is unknown at preview."""
    rule = "enc-file-system-tls-only"
    assert verdicts(aws_encryption.efs_transport, preview, rule) == expect(f"""
        {rule}  phi-shared     PASS
        {rule}  writes-only    FAIL
        {rule}  scratch-share  FAIL
        {rule}  late-share     {"UNKNOWN" if preview else "PASS"}
    """)


@BOTH
def test_search_and_cache(preview: bool) -> None:
    """Provider defaults where nothing is set; a separate domain policy joined; a key of the stack is the customer's."""
    late = "UNKNOWN" if preview else "PASS"  # the transit flag is an output computed at preview
    enc, kms, public = "enc-database-storage-encrypted", "enc-database-storage-kms", "net-database-not-public"
    tls, nodes, audit = "enc-database-tls-required", "enc-database-internode-encrypted", "log-database-auditing"
    assert verdicts(aws_encryption.search_and_cache, preview, enc, kms, public, tls, nodes, audit) == expect(f"""
        {enc}     phi-search       PASS
        {enc}     open-search      FAIL
        {kms}     phi-search       PASS
        {kms}     open-search      FAIL
        {public}  phi-search       PASS
        {public}  open-search      FAIL
        {tls}     phi-search       PASS
        {tls}     open-search      FAIL
        {nodes}   phi-search       PASS
        {nodes}   open-search      FAIL
        {audit}   phi-search       PASS
        {audit}   open-search      FAIL
        {enc}     phi-cache        PASS
        {enc}     migrating-cache  PASS
        {enc}     plain-cache      FAIL
        {enc}     valkey-cache     PASS
        {enc}     late-cache       FAIL
        {kms}     phi-cache        PASS
        {kms}     migrating-cache  FAIL
        {kms}     plain-cache      FAIL
        {kms}     valkey-cache     FAIL
        {kms}     late-cache       FAIL
        {public}  phi-cache        PASS
        {public}  migrating-cache  PASS
        {public}  plain-cache      PASS
        {public}  valkey-cache     PASS
        {public}  late-cache       PASS
        {tls}     phi-cache        PASS
        {tls}     migrating-cache  FAIL
        {tls}     plain-cache      FAIL
        {tls}     valkey-cache     FAIL
        {tls}     late-cache       {late}
        {nodes}   phi-cache        PASS
        {nodes}   migrating-cache  PASS
        {nodes}   plain-cache      FAIL
        {nodes}   valkey-cache     FAIL
        {nodes}   late-cache       {late}
    """)
