"""Shared helpers of the drift backtests (replay_forgotten.py, replay_cycle.py).

Only the Python 3 standard library and the `git` command line. Nothing here writes to a branch
of the repository it is given: replayed commits are loose objects reachable from no ref (or from
refs of a scratch clone), and work trees are scratch worktrees or scratch clones.
"""

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time

MD_EXT = (".md", ".markdown")

# Paths outside the docs folder that are not "the product" (fnmatch on the repository-relative
# path; `*` also matches `/`). A commit counts as a product change when one changed file is
# outside the docs folder and matches none of these.
DEFAULT_IGNORE = [
    "CHANGELOG*", "*/CHANGELOG*", "changelog*", "*/changelog*", "CHANGES*", "RELEASES*",
    ".github/*", ".gitlab-ci.yml", ".pre-commit-config.yaml", ".gitignore", "*/.gitignore",
    ".git-blame-ignore-revs", ".mailmap",
    "tests/*", "*/tests/*", "test/*", "*/test/*", "*.snap", "*/snapshots/*",
    "*.lock", "*-lock.json", "*-lock.yaml", "*.lockb", "pnpm-lock.yaml",
    "*.md", "LICENSE*", "*/LICENSE*",
]

# Where per-sample rows go by default (outside the repository: the bench commits none of it).
RESULTS_DIR = os.environ.get("DRIFT_RESULTS", "/work/bench-data/drift/results")
SCRATCH_DIR = os.environ.get("DRIFT_SCRATCH", "/work/bench-data/drift/scratch")

# Identity of every replayed commit (its dates are the original commit's).
BENCH_IDENT = {"GIT_AUTHOR_NAME": "drift-bench", "GIT_AUTHOR_EMAIL": "drift-bench@example.invalid",
               "GIT_COMMITTER_NAME": "drift-bench",
               "GIT_COMMITTER_EMAIL": "drift-bench@example.invalid"}


class GitError(RuntimeError):
    pass


def git(repo, *args, env=None, input=None, check=True, text=True):
    full_env = dict(os.environ)
    # Reproducible plumbing: no hooks, no pager, no user config that changes output.
    full_env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    if env:
        full_env.update(env)
    p = subprocess.run(["git", "-C", repo, "-c", "core.quotePath=false", *args],
                       input=input, capture_output=True, text=text, env=full_env)
    if check and p.returncode != 0:
        err = p.stderr if text else p.stderr.decode("utf-8", "replace")
        raise GitError(f"git {' '.join(args)}: exit {p.returncode}: {err.strip()[:500]}")
    return p.stdout


def rev(repo, name):
    return git(repo, "rev-parse", "--verify", "-q", name + "^{commit}").strip()


def tree_of(repo, commit, path=""):
    """Tree sha of `commit:path` ('' = root), or None when the path does not exist."""
    spec = f"{commit}^{{tree}}" if not path else f"{commit}:{path}"
    out = git(repo, "rev-parse", "--verify", "-q", spec, check=False).strip()
    return out or None


def is_ancestor(repo, a, b):
    p = subprocess.run(["git", "-C", repo, "merge-base", "--is-ancestor", a, b],
                       capture_output=True)
    return p.returncode == 0


def commit_info(repo, sha):
    fmt = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%cI%x00%at%x00%ct%x00%s%x00%B"
    out = git(repo, "show", "-s", "--format=" + fmt, sha)
    f = out.split("\x00")
    return {"sha": f[0], "parents": f[1].split(), "author": f[2], "email": f[3],
            "author_date": f[4], "committer_date": f[5], "at": int(f[6]), "ct": int(f[7]),
            "subject": f[8], "message": f[9].rstrip("\n") + "\n"}


def first_parent_log(repo, range_or_rev, extra=()):
    """[(sha, parents, author_ts, committer_ts, [(status, path)])] first-parent, newest first,
    with the name-status diff against the first parent (no rename detection)."""
    out = git(repo, "log", "--first-parent", "--no-renames", "--name-status", "-z",
              "--format=%x01%H %P%x00%at %ct", *extra, range_or_rev, "--")
    rows = []
    for rec in out.split("\x01")[1:]:
        head, _, rest = rec.partition("\x00")
        ids = head.split()
        times, _, rest = rest.partition("\x00")
        at, ct = (int(x) for x in times.split())
        toks = rest.lstrip("\n").split("\x00")
        changes = []
        i = 0
        while i + 1 < len(toks):
            st = toks[i].strip()
            if not st:
                i += 1
                continue
            changes.append((st[0], toks[i + 1]))
            i += 2
        rows.append((ids[0], ids[1:], at, ct, changes))
    return rows


def changes_between(repo, a, b):
    out = git(repo, "diff-tree", "-r", "--no-renames", "--name-status", "-z", a, b)
    toks = out.split("\x00")
    return [(toks[i][0], toks[i + 1]) for i in range(0, len(toks) - 1, 2) if toks[i]]


def under(path, folder):
    return path == folder or path.startswith(folder + "/")


def is_md(path):
    return path.lower().endswith(MD_EXT)


def rel(path, folder):
    return path[len(folder) + 1:]


def md_files(repo, commit, docs):
    """Markdown files of `commit`'s docs folder, relative to the folder."""
    out = git(repo, "ls-tree", "-r", "-z", "--name-only", commit, "--", docs + "/", check=False)
    return {rel(p, docs) for p in out.split("\x00") if p and is_md(p) and under(p, docs)}


def product_paths(changes, docs, ignore):
    return [p for _, p in changes
            if not under(p, docs) and not any(fnmatch.fnmatchcase(p, g) for g in ignore)]


def doc_changes(changes, docs):
    """(status, path relative to docs) of the Markdown files of the docs folder."""
    return [(s, rel(p, docs)) for s, p in changes if under(p, docs) and is_md(p)]


def is_section_page(path):
    base = path.rsplit("/", 1)[-1].lower()
    return base in ("_index.md", "index.md", "readme.md") or re.fullmatch(r"_index\.[a-z-]+\.md", base)


def _mktree(repo, entries):
    data = "".join(f"{m} {t} {o}\t{n}\x00" for n, (m, t, o) in sorted(entries.items()))
    return git(repo, "mktree", "-z", input=data).strip()


def _entries(repo, tree):
    out = git(repo, "ls-tree", "-z", tree)
    ents = {}
    for rec in out.split("\x00"):
        if rec:
            meta, name = rec.split("\t", 1)
            m, t, o = meta.split()
            ents[name] = (m, t, o)
    return ents


def _graft(repo, tree, parts, new):
    """`tree` with the subtree at `parts` replaced by tree `new` (removed when None)."""
    ents = _entries(repo, tree)
    head = parts[0]
    if len(parts) == 1:
        if new is None:
            ents.pop(head, None)
        else:
            ents[head] = ("040000", "tree", new)
    else:
        cur = ents.get(head)
        if cur is None or cur[1] != "tree":
            if new is None:
                return tree
            cur = ("040000", "tree", _mktree(repo, {}))
        child = _graft(repo, cur[2], parts[1:], new)
        ents[head] = ("040000", "tree", child)
        if new is None and not _entries(repo, child):
            ents.pop(head)
    return _mktree(repo, ents)


def replay_tree(repo, commit, docs_from, docs):
    """Tree of `commit` with its docs folder replaced by `docs_from`'s docs folder (removed when
    `docs_from` has none). Pure object plumbing (ls-tree/mktree along the folder's path, the
    same tree as `read-tree C; rm --cached -r docs; read-tree --prefix=docs/ P:docs;
    write-tree`); no index, work tree or ref is touched."""
    return _graft(repo, tree_of(repo, commit), docs.split("/"), tree_of(repo, docs_from, docs))


def commit_tree(repo, tree, parents, message, author_date, committer_date):
    env = dict(BENCH_IDENT)
    env.update({"GIT_AUTHOR_DATE": author_date, "GIT_COMMITTER_DATE": committer_date})
    args = ["commit-tree", tree]
    for p in parents:
        args += ["-p", p]
    return git(repo, *args, env=env, input=message).strip()


def checkout(worktree, commit, docs):
    """Check out `commit` detached in a scratch work tree; leftovers in the docs folder go."""
    git(worktree, "checkout", "-q", "-f", "--detach", commit)
    git(worktree, "clean", "-ffdxq", "--", docs)


def ensure_worktree(repo, path, commit):
    """A scratch worktree of `repo` at `path` (detached; the repo's branches stay as they are)."""
    if os.path.exists(os.path.join(path, ".git")):
        return path
    if os.path.exists(path):
        shutil.rmtree(path)
    git(repo, "worktree", "prune")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    git(repo, "worktree", "add", "-q", "--detach", "--no-checkout", path, commit)
    return path


def run_bin(args, timeout, cwd=None):
    """(exit code or None on timeout, stdout, stderr, seconds)."""
    env = dict(os.environ)
    env["FRESHDOCS_NO_CACHE"] = "1"
    env.pop("SOURCE_DATE_EPOCH", None)
    t = time.monotonic()
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
        return p.returncode, p.stdout, p.stderr, time.monotonic() - t
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out, f"timeout after {timeout}s", time.monotonic() - t


def iso_utc(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def repo_name(repo):
    return os.path.basename(os.path.abspath(repo).rstrip("/"))


def load_repos(path):
    """repos.txt: `name source docs tags role ignore-globs generated-globs` ('-' = none)."""
    repos = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        f = line.split()
        repos.append({"name": f[0], "source": f[1], "docs": f[2], "tags": f[3], "role": f[4],
                      "ignore": f[5].split(",") if len(f) > 5 and f[5] != "-" else [],
                      "generated": f[6].split(",") if len(f) > 6 and f[6] != "-" else []})
    return repos


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")


def median(xs):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs) if xs else float("nan")


def table(headers, rows):
    """A Markdown table (also readable in a terminal)."""
    def cell(v):
        if isinstance(v, float):
            return "nan" if v != v else f"{v:.2f}"
        return str(v)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def log(*a):
    print(*a, file=sys.stderr, flush=True)
