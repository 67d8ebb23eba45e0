"""A database engine's own settings in effect: the name/value pairs every cloud lets a team set on a
managed engine (Cloud SQL database flags, Azure flexible servers' server parameters, RDS parameter
groups).

One kind per engine, holding typed facts rather than a name -> text mapping, for two reasons: a rule
over PostgreSQL settings then runs on PostgreSQL instances only (a MySQL instance has no
``log_connections`` to pass or fail, and the engine dispatches rules by kind), and the value *in
effect* is resolved by the source, which alone knows its cloud's default for a setting left unset
(Cloud SQL PostgreSQL leaves ``log_connections`` off; Azure's flexible server turns it on). A setting
the source could not see, or a value it does not recognise, is an `Unknown`.

Only Google Cloud sources yield these kinds today; Azure flexible servers' configurations and RDS
parameter groups can yield them later with their own defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef

# PostgreSQL's message severities, least to most severe, as log_min_messages orders them.
POSTGRES_SEVERITIES = ("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error",
                       "log", "fatal", "panic")
POSTGRES_VERBOSITIES = ("terse", "default", "verbose")


@dataclass(frozen=True, slots=True)
class PostgresSettings:
    """PostgreSQL server settings of one instance, as in effect.

    ``log_connections`` / ``log_disconnections``: each connection attempt / session end is logged.
    ``log_min_duration_statement_ms``: statements running at least this long are logged with their
    text (-1: none, 0: all). ``pgaudit``: the pgAudit extension may be loaded (Cloud SQL
    ``cloudsql.enable_pgaudit``; whether a database then ran CREATE EXTENSION is not a setting).
    ``log_min_messages`` / ``log_min_error_statement``: the lowest severity written to the log / logged
    with the statement that caused it, lower case (``debug5`` ... ``warning``, ``error``, ``log``,
    ``fatal``, ``panic``). ``log_error_verbosity``: ``terse``, ``default`` or ``verbose``.
    """

    ref: ResourceRef
    log_connections: bool | Unknown
    log_disconnections: bool | Unknown
    log_min_duration_statement_ms: int | Unknown
    pgaudit: bool | Unknown
    log_min_messages: str | Unknown
    log_min_error_statement: str | Unknown
    log_error_verbosity: str | Unknown


@dataclass(frozen=True, slots=True)
class SqlServerSettings:
    """SQL Server server configuration options of one instance, as in effect.

    ``contained_database_authentication``: databases may hold their own users, who log in without a
    server login. ``cross_db_ownership_chaining``: ownership chains span every database of the server.
    ``remote_access``: stored procedures may be run from / on remote servers.
    """

    ref: ResourceRef
    contained_database_authentication: bool | Unknown
    cross_db_ownership_chaining: bool | Unknown
    remote_access: bool | Unknown


@dataclass(frozen=True, slots=True)
class MySqlSettings:
    """MySQL server system variables of one instance, as in effect.

    ``local_infile``: the server accepts LOAD DATA LOCAL (a client sends a file from its own host).
    ``skip_show_database``: SHOW DATABASES is refused to users without that privilege.
    """

    ref: ResourceRef
    local_infile: bool | Unknown
    skip_show_database: bool | Unknown
