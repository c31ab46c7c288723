#!/usr/bin/env python3
"""Checks the package's module graph against the allowed-imports table of docs/architecture.md.

Usage: check-imports.py [PACKAGE_DIR]   (default: the repository this script is in)

Reads `swift package describe --type json` (targets, their sources and declared dependencies) and
every `import` line of every source file. Prints one line per violation, naming file and line,
and exits 1 when there is any; exits 0 and prints a summary otherwise.
"""
import json
import os
import re
import subprocess
import sys

IMPORT = re.compile(
    r"^\s*(?:@[\w()]+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"
    r"(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)")
TEST_FRAMEWORKS = {"Testing"}
TESTING_MODULE = "TelemetryTesting"
CLI_TARGET = "OTelHarnessCLI"


def read_table(path):
    text = open(path, encoding="utf-8").read()
    match = re.search(r"<!-- allowed-imports:begin -->(.*?)<!-- allowed-imports:end -->", text, re.S)
    if not match:
        sys.exit(f"{path}: no allowed-imports table between the begin and end markers")
    table = {}
    for line in match.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("Module", "") or set(cells[0]) <= {"-"}:
            continue
        module, layer, allowed = cells
        table[module] = (int(layer), {name.strip() for name in allowed.split(",") if name.strip()})
    return table


def describe(package):
    output = subprocess.run(
        ["swift", "package", "describe", "--type", "json"], cwd=package, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output[output.index("{"):])


def main():
    package = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    table = read_table(os.path.join(package, "docs", "architecture.md"))
    targets = {target["name"]: target for target in describe(package)["targets"]}
    own = set(targets)
    problems = []

    for module, (layer, allowed) in sorted(table.items()):
        if module not in own:
            problems.append(f"docs/architecture.md: the table lists {module}, which is not a target")
        for name in sorted(allowed):
            if name not in table:
                problems.append(f"docs/architecture.md: {module} may import {name}, which the table does not place in a layer")
            elif table[name][0] >= layer:
                problems.append(
                    f"docs/architecture.md: {module} (layer {layer}) may import {name} (layer {table[name][0]}): "
                    "only lower layers may be imported")

    for name, target in sorted(targets.items()):
        is_test = target.get("type") == "test"
        if not is_test and name not in table:
            problems.append(f"{target['path']}: target {name} is not in the table of docs/architecture.md: place it in a layer")
            continue
        allowed = table.get(name, (0, set()))[1]
        for dependency in target.get("target_dependencies", []):
            if not is_test and dependency not in allowed:
                problems.append(f"Package.swift: {name} depends on {dependency}, not allowed by docs/architecture.md")
        for source in target.get("sources", []):
            path = os.path.join(package, target["path"], source)
            if not path.endswith(".swift"):
                continue
            with open(path, encoding="utf-8") as file:
                for number, line in enumerate(file, 1):
                    found = IMPORT.match(line)
                    if not found:
                        continue
                    imported = found.group(1)
                    place = f"{os.path.relpath(path, package)}:{number}"
                    if imported in TEST_FRAMEWORKS and not is_test and name != TESTING_MODULE:
                        problems.append(f"{place}: {name} imports {imported}; only {TESTING_MODULE} and test targets may")
                    if imported in own and imported != name and not is_test and imported not in allowed:
                        problems.append(f"{place}: {name} imports {imported}, not allowed by docs/architecture.md")

    # The command line must not link the test framework, directly or through others.
    closure, stack = set(), [CLI_TARGET]
    while stack:
        current = stack.pop()
        for dependency in targets.get(current, {}).get("target_dependencies", []):
            if dependency not in closure:
                closure.add(dependency)
                stack.append(dependency)
    if TESTING_MODULE in closure:
        problems.append(f"Package.swift: the otel-harness executable ({CLI_TARGET}) depends on {TESTING_MODULE}, which links Swift Testing")

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} import violation(s)")
        return 1
    print(f"module graph ok: {len(table)} modules, {sum(len(a) for _, a in table.values())} allowed edges, "
          f"otel-harness links {len(closure)} modules of this package and no test framework")
    return 0


if __name__ == "__main__":
    sys.exit(main())
