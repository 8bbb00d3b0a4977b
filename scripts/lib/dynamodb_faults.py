"""The DynamoDB fault matrix: real `pdm-pipeline run`s (stub engine) against moto through FaultProxy.

Each cell (write kind x fault mode x window) uses its own correlation id and proxy:
  1. a clean run straight to moto: COMPLETED, Run_Id 1 (so the faulted run's begin replaces a whole record);
  2. `run --force` through the proxy, whose window opens at the chosen write;
  3. the item is read back from moto (boto3, not our code); unless the run COMPLETED, a rerun straight to
     moto (`--takeover --force`: resume whatever was left) must COMPLETE;
  4. checks: exit code, Run_Id moved by exactly one per begin that landed, CurrentStep where the work
     stopped, no task of the pipeline left undone by the faulted run and the rerun together, no crash.
Run by scripts/fault-dynamodb (the full matrix, a table) and DynamoDBFaultTests (a reduced one, --json).
Environment: PDM_TEST_MOTO_* from .services/moto.env. Needs boto3 (the venv's python).
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dynamodb_fault_proxy import KINDS, MODES, FaultProxy  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PIPELINE = os.path.join(ROOT, "Tests/Fixtures/dynamodb-faults/faults.pipe")
STUB = os.path.join(ROOT, "Tests/Fixtures/bin/stub-engine")
STEPS = ["prepare", "load", "optional", "publish"]
FAILING_STEP = "optional"  # `on_failure ignore` (not critical), its task always fails
# Which write opens the window: the 2nd step start (load) and the 2nd task completion hit the middle of a run.
OCCURRENCE = {"step-start": 2, "task": 2}


def step_of(task):
    """The step of a task key (keys are `<step>/<file or statement>`)."""
    return task.split("/", 1)[0]


class Matrix:
    def __init__(self, binary, budget, table=None):
        env = os.environ
        self.binary, self.budget = binary, budget
        self.moto = env["PDM_TEST_MOTO_URL"]
        self.env = {
            "PATH": env.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": env["PDM_TEST_MOTO_ACCESS_KEY_ID"],
            "AWS_SECRET_ACCESS_KEY": env["PDM_TEST_MOTO_SECRET_ACCESS_KEY"],
            "AWS_REGION": env.get("PDM_TEST_MOTO_REGION", "us-east-1"),
        }
        self.table = table or "faults-" + uuid.uuid4().hex[:8]
        self.dynamo = boto3.client(
            "dynamodb", endpoint_url=self.moto, region_name=self.env["AWS_REGION"],
            aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"])
        created = self.pdm(["state", "init", "--state-table", self.table, "--aws-endpoint", self.moto], ROOT, {}, 120)
        if created.returncode != 0:
            raise SystemExit("state init failed: " + created.stderr)

    def pdm(self, arguments, folder, extra, timeout):
        env = dict(self.env, **extra)
        return subprocess.run([self.binary] + arguments, cwd=folder, env=env, capture_output=True, text=True,
                              timeout=timeout)

    def item(self, cid):
        item = self.dynamo.get_item(TableName=self.table, ConsistentRead=True,
                                    Key={"Correlation_Id": {"S": cid}, "DataProduct": {"S": "PDM"}}).get("Item")
        if item is None:
            return None
        return {"Run_Id": int(item["Run_Id"]["N"]), "Status": item["Status"]["S"],
                "CurrentStep": item.get("CurrentStep", {}).get("S")}

    def run(self, cid, folder, name, endpoint, extra_args, timeout):
        record = os.path.join(folder, name + ".txt")
        arguments = ["run", PIPELINE, "--correlation-id", cid, "--hive-command", STUB, "--state", "dynamodb",
                     "--state-table", self.table, "--aws-endpoint", endpoint, "--log-dir",
                     os.path.join(folder, "logs-" + name), "--grace-period", "1"] + extra_args
        result = self.pdm(arguments, folder, {"STUB_RECORD": record}, timeout)
        started, ended = [], []
        if os.path.exists(record):
            for line in open(record):
                parts = line.split()
                if len(parts) == 4 and parts[1] in ("start", "end"):
                    (started if parts[1] == "start" else ended).append(parts[2])
        return result, started, ended

    def cell(self, kind, mode, window):
        cid = "%s-%s-%s-%s" % (kind, mode, str(window).replace(".", "_"), uuid.uuid4().hex[:6])
        folder = tempfile.mkdtemp(prefix="pdm-fault-")
        try:
            return self._cell(cid, folder, kind, mode, window)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _cell(self, cid, folder, kind, mode, window):
        timeout = window + 4 * self.budget + 180
        clean, all_tasks, _ = self.run(cid, folder, "pre", self.moto, [], timeout)
        if clean.returncode != 0:
            return {"cell": cid, "error": "clean run failed: " + clean.stderr[-500:]}
        before = self.item(cid)
        everything = set(all_tasks) - {t for t in all_tasks if step_of(t) == FAILING_STEP}
        extra = ["--force", "--state-retry-seconds", str(self.budget)]
        if kind == "lease":
            # Renewals every lease/3 s; `prepare` sleeps past the first one, which opens the window (launches
            # do not write). The lease outlasts the window (a longer outage must stop a runner before its lease
            # can expire, which is another guarantee). 15 s at least: the renewal that opens the window must
            # land before lease - margin (3 s), and a loaded machine delays the retries after the window; the
            # fence rightly stops a runner whose lease is about to run out, and the margin keeps that from
            # deciding a 2 s cell (at 10 s, 1 in 4 such cells fenced off at load average 20).
            lease = max(15.0, 3.0 * window)
            extra += ["--lease", str(lease), "--var", "nap=%s" % (lease / 3 + 0.5)]
        proxy = FaultProxy(self.moto, kind, mode, window, OCCURRENCE.get(kind, 1)).start()
        try:
            faulted, started, ended = self.run(cid, folder, "faulted", proxy.url, extra, timeout)
        finally:
            proxy.stop()
        seen = proxy.summary()
        after = self.item(cid)
        begin_landed = seen["applied"].get("begin", 0) > 0
        done = {t for t in ended if step_of(t) != FAILING_STEP}
        # Where the work stopped. Right: the step of the last task started (a rerun redoes it), the first
        # step whose tasks did not all end (the step whose write failed, once its FAILED write lands), or
        # the step a step-start write whose answer was lost had already written. Nothing started: the
        # begin's new record (no CurrentStep) if it landed, else the untouched old one.
        if started:
            finished = set(ended)
            unfinished = [s for s in STEPS if not {t for t in all_tasks if step_of(t) == s} <= finished]
            right = {step_of(started[-1]), unfinished[0] if unfinished else STEPS[-1]}
            if mode == "lost" and kind == "step-start" and seen["trigger_step"]:
                right.add(seen["trigger_step"])
        else:
            right = {None} if begin_landed else {before["CurrentStep"]}
        rerun_status = None
        if faulted.returncode != 0:
            rerun, _, rerun_ended = self.run(cid, folder, "rerun", self.moto, ["--takeover", "--force"], timeout)
            rerun_status = rerun.returncode
            done |= {t for t in rerun_ended if step_of(t) != FAILING_STEP}
        crashed = faulted.returncode < 0 or faulted.returncode >= 128 or "Fatal error" in faulted.stderr
        return {
            "cell": cid, "kind": kind, "mode": mode, "window": window, "exit": faulted.returncode,
            "crashed": crashed, "window_opened": seen["window_opened"], "faulted_requests": seen["faulted"],
            "begin_landed": begin_landed, "run_id_before": before["Run_Id"], "run_id_after": after["Run_Id"],
            "status_after": after["Status"], "step_after": after["CurrentStep"],
            "right_steps": sorted(right, key=lambda s: STEPS.index(s) if s in STEPS else -1),
            "rerun_exit": rerun_status, "tasks_skipped": sorted(everything - done),
            "stderr_tail": faulted.stderr.strip().splitlines()[-3:],
        }


def verdict(cell, budget):
    """Problems of one cell (empty: as guaranteed)."""
    if "error" in cell:
        return [cell["error"]]
    problems = []
    if not cell["window_opened"]:
        problems.append("the fault window never opened")
    if cell["crashed"]:
        problems.append("crashed (exit %d)" % cell["exit"])
    increment = cell["run_id_after"] - cell["run_id_before"]
    if increment != (1 if cell["begin_landed"] else 0):
        problems.append("Run_Id moved by %d" % increment)
    if cell["tasks_skipped"]:
        problems.append("tasks never done: %s" % ", ".join(cell["tasks_skipped"]))
    if cell["window"] < budget:
        if cell["exit"] != 0 or cell["status_after"] != "COMPLETED":
            problems.append("exit %d, %s (expected COMPLETED)" % (cell["exit"], cell["status_after"]))
    elif cell["kind"] != "lease":
        if cell["exit"] != 5:
            problems.append("exit %d (expected 5)" % cell["exit"])
        if cell["step_after"] not in cell["right_steps"]:
            problems.append("CurrentStep %s, expected one of %s" % (cell["step_after"], cell["right_steps"]))
    if cell["exit"] != 0 and cell["rerun_exit"] != 0:
        problems.append("the rerun exited %s" % cell["rerun_exit"])
    return problems


def table(cells, budget):
    rows = [("window", "runs", "COMPLETED", "exit 5", "Run_Id +1/begin", "Run_Id jumps", "right step",
             "tasks undone", "crashes", "status after exit 5")]
    for window in sorted({c["window"] for c in cells if "window" in c}):
        group = [c for c in cells if c.get("window") == window]
        completed = sum(1 for c in group if c["exit"] == 0 and c["status_after"] == "COMPLETED")
        exit5 = [c for c in group if c["exit"] == 5]
        landed = [c for c in group if c["begin_landed"]]
        plus_one = sum(1 for c in landed if c["run_id_after"] - c["run_id_before"] == 1)
        jumps = sum(1 for c in group if c["run_id_after"] - c["run_id_before"] not in (0, 1))
        right = sum(1 for c in exit5 if c["step_after"] in c["right_steps"])
        statuses = {}
        for c in exit5:
            statuses[c["status_after"]] = statuses.get(c["status_after"], 0) + 1
        rows.append((
            "%g s" % window, str(len(group)), "%d (%d%%)" % (completed, round(100.0 * completed / len(group))),
            str(len(exit5)), "%d/%d" % (plus_one, len(landed)), str(jumps),
            "%d/%d" % (right, len(exit5)) if exit5 else "-", str(sum(len(c["tasks_skipped"]) for c in group)),
            str(sum(1 for c in group if c["crashed"])),
            ", ".join("%s %d" % kv for kv in sorted(statuses.items())) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(v.ljust(w) for v, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines) + "\n(budget %g s: windows below it must end COMPLETED; longer ones exit 5)" % budget


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/pdm-pipeline"))
    parser.add_argument("--windows", default="0.5,2,10,30,60")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--cells", help="explicit cells KIND:MODE:WINDOW,... instead of the product")
    parser.add_argument("--budget", type=float, default=45.0, help="--state-retry-seconds of the faulted runs")
    parser.add_argument("--jobs", type=int, default=6)
    parser.add_argument("--json", help="write every cell's result here")
    args = parser.parse_args()
    if args.cells:
        cells = [(k, m, float(w)) for k, m, w in (c.split(":") for c in args.cells.split(","))]
    else:
        cells = [(k, m, float(w)) for w in args.windows.split(",") for k in args.kinds.split(",")
                 for m in args.modes.split(",")]
    cells.sort(key=lambda c: -c[2] - (3 * c[2] if c[0] == "lease" else 0))  # longest first
    matrix = Matrix(args.binary, args.budget)
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(matrix.cell, *cell) for cell in cells]
        for future in concurrent.futures.as_completed(futures):
            cell = future.result()
            cell["problems"] = verdict(cell, args.budget)
            results.append(cell)
            print("%-40s %s" % (cell["cell"], "; ".join(cell["problems"]) or "ok"), file=sys.stderr, flush=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"budget": args.budget, "table": matrix.table, "cells": results}, out, indent=1)
    print(table(results, args.budget))
    bad = [c for c in results if c["problems"]]
    print("%d cells, %d with problems" % (len(results), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
