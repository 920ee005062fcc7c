"""Whole-process benchmark of `assess batch` on LibreOffice-re-saved answer sheets (run by hand).

    python tests/bench/bench_batch.py                 # 1,000 sheets, 2 jobs, no reports, 3 runs
    python tests/bench/bench_batch.py --reports       # the default batch: a gap report per firm
    python tests/bench/bench_batch.py --count 10000 --runs 1     # the memory check
    python tests/bench/bench_batch.py --no-openpyxl   # skip the plain openpyxl comparison

Corpus: `--bases` distinct sheets filled by tests/data/make_filled.py (bundled questionnaire, else the
sample) and re-saved by LibreOffice headless in one call, then copied up to `--count` files with the
company name rewritten in each copy's Company sheet (so no two are duplicates); the XML stays
LibreOffice's. It is cached in `--corpus` (default /tmp/assess-bench-<questionnaire>-<count>).

Reported: wall time of the whole `python -m assess batch` process (median, min–max), peak RSS of the
process tree (sum over the batch and its workers, sampled every 20 ms; Linux only), the batch's own
profile (start-up, until the first result, guard, read, score and report summed over workers, the
workers' CPU per file, portfolio close), and a plain openpyxl reader (read-only and data_only by
default; `--openpyxl-mode default` for load_workbook(path, data_only=True), as a plain script writes
it), 2 processes, over the same files with the ratio, its runs interleaved with the batch's.
Floor: the batch without reports at least 8x faster than plain openpyxl.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

REAL = ROOT / "questionnaires" / "ai-manufacturing-2027" / "1.0.0.yaml"
SAMPLE = ROOT / "tests" / "data" / "sample" / "questionnaire.yaml"


CORPUS_VERSION = "2"
"""Bumped when the corpus changes: 2, each copy's note differs, so that no copy is another plant's sheet."""


def build_corpus(q_path: Path, count: int, bases: int, folder: Path) -> list[Path]:
    from tests.data.make_filled import resave, write_filled

    done = folder / ".complete"
    if done.exists() and done.read_text() == CORPUS_VERSION:
        return sorted(folder.glob("sheet-*.xlsx"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    from assess.content.bundled import load_questionnaire

    q, h = load_questionnaire(q_path)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        made = write_filled(q, h, Path(tmp), bases, seed=100, lang="zh", blank=0.0)
        saved = resave(made, Path(tmp) / "lo")
        print(f"corpus: {bases} sheets filled and re-saved by LibreOffice in {time.perf_counter() - t:.1f} s")
        originals = []
        for p in saved:
            company = json.loads(p.with_suffix(".expected.json").read_text("utf-8"))["company"]["name"]
            data = p.read_bytes()
            originals.append((data, _sheet_part(data, "Company"), _sheet_part(data, "Answers"), company))
    paths = []
    for i in range(count):
        data, company_part, answers_part, company = originals[i % len(originals)]
        paths.append(_with_company(data, (company_part, answers_part), f"{company} 分厂{i:05d}",
                                   folder / f"sheet-{i:05d}.xlsx"))
    done.write_text(CORPUS_VERSION)
    return paths


def _with_company(data: bytes, parts: tuple[str, str], new: str, path: Path) -> Path:
    """A copy of a re-saved sheet with another company name in Company!C2 and that name in the first
    note of its Answers sheet: another plant, not a copy of one (which the batch flags). Both are
    written as inline strings: LibreOffice splits mixed-script shared strings into runs, so they are
    not patched."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    text = new.replace("&", "&amp;").replace("<", "&lt;").encode()
    cells = {parts[0]: rb"C2", parts[1]: rb"F(?:[2-9]|\d\d+)"}  # the company's name; a note below the headings
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename in cells:
                body, n = re.subn(rb'<c r="(' + cells[info.filename] + rb')"([^>]*?) t="s"><v>\d+</v></c>',
                                  lambda m: b'<c r="' + m.group(1) + b'"' + m.group(2) + b' t="inlineStr"><is><t>'
                                  + text + b"</t></is></c>", body, count=1)
                assert n == 1, f"no cell to rewrite in {info.filename}"
            dst.writestr(info, body)
    path.write_bytes(out.getvalue())
    return path


def _sheet_part(data: bytes, name: str) -> str:
    """The zip member of the sheet `name`, found through the workbook and its relationships."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        sheets = book.iterfind("m:sheets/m:sheet", ns)
        rid = next(s.get(f"{{{ns['r']}}}id") for s in sheets if s.get("name") == name)
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def tree_rss_kb(root_pid: int) -> int:
    """Sum of the resident set over a process and all its descendants, found through
    /proc/PID/task/*/children (a few reads: sampling must not load a 2-core machine; scanning all of
    /proc every 5 ms took a third of a core and slowed the batch it measured)."""
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * _PAGE_KB
        except (OSError, ValueError, IndexError):
            continue
        todo.extend(_children(pid))
    return total


def run_measured(cmd: list[str], every: float = 0.02) -> tuple[float, int, int, float]:
    """(wall seconds, peak tree RSS in KB sampled every `every` s, exit code, CPU seconds of the process and
    the workers it waited for). Memory is sampled from a thread, so the exit is seen when it happens."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(every):
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        print(err, file=sys.stderr)
    return wall, peak[0], proc.returncode, usage.ru_utime + usage.ru_stime


OPENPYXL_READER = r'''
import sys
from multiprocessing import Pool
from openpyxl import load_workbook

def read(path):
    wb = load_workbook(path, read_only=True, data_only=True)
    meta = {r[0]: r[1] for r in wb["Meta"].iter_rows(max_col=2, values_only=True)}
    answers = [(r[0], r[3], r[4]) for r in wb["Answers"].iter_rows(min_row=2, values_only=True)]
    company = [(r[0], r[2]) for r in wb["Company"].iter_rows(min_row=2, values_only=True)]
    wb.close()
    return len(answers) + len(company) + len(meta)

if __name__ == "__main__":
    paths = sys.argv[1:]
    with Pool(2) as pool:
        total = sum(pool.map(read, paths, chunksize=16))
'''


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--bases", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--questionnaire", default=str(REAL if REAL.exists() else SAMPLE))
    ap.add_argument("--corpus")
    ap.add_argument("--no-openpyxl", action="store_true")
    ap.add_argument("--openpyxl-mode", choices=("read_only", "default"), default="read_only",
                    help="the openpyxl reader to compare with: read-only streaming (the fastest use of it), or "
                         "load_workbook(path, data_only=True) as a plain script writes it")
    ap.add_argument("--openpyxl-jobs", type=int, default=2,
                    help="processes of the openpyxl reader (1: a plain script, as a consultant would write it)")
    ap.add_argument("--reports", action="store_true", help="a gap report per firm, as `assess batch` does by default")
    ap.add_argument("--compile", action="store_true",
                    help="byte-compile the assess package first, as installing it does (a checkout run with "
                         "PYTHONDONTWRITEBYTECODE=1 compiles every module at every start: ~50 ms)")
    args = ap.parse_args()
    q_path = Path(args.questionnaire)
    folder = Path(args.corpus or f"/tmp/assess-bench-{q_path.parent.name}-{args.count}")
    paths = build_corpus(q_path, args.count, args.bases, folder)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} sheets, {size / len(paths) / 1024:.1f} KB each, questionnaire {q_path}")
    if args.compile:
        import compileall

        compileall.compile_dir(str(ROOT / "assess"), quiet=1)
    cached = any((ROOT / "assess" / "__pycache__").glob("*.pyc"))
    print(f"bytecode of assess: {'compiled' if cached else 'not cached (compiled at every start)'}")

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from speed import line as speed_line

    print(speed_line("start"))
    reader = None
    if not args.no_openpyxl and not args.reports:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            script = OPENPYXL_READER.replace("Pool(2)", f"Pool({args.openpyxl_jobs})")
            fh.write(script if args.openpyxl_mode == "read_only"
                     else script.replace("read_only=True, data_only=True", "data_only=True"))
        reader = fh.name
    # openpyxl runs are interleaved with the batch's (each right after one), so that a machine whose
    # speed drifts during the minutes this takes slows both sides of the ratio alike
    openpyxl_after = set(range(args.runs)[:: max(1, args.runs // 2)][:2]) if reader else set()
    lists: list[float] = []
    list_cpus: list[float] = []
    pairs: list[float] = []
    walls, peaks, cpus, profiles = [], [], [], []
    for i in range(args.runs):
        out = Path(tempfile.mkdtemp(prefix="assess-bench-out-"))
        cmd = [sys.executable, "-m", "assess", "batch", str(folder), "-q", str(q_path), "-o", str(out / "o"),
               "--reports" if args.reports else "--no-reports", "--jobs", str(args.jobs), "--quiet"]
        wall, peak, code, cpu = run_measured(cmd)
        doc = json.loads((out / "o" / "portfolio.json").read_text("utf-8"))
        s = doc["summary"]
        assert s["files"] == len(paths) and s["refused"] == 0, s
        walls.append(wall)
        peaks.append(peak)
        cpus.append(cpu)
        profiles.append(s["timings"])
        print(f"run {i + 1}: {wall:.3f} s, CPU {cpu:.3f} s, peak tree RSS {peak / 1024:.0f} MiB, exit {code}, "
              f"ok {s['ok']} / problems {s['problems']} / refused {s['refused']}")
        shutil.rmtree(out)
        if i in openpyxl_after:
            assert reader is not None
            ox_wall, _, ox_code, ox_cpu = run_measured([sys.executable, reader, *map(str, paths)])
            assert ox_code == 0
            lists.append(ox_wall)
            list_cpus.append(ox_cpu)
            pairs.append(ox_wall / wall)
            print(f"  plain openpyxl right after it: {ox_wall:.3f} s, CPU {ox_cpu:.3f} s ({ox_wall / wall:.1f}x)")
    med = statistics.median(walls)
    what = "a gap report per firm" if args.reports else "no reports"
    print(f"\nassess batch, {len(paths)} sheets, {args.jobs} jobs, {what}: {med:.3f} s median "
          f"({min(walls):.3f}–{max(walls):.3f}), {len(paths) / med:,.0f} files/s; CPU of the process tree "
          f"{statistics.median(cpus):.3f} s median; peak tree RSS {max(peaks) / 1024:.0f} MiB")
    middle = statistics.median_low(walls)  # an even number of runs has no middle one: the lower of the two
    p = profiles[walls.index(middle)]
    n = len(paths)
    print(f"profile (median run): interpreter start, imports, questionnaire, portfolio close and exit "
          f"{middle - p['until_last_result']:.3f} s; batch start until the first result (workers spawned) "
          f"{p['until_first_result']:.3f} s; summed over {args.jobs} workers: guard {p['guard']:.3f} s, "
          f"read {p['read']:.3f} s, score {p['score']:.3f} s, report {p['report']:.3f} s; worker CPU "
          f"{p['worker_cpu'] / n * 1000:.2f} ms a file (report {p['report'] / n * 1000:.2f} ms a file); "
          f"all results in after {p['until_last_result']:.3f} s; CPU of the parent process "
          f"{p['parent_cpu']:.3f} s ({p['parent_cpu_batch']:.3f} s of it during the batch)")

    if reader is not None:
        os.unlink(reader)
        ox = statistics.median(lists)
        mode = "read-only, data_only" if args.openpyxl_mode == "read_only" else "load_workbook(data_only=True)"
        print(f"plain openpyxl reader ({mode}, Pool({args.openpyxl_jobs})), same files, whole process: {ox:.3f} s "
              f"median ({min(lists):.3f}–{max(lists):.3f}), CPU {statistics.median(list_cpus):.3f} s; assess batch "
              f"is {ox / med:.1f}x faster ({statistics.median(list_cpus) / statistics.median(cpus):.1f}x less CPU); "
              f"each openpyxl run against the batch run just before it: "
              f"{', '.join(f'{r:.1f}x' for r in pairs)}")
    print(speed_line("end"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
