"""Functions' own public HTTPS endpoints."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef


@dataclass(frozen=True, slots=True)
class FunctionUrl:
    """A serverless function's dedicated public HTTPS URL.

    Yielded by the AWS sources (Lambda function URLs); Azure Functions' and Cloud Run's HTTP triggers could
    yield it later. ``auth_required``: a caller must sign its request with cloud credentials the function's
    policy admits (Lambda ``AuthType`` ``AWS_IAM``); False: anyone on the internet can invoke it (``NONE``).
    """

    ref: ResourceRef
    auth_required: bool | Unknown
