#!/usr/bin/env python3
"""Write regexes.py (REGEXES for every wrong folder, from variants.py) and copy it to the harness
as regexes.py and regexes.before-grading.py. Run once, before any grading."""
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from variants import WRONG  # noqa: E402

lines = ['"""What counts as a right name for each planted mistake of the r11 corpus.',
         "",
         "Written before any grading. Matched case-insensitively against the grader's diagnosis text.",
         "Broad on purpose: any correct description of the cause, or of how the output differs because",
         'of it; not a description of a different mistake."""',
         "",
         "REGEXES = {"]
for v in WRONG:
    re.compile(v["regex"], re.I)
    assert re.search(v["regex"], v["expected"], re.I), v["folder"]
    lines.append(f"    {v['folder']!r}: {v['regex']!r},")
lines.append("}")
text = "\n".join(lines) + "\n"
ns = {}
exec(text, ns)
assert ns["REGEXES"] == {v["folder"]: v["regex"] for v in WRONG}
with open(os.path.join(HERE, "regexes.py"), "w") as f:
    f.write(text)
for name in ("regexes.before-grading.py", "regexes.py"):
    shutil.copyfile(os.path.join(HERE, "regexes.py"), os.path.join(HERE, "harness", name))
print(f"wrote {len(WRONG)} regexes")
