"""A small web app on Google Cloud, written as the public gcp-py-* examples write it (pulumi/examples
gcp-py-webserver, gcp-py-instance-nginx, gcp-py-cloudrun-cloudsql, gcp-py-serverless-raw): an
auto-mode network with a firewall naming no source, a VM with an ephemeral address, a Cloud SQL
instance with a tier only, a database user whose password is a secret from config, a Cloud Run
service reading its connection string, and a function bucket with an ``allUsers`` invoker on the
function (not on the bucket).
"""

import pulumi

STARTUP = """#!/bin/bash
apt -y update
apt -y install nginx
"""


def program() -> None:
    from pulumi_gcp import cloudfunctions, cloudrun, compute, sql, storage

    config = pulumi.Config()
    region = pulumi.Config("gcp").get("region") or "us-central1"
    db_name = config.get("db-name") or "app"

    network = compute.Network("network", auto_create_subnetworks=True)
    firewall = compute.Firewall("firewall", network=network.self_link,
                                allows=[compute.FirewallAllowArgs(protocol="tcp", ports=["22", "80"])])
    address = compute.Address("address", region=region)
    instance = compute.Instance(
        "instance", machine_type="f1-micro", zone=f"{region}-a", metadata_startup_script=STARTUP,
        boot_disk=compute.InstanceBootDiskArgs(initialize_params=compute.InstanceBootDiskInitializeParamsArgs(
            image="debian-cloud/debian-12")),
        network_interfaces=[compute.InstanceNetworkInterfaceArgs(
            network=network.id, access_configs=[compute.InstanceNetworkInterfaceAccessConfigArgs(
                nat_ip=address.address)])],
        service_account=compute.InstanceServiceAccountArgs(scopes=["https://www.googleapis.com/auth/cloud-platform"]),
        opts=pulumi.ResourceOptions(depends_on=[firewall]))

    db = sql.DatabaseInstance("my-cloud-sql-instance", database_version="POSTGRES_15", deletion_protection=False,
                              settings=sql.DatabaseInstanceSettingsArgs(tier="db-f1-micro"))
    sql.Database("database", instance=db.name, name=db_name)
    sql.User("users", name=db_name, instance=db.name, password=config.require_secret("db-password"))
    url = pulumi.Output.concat("postgres://", db_name, ":", config.require_secret("db-password"), "@/", db_name,
                               "?host=/cloudsql/", db.connection_name)
    service = cloudrun.Service(
        "default-service", location=region,
        template=cloudrun.ServiceTemplateArgs(
            metadata=cloudrun.ServiceTemplateMetadataArgs(annotations={
                "run.googleapis.com/cloudsql-instances": db.connection_name}),
            spec=cloudrun.ServiceTemplateSpecArgs(containers=[cloudrun.ServiceTemplateSpecContainerArgs(
                image="gcr.io/cloudrun/hello", envs=[cloudrun.ServiceTemplateSpecContainerEnvArgs(
                    name="DATABASE_URL", value=url)])])),
        traffics=[cloudrun.ServiceTrafficArgs(latest_revision=True, percent=100)])

    bucket = storage.Bucket("bucket", location="US")
    archive = storage.BucketObject("python-zip", bucket=bucket.name, source=pulumi.AssetArchive({
        "main.py": pulumi.StringAsset("def handler(request):\n    return 'ok'\n")}))
    function = cloudfunctions.Function("python-func", source_archive_bucket=bucket.name, runtime="python312",
                                       source_archive_object=archive.name, entry_point="handler", trigger_http=True,
                                       available_memory_mb=128, region=region)
    cloudfunctions.FunctionIamMember("py-invoker", project=function.project, region=function.region,
                                     cloud_function=function.name, role="roles/cloudfunctions.invoker",
                                     member="allUsers")

    pulumi.export("instance_ip", address.address)
    pulumi.export("instance_name", instance.name)
    pulumi.export("cloud_run_url", service.statuses[0].url)
    pulumi.export("function_url", function.https_trigger_url)
