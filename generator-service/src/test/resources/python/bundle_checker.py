"""Checks generated bundles for the Java tests: one long-lived process, one JSON request a line on stdin, one JSON
answer a line on stdout (spawning Python per bundle would make 10,000 bundles take minutes).

Request:  {"mode": "check" | "symbols", "files": {path: base64 of the file's bytes}, "expect": [...], "forbidden": [...]}
  check    every .py file must parse (ast.parse on the exact bytes); each expectation
           {"path", "kind": "assign" | "docstring", "name", "value"} must hold: the module-level assignment NAME = <literal>
           evaluates to value (ast.literal_eval), or function NAME's docstring is value; no forbidden text may appear in
           a .py file outside its string literals, nor anywhere in another file.
           Answer: {"problems": [text, ...]}
  symbols  every import and every call of every .py file.
           Answer: {"files": {path: {"imports": [{"module", "names"}], "calls": [{"callee", "resolved", "positional",
           "keywords", "starred", "first"}]}}}
"""
import ast
import base64
import hashlib
import json
import re
import sys


def parse(path, source, problems):
    try:
        return ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as error:
        problems.append(path + " does not parse: " + repr(error))
        return None


def module_assignment(tree, name):
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id == name:
                return ast.literal_eval(node.value)
    raise LookupError("no module-level assignment to " + name)


def function_docstring(tree, name):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return ast.get_docstring(node, clean=False)
    raise LookupError("no function " + name)


def string_literals(node, lines):
    """The str and bytes constants under node that touch any of the given lines (all of them when lines is None).
    Subtrees on other lines are skipped: walking every node of every file is what would make the check slow."""
    for child in ast.iter_child_nodes(node):
        if lines is not None and hasattr(child, "lineno") \
                and not any(child.lineno <= number <= child.end_lineno for number in lines):
            continue
        if isinstance(child, ast.Constant) and isinstance(child.value, (str, bytes)):
            yield child
        else:
            yield from string_literals(child, lines)


def outside_string_literals(source, tree, text):
    """The source with the string literals on the lines holding text blanked out: what remains is code and comments."""
    lines = [bytearray(line) for line in source.splitlines(keepends=True)]
    # line numbers from "\n" alone are Python's only when no other line end occurs; else blank every literal
    numbers = None if b"\r" in source else {source.count(b"\n", 0, match.start()) + 1
                                             for match in re.finditer(re.escape(text.encode("utf-8")), source)}
    for node in string_literals(tree, numbers):
        for number in range(node.lineno, node.end_lineno + 1):
            line = lines[number - 1]
            start = node.col_offset if number == node.lineno else 0
            end = node.end_col_offset if number == node.end_lineno else len(line.rstrip(b"\r\n"))
            line[start:end] = b" " * (end - start)
    return b"".join(lines).decode("utf-8", errors="replace")


# Files that come out the same for many bundles (the server, the invoke script) are checked once.
_clean = set()


def check(request):
    problems = []
    files = {path: base64.b64decode(content) for path, content in request["files"].items()}
    forbidden = request.get("forbidden", [])
    expected_paths = {expectation["path"] for expectation in request.get("expect", [])}
    trees = {}
    for path, source in files.items():
        key = (path, hashlib.sha256(source).digest(), tuple(forbidden))
        if key in _clean and path not in expected_paths:
            continue
        if path.endswith(".py"):
            tree = parse(path, source, problems)
            if tree is None:
                continue
            trees[path] = tree
        clean = True
        for text in forbidden:
            if text.encode("utf-8") not in source:
                continue
            visible = outside_string_literals(source, tree, text) if path.endswith(".py") else source.decode("utf-8")
            if text in visible:
                problems.append(path + " has " + repr(text) + " outside string literals")
                clean = False
        if clean:
            _clean.add(key)
    for expectation in request.get("expect", []):
        tree = trees.get(expectation["path"])
        if tree is None:
            problems.append("nothing to check in " + expectation["path"])
            continue
        try:
            if expectation["kind"] == "assign":
                actual = module_assignment(tree, expectation["name"])
            else:
                actual = function_docstring(tree, expectation["name"])
        except (LookupError, ValueError) as error:
            problems.append(expectation["path"] + ": " + str(error))
            continue
        if actual != expectation["value"]:
            problems.append(expectation["path"] + ": " + expectation["name"] + " is " + ascii(actual)
                            + ", expected " + ascii(expectation["value"]))
    # short answers keep a client that writes several requests before reading from filling the pipe
    return {"problems": [problem[:500] for problem in problems[:20]]}


class Symbols(ast.NodeVisitor):
    """Imports, and calls with the qualified name of what they call where an import says what it is."""

    def __init__(self):
        self.imports = []
        self.calls = []
        self.origins = {}

    def visit_Import(self, node):
        for alias in node.names:
            self.imports.append({"module": alias.name, "names": []})
            root = alias.name.split(".")[0]
            self.origins[alias.asname or root] = alias.name if alias.asname else root

    def visit_ImportFrom(self, node):
        module = "." * node.level + (node.module or "")
        self.imports.append({"module": module, "names": [alias.name for alias in node.names]})
        for alias in node.names:
            self.origins[alias.asname or alias.name] = module + "." + alias.name

    def dotted(self, node):
        if isinstance(node, ast.Name):
            origin = self.origins.get(node.id)
            return (origin, True) if origin else (node.id, False)
        if isinstance(node, ast.Attribute):
            base, resolved = self.dotted(node.value)
            return (base + "." + node.attr if base else None), resolved
        return None, False

    def visit_Call(self, node):
        callee, resolved = self.dotted(node.func)
        first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        self.calls.append({
            "callee": callee or "<expression>",
            "resolved": resolved,
            "positional": len(node.args),
            "keywords": [keyword.arg for keyword in node.keywords],
            "starred": any(isinstance(arg, ast.Starred) for arg in node.args)
                       or any(keyword.arg is None for keyword in node.keywords),
            "first": first if isinstance(first, str) else None,
        })
        self.generic_visit(node)


def symbols(request):
    answer = {}
    for path, content in request["files"].items():
        if path.endswith(".py"):
            # imports come first in these files, so one pass in source order resolves every call
            visitor = Symbols()
            visitor.visit(ast.parse(base64.b64decode(content), filename=path))
            answer[path] = {"imports": visitor.imports, "calls": visitor.calls}
    return {"files": answer}


def main():
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = check(request) if request["mode"] == "check" else symbols(request)
        except Exception as error:  # report, and keep serving the next request
            answer = {"problems": ["checker failed: " + repr(error)]}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
