"""Test double of boto3 for the bundle's deploy and invoke scripts: clients of bedrock-agentcore-control and
bedrock-agentcore that play a scenario and record every call.

BOTO3_DOUBLE_SCENARIO (JSON): {"runtimes": [{"agentRuntimeName", "agentRuntimeId"}], "statuses": ["READY", ...],
"failureReason": "...", "response": "text the invocation answers"}. BOTO3_DOUBLE_CALLS: a file that receives one JSON
line per call: {"service", "operation", "arguments"}.
"""
import io
import json
import os

_OPERATIONS = {
    "bedrock-agentcore-control": {"list_agent_runtimes", "create_agent_runtime", "update_agent_runtime",
                                  "get_agent_runtime"},
    "bedrock-agentcore": {"invoke_agent_runtime"},
}


class _StreamingBody(io.BytesIO):
    """Like botocore's StreamingBody: readable, with iter_lines()."""

    def iter_lines(self):
        return iter(self.getvalue().splitlines())


class _Client:
    def __init__(self, service, region_name):
        if service not in _OPERATIONS:
            raise ValueError("Unknown service: " + service)
        self.service = service
        self.region_name = region_name
        self.scenario = json.loads(os.environ.get("BOTO3_DOUBLE_SCENARIO", "{}"))
        self.statuses = list(self.scenario.get("statuses", ["READY"]))

    def _record(self, operation, arguments):
        with open(os.environ["BOTO3_DOUBLE_CALLS"], "a") as calls:
            calls.write(json.dumps({"service": self.service, "operation": operation, "arguments": arguments},
                                   default=str) + "\n")

    def __getattr__(self, operation):
        if operation not in _OPERATIONS[self.service]:
            raise AttributeError(self.service + " has no operation " + operation)

        def call(**arguments):
            self._record(operation, arguments)
            return getattr(self, "_" + operation)(**arguments)

        return call

    def _list_agent_runtimes(self, **arguments):
        return {"agentRuntimes": self.scenario.get("runtimes", [])}

    def _create_agent_runtime(self, **arguments):
        return {"agentRuntimeId": "runtime-created", "status": "CREATING"}

    def _update_agent_runtime(self, **arguments):
        return {"agentRuntimeId": arguments["agentRuntimeId"], "status": "UPDATING"}

    def _get_agent_runtime(self, agentRuntimeId):
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return {"agentRuntimeId": agentRuntimeId, "status": status, "agentRuntimeVersion": "2",
                "agentRuntimeArn": "arn:aws:bedrock-agentcore:us-west-2:123456789012:runtime/" + agentRuntimeId,
                "failureReason": self.scenario.get("failureReason")}

    def _invoke_agent_runtime(self, **arguments):
        return {"response": _StreamingBody(self.scenario.get("response", "").encode("utf-8")),
                "contentType": arguments.get("accept")}


def client(service_name, region_name=None):
    return _Client(service_name, region_name)
