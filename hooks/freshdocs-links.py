#!/usr/bin/env python3
"""The `freshdocs-links` pre-commit hook (.pre-commit-hooks.yaml): broken links and anchors in the
files being committed, and front matter errors.

Links can only be judged against the whole site, so this runs `freshdocs check --format
codequality` once over all of it (the Code Quality report names each finding's file from the
repository root, as pre-commit names the files it passes) and reports the `links` findings of
the given files only. A front matter or configuration error anywhere stops freshdocs, which lists
every one with its file and line: that fails the hook whatever the files.

Usage: freshdocs-links.py [--root DIR] FILE...   (freshdocs must be on PATH)
"""

import json
import os
import subprocess
import sys


def main(argv):
    root = "."
    files = []
    args = iter(argv)
    for arg in args:
        if arg == "--root":
            root = next(args, ".")
        else:
            files.append(os.path.normpath(arg))
    try:
        run = subprocess.run(
            ["freshdocs", "check", "--root", root, "--format", "codequality"],
            stdout=subprocess.PIPE,
            text=True,
        )
    except FileNotFoundError:
        print("freshdocs-links: freshdocs is not on PATH; install it (see the help center's install article)")
        return 2
    if run.returncode not in (0, 1):
        # Bad input: freshdocs printed every error, with its file and line, on stderr.
        return run.returncode
    issues = json.loads(run.stdout)
    wanted = set(files)
    found = [
        issue
        for issue in issues
        if issue["check_name"] == "freshdocs/links"
        and issue["severity"] == "major"
        and os.path.normpath(issue["location"]["path"]) in wanted
    ]
    for issue in found:
        location = issue["location"]
        print(f"{location['path']}:{location['lines']['begin']}: {issue['description']}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
