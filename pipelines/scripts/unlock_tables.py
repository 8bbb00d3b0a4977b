#!/usr/bin/env python3
"""The unlock pass of create-views-tables in pipelines/pdm.pipe: the original's unlock_existing_tables.

For each table named in LIST_FILE (one per line; blank lines and #-comments skipped), runs
  HIVE --hiveconf hive.txn.manager=org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager -e "UNLOCK TABLE DATABASE.t"
up to --parallelism at once, as the original's `xargs -P processes hive -e` did, and ignores the result, as the
original did: a table that is not locked makes Hive fail ("Table ... is not locked"), which is the normal case,
and a stale lock that stays is for the CTAS that follows to report. Each table's outcome is printed.

Usage: unlock_tables.py [--parallelism N] [--hive PATH] DATABASE LIST_FILE
Exit 0 whatever the unlocks did (the pass cannot fail the step); 2 only for bad usage or an unreadable list
file, which are mistakes in the pipeline, not in the cluster. Python 3.7+ (EMR 6), stdlib only.
"""
import argparse
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

IDENTIFIER = re.compile(r"[A-Za-z0-9_]+\Z")
TXN_MANAGER = "hive.txn.manager=org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager"


def table_names(path):
    names = []
    with open(path, "r", encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            name = line.strip()
            if not name or name.startswith("#"):
                continue
            # The values go into SQL: only what the CTAS wave's each_line accepts (it refuses the plan otherwise).
            if not IDENTIFIER.match(name):
                sys.stderr.write("%s:%d: skipped, not a table name: %r\n" % (path, number, name))
                continue
            names.append(name)
    return names


def unlock(hive, database, table):
    statement = "UNLOCK TABLE %s.%s" % (database, table)
    try:
        done = subprocess.run([hive, "--hiveconf", TXN_MANAGER, "-e", statement],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    except OSError as e:
        return table, None, str(e)
    output = done.stdout.decode("utf-8", "replace").strip().splitlines()
    return table, done.returncode, output[-1] if output else ""


def main(argv):
    parser = argparse.ArgumentParser(prog="unlock_tables.py")
    parser.add_argument("--parallelism", type=int, default=1)
    parser.add_argument("--hive", default="hive")
    parser.add_argument("database")
    parser.add_argument("list_file")
    args = parser.parse_args(argv[1:])
    if args.parallelism < 1 or not IDENTIFIER.match(args.database):
        parser.error("--parallelism must be at least 1 and DATABASE a Hive identifier")
    try:
        tables = table_names(args.list_file)
    except (OSError, UnicodeDecodeError) as e:
        sys.stderr.write("unlock_tables: cannot read %s: %s\n" % (args.list_file, e))
        return 2
    unlocked = 0
    with ThreadPoolExecutor(max_workers=args.parallelism) as pool:
        for table, status, last in pool.map(lambda t: unlock(args.hive, args.database, t), tables):
            if status == 0:
                unlocked += 1
                print("%s.%s: unlocked" % (args.database, table), flush=True)
            else:
                what = "could not run %s" % args.hive if status is None else "exit %d" % status
                print("%s.%s: not unlocked (%s; ignored): %s" % (args.database, table, what, last), flush=True)
    print("unlock pass: %d of %d tables unlocked; the others were not locked or could not be (ignored)" % (unlocked, len(tables)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
