"""Replace the body of one top-level function in a module's source, keeping its def line and docstring."""
import re
import textwrap


def replace_body(text, func, body, imports=()):
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if re.match(rf"def {func}\(", l))
    i = start
    while not lines[i].rstrip().endswith(":"):      # def line(s)
        i += 1
    i += 1
    # docstring
    if lines[i].strip().startswith('"""'):
        if lines[i].strip().count('"""') >= 2 and len(lines[i].strip()) > 3:
            i += 1
        else:
            i += 1
            while '"""' not in lines[i]:
                i += 1
            i += 1
    body_start = i
    j = body_start
    while j < len(lines) and (lines[j].strip() == "" or lines[j].startswith((" ", "\t"))):
        j += 1
    # keep trailing blank lines before the next top-level statement
    k = j
    while k > body_start and lines[k - 1].strip() == "":
        k -= 1
    new = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ").split("\n")
    lines = lines[:body_start] + new + lines[k:]
    text = "\n".join(lines)
    for imp in imports:
        if imp not in text:
            # after the last top-level import line that precedes the first def
            ls = text.split("\n")
            first_def = next(n for n, l in enumerate(ls) if l.startswith("def "))
            last_imp = max((n for n, l in enumerate(ls[:first_def]) if l.startswith(("import ", "from "))), default=None)
            if last_imp is None:
                # after the module docstring
                n = 0
                if ls[0].startswith('"""'):
                    n = 0 if ls[0].count('"""') >= 2 else next(m for m in range(1, len(ls)) if '"""' in ls[m])
                ls.insert(n + 1, "")
                ls.insert(n + 2, imp)
            else:
                ls.insert(last_imp + 1, imp)
            text = "\n".join(ls)
    return text
