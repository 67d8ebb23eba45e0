"""A region's configuration history."""

from hitrust_policies.model import ConfigRecording
from hitrust_policies.rules.registry import rule


@rule(
    "log-config-recording-all-regions",
    title="Configuration changes of every resource type are recorded in every region",
    domain="logging",
    severity="medium",
    remediation={
        "aws": "In every region, create an AWS Config configuration recorder recording all supported resource types "
        "(recordingGroup allSupported, no exclusions), a delivery channel, and start it (aws configservice "
        "start-configuration-recorder; pulumi-aws cfg.Recorder + cfg.DeliveryChannel + cfg.RecorderStatus "
        "is_enabled=True); include global resource types in one region.",
    },
)
def log_config_recording_all_regions(config: ConfigRecording):
    """What a PHI system looked like when an incident began is known only where its configuration was recorded.

    Follows CIS AWS Foundations Benchmark 3.5 (v1.5; 3.3 in v3: a recorder in every region recording all
    supported resource types), Security Hub Config.1 and Prowler config_recorder_all_regions_enabled (a
    recorder recording, its last status not a failure). Global resource types (IAM) need recording in one
    region only, so a region without them is not failed.
    """
    if not config.recording:
        return f"no configuration recorder is recording in {config.ref.region or config.ref.name}"
    if not config.all_resource_types:
        return "the configuration recorder leaves resource types out"
