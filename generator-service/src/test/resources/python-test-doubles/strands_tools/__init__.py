"""Test double of strands_tools (package strands-agents-tools): every tool module is a named placeholder."""
import types


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    module = types.ModuleType("strands_tools." + name)
    globals()[name] = module
    return module
