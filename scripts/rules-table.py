#!/usr/bin/env python3
"""Rewrites the rules table of ConfigurationRules.md from `otel-harness check --list-rules`.

Usage: scripts/rules-table.py OTEL_HARNESS   (the built executable)
The table is everything after the `### The rules` heading.
"""
import re
import subprocess
import sys

ARTICLE = "Sources/ConfigurationChecks/ConfigurationChecks.docc/ConfigurationRules.md"


def main():
    text = subprocess.run([sys.argv[1], "check", "--list-rules"], check=True, capture_output=True, text=True).stdout
    rules, current = [], None
    for line in text.splitlines():
        found = re.match(r"^(\S+/\S+) \((error|warning|info)\): (.*)$", line)
        if found:
            current = {"id": found.group(1), "severity": found.group(2), "summary": found.group(3)}
            rules.append(current)
            continue
        for key in ("why", "fix", "severity"):
            prefix = f"    {key}: "
            if line.startswith(prefix):
                current["reason" if key == "severity" else key] = line[len(prefix):]
    escape = lambda cell: cell.replace("|", "\\|")
    rows = ["| rule | severity | finds | why it matters | fix | why this severity |", "|---|---|---|---|---|---|"]
    rows += [
        f"| `{r['id']}` | {r['severity']} | {escape(r['summary'])} | {escape(r['why'])} | {escape(r['fix'])} | {escape(r['reason'])} |"
        for r in rules
    ]
    article = open(ARTICLE, encoding="utf-8").read()
    head = article[: article.index("### The rules")]
    open(ARTICLE, "w", encoding="utf-8").write(head + "### The rules\n\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
