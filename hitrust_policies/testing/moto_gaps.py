"""Answers for the AWS read APIs moto does not implement, served from moto's own state.

moto 5.2 stores Lambda function URL configurations (``CreateFunctionUrlConfig`` / ``GetFunctionUrlConfig``) but
does not route ``ListFunctionUrlConfigs`` (404). An in-process moto account (the demo, the parity scenarios) that
holds Lambda functions would show the URL listing as a gap. `serve_function_url_listing` answers it on one boto3
session, from what moto's ``GetFunctionUrlConfig`` returns, in the JSON shape Lambda sends; every other call of the
session still goes to moto.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlparse

EVENT = "before-send.lambda.ListFunctionUrlConfigs"


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data


def serve_function_url_listing(session: Any) -> None:
    """Answer ``lambda:ListFunctionUrlConfigs`` on ``session``'s clients from moto's stored URL configurations
    (the function's unqualified URL: moto keeps one per function)."""
    from botocore.awsrequest import AWSResponse

    def answer(request: Any, **_: Any) -> Any:
        url = urlparse(request.url)
        name = unquote(url.path.split("/functions/", 1)[1].split("/", 1)[0])
        region = url.hostname.split(".")[1] if url.hostname and url.hostname.count(".") >= 2 else None
        client = session.client("lambda", region_name=region)
        try:
            got = client.get_function_url_config(FunctionName=name)
            configs = [{k: got[k] for k in ("FunctionUrl", "FunctionArn", "AuthType")}
                       | {"CreationTime": got.get("CreationTime", ""),
                          "LastModifiedTime": got.get("LastModifiedTime", "")}]
        except client.exceptions.ResourceNotFoundException:
            configs = []
        body = json.dumps({"FunctionUrlConfigs": configs}).encode()
        return AWSResponse(request.url, 200, {"Content-Type": "application/json"}, _Body(body))

    session.events.register_first(EVENT, answer)
