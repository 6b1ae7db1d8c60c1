"""Canonical outlet names from domains and spellings, as data (``toolkit/outlets.yaml``).

``tass.com``, "TASS." and "TASS/" are all TASS; ``europe.chinadaily.com.cn`` is
China Daily; ``abcnews.go.com`` is ABC News. A domain the table does not know
falls back to its registrable domain ("news.example.co.uk" -> "example.co.uk"),
from the Public Suffix List bundled in the ``publicsuffixlist`` wheel (nothing
is fetched at run time). Users extend or override the table with a YAML file of
the same format: ``load_articles(..., outlets="my_outlets.yaml")``.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from toolkit.errors import ParameterError

__all__ = ["OUTLETS_FILE", "OutletTable", "load_outlets"]

OUTLETS_FILE = Path(__file__).with_name("outlets.yaml")
_ENTRY_KEYS = {"domains", "aliases", "wire", "country", "state"}
_EDGE_PUNCTUATION = " \t./|:;,-–—()[]\"'"
_DOMAIN = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?")  # "tass.com", "https://x.org/"


def _name_key(name: str) -> str:
    """"TASS." / " tass/ " / "TASS" -> "tass"."""
    return " ".join(str(name).strip(_EDGE_PUNCTUATION).casefold().split())


def host_of(url: str) -> str:
    """The lower-case host of *url*, without ``www.`` and port ("" when none)."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", str(url).strip().lower()).split("/")[0]
    host = host.split("?")[0].split("#")[0].rsplit("@", 1)[-1].split(":")[0].strip(".")
    return host.removeprefix("www.")


@lru_cache(maxsize=1)
def _suffix_list():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()  # reads the list inside the wheel; never downloads


def registrable_domain(host: str) -> str:
    """"news.bbc.co.uk" -> "bbc.co.uk"; an IP address or a bare name is returned as it is."""
    if not host:
        return ""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return _suffix_list().privatesuffix(host) or host


@dataclass(frozen=True)
class OutletTable:
    """Canonical names by domain and by spelling, and which outlets are wire services."""

    by_domain: dict
    by_name: dict
    wires: frozenset
    names: tuple

    def from_url(self, url: str) -> str:
        """The canonical outlet of *url*: known domain (or a parent of it), else the registrable domain."""
        host = host_of(url)
        return self.known_from_url(url) or registrable_domain(host) if host else ""

    def known_from_url(self, url: str) -> str:
        """The canonical outlet of *url* when the table knows its domain (or a parent of it), else ""."""
        parts = host_of(url).split(".")
        for i in range(len(parts) - 1):
            found = self.by_domain.get(".".join(parts[i:]))
            if found:
                return found
        return ""

    def known(self, name: str) -> str:
        """The canonical name of an outlet *name* or domain the table knows, else "" (never a tidied guess)."""
        text = str(name).strip()
        if not text:
            return ""
        found = self.by_name.get(_name_key(text))
        if found is None and _DOMAIN.fullmatch(text.lower()):
            found = self.known_from_url(text)
        return found or ""

    def canonical(self, name: str) -> str:
        """The canonical spelling of an outlet *name* or domain; *name* tidied when unknown."""
        text = str(name).strip()
        known = self.known(text)
        if known or not text:
            return known
        if _DOMAIN.fullmatch(text.lower()):
            return registrable_domain(host_of(text))  # an unknown domain, as from_url gives it
        return _tidy(text)

    def is_wire(self, name: str) -> bool:
        return self.canonical(name) in self.wires


def _tidy(text: str) -> str:
    """*text* without the punctuation around it, a closing bracket kept when it closes one inside
    ("FOX 13 News Utah (KSTU)" keeps its ")"; "TASS/" and "- Reuters" lose theirs)."""
    tidy = text.strip(_EDGE_PUNCTUATION)
    for opening, closing in ("()", "[]"):
        if tidy.count(opening) > tidy.count(closing) and text.rstrip(_EDGE_PUNCTUATION.replace(closing, "")).endswith(closing):
            tidy += closing
    return tidy or text


def load_outlets(path=None) -> OutletTable:
    """Read the bundled outlet table, then the user's YAML file (its entries win).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file ``outlets: {Name: {domains: [...], aliases: [...], wire: bool}}``.

    Returns
    -------
    OutletTable

    Raises
    ------
    ParameterError
        When the file is missing, not YAML, or has entries of the wrong shape.
    """
    if path is not None and not Path(path).is_file():
        raise ParameterError(f"outlets: no such file: {path}")
    stamp = Path(path).stat().st_mtime_ns if path is not None else 0
    return _load_outlets(None if path is None else str(path), stamp)


@lru_cache(maxsize=8)
def _load_outlets(path: str | None, stamp: int) -> OutletTable:
    entries = _read_entries(OUTLETS_FILE)
    if path is not None:
        entries.update(_read_entries(Path(path)))
    by_domain, by_name, wires = {}, {}, set()
    for name, entry in entries.items():
        for domain in entry.get("domains") or []:
            by_domain[str(domain).lower().removeprefix("www.")] = name
        for alias in [name, *(entry.get("aliases") or []), *(entry.get("domains") or [])]:
            by_name[_name_key(alias)] = name
        if entry.get("wire"):
            wires.add(name)
    return OutletTable(by_domain, by_name, frozenset(wires), tuple(entries))


def _read_entries(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ParameterError(f"outlets: {path} is not valid YAML: {error}") from None
    outlets = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(outlets, dict):
        raise ParameterError(f"outlets: {path} must hold a mapping 'outlets: {{Name: {{domains: [...]}}}}'")
    entries = {}
    for name, entry in outlets.items():
        entry = entry or {}
        if not isinstance(entry, dict) or set(entry) - _ENTRY_KEYS:
            raise ParameterError(f"outlets: {path}, {name!r}: expected keys among {sorted(_ENTRY_KEYS)}")
        for key in ("domains", "aliases"):
            if not isinstance(entry.get(key) or [], list):
                raise ParameterError(f"outlets: {path}, {name!r}: {key} must be a list")
        entries[str(name)] = entry
    return entries
