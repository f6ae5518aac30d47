"""Reads Python source (UTF-8) on stdin and prints {} when it parses, else {"line", "column", "message"} as JSON."""
import ast
import json
import sys

try:
    ast.parse(sys.stdin.buffer.read().decode("utf-8"))
    print("{}")
except SyntaxError as error:
    print(json.dumps({"line": error.lineno, "column": error.offset, "message": error.msg}))
except ValueError as error:
    print(json.dumps({"line": None, "column": None, "message": str(error)}))
