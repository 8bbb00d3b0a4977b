"""What dwp/dataworks-emr-relauncher does with our DynamoDB item, replayed with boto3 against moto.

The relauncher is a Lambda on the EMR "cluster TERMINATED_WITH_ERRORS" event. It scans the state table for
Cluster_Id == the cluster id, takes Items[0], and relaunches when CurrentStep is not in STEPS_TO_NOT_RETRY and
Run_Id <= MAX_RETRY_COUNT, by publishing {correlation_id, s3_prefix, snapshot_type, export_date} to the launcher's
SNS topic (s3_prefix = S3_Prefix_Analytical_DataSet, export_date = Date). The original scanned one page only
(its bug 8: an item beyond the first page is never found); `--paginate` follows LastEvaluatedKey.

  relauncher_replay.py decoys TABLE N            put N items of other clusters (so a scan has pages to turn)
  relauncher_replay.py original TABLE CORRELATION_ID STATUS CURRENT_STEP CLUSTER_ID [--run-id N]
      write the item as the original's update_dynamo.sh left it: one UpdateItem, no condition, TimeToExist in
      milliseconds, none of this tool's attributes (no lease, owner or record version)
  relauncher_replay.py scan TABLE CLUSTER_ID [--paginate] [--page-size N] [--max-retry-count N]
                       [--steps-not-to-retry a,b]
      prints JSON: {"found": bool, "pages": N, "relaunch": bool, "why": str, "payload": {...} or null}

  relauncher_replay.py launch VERSION PAYLOAD_JSON [--form flat|additional_step_args] [--direct]
      what DWP's emr-launcher VERSION does with the relauncher's payload (PAYLOAD_JSON, the scan's "payload"),
      published as it is (--form flat, DWP's relauncher) or re-shaped as {"additional_step_args": {"source":
      [...]}}, delivered through SNS (default) or by a direct invocation (--direct). Prints JSON {"ok": true,
      "tail": [...]} (what it appends to the Args of the step named `source`) or {"ok": false, "error": "..."}.

The launcher's behaviour per version, read from dwp/emr-launcher's tags (and checked by running each tag's handler
with its AWS calls stubbed; none of its code is here):
  - up to 1.0.37 and from 1.0.45 an SNS message is unwrapped; 1.0.38 to 1.0.44 never unwrap it (their SNS test
    looks at a literal list, not the event), so any SNS-delivered payload reaches the payload check whole and is
    refused: TypeError("Invalid request payload");
  - a flat payload (correlation_id and s3_prefix present) goes to the old handler up to 1.0.43, which appends
    --correlation_id C --s3_prefix P to `source` (from 1.0.32 also --snapshot_type T --export_date D, NOT_SET for
    a missing one); from 1.0.44 it is refused: ValueError (the old handler is deprecated);
  - otherwise the payload must hold only s3_overrides, overrides, extend, additional_step_args, copy_secconfig
    (else TypeError); additional_step_args["source"] is appended to `source`'s Args as it is.

Environment: PDM_TEST_MOTO_URL, PDM_TEST_MOTO_ACCESS_KEY_ID, PDM_TEST_MOTO_SECRET_ACCESS_KEY, AWS_REGION.
Used by LauncherReplayTests (CLITests).
"""
import argparse
import json
import os
import sys

import boto3
from boto3.dynamodb.conditions import Attr


def table(name):
    resource = boto3.resource(
        "dynamodb", endpoint_url=os.environ["PDM_TEST_MOTO_URL"], region_name=os.environ.get("AWS_REGION", "eu-west-2"),
        aws_access_key_id=os.environ["PDM_TEST_MOTO_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["PDM_TEST_MOTO_SECRET_ACCESS_KEY"])
    return resource.Table(name)


def decoys(args):
    t = table(args.table)
    with t.batch_writer() as batch:
        for n in range(args.count):
            batch.put_item(Item={
                "Correlation_Id": "decoy-%03d" % n, "DataProduct": "PDM", "Date": "2026-11-20", "Run_Id": 1,
                "Status": "FAILED", "CurrentStep": "source", "Cluster_Id": "j-DECOY%03d" % n,
                "S3_Prefix_Analytical_DataSet": "decoy/%d" % n, "Snapshot_Type": "full"})


def original(args):
    # update_dynamo.sh's dynamo_update_item: SET Date, Cluster_Id, S3 prefix, snapshot type, TTL (+7 days, in ms),
    # CurrentStep, Status, Run_Id.
    table(args.table).update_item(
        Key={"Correlation_Id": args.correlation_id, "DataProduct": "PDM"},
        UpdateExpression="SET #d = :s, Cluster_Id = :v, S3_Prefix_Analytical_DataSet = :b, Snapshot_Type = :x, "
                         "TimeToExist = :z, CurrentStep = :y, #a = :u, Run_Id = :t",
        ExpressionAttributeNames={"#d": "Date", "#a": "Status"},
        ExpressionAttributeValues={
            ":s": "2026-11-21", ":v": args.cluster_id, ":b": "analytical-dataset/2026-11-21", ":x": "NOT_SET",
            ":z": 1800000000000 + 604800000, ":y": args.current_step, ":u": args.status, ":t": args.run_id})


def launcher_tail(version, payload, sns):
    """The Args DWP's emr-launcher `version` appends to the step named `source` for this trigger (see the module
    doc for where each rule comes from), or the exception it raises."""
    v = tuple(int(part) for part in version.split("."))
    event = {"Records": [{"EventSource": "aws:sns", "Sns": {"Message": json.dumps(payload)}}]} if sns else payload
    if "Records" in event and not (1, 0, 38) <= v <= (1, 0, 44):
        event = json.loads(event["Records"][0]["Sns"]["Message"])
    if "correlation_id" in event and "s3_prefix" in event:
        if v >= (1, 0, 44):
            raise ValueError("the old handler has been deprecated")
        tail = ["--correlation_id", event["correlation_id"], "--s3_prefix", event["s3_prefix"]]
        if v >= (1, 0, 32):
            tail += ["--snapshot_type", event.get("snapshot_type", "NOT_SET"), "--export_date", event.get("export_date", "NOT_SET")]
        return tail
    if set(event) - {"s3_overrides", "overrides", "extend", "additional_step_args", "copy_secconfig"}:
        raise TypeError("Invalid request payload")
    return list((event.get("additional_step_args") or {}).get("source", []))


def launch(args):
    payload = json.loads(args.payload)
    if args.form == "additional_step_args":
        payload = {"additional_step_args": {"source": [
            "--correlation_id", payload["correlation_id"], "--s3_prefix", payload["s3_prefix"],
            "--snapshot_type", payload["snapshot_type"], "--export_date", payload["export_date"]]}}
    try:
        result = {"ok": True, "tail": launcher_tail(args.version, payload, sns=not args.direct)}
    except (TypeError, ValueError) as error:
        result = {"ok": False, "error": "%s(%r)" % (type(error).__name__, str(error))}
    json.dump(result, sys.stdout)
    print()


def scan(args):
    t = table(args.table)
    request = {"FilterExpression": Attr("Cluster_Id").eq(args.cluster_id)}
    if args.page_size:
        request["Limit"] = args.page_size
    items, pages = [], 0
    while True:
        answer = t.scan(**request)
        pages += 1
        items += answer.get("Items", [])
        if not args.paginate or "LastEvaluatedKey" not in answer:
            break
        request["ExclusiveStartKey"] = answer["LastEvaluatedKey"]
    result = {"found": bool(items), "pages": pages, "relaunch": False, "why": "", "payload": None}
    if not items:
        result["why"] = "no item for cluster " + args.cluster_id
    else:
        item = items[0]
        not_to_retry = [s for s in args.steps_not_to_retry.split(",") if s]
        run_id = int(item["Run_Id"])
        if item.get("CurrentStep") in not_to_retry:
            result["why"] = "CurrentStep %s is in STEPS_TO_NOT_RETRY" % item.get("CurrentStep")
        elif run_id > args.max_retry_count:
            result["why"] = "Run_Id %d > MAX_RETRY_COUNT %d" % (run_id, args.max_retry_count)
        else:
            result["relaunch"] = True
            result["why"] = "CurrentStep %s, Run_Id %d" % (item.get("CurrentStep"), run_id)
            result["payload"] = {
                "correlation_id": item["Correlation_Id"], "s3_prefix": item["S3_Prefix_Analytical_DataSet"],
                "snapshot_type": item["Snapshot_Type"], "export_date": item["Date"]}
    json.dump(result, sys.stdout)
    print()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("decoys")
    d.add_argument("table")
    d.add_argument("count", type=int)
    o = sub.add_parser("original")
    o.add_argument("table")
    o.add_argument("correlation_id")
    o.add_argument("status")
    o.add_argument("current_step")
    o.add_argument("cluster_id")
    o.add_argument("--run-id", type=int, default=1)
    la = sub.add_parser("launch")
    la.add_argument("version")
    la.add_argument("payload")
    la.add_argument("--form", choices=["flat", "additional_step_args"], default="flat")
    la.add_argument("--direct", action="store_true")
    s = sub.add_parser("scan")
    s.add_argument("table")
    s.add_argument("cluster_id")
    s.add_argument("--paginate", action="store_true")
    s.add_argument("--page-size", type=int, default=0)
    s.add_argument("--max-retry-count", type=int, default=2)  # production's; 0 everywhere else
    s.add_argument("--steps-not-to-retry", default="")
    args = parser.parse_args()
    {"decoys": decoys, "original": original, "launch": launch, "scan": scan}[args.command](args)


if __name__ == "__main__":
    main()
