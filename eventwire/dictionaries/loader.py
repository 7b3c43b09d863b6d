"""Finding and reading the dictionary files of a PETRARCH/TABARI dictionary folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventwire.dictionaries.actors import ActorDictionary, read_actor_dictionary
from eventwire.dictionaries.agents import AgentDictionary, read_agent_dictionary
from eventwire.dictionaries.common import DictionaryError
from eventwire.dictionaries.discards import DiscardDictionary, read_discard_dictionary
from eventwire.dictionaries.verbs import VerbDictionary, merge_verb_dictionaries, read_verb_dictionary


@dataclass(frozen=True, slots=True)
class DictionarySet:
    """Everything a dictionary coder needs, read from one folder."""

    verbs: VerbDictionary
    actors: ActorDictionary
    agents: AgentDictionary
    discards: DiscardDictionary
    files: tuple[str, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        """Recoverable defects met while reading (each names file:line)."""
        return self.verbs.warnings + self.actors.warnings + self.agents.warnings + self.discards.warnings

    def summary(self) -> str:
        return (f"{len(self.verbs.blocks)} verb blocks, {self.verbs.pattern_count} patterns, "
                f"{len(self.actors)} actors, {len(self.agents)} agents, {len(self.discards)} discards "
                f"from {len(self.files)} files")


def dictionary_kind(path: Path) -> str | None:
    """Which reader a file needs, from its name (PETRARCH's own naming)."""
    name = path.name.lower()
    if not name.endswith(".txt"):
        return None
    for kind in ("verbs", "actors", "agents", "discards"):
        if kind in name:
            return kind
    if name.startswith("cameo"):
        return "verbs"
    return None


def load_dictionaries(directory: Path | str, strict: bool = True) -> DictionarySet:
    """Read the verb, actor, agent and discard files of ``directory`` (files sorted by name).

    Several files of one kind are merged (Phoenix splits its actors over three files). A
    folder without verb or actor files cannot code anything, so that is an error too.
    ``strict`` (the default) raises on the first malformed line; ``strict=False`` skips such
    lines and lists them, file:line, in ``DictionarySet.warnings`` -- the published Phoenix
    files need it (a seven-digit date, a ``[~ENV}`` code, ...).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DictionaryError(directory, None, "not a dictionary folder")
    found: dict[str, list[Path]] = {"verbs": [], "actors": [], "agents": [], "discards": []}
    for path in sorted(directory.iterdir()):
        kind = dictionary_kind(path)
        if kind and path.is_file():
            found[kind].append(path)
    for kind in ("verbs", "actors"):
        if not found[kind]:
            raise DictionaryError(directory, None, f"no {kind} dictionary (*{kind}*.txt) in the folder")
    verbs = merge_verb_dictionaries([read_verb_dictionary(p, strict) for p in found["verbs"]])
    actor_parts = [read_actor_dictionary(p, strict) for p in found["actors"]]
    actors = ActorDictionary(tuple(e for part in actor_parts for e in part.entries),
                             tuple(w for part in actor_parts for w in part.warnings))
    agent_parts = [read_agent_dictionary(p, strict) for p in found["agents"]]
    agents = AgentDictionary(tuple(e for part in agent_parts for e in part.entries),
                             tuple(w for part in agent_parts for w in part.warnings))
    discard_parts = [read_discard_dictionary(p, strict) for p in found["discards"]]
    discards = DiscardDictionary(tuple(e for part in discard_parts for e in part.entries),
                                 tuple(w for part in discard_parts for w in part.warnings))
    files = tuple(str(p) for kind in found.values() for p in kind)
    return DictionarySet(verbs, actors, agents, discards, files)
