"""Checks an offline test runtime root filesystem the way a generated agent uses it: imports, the strands test double
(generator-service's python-test-doubles), and a FastAPI app served by uvicorn answering /ping and /invocations. Run by
build.sh inside the rootfs (chroot, under qemu for arm64) with the double on PYTHONPATH; exits non-zero on failure."""
import asyncio
import json
import sys
import threading
import time
import urllib.request

import boto3  # noqa: F401  generated Bedrock agents import botocore through boto3's distribution
import fastapi
import uvicorn
from botocore.config import Config
from fastapi import FastAPI, Request

from strands import Agent, tool
from strands.models import BedrockModel
from strands.models.ollama import OllamaModel
from strands_tools import calculator, http_request


@tool
def word_count(text: str) -> int:
    """Counts the words of a text."""
    return len(text.split())


def check_double():
    model = BedrockModel(model_id="us.amazon.nova-pro-v1:0", region_name="us-west-2",
                         boto_client_config=Config(retries={"max_attempts": 3, "mode": "adaptive"}))
    agent = Agent(model=model, tools=[calculator, http_request, word_count], system_prompt="Be brief.",
                  callback_handler=None)
    first = str(agent("What is 2+2?"))
    assert first.startswith("agent ") and first.endswith(" call 1: What is 2+2?"), first
    assert word_count("three little words") == 3
    OllamaModel("http://localhost:11434", model_id="llama3.2", options={"num_ctx": 8192})
    try:
        OllamaModel("http://localhost:11434", model_id="llama3.2", streaming=False)
        raise AssertionError("OllamaModel accepted an unknown key")
    except TypeError:
        pass

    async def stream():
        return "".join([event["data"] async for event in agent.stream_async("stream me") if "data" in event])
    assert asyncio.run(stream()).endswith(" call 2: stream me")


def check_server():
    app = FastAPI(title="smoke")

    @app.get("/ping")
    def ping():
        return {"status": "Healthy"}

    @app.post("/invocations")
    async def invocations(request: Request):
        payload = json.loads(await request.body())
        return {"result": str(await Agent(callback_handler=None).invoke_async(payload["prompt"]))}

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise AssertionError("uvicorn did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    base = "http://127.0.0.1:%d" % port
    assert json.load(urllib.request.urlopen(base + "/ping", timeout=30)) == {"status": "Healthy"}
    request = urllib.request.Request(base + "/invocations", data=json.dumps({"prompt": "hello"}).encode(),
                                     headers={"Content-Type": "application/json"})
    answer = json.load(urllib.request.urlopen(request, timeout=30))["result"]
    assert answer.startswith("agent ") and answer.endswith(" call 1: hello"), answer
    server.should_exit = True
    thread.join(30)


check_double()
check_server()
print("offline test runtime smoke test passed: python %s, fastapi %s, uvicorn %s, strands test double"
      % (sys.version.split()[0], fastapi.__version__, uvicorn.__version__))
