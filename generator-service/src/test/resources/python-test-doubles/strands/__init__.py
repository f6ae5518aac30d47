"""Test double of the Strands Agents SDK (package strands-agents): Agent and tool, nothing more."""
import asyncio
import functools
import itertools
import json

_DEFAULT_CALLBACK_HANDLER = object()
_agent_numbers = itertools.count(1)


class ConcurrencyException(Exception):
    """What the real Agent raises when it is called while a call is in progress."""


class AgentResult:
    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


class Agent:
    def __init__(self, model=None, messages=None, tools=None, system_prompt=None,
                 callback_handler=_DEFAULT_CALLBACK_HANDLER, conversation_manager=None, *, agent_id=None, name=None,
                 description=None):
        self.number = next(_agent_numbers)
        self.calls = 0
        self.busy = False
        self.model = model
        self.tools = tools or []
        self.system_prompt = system_prompt
        self.callback_handler = callback_handler
        self.name = name
        self.description = description

    async def _answer(self, prompt):
        if self.busy:
            raise ConcurrencyException("Agent is already processing a request")
        self.busy = True
        try:
            self.calls += 1
            if prompt.startswith("slow "):
                await asyncio.sleep(float(prompt.split()[1]))
            if prompt == "fail":
                raise RuntimeError("the model is unavailable")
            if prompt == "describe":
                return json.dumps({
                    "model": type(self.model).__name__,
                    "model_config": getattr(self.model, "config", None),
                    "tools": [getattr(tool, "__name__", str(tool)) for tool in self.tools],
                    "system_prompt": self.system_prompt,
                    "callback_handler_is_none": self.callback_handler is None,
                    "name": self.name,
                    "description": self.description,
                })
            return "agent " + str(self.number) + " call " + str(self.calls) + ": " + prompt
        finally:
            self.busy = False

    async def invoke_async(self, prompt):
        return AgentResult(await self._answer(prompt))

    async def stream_async(self, prompt):
        yield {"init_event_loop": True}
        text = await self._answer(prompt)
        for start in range(0, len(text), 8):
            yield {"data": text[start:start + 8]}
        yield {"result": AgentResult(text)}

    def __call__(self, prompt):
        return asyncio.run(self.invoke_async(prompt))


class _DecoratedFunctionTool:
    """Like Strands' DecoratedFunctionTool: callable, and the plain function stays reachable as __wrapped__."""

    def __init__(self, function, name, description):
        functools.update_wrapper(self, function)
        self.tool_name = name or function.__name__
        self.description = description

    def __call__(self, *args, **kwargs):
        return self.__wrapped__(*args, **kwargs)


def tool(func=None, *, name=None, description=None):
    def decorate(function):
        return _DecoratedFunctionTool(function, name, description)

    return decorate(func) if callable(func) else decorate
