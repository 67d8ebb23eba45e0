"""Where service-account keys become `Credential`s, and the IAM policies of projects, folders and
organizations become `PolicyGrant`s and each project's `AuditCoverage`, their log sinks its `LogExport`.

One member of one binding is one PolicyGrant, named ``<scope>/<role>/<member>``
(``projects/phi-prod/roles/owner/user:ana@example.org``): removing that member resolves exactly
that finding, and a role granted to two members is two findings that each name who holds it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from hitrust_policies.model import (
    AuditCoverage,
    AuditTrail,
    Credential,
    LogExport,
    MemberRoles,
    PolicyGrant,
    ResourceRef,
    ServiceAccountKey,
    Unknown,
)
from hitrust_policies.sources import gcp_semantics as gcp
from hitrust_policies.sources.live.gcp.families import PROJECT_TYPE, Ctx, data, family

SA_KEY = "iam.googleapis.com/ServiceAccountKey"
FOLDER_TYPE = "cloudresourcemanager.googleapis.com/Folder"
ORGANIZATION_TYPE = "cloudresourcemanager.googleapis.com/Organization"
LOG_SINK = "logging.googleapis.com/LogSink"
CRM = "//cloudresourcemanager.googleapis.com/"


@family("service-account-keys", asset_types=(SA_KEY,), kinds=(Credential, ServiceAccountKey))
def service_account_keys(ctx: Ctx, assets: list[dict[str, Any]]) -> Iterator[Credential | ServiceAccountKey]:
    """Service-account keys, owned by their service account (``.../serviceAccounts/<email>/keys/<id>``),
    aged at the scan's time from ``validAfterTime`` (CIS Google Cloud Platform Foundation 1.7), and who
    manages each (CIS 1.4); both named ``<email>/<key id>``."""
    for asset in assets:
        key = data(asset)
        path = str(asset["name"]).split("/serviceAccounts/", 1)[-1]
        owner, _, key_id = path.partition("/keys/")
        user_managed = gcp.sa_key_user_managed(key.get("keyType"))
        yield Credential(
            ref=ctx.ref(asset, name=f"{owner}/{key_id}"),
            owner=owner,
            active=gcp.sa_key_active(user_managed, key.get("disabled"), key.get("validBeforeTime"), ctx.now),
            age_days=gcp.age_days(key.get("validAfterTime"), ctx.now),
            unused_days=None,  # a key's last authentication is in Policy Analyzer activity, not the asset: not judged
        )
        yield ServiceAccountKey(
            ref=ctx.ref(asset, name=f"{owner}/{key_id}"),
            owner=owner,
            user_managed=user_managed,
            disabled=bool(key.get("disabled")),
            expired=gcp.sa_key_expired(key.get("validBeforeTime"), ctx.now),
        )


@family("resource-hierarchy", asset_types=(PROJECT_TYPE, FOLDER_TYPE, ORGANIZATION_TYPE, LOG_SINK),
        kinds=(PolicyGrant, AuditCoverage, LogExport, MemberRoles), iam=True, hierarchy=True)
def resource_hierarchy(ctx: Ctx, assets: list[dict[str, Any]]
                       ) -> Iterator[PolicyGrant | AuditCoverage | LogExport | MemberRoles]:
    """Every member of every binding on a project, folder or organization as a PolicyGrant, and each
    member's roles there as its MemberRoles (``<scope>/<member>``); per project, the audit logging its
    own and its ancestors' policies configure, and the sinks exporting its logs. A policy that could not
    be read is one PolicyGrant and one MemberRoles per resource holding that Unknown."""
    sinks = [a for a in assets if a.get("asset_type") == LOG_SINK]
    assets = [a for a in assets if a.get("asset_type") != LOG_SINK]
    listed = {str(a["name"]) for a in assets}
    for asset in assets:
        scope, ref = _scope_ref(ctx, asset)
        bindings = ctx.bindings(asset)
        if isinstance(bindings, Unknown):
            yield PolicyGrant(replace(ref, name=f"{scope}/(IAM policy)", part="policy"), access=bindings,
                              attached=bindings)
            yield MemberRoles(replace(ref, name=f"{scope}/(IAM policy)", part="policy"), member="", roles=bindings)
        else:
            for role, member in gcp.binding_members(bindings):
                access, exceptions = gcp.role_access(role)
                yield PolicyGrant(replace(ref, name=f"{scope}/{role}/{member}", part=f"{role}/{member}"),
                                  access=access, attached=True, exceptions=exceptions)
            for member, roles in gcp.roles_by_member(bindings).items():
                yield MemberRoles(replace(ref, name=f"{scope}/{member}", part=f"members/{member}"), member, roles)
        if asset.get("asset_type") == PROJECT_TYPE:
            exporting = _exporting_sinks(asset, sinks, listed)
            stored = _audit_logs_stored(asset, sinks, exporting)
            yield AuditCoverage(ref=replace(ref, native_type="gcp:audit-config", part="audit-config"),
                                trails=(_audit_trail(ctx, asset, ref, listed, stored),),
                                object_data_judged=False)
            yield LogExport(ref=replace(ref, native_type="gcp:log-sinks", part="log-sinks"),
                            sinks_exporting_all=exporting)


def _owners(project: Mapping[str, Any]) -> set[str]:
    """``projects/<number>`` and ``projects/<id>``: a project's sinks are named either way."""
    number = data(project).get("projectNumber") or str(project["name"]).rsplit("/", 1)[-1]
    return {f"projects/{number}", f"projects/{data(project).get('projectId')}"}


def _audit_logs_stored(project: Mapping[str, Any], sinks: list[dict[str, Any]],
                       exporting: tuple[str, ...] | Unknown) -> bool | Unknown:
    """Whether the project's Data Access audit logs (ADMIN_READ among them) are kept: its ``_Default``
    sink routes them to the ``_Default`` bucket while enabled, with its stock filter and no exclusion;
    a sink exporting every entry keeps them too. A changed ``_Default`` sink may or may not drop them."""
    if isinstance(exporting, tuple) and exporting:
        return True
    owners = _owners(project)
    default = [data(s) for s in sinks if gcp.sink_owner(str(s["name"])) in owners
               and (data(s).get("name") or str(s["name"]).rsplit("/", 1)[-1]) == gcp.DEFAULT_BUCKET]
    if not default:
        return Unknown("the project's _Default sink is not in the inventory")
    sink = default[0]
    if sink.get("disabled") and not isinstance(exporting, Unknown):
        return False
    if gcp.default_sink_keeps_data_access(sink.get("filter"), sink.get("disabled"), sink.get("exclusions")):
        return True
    return exporting if isinstance(exporting, Unknown) else Unknown(
        "the _Default sink is disabled, filtered differently or has exclusions: whether Data Access audit "
        "logs are kept is not judged")


def _exporting_sinks(project: Mapping[str, Any], sinks: list[dict[str, Any]],
                     listed: set[str]) -> tuple[str, ...] | Unknown:
    """The sinks that export every entry of a project: its own, and its folders' and organization's that
    include their children. Where none does and an ancestor was not listed (a project-level scan), an
    unseen ancestor's sink might: unknown."""
    owners = _owners(project)
    ancestors = [str(a) for a in project.get("ancestors") or () if not str(a).startswith("projects/")]
    found: list[str] = []
    for sink in sinks:
        body = data(sink)
        owner = gcp.sink_owner(str(sink["name"]))
        inherited = owner in ancestors and bool(body.get("includeChildren"))
        if (owner in owners or inherited) and gcp.sink_exports_all(body.get("filter"), body.get("disabled"),
                                                                     body.get("exclusions")):
            found.append(f"{owner}/sinks/{body.get('name') or str(sink['name']).rsplit('/', 1)[-1]}")
    unseen = [a for a in ancestors if f"{CRM}{a}" not in listed]
    if not found and unseen:
        return Unknown(f"sinks of {', '.join(unseen)} not read (scan the organization to see them)")
    return tuple(sorted(found))


def _scope_ref(ctx: Ctx, asset: Mapping[str, Any]) -> tuple[str, ResourceRef]:
    """``projects/<id>`` / ``folders/<n>`` / ``organizations/<n>`` and the resource's ref (project id or
    that name as its account, as the scanner's scopes are written)."""
    relative = str(asset["name"]).removeprefix(CRM)
    ref = ctx.ref(asset, name=relative)
    if asset.get("asset_type") == PROJECT_TYPE:
        project = str(data(asset).get("projectId") or ref.account)
        return f"projects/{project}", replace(ref, name=project, account=project, region="global")
    return relative, replace(ref, account=relative, region="global")


def _audit_trail(ctx: Ctx, project: Mapping[str, Any], ref: ResourceRef, listed: set[str],
                 stored: bool | Unknown) -> AuditTrail:
    """A project's Cloud Audit Logs as one trail: the union of the log types and exemptions its own
    policy and each ancestor's set (the API merges them; a child cannot turn off what a parent enables).

    Admin Activity logs (every write to configuration) are always on: ``management_writes``. Reads of
    configuration are ADMIN_READ Data Access logs, on for every service only through ``allServices``:
    ``management_reads``. Exemptions from ADMIN_READ leave those members' reads out. DATA_READ /
    DATA_WRITE record reads and writes of user data, CloudTrail's data events, which the coverage rule
    does not ask of any cloud. Audit logs are regional nowhere (one configuration per resource covers
    every location); they carry no signed digests; they are being kept (``logging``) while the
    project's ``_Default`` sink routes them unchanged, or a sink exports every entry; with which key is
    the log buckets' business. An ancestor whose policy the scan did not read (a project-level
    scan does not see its folder's and organization's) may enable ADMIN_READ or exempt members:
    what it could change is unknown.
    """
    enabled: set[str] = set()
    exempt: list[str] = []
    unseen: list[str] = []
    for name in [str(project["name"]), *(f"{CRM}{a}" for a in project.get("ancestors") or () if
                                         not str(a).startswith("projects/"))]:
        configs = ctx.audit_config({"name": name})
        if isinstance(configs, Unknown):
            return _unknown_trail(ref, configs)
        if name not in listed and name not in ctx.policies and name not in ctx.audit_configs:
            unseen.append(name.removeprefix(CRM))
            continue
        types, exemptions = gcp.audit_log_types(configs)
        enabled |= types
        exempt += [e for e in exemptions if e.startswith(gcp.ADMIN_READ)]
    gap = Unknown(f"audit config of {', '.join(unseen)} not read (scan the organization to see it)") if unseen \
        else None
    reads: bool | Unknown = True if gcp.ADMIN_READ in enabled else gap if gap is not None else False
    exclusions: tuple[str, ...] | Unknown = tuple(sorted(set(exempt))) if exempt or gap is None else gap
    return AuditTrail(
        ref=replace(ref, native_type="gcp:audit-config", name=f"{ref.name} audit config", part="audit-config"),
        multi_region=True,
        logging=stored,
        log_file_validation=False,
        kms_key=Unknown("audit log storage keys are the log buckets' setting"),
        management_reads=reads,
        management_writes=True,
        management_exclusions=exclusions,
        cloudwatch_logs=None,
        cloudwatch_delivery_hours=None,
        object_data_reads=None,  # Data Access logs: not judged here (AuditCoverage.object_data_judged)
        object_data_writes=None,
    )


def _unknown_trail(ref: ResourceRef, why: Unknown) -> AuditTrail:
    facts = len(AuditTrail.__dataclass_fields__) - 3  # object data events: not judged here, not unknown
    return AuditTrail(replace(ref, native_type="gcp:audit-config", name=f"{ref.name} audit config",
                              part="audit-config"), *(why,) * facts, object_data_reads=None, object_data_writes=None)
