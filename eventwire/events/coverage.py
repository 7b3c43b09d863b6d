"""Which CAMEO codes the lexicon can produce, and from which entries: a gap should be visible
before it shows up as missed events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from eventwire.events.lexicon import Lexicon
from eventwire.ontology import Ontology


@dataclass(frozen=True, slots=True)
class CodeCoverage:
    code: str
    name: str
    entries: tuple[str, ...]  # lexicon entry ids with this code
    frames: tuple[str, ...]  # "appeal+04" style: a frame that gives this code to what it frames

    @property
    def is_root(self) -> bool:
        """Two-digit roots are headings; events are coded with three- and four-digit codes."""
        return len(self.code) == 2

    @property
    def covered(self) -> bool:
        return bool(self.entries or self.frames)


def lexicon_coverage(lexicon: Lexicon, ontology: Ontology) -> list[CodeCoverage]:
    """One row per CAMEO code, in code order."""
    by_code: dict[str, list[str]] = defaultdict(list)
    for group in lexicon.entries.values():
        for entry in group:
            for code in (entry.cameo, entry.if_negated):
                if code and not entry.frame:
                    by_code[code].append(entry.id)
    framed: dict[str, list[str]] = defaultdict(list)
    for frame, table in lexicon.frames.items():
        for complement, code in table.items():
            framed[code].append(f"{frame}+{complement}")
    for frame, code in lexicon.frame_defaults.items():
        framed[code].append(f"{frame}+*")
    rows = []
    for code in ontology.codes:
        cameo = ontology.cameo(code)
        rows.append(CodeCoverage(code, cameo.name, tuple(sorted(set(by_code.get(code, ())))),
                                 tuple(sorted(framed.get(code, ())))))
    return rows


def format_coverage(rows: list[CodeCoverage], root_recall: Mapping[str, tuple[int, float]] | None = None,
                    only_gaps: bool = False) -> str:
    """The table `eventwire lexicon coverage` prints; ``root_recall`` maps a root to (gold events, recall)."""
    lines = [f"{'code':6s}{'entries':>8s}  {'root dev recall':>16s}  name / entries"]
    for row in rows:
        if only_gaps and (row.covered or row.is_root):
            continue
        recall = ""
        if root_recall is not None and len(row.code) == 2 and row.code in root_recall:
            gold, value = root_recall[row.code]
            recall = f"{value:.3f} of {gold}"
        listed = ", ".join(row.entries[:6]) + (f" +{len(row.entries) - 6}" if len(row.entries) > 6 else "")
        if row.frames:
            listed += (" | " if listed else "") + "frames: " + ", ".join(row.frames[:3])
        indent = "" if len(row.code) == 2 else "  "
        lines.append(f"{row.code:6s}{len(row.entries) + len(row.frames):8d}  {recall:>16s}  "
                     f"{indent}{row.name}{': ' + listed if listed else ''}")
    codes = [r for r in rows if not r.is_root]
    covered = sum(1 for r in codes if r.covered)
    lines.append(f"\n{covered} of {len(codes)} CAMEO event codes have at least one entry or frame")
    return "\n".join(lines) + "\n"
