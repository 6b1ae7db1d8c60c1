"""Find the input files of a source: a file, a folder (read recursively), a glob, or a list of these.

Nothing is dropped without a word: a folder that cannot be read, a symbolic
link that leads nowhere (missing target or a loop) and anything that is not a
regular file (FIFO, socket, device) become :class:`~toolkit.readers.Problem`
rows of the load report. Symbolic links to folders and files are followed, and
each real file is read once: folders reached without a link are walked first,
then the linked ones, and a folder or file already seen (same device and inode)
is not read again, so a link loop neither repeats files nor hangs. A glob is
matched against that same walk of its fixed leading folder (``data/**/*.csv``
walks ``data/``), not with :func:`glob.glob`, which follows a link loop until
the path is too long. Hidden files and folders (``.git``,
``.ipynb_checkpoints``) are skipped. A file name that is not valid UTF-8 is
kept for reading and shown with ``\\xNN`` escapes (see
:func:`toolkit.readers.display_name`).
"""

from __future__ import annotations

import glob
import os
import re
import stat
from pathlib import Path

from toolkit.errors import LoadError, ParameterError
from toolkit.readers import Problem, display_name

__all__ = ["find_inputs"]


def find_inputs(source) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Files of *source* with their path relative to it (the doc_id basis), sorted; and the problems met.

    Raises
    ------
    LoadError
        When *source* names nothing (no such path, or a glob matching nothing).
    ParameterError
        When *source* is not a path, a glob or a non-empty list of them.
    """
    if isinstance(source, (list, tuple)):
        if not source:
            raise ParameterError("source: the list is empty")
        found, problems = [], []
        for item in source:
            prefix = display_name(Path(item).name) + "/" if Path(item).is_dir() else ""
            files, more = find_inputs(item)
            found.extend((path, prefix + rel) for path, rel in files)
            problems.extend(more)
        return found, problems
    if not isinstance(source, (str, Path)):
        raise ParameterError(f"source: expected a path, a glob, a list or a DataFrame, got {type(source).__name__}")
    path = Path(source)
    if path.is_file():
        return [(path, display_name(path.name))], []
    if path.is_dir():
        return _walk(path)
    if glob.has_magic(str(source)):
        base, rest = _split_glob(str(source))
        if not base.is_dir():
            raise LoadError(str(source), "no files match this glob")
        matcher = _glob_regex(rest)
        depth = None if "**" in rest else rest.count("/") + 1
        files, problems = _walk(base, max_depth=depth)
        found = [(p, rel) for p, rel in files if matcher.fullmatch(rel)]
        if not found:
            raise LoadError(str(source), "no files match this glob")
        return found, problems
    if path.is_symlink():
        return [], [Problem(display_name(str(path)), None, f"symbolic link to {_target(path)!r} leads nowhere")]
    raise LoadError(str(source), "no such file or folder")


def _walk(root: Path, *, max_depth: int | None = None) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every regular file under *root* once, links followed after the real tree; sorted by relative path."""
    real, linked, deferred_files = [(root, "", 0)], [], []
    seen_folders, seen_files, files, problems = set(), set(), [], []

    def add_file(path: Path, relative: str) -> None:
        try:
            info = path.stat()
        except OSError as error:
            problems.append(Problem(display_name(str(path)), None, f"cannot read the file: {error.strerror}"))
            return
        if (info.st_dev, info.st_ino) not in seen_files:
            seen_files.add((info.st_dev, info.st_ino))
            files.append((path, display_name(relative)))

    while real or linked or deferred_files:
        if not real and not linked:  # file links last, so a real file is listed under its own name
            add_file(*deferred_files.pop(0))
            continue
        folder, relative, depth = real.pop() if real else linked.pop(0)
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen_folders:
                continue
            seen_folders.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(display_name(str(folder)), None,
                                    f"cannot read the folder ({error.strerror or error}): its files are not loaded"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, child = Path(entry.path), relative + entry.name
            problem = _entry_problem(entry, path)
            if problem is not None:
                problems.append(problem)
            elif entry.is_dir():  # follows links
                if max_depth is None or depth + 1 < max_depth:
                    (linked if entry.is_symlink() else real).append((path, child + "/", depth + 1))
            elif entry.is_symlink():
                deferred_files.append((path, child))
            else:
                add_file(path, child)
    return sorted(files, key=lambda pair: pair[1]), problems


def _entry_problem(entry: os.DirEntry, path: Path) -> Problem | None:
    """Why *entry* cannot be an input (dangling link, FIFO, device...), or None."""
    try:
        mode = entry.stat().st_mode  # follows links
    except OSError:
        if entry.is_symlink():
            return Problem(display_name(str(path)), None,
                           f"symbolic link to {_target(path)!r} leads nowhere (missing target or a loop): skipped")
        return Problem(display_name(str(path)), None, "cannot read the file's status: skipped")
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return Problem(display_name(str(path)), None, "not a regular file (FIFO, socket or device): skipped")


def _target(path: Path) -> str:
    try:
        return display_name(os.readlink(path))
    except OSError:
        return "?"


def _split_glob(pattern: str) -> tuple[Path, str]:
    """The fixed leading folder of a glob and the rest ("data/**/*.csv" -> data, "**/*.csv")."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    return base, "/".join(parts[fixed:])


def _glob_regex(pattern: str) -> re.Pattern:
    """A regex for relative paths matching *pattern*: ``**`` any folders, ``*``/``?``/``[...]`` within a name."""
    out = []
    for index, segment in enumerate(pattern.split("/")):
        last = index == pattern.count("/")
        if segment == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        out.append(_segment_regex(segment) + ("" if last else "/"))
    return re.compile("".join(out), re.S)


def _segment_regex(segment: str) -> str:
    out, i = [], 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and segment.find("]", i + 2) > 0:
            end = segment.find("]", i + 2)
            body = segment[i + 1 : end]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
