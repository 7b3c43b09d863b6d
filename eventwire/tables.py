"""Loading the package's own data tables.

Every lexicon, actor list and ontology table in eventwire is a tab-separated file inside the
package. They are data, not code, so that a user can read, diff and extend them; a mistake in
one must point at the exact file and line instead of surfacing later as a wrong code.

Format: UTF-8, one header row naming the columns, then one row per entry. Blank lines and
lines starting with ``#`` are ignored. Cells holding several values separate them with ``|``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


class TableError(ValueError):
    """A data table is malformed; the message names the file and line."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Row:
    """One table row, keeping where it came from so later checks can still blame a line."""

    path: str
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def get(self, column: str, default: str = "") -> str:
        value = self.cells.get(column, "")
        return value if value else default

    def values(self, column: str) -> tuple[str, ...]:
        """The ``|``-separated values of a cell, stripped, empties dropped."""
        return split_values(self.cells.get(column, ""))

    def fail(self, message: str) -> TableError:
        return TableError(self.path, self.line, message)


def split_values(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def package_data_path(package: str, name: str) -> Path:
    """Path of a data file shipped inside an eventwire sub-package."""
    return Path(str(resources.files(package).joinpath(name)))


def read_rows(
    path: str | Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    non_empty: Sequence[str] = (),
) -> Iterator[Row]:
    """Yield the rows of a TSV table, checking its header and the cells that must be filled.

    Unknown columns are an error too: a typo in a header would otherwise silently drop data.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise TableError(path, None, f"cannot open table: {exc.strerror}") from exc
    with handle:
        header: list[str] | None = None
        try:
            for number, raw in enumerate(handle, 1):
                line = raw.rstrip("\n").rstrip("\r")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if header is None:
                    header = [h.strip() for h in line.split("\t")]
                    _check_header(path, number, header, required, optional)
                    continue
                cells = line.split("\t")
                if len(cells) > len(header):
                    raise TableError(
                        path, number, f"{len(cells)} cells but the header has {len(header)} columns"
                    )
                row = dict(zip(header, (c.strip() for c in cells)))
                for column in header[len(cells):]:
                    row[column] = ""
                for column in non_empty:
                    if not row.get(column):
                        raise TableError(path, number, f"column '{column}' is empty")
                yield Row(str(path), number, row)
        except UnicodeDecodeError as exc:
            raise TableError(path, None, f"not valid UTF-8: {exc}") from exc
        if header is None:
            raise TableError(path, None, "table is empty (no header row)")


def _check_header(
    path: Path, number: int, header: list[str], required: Sequence[str], optional: Sequence[str]
) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise TableError(path, number, f"header lacks column(s): {', '.join(missing)}")
    known = set(required) | set(optional)
    unknown = [c for c in header if c not in known]
    if unknown:
        raise TableError(path, number, f"unknown column(s) in header: {', '.join(unknown)}")
    if len(set(header)) != len(header):
        raise TableError(path, number, "a column name appears twice in the header")


def load_table(
    path: str | Path,
    required: Sequence[str],
    parse: Callable[[Row], object],
    optional: Sequence[str] = (),
    non_empty: Sequence[str] = (),
) -> list:
    """Read a table and turn each row into a typed record with ``parse``.

    ``parse`` raises ``row.fail(...)`` for a bad value; any other ValueError it raises is
    wrapped so the message still names the file and line.
    """
    records = []
    for row in read_rows(path, required, optional, non_empty):
        try:
            records.append(parse(row))
        except TableError:
            raise
        except (ValueError, KeyError) as exc:
            raise row.fail(str(exc)) from exc
    return records


def require_unique(rows: Iterable[tuple[Row, str]], what: str) -> None:
    """Fail on the second row that repeats a key, naming both lines."""
    seen: dict[str, Row] = {}
    for row, key in rows:
        if key in seen:
            raise row.fail(f"duplicate {what} '{key}' (first at line {seen[key].line})")
        seen[key] = row
