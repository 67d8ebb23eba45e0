"""RDS instances refusing plaintext clients: the engine's TLS parameter in the instance's DB parameter group or,
for a cluster member, its DB cluster parameter group, through the live scanner against moto."""

from __future__ import annotations

import boto3
import pytest

from tests.sources.live.aws.conftest import CANARY, Case, apply_denials, check, scan, table

TLS = "enc-database-tls-required"
LOGIN = {"MasterUsername": "admin_user", "MasterUserPassword": "Correct-Horse-9"}


def seed(session: boto3.Session) -> None:
    """pg14-forced: PostgreSQL 14 with rds.force_ssl=1 in its own group; pg14-default: PostgreSQL 14 on the default
    group (rds.force_ssl 0); pg16-default: PostgreSQL 16, whose default is 1; mysql-open: a custom group that
    leaves require_secure_transport at OFF; oracle-db: no switch to judge; members aurora-tls-1 (Aurora MySQL,
    require_secure_transport ON in the cluster's group) and aurora-open-1 (Aurora PostgreSQL, default group)."""
    rds = session.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="pg-tls", DBParameterGroupFamily="postgres14",
                                  Description="TLS only")
    rds.modify_db_parameter_group(DBParameterGroupName="pg-tls", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    rds.create_db_parameter_group(DBParameterGroupName="mysql-tuned", DBParameterGroupFamily="mysql8.0",
                                  Description="tuned")
    rds.modify_db_parameter_group(DBParameterGroupName="mysql-tuned", Parameters=[
        {"ParameterName": "max_connections", "ParameterValue": "500", "ApplyMethod": "immediate"}])
    for name, engine, version, group in (("pg14-forced", "postgres", "14.9", "pg-tls"),
                                         ("pg14-default", "postgres", "14.9", None),
                                         ("pg16-default", "postgres", "16.3", None),
                                         ("mysql-open", "mysql", "8.0.35", "mysql-tuned"),
                                         ("oracle-db", "oracle-ee", "19.0.0.0", None)):
        extra = {"DBParameterGroupName": group} if group else {}
        rds.create_db_instance(DBInstanceIdentifier=name, Engine=engine, EngineVersion=version,
                               DBInstanceClass="db.t3.micro", AllocatedStorage=20, **LOGIN, **extra)
    rds.create_db_cluster_parameter_group(DBClusterParameterGroupName="aurora-tls", Description="TLS only",
                                          DBParameterGroupFamily="aurora-mysql8.0")
    rds.modify_db_cluster_parameter_group(DBClusterParameterGroupName="aurora-tls", Parameters=[
        {"ParameterName": "require_secure_transport", "ParameterValue": "ON", "ApplyMethod": "immediate"}])
    rds.create_db_cluster(DBClusterIdentifier="aurora-tls", Engine="aurora-mysql",
                          DBClusterParameterGroupName="aurora-tls", **LOGIN)
    rds.create_db_cluster(DBClusterIdentifier="aurora-open", Engine="aurora-postgresql", **LOGIN)
    for cluster, engine in (("aurora-tls", "aurora-mysql"), ("aurora-open", "aurora-postgresql")):
        rds.create_db_instance(DBInstanceIdentifier=f"{cluster}-1", Engine=engine, DBInstanceClass="db.t3.medium",
                               DBClusterIdentifier=cluster)


BASELINE = f"""
    {TLS}  pg14-forced    PASS
    {TLS}  pg14-default   FAIL
    {TLS}  pg16-default   PASS
    {TLS}  mysql-open     FAIL
    {TLS}  oracle-db      PASS
    {TLS}  aurora-tls-1   PASS
    {TLS}  aurora-open-1  FAIL
"""

CASES = [
    Case("parameter-groups", table(BASELINE)),
    Case("parameters-denied", table(f"""
        {TLS}  pg14-forced    UNKNOWN
        {TLS}  pg14-default   FAIL
        {TLS}  pg16-default   PASS
        {TLS}  mysql-open     UNKNOWN
        {TLS}  oracle-db      PASS
        {TLS}  aurora-tls-1   PASS
        {TLS}  aurora-open-1  FAIL
    """), denied=(("rds", "DescribeDBParameters"),), unknown_reason="AccessDenied: rds:DescribeDBParameters"),
    Case("cluster-parameters-denied", table(f"""
        {TLS}  pg14-forced    PASS
        {TLS}  pg14-default   FAIL
        {TLS}  pg16-default   PASS
        {TLS}  mysql-open     FAIL
        {TLS}  oracle-db      PASS
        {TLS}  aurora-tls-1   UNKNOWN
        {TLS}  aurora-open-1  FAIL
    """), denied=(("rds", "DescribeDBClusterParameters"),),
        unknown_reason="AccessDenied: rds:DescribeDBClusterParameters"),
    Case("clusters-denied", table(f"""
        {TLS}  pg14-forced    PASS
        {TLS}  pg14-default   FAIL
        {TLS}  pg16-default   PASS
        {TLS}  mysql-open     FAIL
        {TLS}  oracle-db      PASS
        {TLS}  aurora-tls-1   UNKNOWN
        {TLS}  aurora-open-1  UNKNOWN
    """), denied=(("rds", "DescribeDBClusters"),), unknown_reason="AccessDenied: rds:DescribeDBClusters"),
    Case("listing-denied", table(f"""
        {TLS}  rds-instances in us-east-1  UNKNOWN
    """), denied=(("rds", "DescribeDBInstances"),),
        unknown_reason="AccessDenied: rds:DescribeDBInstances (rds-instances in us-east-1)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_tls_required(session: boto3.Session, case: Case) -> None:
    seed(session)
    apply_denials(session, case)
    check(scan(session, "rds-instances", CANARY), case)


def test_each_custom_group_is_read_once(session: boto3.Session) -> None:
    """Default groups need no call; a custom group shared by two instances is read once."""
    seed(session)
    rds = session.client("rds")
    rds.create_db_instance(DBInstanceIdentifier="pg14-forced-2", Engine="postgres", EngineVersion="14.9",
                           DBInstanceClass="db.t3.micro", AllocatedStorage=20, DBParameterGroupName="pg-tls", **LOGIN)
    calls: list[str] = []
    session.events.register("before-call.rds", lambda model, **_: calls.append(model.name))
    result = scan(session, "rds-instances", CANARY)
    assert sorted(c for c in calls if "Parameters" in c or c == "DescribeDBClusters") == [
        "DescribeDBClusterParameters", "DescribeDBClusters", "DescribeDBParameters", "DescribeDBParameters"]
    assert {(f.resource.name, str(f.status)) for f in result.findings() if f.rule_id == TLS} >= {
        ("pg14-forced-2", "PASS")}

