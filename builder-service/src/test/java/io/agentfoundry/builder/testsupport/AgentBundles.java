package io.agentfoundry.builder.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Bundles shaped like generator-service's: a Strands agent, its AgentCore server, pinned requirements, a Dockerfile
 * and the .dockerignore that keeps the Dockerfile out of the image.
 */
public final class AgentBundles {

    /** What a generated Bedrock agent with tools pins. */
    public static final String GENERATED_REQUIREMENTS = """
            strands-agents==1.62.0
            strands-agents-tools==0.8.10
            boto3==1.44.5
            fastapi==0.163.2
            uvicorn==0.54.0
            """;

    private AgentBundles() {
    }

    public static SortedMap<String, byte[]> generatedStyle(String requirements) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("agent.py", utf8("""
                import os

                from strands import Agent
                from strands.models import BedrockModel
                from strands_tools import calculator

                MODEL_ID = "us.amazon.nova-pro-v1:0"


                def create_agent() -> Agent:
                    return Agent(model=BedrockModel(model_id=MODEL_ID, region_name=os.environ.get("AWS_REGION", "us-west-2")),
                                 tools=[calculator], system_prompt="You answer briefly.", callback_handler=None)
                """));
        files.put("agentcore_server.py", utf8("""
                import json

                from fastapi import FastAPI, Request
                from fastapi.responses import JSONResponse

                from agent import create_agent

                app = FastAPI(title="Weather_Agent")


                @app.get("/ping")
                def ping():
                    return {"status": "Healthy"}


                @app.post("/invocations")
                async def invocations(request: Request):
                    payload = json.loads(await request.body() or b"null")
                    if not isinstance(payload, dict) or not isinstance(payload.get("prompt"), str):
                        return JSONResponse(status_code=400, content={"error": "Expected a JSON object with a string 'prompt'"})
                    return {"result": str(await create_agent().invoke_async(payload["prompt"]))}
                """));
        files.put("requirements.txt", utf8(requirements));
        files.put(".dockerignore", utf8("""
                # Only what the runtime needs goes into the image.
                __pycache__/
                Dockerfile
                .dockerignore
                """));
        files.put("Dockerfile", utf8("""
                FROM --platform=linux/arm64 ghcr.io/astral-sh/uv:python3.12-bookworm-slim
                WORKDIR /app
                COPY requirements.txt .
                RUN uv pip install --system --no-cache -r requirements.txt
                COPY . .
                USER 1000
                EXPOSE 8080
                CMD ["python", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080"]
                """));
        return files;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
