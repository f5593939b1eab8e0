"""Small source-editing helpers shared by build_correct.py and make_corpus.py (no grader code)."""
import ast
import textwrap


def _func_node(src, name):
    tree = ast.parse(src)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise KeyError(name)


def docstring_lines(src, name):
    """The source lines of the function's docstring statement (indented as in the file)."""
    node = _func_node(src, name)
    first = node.body[0]
    assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant), name
    lines = src.splitlines()
    return lines[first.lineno - 1:first.end_lineno]


def fill_body(src, name, body):
    """Replace everything after the docstring of function `name` with `body` (unindented text)."""
    node = _func_node(src, name)
    lines = src.splitlines()
    doc_end = node.body[0].end_lineno          # last line of the docstring
    end = node.end_lineno
    new_body = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ").splitlines()
    out = lines[:doc_end] + new_body + lines[end:]
    return "\n".join(out) + "\n"


def replace_function(src, name, code, keep_docstring=True):
    """Replace the whole def of `name` with `code` (a full def); re-insert the original docstring
    after the signature when `code` has none."""
    node = _func_node(src, name)
    lines = src.splitlines()
    start = node.lineno - 1
    if node.decorator_list:
        start = node.decorator_list[0].lineno - 1
    end = node.end_lineno
    code = textwrap.dedent(code).strip("\n")
    code_lines = code.splitlines()
    if keep_docstring:
        new_node = _func_node(code, name)
        has_doc = (isinstance(new_node.body[0], ast.Expr) and isinstance(new_node.body[0].value, ast.Constant)
                   and isinstance(new_node.body[0].value.value, str))
        if not has_doc:
            sig_end = new_node.body[0].lineno - 1   # index of first body line
            # the signature ends on the line before the first body statement (comments allowed)
            k = sig_end - 1
            while not code_lines[k].rstrip().endswith(":"):
                k -= 1
            code_lines = code_lines[:k + 1] + docstring_lines(src, name) + code_lines[k + 1:]
    out = lines[:start] + code_lines + lines[end:]
    return "\n".join(out) + "\n"


def add_imports(src, imports):
    """Add module-level import lines after the last top-level import (or after the docstring)."""
    if not imports:
        return src
    tree = ast.parse(src)
    lines = src.splitlines()
    last = 0
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            last = node.end_lineno
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and last == 0:
            last = node.end_lineno
    new = [l for l in imports if l not in lines]
    out = lines[:last] + new + lines[last:]
    return "\n".join(out) + "\n"
