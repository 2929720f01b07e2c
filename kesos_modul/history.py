"""Git history of a curriculum: releases (tags), the state of the working tree,
and who last changed each module. Every git call lives here."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import git

from kesos_modul.model import Change

RELEASE_TAG_PREFIX = "rilis/"
# Calendar versions: YYYY.MM.DD, and YYYY.MM.DD.N for a second release on one day.
RELEASE_NAME = re.compile(r"^(\d{4})\.(\d{2})\.(\d{2})(?:\.([1-9]\d*))?$")
WATCHED = ("modules", "program", "registri", "mkdocs.yml")


class HistoryError(Exception):
    """A git problem, explained for the writer."""


def release_key(name: str) -> tuple[int, ...]:
    """Sort key of a release name; raises ValueError for a name outside the scheme."""
    match = RELEASE_NAME.match(name)
    if not match:
        raise ValueError(name)
    year, month, day, serial = match.groups()
    date(int(year), int(month), int(day))  # a real calendar date
    return (int(year), int(month), int(day), int(serial or 0))


def open_repo(root: Path) -> git.Repo:
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
        raise HistoryError(f"{root} bukan repositori git; rilis memerlukan git") from exc


def releases(repo: git.Repo) -> list[str]:
    """Release names from the tags, oldest first."""
    names = []
    for tag in repo.tags:
        name = tag.name.removeprefix(RELEASE_TAG_PREFIX)
        if tag.name.startswith(RELEASE_TAG_PREFIX) and RELEASE_NAME.match(name):
            names.append(name)
    return sorted(names, key=release_key)


def dirty_paths(repo: git.Repo, root: Path) -> list[str]:
    """Uncommitted changes that would make a release differ from its tag: any change
    to a tracked file, and new files where the curriculum is read from."""
    prefix = _prefix(repo, root)
    tracked = repo.git.status("--porcelain", "--untracked-files=no")
    new = repo.git.status("--porcelain", "--untracked-files=all", "--", *(prefix + w for w in WATCHED))
    lines = {line[3:] for out in (tracked, new) for line in out.splitlines() if line.strip()}
    return sorted(lines)


def current_branch(repo: git.Repo) -> str | None:
    """The checked-out branch, or None when HEAD is detached."""
    return None if repo.head.is_detached else repo.active_branch.name


def branch_head(repo: git.Repo, branch: str) -> str | None:
    """The commit ``branch`` points at, or None when it does not exist."""
    try:
        return repo.commit(branch).hexsha
    except (git.exc.BadName, ValueError):
        return None


def has_file(repo: git.Repo, branch: str, path: str) -> bool:
    """Whether the tip of ``branch`` holds the file ``path``."""
    try:
        return repo.commit(branch).tree[path].type == "blob"
    except (git.exc.BadName, ValueError, KeyError):
        return False


def identity_missing(repo: git.Repo) -> bool:
    reader = repo.config_reader()
    return not (reader.get_value("user", "name", "") and reader.get_value("user", "email", ""))


def merge_base(root: Path, branch: str) -> str:
    """Where the current branch left ``branch`` (the base of a pull request)."""
    repo = open_repo(root)
    try:
        return repo.git.merge_base(branch, "HEAD").strip()
    except git.exc.GitCommandError as exc:
        raise HistoryError(f"cabang '{branch}' tidak ditemukan; sebutkan BASE, misalnya origin/main") from exc


def tag_is_head(repo: git.Repo, name: str) -> bool:
    return repo.tags[RELEASE_TAG_PREFIX + name].commit == repo.head.commit


def tag_release(repo: git.Repo, name: str, message: str, commit: str) -> None:
    repo.create_tag(RELEASE_TAG_PREFIX + name, ref=commit, message=message)


def tagged_commit(repo: git.Repo, name: str) -> str | None:
    """The commit the release's tag names, or None when there is no such tag."""
    try:
        return repo.tags[RELEASE_TAG_PREFIX + name].commit.hexsha
    except (IndexError, ValueError):
        return None


def delete_tag(repo: git.Repo, name: str) -> None:
    try:
        repo.git.tag("-d", RELEASE_TAG_PREFIX + name)
    except git.exc.GitCommandError as exc:
        raise HistoryError(
            f"tag {RELEASE_TAG_PREFIX}{name} tidak dapat dihapus: {exc.stderr.strip()}"
        ) from exc


def reset_branch(repo: git.Repo, branch: str, to: str | None, expected: str) -> None:
    """Point ``branch`` at ``to`` (delete it when None), only if it still points at ``expected``."""
    ref = f"refs/heads/{branch}"
    try:
        if to is None:
            repo.git.update_ref("-d", ref, expected)
        else:
            repo.git.update_ref(ref, to, expected)
    except git.exc.GitCommandError as exc:
        raise HistoryError(f"cabang {branch} tidak dapat dikembalikan: {exc.stderr.strip()}") from exc


def is_ancestor(repo: git.Repo, older: str, newer: str) -> bool:
    return repo.is_ancestor(older, newer)


def common_dir(repo: git.Repo) -> Path:
    """The git folder all worktrees of the repository share (where the release lock and journal live)."""
    return Path(repo.common_dir)


# git's default ("sparse") way of choosing what to send skips only objects the
# remote has at the same path. A release is a new folder whose unchanged pages,
# books and packages are the previous folder's objects at other paths: measured
# at 300 modules, a one-module release sent 64 MB that way and 2.9 MB without it.
PUSH_OPTIONS = ("-c", "pack.useSparse=false")


def push(repo: git.Repo, remote: str, refs: list[str]) -> None:
    try:
        repo.git.execute(["git", *PUSH_OPTIONS, "push", remote, *refs])
    except git.exc.GitCommandError as exc:
        raise HistoryError(f"push ke '{remote}' gagal: {exc.stderr.strip()}") from exc


def remote_refs(repo: git.Repo, remote: str) -> dict[str, str] | None:
    """The remote's branches and tags (ref -> commit or tag object), or None when it cannot be reached."""
    try:
        listing = repo.git.ls_remote(remote)
    except git.exc.GitCommandError:
        return None
    return {ref: sha for sha, _, ref in (line.partition("\t") for line in listing.splitlines())}


def last_changes(root: Path, repo: git.Repo | None = None) -> dict[str, Change]:
    """When each module folder last changed in a commit, and by whom.

    One pass over the log, newest first; the first commit that touches a
    folder is its last change. Empty outside a git repository.
    """
    try:
        repo = repo or open_repo(root)
        prefix = _prefix(repo, root)
        log = repo.git.log("--format=%x1e%aI%x1f%an", "--name-only", "--", prefix + "modules")
    except (HistoryError, git.exc.GitCommandError):
        return {}
    changes: dict[str, Change] = {}
    for entry in log.split("\x1e"):
        if not entry.strip():
            continue
        header, _, names = entry.partition("\n")
        when, _, who = header.partition("\x1f")
        change = Change(datetime.fromisoformat(when).date(), who.strip())
        for name in names.split("\n"):
            parts = name.strip()[len(prefix) :].split("/")
            if len(parts) >= 3 and parts[0] == "modules":
                changes.setdefault(parts[1], change)
    return changes


def _prefix(repo: git.Repo, root: Path) -> str:
    rel = Path(root).resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
    return "" if rel == "." else rel + "/"


class Folder:
    """The files of one folder at ``rev``. Its whole tree is listed once (one
    ``git ls-tree``), so reading thousands of its files (a release reads the
    previous release's pages, books and packages) costs one lookup each."""

    def __init__(self, repo: git.Repo, rev: str, path: str) -> None:
        self._odb = repo.odb
        try:
            listing = repo.git.ls_tree("-r", "-z", f"{rev}:{path}")
        except git.exc.GitCommandError:  # no such revision or folder
            listing = ""
        self._blobs: dict[str, str] = {}
        for entry in listing.split("\0"):
            meta, _, name = entry.partition("\t")
            kind_sha = meta.split(" ")
            if len(kind_sha) == 3 and kind_sha[1] == "blob":
                self._blobs[name] = kind_sha[2]

    def read(self, path: str) -> bytes | None:
        """A file's bytes, or None when the revision, the folder or the file does not exist."""
        sha = self._blobs.get(path)
        return None if sha is None else self._odb.stream(bytes.fromhex(sha)).read()
