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
    s = sub.add_parser("scan")
    s.add_argument("table")
    s.add_argument("cluster_id")
    s.add_argument("--paginate", action="store_true")
    s.add_argument("--page-size", type=int, default=0)
    s.add_argument("--max-retry-count", type=int, default=2)  # production's; 0 everywhere else
    s.add_argument("--steps-not-to-retry", default="")
    args = parser.parse_args()
    {"decoys": decoys, "original": original, "scan": scan}[args.command](args)


if __name__ == "__main__":
    main()
