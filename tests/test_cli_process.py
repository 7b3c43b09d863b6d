"""The ``eventwire`` command as a process: options, start-up, workers, signals and faults.

Most tests run the CLI in-process (the model loads once per session); those about what a
process imports, its signals or its closed file descriptors run it as a real subprocess.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import tomllib
from pathlib import Path
from unittest import mock

import pytest
from test_cli import cli

from eventwire.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "examples" / "articles"
SENTENCE = b"Russia attacked Ukraine."
EVENTWIRE = Path(sys.executable).with_name("eventwire")


def run_process(*args: str, stdin: bytes | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """``eventwire ARGS`` as a separate process, the way a shell runs it."""
    return subprocess.run([sys.executable, "-m", "eventwire", *args], input=stdin, capture_output=True,
                          timeout=timeout, **kw)


def options(parser: argparse.ArgumentParser, name: str = "eventwire"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                yield from options(sub, f"{name} {command}")
        elif action.option_strings and action.dest not in ("help", "version"):
            yield name, sub_formatter(parser), action


def sub_formatter(parser: argparse.ArgumentParser) -> argparse.HelpFormatter:
    return parser._get_formatter()


# -- issue 12.6: the first five minutes ------------------------------------------------------

def test_version():
    from eventwire import __version__

    run = cli("--version")
    assert run.code == 0
    assert run.out.strip() == f"eventwire {__version__}"


def test_installed_command_runs_from_the_venv():
    """What the README tells a user after `make run`: the command in .venv/bin (or on PATH once activated)."""
    if not EVENTWIRE.exists():
        pytest.skip(f"no console script beside {sys.executable} (eventwire not installed in this environment)")
    done = subprocess.run([str(EVENTWIRE), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("eventwire ")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in readme and "pip install '.[web]'" in readme and "pipx install '.[web]'" in readme


def test_every_option_has_help_and_its_default():
    for command, formatter, action in options(build_parser()):
        assert action.help, f"{command} {action.option_strings[0]} has no help"
        rendered = formatter._expand_help(action) if action.help else ""
        if action.default not in (None, False):
            assert "default" in rendered, f"{command} {action.option_strings[0]}: help does not give the default"


def test_mistyped_flag_shows_the_subcommand_usage():
    run = cli("code", "--fromat", "csv", "x.txt")
    assert run.code == 2
    assert "usage: eventwire code" in run.err and "--fromat" in run.err
    run = cli("actors", "resolve", "--bad", "x.jsonl")
    assert run.code == 2 and "usage: eventwire actors resolve" in run.err


def test_model_en_core_web_sm_loads_the_bundled_pipeline(nlp):
    run = cli("code", "-", "--model", "en_core_web_sm", stdin=SENTENCE)
    assert run.code == 0, run.err
    events = run.jsonl()
    assert [(e["source"], e["cameo"][:2], e["target"]) for e in events] == [("RUS", "19", "UKR")]


def test_stages_run_in_the_order_their_inputs_need(nlp):
    run = cli("code", "-", "--stages", "events,actors", stdin=SENTENCE)
    assert run.code == 0, run.err
    assert [(e["source"], e["target"]) for e in run.jsonl()] == [("RUS", "UKR")]


def test_a_stage_without_what_it_needs_is_refused(nlp):
    run = cli("code", "-", "--stages", "events", stdin=SENTENCE)
    assert run.code == 2
    assert "'events' needs 'actors'" in run.err
    run = cli("code", "-", "--stages", "actors,evnts", stdin=SENTENCE)
    assert run.code == 2 and "unknown stage(s) evnts" in run.err


# -- issue 12.7: start-up ------------------------------------------------------------------------

HEAVY_FOR_CODE = ("duckdb", "pyarrow", "fastapi", "uvicorn", "starlette", "dask", "distributed", "pandas")


def test_code_does_not_import_what_it_does_not_need(nlp):
    probe = ("import sys, json\n"
             "from eventwire.cli import main\n"
             "code = main(['code', '-'])\n"
             "sys.stderr.write(json.dumps(sorted({m.split('.')[0] for m in sys.modules})) + '\\n')\n"
             "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", probe], input=SENTENCE, capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr.decode()
    loaded = set(json.loads(done.stderr.decode().strip().splitlines()[-1]))
    assert json.loads(done.stdout.splitlines()[0])["target"] == "UKR"
    assert not loaded & set(HEAVY_FOR_CODE), f"`code` imported {sorted(loaded & set(HEAVY_FOR_CODE))}"


def test_export_tables_offered_are_the_stores():
    from eventwire.cli.export import EXPORT_TABLES as offered
    from eventwire.store.export import EXPORT_TABLES

    assert offered == EXPORT_TABLES


def test_first_gazetteer_build_says_so_and_shows_progress(tmp_path, capsys):
    from eventwire.places import gazetteer

    data = gazetteer._read_cache(gazetteer.cache_path()) if gazetteer.cache_path().exists() else None
    if data is None:
        gazetteer.Gazetteer.load()
        data = gazetteer._read_cache(gazetteer.cache_path())
    calls = []

    def build(progress: bool = False):
        calls.append(progress)
        return data

    with mock.patch.object(gazetteer, "build_index", build):
        loaded = gazetteer.Gazetteer.load(tmp_path)
    assert len(loaded) and calls == [True]
    assert "building the place gazetteer" in capsys.readouterr().err
    with mock.patch.object(gazetteer, "build_index", build):
        gazetteer.Gazetteer.load(tmp_path)  # cached now: no second build, no message
    assert calls == [True] and "gazetteer" not in capsys.readouterr().err


def test_web_stack_is_an_extra():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = {re.split(r"[<>=\[ ]", d)[0].lower() for d in project["dependencies"]}
    web = {re.split(r"[<>=\[ ]", d)[0].lower() for d in project["optional-dependencies"]["web"]}
    assert {"fastapi", "uvicorn", "jinja2"} <= web
    assert not base & {"fastapi", "uvicorn", "jinja2", "python-multipart"}
    assert any(d.startswith("eventwire[") and "web" in d for d in project["optional-dependencies"]["test"])
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "-e '.[web]'" in makefile


def test_serve_without_the_web_extra_says_how_to_install_it(tmp_path):
    db = tmp_path / "s.duckdb"
    from eventwire.store import open_store

    open_store(db).close()
    with mock.patch.dict(sys.modules, {"uvicorn": None}):
        run = cli("serve", "--db", db)
    assert run.code == 2
    assert "pip install 'eventwire[web]'" in run.err and "Traceback" not in run.err


# -- issue 13.5: one article whose coding raises -----------------------------------------------

def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_calendar_edge_dates_are_coded(tmp_path, nlp):
    path = jsonl(tmp_path / "edge.jsonl",
                 {"id": "late", "text": "Russia attacked Ukraine tomorrow.", "date": "9999-12-31"},
                 {"id": "early", "text": "Russia attacked Ukraine on Thursday.", "date": "0001-01-01"},
                 {"id": "plain", "text": "France praised Germany.", "date": "2022-02-24"})
    run = cli("code", path)
    assert run.code == 0, run.err
    assert [e["doc_id"] for e in run.jsonl()] == ["late", "early", "plain"]


def failing_on(doc_id: str):
    """Coder._code_parsed that raises for one article: a stand-in for any coder bug."""
    from eventwire.pipeline import Coder

    real = Coder._code_parsed

    def code_parsed(self, article, pieces):
        if article.id == doc_id:
            raise OverflowError("date value out of range")
        return real(self, article, pieces)

    return mock.patch.object(Coder, "_code_parsed", code_parsed)


def test_an_article_whose_coding_raises_is_reported_and_the_rest_coded(tmp_path, nlp):
    path = jsonl(tmp_path / "three.jsonl",
                 {"id": "a", "text": "Russia attacked Ukraine.", "date": "2022-02-24"},
                 {"id": "bad", "text": "Egypt condemned Libya.", "date": "2022-02-24"},
                 {"id": "c", "text": "France praised Germany.", "date": "2022-02-24"})
    with failing_on("bad"):
        run = cli("code", path)
    assert run.code == 1
    assert [e["doc_id"] for e in run.jsonl()] == ["a", "c"]
    assert "bad: coding failed: OverflowError: date value out of range" in run.err
    assert "Traceback" not in run.err


def test_api_and_form_answer_422_for_an_article_whose_coding_raises(tmp_path, nlp):
    from starlette.testclient import TestClient

    from eventwire.store import open_store
    from eventwire.web import create_app

    db = tmp_path / "web.duckdb"
    open_store(db).close()
    with TestClient(create_app(db), raise_server_exceptions=False, base_url="http://localhost") as client, \
            failing_on("posted"):
        answer = client.post("/api/code", json={"text": "Russia attacked Ukraine.", "id": "posted"})
        assert answer.status_code == 422
        assert "OverflowError" in answer.json()["detail"]
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/code").text).group(1)
        page = client.post("/code", data={"text": "Russia attacked Ukraine.", "date": "", "csrf": token})  # "pasted"
        assert page.status_code == 200
    with TestClient(create_app(db), raise_server_exceptions=False, base_url="http://localhost") as client, \
            failing_on("pasted"):
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/code").text).group(1)
        page = client.post("/code", data={"text": "Russia attacked Ukraine.", "date": "", "csrf": token})
        assert page.status_code == 422 and "could not be coded" in page.text
        fine = client.post("/api/code", json={"text": "Russia attacked Ukraine.", "id": "other"})
        assert fine.status_code == 200 and fine.json()["events"]


# -- issue 12.8: code --workers --------------------------------------------------------------------

def test_code_with_two_workers_writes_what_one_writes_in_input_order(tmp_path, nlp):
    texts = ["Russia attacked Ukraine.", "France praised Germany.", "Egypt condemned Libya.",
             "China criticised Japan.", "Kenya hosted Uganda's president.", "Iran threatened Israel."]
    path = jsonl(tmp_path / "many.jsonl", *({"id": f"d{n:02d}", "text": t * 3, "date": "2022-02-24"}
                                            for n, t in enumerate(texts * 4)))
    one = cli("code", path, "--workers", "1")
    done = run_process("code", str(path), "--workers", "2", timeout=300)
    assert one.code == 0 and done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == one.out
    assert len(one.jsonl()) >= len(texts) * 4


def test_default_workers_leave_a_core_free_on_a_busy_machine():
    from eventwire.scale.engines import default_workers

    with mock.patch("os.sched_getaffinity", return_value={0, 1}), mock.patch("os.getloadavg") as load:
        load.return_value = (0.2, 0.2, 0.2)
        assert default_workers() == 2
        load.return_value = (1.4, 1.0, 0.5)
        assert default_workers() == 1
    with mock.patch("os.sched_getaffinity", return_value={0}), mock.patch("os.getloadavg", return_value=(3, 3, 3)):
        assert default_workers() == 1


# -- issue 12.9: notebooks --------------------------------------------------------------------------

def test_code_many_shows_a_progress_bar(nlp, capsys):
    from eventwire import Article, Coder

    coder = Coder(nlp=nlp)
    articles = [Article(id=str(n), text="Russia attacked Ukraine.") for n in range(3)]
    coded = list(coder.code_many(articles, progress=True))
    assert len(coded) == 3
    err = capsys.readouterr().err
    assert "coding" in err and "3/3" in err
    list(coder.code_many(articles))
    assert capsys.readouterr().err == ""


def test_dataframes_in_one_call(nlp):
    pd = pytest.importorskip("pandas")
    from eventwire import Article, Coder

    coder = Coder(nlp=nlp)
    events, quotes, places = coder.dataframes([
        Article(id="a", text='Russia attacked Ukraine in Kharkiv. "We will respond," Zelensky said.'),
        "France praised Germany.",
    ])
    assert isinstance(events, pd.DataFrame)
    assert {"a", "1"} <= set(events["doc_id"]) and "cameo" in events.columns
    assert list(quotes["doc_id"]) == ["a"]
    assert "Kharkiv" in set(places.loc[places["doc_id"] == "a", "name"])
    empty = coder.dataframes([])
    assert list(empty.events.columns)[:3] == ["event_id", "doc_id", "sentence"] and empty.events.empty


def test_dataframes_without_pandas_says_how_to_install_it(nlp):
    from eventwire import Coder

    with mock.patch.dict(sys.modules, {"pandas": None}), pytest.raises(ImportError, match=r"eventwire\[pandas\]"):
        Coder(nlp=nlp).dataframes(["Russia attacked Ukraine."])


def test_readme_python_example_runs(nlp, capsys):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})  # noqa: S102 - our own README
    printed = capsys.readouterr().out
    assert "RUS" in printed and "UKR" in printed


# -- issue 13.12: a worker process dies -------------------------------------------------------------

def engine_with(task, initializer, workers: int = 2):
    import enginetasks  # noqa: F401 - importable by the spawned workers too

    from eventwire.pipeline import CoderConfig
    from eventwire.scale.engines import LocalEngine

    return LocalEngine(CoderConfig(), workers, task=task, initializer=initializer,
                       killed=lambda article, reason: [f"rejected {article.id}: {reason}"])


def test_local_engine_restarts_retries_and_rejects_the_article_that_kills_workers():
    from enginetasks import ids_or_die, start_nothing

    from eventwire.model import Article

    texts = ["fine"] * 5 + ["KILL"] + ["fine"] * 6
    articles = [Article(id=f"a{n}", text=t) for n, t in enumerate(texts)]
    chunks = [articles[n:n + 3] for n in range(0, len(articles), 3)]
    engine = engine_with(ids_or_die, start_nothing)
    try:
        ordered = [item for result in engine.map(chunks, ordered=True) for item in result]
        unordered = [item for result in engine.map(chunks) for item in result]
    finally:
        engine.close()
    expected = [a.id for a in articles if a.text == "fine"]
    assert [i for i in ordered if not i.startswith("rejected")] == expected
    rejected = [i for i in ordered if i.startswith("rejected")]
    assert len(rejected) == 1 and rejected[0].startswith("rejected a5: the worker process coding it died")
    assert sorted(unordered) == sorted(ordered)
    assert engine.restarts >= 4  # per run: after the first break, after the retry, after the article alone


def test_local_engine_whose_workers_cannot_start_stops_with_a_message():
    from enginetasks import ids_or_die, start_and_fail

    from eventwire.model import Article

    engine = engine_with(ids_or_die, start_and_fail, workers=1)
    try:
        with pytest.raises(RuntimeError, match="worker processes die as they start"):
            list(engine.map([[Article(id="a", text="fine")]]))
    finally:
        engine.close()


# -- issue 13.4, 13.13, 13.20, 13.22: stores, inputs and signals --------------------------------------

def small_store(tmp_path: Path, name: str = "s.duckdb") -> Path:
    from eventwire.pipeline import CoderConfig
    from eventwire.scale.ingest import IngestOptions, ingest
    from eventwire.store import open_store

    corpus = jsonl(tmp_path / f"{name}.jsonl", *({"id": f"d{n}", "text": "Russia attacked Ukraine.",
                                                  "date": "2022-02-24"} for n in range(3)))
    db = tmp_path / name
    with open_store(db) as store:
        ingest([corpus], store, CoderConfig(), IngestOptions(workers=0))
    return db


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_a_db_that_is_not_a_duckdb_file_is_refused(tmp_path, suffix, nlp):
    other = tmp_path / f"data{suffix}"
    other.write_bytes(b"PAR1\x00\x00" if suffix == ".parquet" else b'{"id": 1}\n')
    corpus = jsonl(tmp_path / "in.jsonl", {"id": "a", "text": "Russia attacked Ukraine."})
    for command in (["ingest", corpus, "--workers", "0"], ["export"], ["analyze", "dyads"]):
        run = cli(*command, "--db", other)
        assert run.code == 2, (command, run.err)
        assert "is not a DuckDB file" in run.err and "Traceback" not in run.err
    assert other.read_bytes()[:4] in (b"PAR1", b'{"id')  # left as it was


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_missing_input_with_a_progress_bar_neither_aborts_nor_leaves_the_run_running(tmp_path, nlp):
    from eventwire.store import open_store

    good = jsonl(tmp_path / "good.jsonl", {"id": "a", "text": "Russia attacked Ukraine.", "date": "2022-02-24"})
    db = tmp_path / "p.duckdb"
    err = TTY()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        from eventwire.cli import main

        code = main(["ingest", str(tmp_path / "missing.jsonl"), str(good), "--db", str(db), "--workers", "0"])
    assert code == 1, err.getvalue()
    assert "missing.jsonl" in err.getvalue()
    with open_store(db, read_only=True) as store:
        (run,) = store.runs()
        assert run["status"] == "done" and run["n_coded"] == 1 and run["n_rejected"] == 1


def test_closed_stdin_is_a_message():
    for command in (["code", "-"], ["actors", "resolve", "-"], ["ingest", "-", "--db", "/tmp/never.duckdb"]):
        done = subprocess.run([sys.executable, "-m", "eventwire", *command], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60, preexec_fn=lambda: os.close(0))
        assert done.returncode == 2, (command, done.stderr)
        assert b"stdin is closed" in done.stderr and b"Traceback" not in done.stderr


def test_export_to_a_full_disk_or_a_missing_folder_is_a_message(tmp_path, nlp):
    db = small_store(tmp_path)
    if Path("/dev/full").exists():
        for fmt in ("csv", "jsonl", "gdelt", "parquet"):
            run = cli("export", "--db", db, "--format", fmt, "--out", "/dev/full")
            assert run.code == 2 and "No space left on device" in run.err, (fmt, run.err)
        done = subprocess.run([sys.executable, "-m", "eventwire", "export", "--db", str(db)],
                              stdout=open("/dev/full", "w"), stderr=subprocess.PIPE, timeout=60)
        assert done.returncode == 2 and b"cannot write stdout" in done.stderr and b"Traceback" not in done.stderr
    for fmt in ("csv", "parquet"):
        run = cli("export", "--db", db, "--format", fmt, "--out", tmp_path / "nowhere" / f"x.{fmt}")
        assert run.code == 2 and "cannot write" in run.err and "nowhere" in run.err


def test_damaged_store_is_a_message(tmp_path, nlp):
    db = small_store(tmp_path)
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(db.read_bytes()[:20000])
    for command in (["analyze", "dyads"], ["export"], ["ingest", db.with_suffix(".duckdb.jsonl"), "--workers", "0"]):
        run = cli(*command, "--db", cut)
        assert run.code == 2, (command, run.err)
        assert "damaged or cut short" in run.err and "Traceback" not in run.err


def test_locked_store_in_analyze_is_a_message(tmp_path, nlp):
    db = small_store(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        run = cli("analyze", "dyads", "--db", db)
    finally:
        holder.kill()
        holder.wait()
    assert run.code == 2 and "in use by another process" in run.err and "Traceback" not in run.err


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_invalid_port_is_a_usage_error(tmp_path, port):
    run = cli("serve", "--db", tmp_path / "x.duckdb", "--port", port)
    assert run.code == 2 and "usage: eventwire serve" in run.err and "--port" in run.err


@pytest.mark.parametrize("error", ["InterruptException", "Query interrupted"])
def test_interrupt_during_a_query_records_the_run_interrupted_with_what_it_committed(tmp_path, nlp, error):
    """Ctrl-C inside a DuckDB query comes out as duckdb's InterruptException or RuntimeError('Query interrupted')."""
    import duckdb

    from eventwire.store import Store, open_store

    corpus = jsonl(tmp_path / "many.jsonl", *({"id": f"d{n}", "text": "Russia attacked Ukraine.",
                                               "date": "2022-02-24"} for n in range(12)))
    db = tmp_path / "i.duckdb"
    real, calls = Store.write, []

    def write(self, batch, run_id=None, replace=False, on_reject=None):
        calls.append(len(batch))
        if len(calls) == 3:
            raise (duckdb.InterruptException("INTERRUPT Error: Interrupted!") if error == "InterruptException"
                   else RuntimeError(error))
        return real(self, batch, run_id, replace)

    with mock.patch.object(Store, "write", write):
        run = cli("ingest", corpus, "--db", db, "--workers", "0", "--batch", "4", "--chunk-size", "4")
    assert run.code == 130 and "interrupted" in run.err and "Traceback" not in run.err
    with open_store(db, read_only=True) as store:
        (record,) = store.runs()
        stored = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert record["status"] == "interrupted"
    assert record["n_coded"] == stored == 8


def test_sigterm_records_the_run_and_says_so(tmp_path, nlp):
    from eventwire.store import open_store

    corpus = jsonl(tmp_path / "many.jsonl", *({"id": f"d{n}", "text": "Russia attacked Ukraine. " * 20,
                                               "date": "2022-02-24"} for n in range(400)))
    db = tmp_path / "t.duckdb"
    process = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db),
                                "--workers", "0", "--batch", "4", "--chunk-size", "4", "--verbose"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines = []
    try:
        for line in process.stderr:
            lines.append(line)
            if b"committed" in line:
                break
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    err = b"".join(lines).decode() + rest.decode()
    assert process.returncode == 143, err
    assert "terminated (SIGTERM)" in err and "Traceback" not in err
    with open_store(db, read_only=True) as store:
        (record,) = store.runs()
        stored = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert record["status"] == "interrupted"
    assert 0 < record["n_coded"] == stored < 400


def test_ingest_rejects_the_article_that_kills_workers_by_name_and_finishes(tmp_path):
    import enginetasks  # noqa: F401
    from enginetasks import nothing_or_die, start_nothing

    from eventwire.pipeline import CoderConfig
    from eventwire.scale.engines import LocalEngine
    from eventwire.scale.ingest import IngestOptions, ingest
    from eventwire.store import open_store

    corpus = jsonl(tmp_path / "in.jsonl", *({"id": f"d{n}", "text": "KILL" if n == 2 else "fine"} for n in range(5)))
    config = CoderConfig()
    engine = LocalEngine(config, 1, task=nothing_or_die, initializer=start_nothing)
    with open_store(tmp_path / "k.duckdb") as store:
        summary = ingest([corpus], store, config, IngestOptions(chunk_size=2), engine=engine)
        reasons = {r["reason"] for r in store.rejects(summary.run_id)}
        (run,) = store.runs()
    engine.close()
    assert run["status"] == "done"
    assert any(r.startswith("article 'd2': the worker process coding it died") for r in reasons), reasons
