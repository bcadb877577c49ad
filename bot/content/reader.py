"""Reading one YAML file field by field, recording every problem as ``file:line: what is wrong``.

Also fills practice.yaml values into texts; ``ContentError`` carries the collected problems.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.yamlfile import LineDict, LineList, YamlSyntaxError, load

from .schema import FILLER_WORDS, ID_RE, MAX_ID_LENGTH, PLACEHOLDER_RE, TIMED_LEVEL, TIMEFRAMES


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content folder has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    return f"'{value}'"


_GROUP_RE = re.compile(r"<([a-z][a-z0-9_]*)>")


class _File:
    """Problem collection and typed field access for one YAML file."""

    def __init__(self, root: Path, rel: str, problems: list[Problem]) -> None:
        self.rel = rel
        self.path = root / rel
        self.problems = problems
        self.data: Any = None
        self.ok = False
        # Named lists of words a phrase may use as one of its parts ("<effort> + <eases>"): see ``groups``.
        self.word_groups: dict[str, tuple[str, ...]] = {}
        if not self.path.is_file():
            self.err(1, "file is missing")
            return
        try:
            self.data, found = load(self.path)
        except YamlSyntaxError as exc:
            self.err(exc.line, exc.message)
            return
        except (OSError, UnicodeDecodeError) as exc:
            self.err(1, f"cannot read the file: {exc}")
            return
        for line, message in found:
            self.err(line, message)
        self.ok = True

    def err(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel, line, message))

    def mapping(self, value: Any, where: str, line: int, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> LineDict | None:
        """Check ``value`` is a mapping with exactly the allowed keys; report what is off."""
        if not isinstance(value, LineDict):
            self.err(line, f"{where}: expected a mapping (key: value lines), got {_type_name(value)}")
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(allowed)})"
                self.err(value.line_of(key), f"{where}: unknown key '{key}'{hint}")
        for key in required:
            if key not in value:
                self.err(line, f"{where}: missing required field '{key}'")
        return value

    def items(self, parent: LineDict, key: str, where: str) -> list[tuple[int, Any, int]]:
        """The items of the list under ``key`` as (index, item, line)."""
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.err(parent.line_of(key), f"{where}: expected a list (lines starting with '-'), got {_type_name(value)}")
            return []
        return [(i, item, value.line_of(i)) for i, item in enumerate(value)]

    def text(self, m: LineDict, key: str, where: str, default: str | None = None) -> str:
        value = m.get(key, default)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.err(m.line_of(key), f"{where}.{key}: expected text, got {_type_name(value)}")
            return ""
        return value.strip()

    def timeframe(self, m: LineDict, where: str, level: str | None) -> str | None:
        """How soon a doctor_first finding sends the person to a doctor: required there, nowhere else."""
        value = self.text(m, "timeframe", where) or None
        if level == TIMED_LEVEL and value is None:
            self.err(m.line, f"{where}: a {TIMED_LEVEL} level needs a timeframe: how soon to see a doctor (one of: {', '.join(TIMEFRAMES)})")
        elif value is not None and level != TIMED_LEVEL:
            self.err(m.line_of("timeframe"), f"{where}.timeframe: only a {TIMED_LEVEL} level says how soon; this one is {level or 'not set'}")
        elif value is not None and value not in TIMEFRAMES:
            self.err(m.line_of("timeframe"), f"{where}.timeframe: unknown timeframe '{value}' (expected one of: {', '.join(TIMEFRAMES)})")
        return value if value in TIMEFRAMES else None

    def ident(self, m: LineDict, key: str, where: str) -> str:
        value = self.text(m, key, where)
        if value and not ID_RE.match(value):
            self.err(m.line_of(key), f"{where}.{key}: '{value}' is not a valid id (lower-case letters, digits and _, starting with a letter)")
        elif len(value) > MAX_ID_LENGTH:
            self.err(m.line_of(key), f"{where}.{key}: '{value}' is longer than {MAX_ID_LENGTH} characters (ids travel inside Telegram buttons)")
        return value

    def words(self, m: LineDict, key: str, where: str, read_as_phrases: bool = False) -> tuple[str, ...]:
        value = m.get(key)
        if value is None:
            return ()
        if not isinstance(value, LineList):
            self.err(m.line_of(key), f"{where}.{key}: expected a list of words or phrases, got {_type_name(value)}")
            return ()
        for i, w in enumerate(value):
            if isinstance(w, bool) or not isinstance(w, (str, int, float)) or not str(w).strip():
                self.err(value.line_of(i), f"{where}.{key}[{i + 1}]: expected a word or phrase, got {_type_name(w)} (put quotes around it)")
                return ()
        out = tuple(str(w).strip().lower() for w in value)
        if read_as_phrases:
            for i, w in enumerate(out):
                skipped = [t for t in re.findall(r"[a-z]+", _GROUP_RE.sub("", w)) if t in FILLER_WORDS]
                if skipped:
                    why = f"'{skipped[0]}' is skipped when reading a message, so this would match more than it says"
                    self.err(value.line_of(i), f"{where}.{key}[{i + 1}]: '{w}': {why}; write it without '{skipped[0]}'")
            out = self._expand(out, value, f"{where}.{key}")
        return out

    def groups(self, m: LineDict, key: str) -> None:
        """The file's named word lists (``key``: a mapping of name to words). A phrase part written
        ``<name>`` stands for any of them: "<effort> + <eases>" is every "walk* + eases", "stairs + sit
        down"… in one line, so a new way of saying either side is added once, where the others are.
        (Angle brackets, not braces: YAML would read ``{effort}`` as a mapping.)"""
        raw = m.get(key)
        if raw is None:
            return
        if not isinstance(raw, LineDict):
            self.err(m.line_of(key), f"{key}: expected group names, each with a list of words, got {_type_name(raw)}")
            return
        groups = raw
        for name in groups:
            if not isinstance(name, str) or not ID_RE.match(name):
                self.err(groups.line_of(name), f"{key}: '{name}' is not a valid group name (lower-case letters, digits and _)")
                continue
            self.word_groups[name] = self.words(groups, name, key, read_as_phrases=True)
            if any("<" in w or " + " in w for w in self.word_groups[name]):
                self.err(groups.line_of(name), f"{key}.{name}: a group's words are single phrases, without '+' or another group")

    def _expand(self, phrases: tuple[str, ...], value: LineList, where: str) -> tuple[str, ...]:
        """Phrases with ``<group>`` parts written out in full (an unknown group is an error on its line)."""
        out: list[str] = []
        for i, phrase in enumerate(phrases):
            if "<" not in phrase:
                out.append(phrase)
                continue
            choices: list[tuple[str, ...]] = []
            for part in phrase.split(" + "):
                found = _GROUP_RE.fullmatch(part.strip())
                if found is None:
                    if "<" in part or ">" in part:
                        self.err(value.line_of(i), f"{where}[{i + 1}]: '{phrase}': a group is a whole part of its own, as in '<effort> + eases'")
                        break
                    choices.append((part.strip(),))
                elif found.group(1) not in self.word_groups:
                    known = ", ".join(sorted(self.word_groups)) or "none (add them under word_groups)"
                    self.err(value.line_of(i), f"{where}[{i + 1}]: '{phrase}': unknown word group '{found.group(1)}'; known: {known}")
                    break
                else:
                    choices.append(self.word_groups[found.group(1)])
            else:
                out.extend(" + ".join(parts) for parts in itertools.product(*choices))
        return tuple(dict.fromkeys(out))

    def id_list(self, m: LineDict, key: str, where: str, known: set[str], what: str, allow_star: bool = False) -> tuple[str, ...]:
        values = self.words(m, key, where)
        raw = m.get(key)
        for i, v in enumerate(values):
            if v == "*" and allow_star:
                continue
            if v not in known:
                close = difflib.get_close_matches(v, sorted(known), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                line = raw.line_of(i) if isinstance(raw, LineList) else m.line_of(key)
                self.err(line, f"{where}.{key}: unknown {what} '{v}'{hint}")
        return values

    def flag(self, m: LineDict, key: str, where: str, default: bool) -> bool:
        value = m.get(key, default)
        if isinstance(value, str) and value.lower() in ("yes", "no"):
            return value.lower() == "yes"
        if not isinstance(value, bool):
            self.err(m.line_of(key), f"{where}.{key}: expected yes or no, got {_type_name(value)}")
            return default
        return value

    def integer(self, m: LineDict, key: str, where: str, default: int | None = None) -> int | None:
        value = m.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(m.line_of(key), f"{where}.{key}: expected a whole number, got {_type_name(value)}")
            return default
        return value

    def unique(self, ids: list[tuple[str, int]], what: str) -> None:
        seen: dict[str, int] = {}
        for ident, line in ids:
            if not ident:
                continue
            if ident in seen:
                self.err(line, f"duplicate {what} id '{ident}' (first used on line {seen[ident]})")
            else:
                seen[ident] = line

    def top(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> LineDict | None:
        """The file's top-level mapping, with its version checked."""
        if not self.ok:
            return None
        m = self.mapping(self.data, "top level", 1, ("version", *required), optional)
        if m is not None and "version" in m and m["version"] != 1:
            self.err(m.line_of("version"), f"version: this bot reads version 1 files, got {_type_name(m['version'])}")
        return m


class _Texts:
    """Fills practice.yaml values into texts at load time and reports unknown placeholders."""

    def __init__(self, practice: dict[str, str]) -> None:
        self.practice = practice

    def fill(self, f: _File, m: LineDict, key: str, where: str, text: str, runtime: tuple[str, ...] = ()) -> str:
        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in runtime:
                return match.group(0)
            if name in self.practice:
                return self.practice[name]
            known = sorted(set(self.practice) | set(runtime))
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean '{{{close[0]}}}'?)" if close else " (placeholders name a key of knowledge/practice.yaml)"
            f.err(m.line_of(key), f"{where}.{key}: unknown placeholder '{{{name}}}'{hint}")
            return match.group(0)

        return PLACEHOLDER_RE.sub(sub, text)
