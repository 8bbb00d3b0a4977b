#!/usr/bin/env python3
"""The tables each HiveQL statement reads and writes, according to Spark's own SQL parser: the oracle the table
inference (Sources/HQLAnalysis) is tested against (Tests/HQLAnalysisTests/SparkOracleTests.swift).

Reads a JSON list of statements on stdin; writes a JSON list, one object per statement, on stdout:
  {"reads": [...], "writes": [...]}  or  {"error": "..."} when Spark cannot parse it.
Names are lower-cased, joined with "."; `default.` and a leading `spark_catalog.` are dropped, as the inference
writes them. Only the parser runs (no catalog, no analysis), so no table needs to exist.

Rules, on the unresolved plan:
  - UnresolvedRelation is a read, or a write when Spark marks it with write privileges (INSERT, UPDATE, DELETE,
    MERGE targets);
  - UnresolvedIdentifier (CREATE, DROP targets) is a write; CREATE TABLE ... LIKE reads its source;
  - UnresolvedTable / UnresolvedTableOrView / UnresolvedView are the target of a command: a write (ALTER, MSCK,
    ANALYZE, TRUNCATE, LOAD ...), nothing for the read-only commands (DESCRIBE, SHOW ..., REFRESH, UNCACHE);
  - RENAME TO writes the new name; EXPLAIN touches nothing; temporary views and CTE names are not tables.
"""
import json
import sys

from pyspark.sql import SparkSession

READ_ONLY_COMMANDS = {
    "DescribeRelation", "DescribeColumn", "ShowPartitions", "ShowCreateTable", "ShowColumns", "ShowTableProperties",
    "ShowTablesExtended", "ShowTableExtended", "RefreshTable", "UncacheTable", "ShowTables", "ShowViews",
}
COMMAND_TARGETS = {"UnresolvedTable", "UnresolvedTableOrView", "UnresolvedView"}


def seq(scala_seq):
    return [scala_seq.apply(i) for i in range(scala_seq.size())]


def name(parts):
    parts = [str(p).lower() for p in parts]
    if len(parts) > 1 and parts[0] == "spark_catalog":
        parts = parts[1:]
    if len(parts) == 2 and parts[0] == "default":
        parts = parts[1:]
    return ".".join(parts)


class Walk:
    def __init__(self, jvm):
        self.subquery = jvm.java.lang.Class.forName("org.apache.spark.sql.catalyst.expressions.SubqueryExpression")
        self.reads, self.writes, self.ctes, self.temporary = set(), set(), set(), set()

    def plan(self, node, command):
        kind = node.getClass().getSimpleName()
        if kind == "ExplainCommand" or kind in READ_ONLY_COMMANDS:
            return
        if kind == "UnresolvedRelation":
            table = name(seq(node.multipartIdentifier()))
            (self.writes if node.options().containsKey("__required_write_privileges__") else self.reads).add(table)
        elif kind == "UnresolvedIdentifier":
            self.writes.add(name(seq(node.nameParts())))
        elif kind in COMMAND_TARGETS:
            if command == "CreateTableLike":
                self.reads.add(name(seq(node.multipartIdentifier())))
            elif command not in READ_ONLY_COMMANDS:
                self.writes.add(name(seq(node.multipartIdentifier())))
        elif kind == "InsertIntoStatement":
            self.plan(node.table(), kind)
        elif kind == "RenameTable":
            self.writes.add(name(seq(node.newName())))
        elif kind == "CreateViewCommand" and "Temp" in node.viewType().toString():
            self.temporary.add(node.name().table().lower())
        elif kind == "CacheTableAsSelect":
            self.temporary.add(str(node.tempViewName()).lower())
        if kind in ("UnresolvedWith", "CTERelationDef", "WithCTE") and hasattr(node, "cteRelations"):
            for relation in seq(node.cteRelations()):
                self.ctes.add(str(relation._1()).lower())
        if kind in ("UnresolvedWith",):
            for relation in seq(node.cteRelations()):
                self.plan(relation._2(), command)
        for child in seq(node.children()):
            self.plan(child, command)
        for expression in seq(node.expressions()):
            self.expression(expression, command)

    def expression(self, node, command):
        if self.subquery.isInstance(node):
            self.plan(node.plan(), command)
        for child in seq(node.children()):
            self.expression(child, command)

    def result(self):
        local = self.ctes | self.temporary
        reads = {t for t in self.reads if t not in local}
        writes = {t for t in self.writes if t not in self.temporary}
        return {"reads": sorted(reads), "writes": sorted(writes)}


def main():
    statements = json.load(sys.stdin)
    spark = (SparkSession.builder.master("local[1]").appName("hql-oracle")
             .config("spark.ui.enabled", "false").config("spark.sql.catalogImplementation", "in-memory").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    jvm = spark._jvm
    parser = spark._jsparkSession.sessionState().sqlParser()
    out = []
    for sql in statements:
        try:
            plan = parser.parsePlan(sql)
        except Exception as error:  # a Py4J error carrying Spark's ParseException
            message = str(error).strip().splitlines()
            out.append({"error": next((line for line in message if line.strip()), "parse error")[:300]})
            continue
        walk = Walk(jvm)
        walk.plan(plan, plan.getClass().getSimpleName())
        out.append(walk.result())
    json.dump(out, sys.stdout)
    spark.stop()


if __name__ == "__main__":
    main()
