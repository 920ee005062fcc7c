"""assess batch: score a folder of filled answer sheets and answer files into a portfolio."""

from __future__ import annotations

import argparse
import contextlib

from assess.cli.common import add_lang_option, add_questionnaire_option, add_sign_option, add_target_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help=h("batch.help"),
        description=h("batch.description"),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=h("batch.paths"))
    p.add_argument("-o", "--output", metavar="OUTDIR",
                   help=h("batch.output"))
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help=h("batch.jobs"))
    p.add_argument("--reports", action=argparse.BooleanOptionalAction, default=True,
                   help=h("batch.reports"))
    add_lang_option(p)
    add_target_option(p)
    add_questionnaire_option(p)
    add_sign_option(p)
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help=h("batch.timeout"))
    p.add_argument("--memory", type=int, default=1024, metavar="MB",
                   help=h("batch.memory"))
    p.add_argument("--quiet", action="store_true", help=h("batch.quiet"))
    p.add_argument("--evidence", metavar="DIR", help=h("batch.evidence"))
    p.add_argument("--include-all", action="store_true",
                   help=h("batch.include_all"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import os
    import time
    from pathlib import Path

    from assess.batch.inputs import collect_inputs
    from assess.batch.run import default_outdir
    from assess.cli.common import EXIT_PROBLEMS, EXIT_USAGE, UsageError, fail, lang_of, parse_targets, print_problems
    from assess.content.yaml_file import ContentError
    from assess.problems import msg, os_reason
    from assess.text.format import join
    from assess.text.messages import say

    started = time.perf_counter()
    locale = lang_of(args)

    def usage(key: str, **values: object) -> int:
        return fail(say(msg(key, **values), locale), EXIT_USAGE)

    jobs = args.jobs if args.jobs is not None else min(8, os.cpu_count() or 1)
    if jobs < 1:
        return usage("batch.usage.jobs")
    if args.timeout <= 0:
        return usage("batch.usage.timeout")
    outdir = Path(args.output) if args.output else default_outdir()
    if outdir.exists() and not outdir.is_dir():
        return usage("batch.usage.not_folder", path=str(outdir))
    if outdir.is_dir() and (outdir / "portfolio.json").exists():
        return usage("batch.usage.has_portfolio", path=str(outdir))
    inputs = collect_inputs(args.paths, outdir)
    if inputs.missing:
        return usage("batch.usage.missing", paths=inputs.missing)
    if not inputs.files:
        return usage("batch.usage.no_inputs", paths=join(map(str, args.paths), locale))
    try:
        q, h = _questionnaire(args.questionnaire, inputs.files)
        if locale not in q.locales:
            return usage("batch.usage.no_locale", ref=q.ref, locale=locale, locales=list(q.locales))
        targets = parse_targets(args.target, q)
    except UsageError as e:
        return fail(str(e), EXIT_USAGE)
    except ContentError as e:
        print_problems(e.problems)
        return usage("batch.usage.name_questionnaire")

    writer = None
    if args.reports:
        from assess.excel.report_render import write_report as writer
    if args.sign:
        if writer is None:
            return usage("sign.batch_no_reports")
        import functools

        from assess.cli.common import load_signer

        writer = functools.partial(writer, sign=load_signer(args.sign))  # the workers get the key with it
    evidence = None
    if args.evidence:
        if writer is None:
            return usage("batch.evidence_no_reports")
        from assess.cli.common import evidence_folder

        evidence = evidence_folder(args.evidence)
    ui = _Ui(len(inputs.files), quiet=args.quiet, locale=locale)
    from assess.batch.lock import FolderLocked
    from assess.batch.pool import WorkersDying
    from assess.batch.run import holder_text, run_batch
    from assess.content.outputs import LinkRefused

    try:
        with ui, _terminate_as_interrupt():
            summary = run_batch(inputs, outdir, q, h, jobs=jobs, locale=locale, targets=targets,
                                reports=writer is not None, report_writer=writer, timeout=args.timeout,
                                memory_mb=args.memory, on_file=ui.file_done, tick=ui.tick, on_notice=ui.notice,
                                include_all=args.include_all, evidence=evidence)
    except FolderLocked as e:
        return usage("batch.locked", path=str(outdir), holder=holder_text(e.holder, locale), lock=str(e.path))
    except LinkRefused as e:
        return usage("batch.usage.link", path=e.filename)
    except KeyboardInterrupt as e:
        _say_partial(e, locale)
        return 130
    except OSError as e:
        _say_partial(e, locale)
        return fail(say(msg("batch.cannot_write", path=e.filename or str(outdir), error=os_reason(e)),
                        locale), EXIT_PROBLEMS)
    except WorkersDying as e:
        _say_partial(e, locale)
        return fail(say(msg("batch.workers_dying"), locale), EXIT_PROBLEMS)
    summary.timings["whole_run"] = time.perf_counter() - started
    ui.summary(summary, q)
    return summary.exit_code()


def _say_partial(e: BaseException, locale: str) -> None:
    """The line that says how far a stopped batch got and where its partial outputs are."""
    import sys

    from assess.problems import msg
    from assess.text.format import join
    from assess.text.messages import say

    stopped = getattr(e, "partial", None)
    if stopped is None:
        return
    if stopped.files:
        line = msg("batch.partial", done=stopped.done, total=stopped.total, paths=join(map(str, stopped.files), locale))
    else:
        line = msg("batch.partial.none", done=stopped.done, total=stopped.total)
    print(f"assess: {say(line, locale)}", file=sys.stderr)


@contextlib.contextmanager
def _terminate_as_interrupt():
    """A plain `kill` (SIGTERM) stops the batch as Ctrl-C does, so that it leaves its outputs named
    partial instead of vanishing mid-write (SIGKILL cannot be caught: then the partial CSV and
    JSON stay, without their closing line)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _questionnaire(name: str | None, files: list) -> tuple:
    """--questionnaire, else the newest release of the questionnaire the first readable inputs pin
    (of the first twenty: a folder's order is its names', and an older sheet sorting first must not
    make the newer ones another release's), else the newest bundled."""
    from assess.content.bundled import ContentError, resolve, version_key

    if name:
        return resolve(name)
    found: dict[str, tuple] = {}  # version -> (questionnaire, hash), of the first id pinned
    for item in files[:20]:
        if item.refusal is not None or item.member:
            continue
        try:
            pin = _pin_of(item.path)
        except Exception:  # a broken or hostile file: its turn comes in the batch
            continue
        if pin is None or (found and pin.id != next(iter(found.values()))[0].id) or pin.version in found:
            continue
        try:
            found[pin.version] = resolve(None, pin)
        except ContentError:
            continue
    if found:
        return found[max(found, key=version_key)]
    return resolve(None)


def _pin_of(path):
    """The questionnaire an answer file or answer sheet names, or None."""
    from assess.answers import QuestionnaireRef
    from assess.text.clean import FILE_MAX, json_loads

    if path.suffix.lower() == ".json":
        if path.stat().st_size > FILE_MAX:
            return None
        data = json_loads(path.read_bytes())
        ref = data.get("questionnaire") if isinstance(data, dict) else None
        return QuestionnaireRef.model_validate(ref) if isinstance(ref, dict) else None
    from assess.excel.guard import SHEET_KINDS, check_workbook
    from assess.excel.sheet_pin import pin_of_workbook

    verdict = check_workbook(path, keep_parts=True, kinds=SHEET_KINDS)
    if not verdict.ok or verdict.data is None:
        return None
    pin = pin_of_workbook(verdict.data, verdict.parts)
    return pin.ref() if pin is not None and pin.id and pin.version else None


class _Ui:
    """A rich progress bar on a terminal, a line per file, and the closing summary table, in the
    batch's language.

    Per file only a counter moves and a line is queued; the bar is redrawn and the queued lines are
    printed from the batch's tick (at most ten times a second), so a batch of small files does not
    spend its time redrawing."""

    def __init__(self, total: int, *, quiet: bool, locale: str) -> None:
        import sys

        self.total = total
        self.quiet = quiet
        self.locale = locale
        self.done = 0
        self.last = ""
        self.pending: list[str] = []
        self.progress = None
        self.task = None
        self.tty = sys.stderr.isatty()
        self.out = sys.stdout

    def say(self, key: str, **values: object) -> str:
        from assess.problems import msg
        from assess.text.format import printable
        from assess.text.messages import say

        return printable(say(msg(key, **values), self.locale), lines=True)

    def __enter__(self) -> _Ui:
        if self.tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            from assess.cli.common import console

            self.progress = Progress(TextColumn(f"[bold]{self.say('batch.progress')}"), BarColumn(),
                                     MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
                                     console=console(stderr=True), auto_refresh=False, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.tick()
            self.progress.stop()

    def notice(self, text: str) -> None:
        import sys

        print(f"assess: {text}", file=sys.stderr)

    def tick(self) -> None:
        if self.progress is None:
            return
        if self.pending:
            self.progress.console.print("\n".join(self.pending), markup=False, highlight=False, soft_wrap=True)
            self.pending.clear()
        from rich.markup import escape

        self.progress.update(self.task, completed=self.done, description=escape(self.last[-50:]))
        self.progress.refresh()

    def file_done(self, item, r, duplicate_of: str) -> None:
        self.done += item.plant == 1  # the bar counts files; a workbook's further plants are rows of it
        self.last = item.display
        if self.quiet:
            return
        line = self.status_line(item, r, duplicate_of)
        if self.progress is not None:
            self.pending.append(line)
        else:
            self.out.write(line + "\n")

    def status_line(self, item, r, duplicate_of: str) -> str:
        from assess.text.format import level, percent, score
        from assess.text.messages import say

        if r.status == "refused":
            return self.say("batch.line.refused", file=item.display, reason=say(r.reason, self.locale))
        f = r.figures or {}
        text = self.say("batch.line.scored", mark="✓" if r.status == "ok" else "!", file=item.display,
                        # named as the firm's report names it (its level name carries compliance first)
                        score=score(f.get("overall", 0.0)), level=level(f.get("level", 0), self.locale,
                                                                         f.get("level_name", "")),
                        completion=percent(f.get("completion", 0.0)))
        e, w, _ = r.counts()
        if e or w:
            text += self.say("batch.line.problems", errors=e, warnings=w)
        if duplicate_of:  # the same answers again, one company answering otherwise, or a copied sheet
            from assess.batch.duplicates import duplicate_kind

            text += self.say(f"batch.line.{duplicate_kind(r)}", other=duplicate_of)
        if r.newer:
            text += self.say("batch.line.newer", newer=r.newer)
        return text

    def summary(self, s, q) -> None:
        from rich.table import Table

        from assess.cli.common import console
        from assess.text.format import join, score

        con = console()
        archived = self.say("batch.summary.title_archives", n=s.in_archives[0], archives=s.in_archives[1]) \
            if s.in_archives[0] else ""  # the folder shows the .zip, not what it holds
        title = self.say("batch.summary.title", ref=q.ref, n=s.files, archived=archived, taken=s.taken,
                         firms=s.firms, refused=s.refused)
        if s.plants_refused:
            title += self.say("batch.summary.title_plants", n=s.plants_refused)
        con.print(title, markup=False, highlight=False)  # a line of its own: a table title wraps at the table's width
        table = Table(show_header=True)
        table.add_column("")
        table.add_column(self.say("batch.summary.files"), justify="right")
        table.add_row(self.say("batch.summary.ok"), str(s.ok))
        table.add_row(self.say("batch.summary.problems"), str(s.problems))
        table.add_row(self.say("batch.summary.refused"), str(s.refused))
        if s.plants_refused:
            table.add_row(self.say("batch.summary.plants_refused"), str(s.plants_refused))
        table.add_row(self.say("batch.summary.duplicates"), str(s.duplicates))
        if s.restarts:
            table.add_row(self.say("batch.summary.restarts"), str(s.restarts))
        from assess.problems import Msg

        for reason, n in sorted(s.reasons.items(), key=lambda kv: -kv[1])[:8]:
            table.add_row(self.say("batch.summary.reason", reason=Msg(f"refusal.{reason}")), str(n))
        b = s.benchmark.get("overall") if s.benchmark else None
        if b or s.bench_left_out:  # how many it counts, even none
            table.add_row(self.say("batch.summary.bench_counted"), str(b["n"] if b else 0))
        if s.bench_left_out:
            table.add_row(self.say("batch.summary.bench_left_out"), str(s.bench_left_out))
        if b:
            table.add_row(self.say("batch.summary.overall"),
                          self.say("batch.summary.spread", median=score(b["median"]), min=score(b["min"]),
                                   max=score(b["max"])))
        b = s.benchmark.get("overall_audited") if s.benchmark else None
        if b:  # some firms were reviewed: their audited spread beside the claimed one
            table.add_row(self.say("batch.summary.audited", n=b["n"]),
                          self.say("batch.summary.spread", median=score(b["median"]), min=score(b["min"]),
                                   max=score(b["max"])))
        con.print(table)
        for line in s.skipped[:10]:
            con.print(self.say("batch.summary.skipped", what=line), markup=False, highlight=False)
        if len(s.skipped) > 10:
            con.print(self.say("batch.summary.skipped_more", n=len(s.skipped) - 10), highlight=False)
        con.print(self.say("batch.summary.wrote", paths=join(s.outputs, self.locale)), markup=False,
                  highlight=False, soft_wrap=True)
