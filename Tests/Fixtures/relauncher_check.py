"""The relauncher lambda's decision (dwp/dataworks-emr-relauncher), reproduced with boto3 on our item.

On a cluster that ended TERMINATED_WITH_ERRORS the relauncher scans data_pipeline_metadata for
Cluster_Id == <cluster>, takes Items[0], and relaunches iff CurrentStep is not in STEPS_TO_NOT_RETRY and
Run_Id <= MAX_RETRY_COUNT, publishing {correlation_id, s3_prefix, snapshot_type, export_date}.
Unlike the original we paginate the scan (its bug 8), which changes nothing when the item is found.

Usage: relauncher_check.py ENDPOINT TABLE CLUSTER_ID MAX_RETRY_COUNT [STEP_TO_NOT_RETRY...]
Credentials and region come from the AWS_* environment. Prints one JSON object.
"""
import json
import sys

import boto3


def main():
    endpoint, table, cluster_id, max_retry = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    steps_to_not_retry = sys.argv[5:]
    dynamodb = boto3.client("dynamodb", endpoint_url=endpoint)
    items = []
    kwargs = {
        "TableName": table,
        "FilterExpression": "Cluster_Id = :cluster",
        "ExpressionAttributeValues": {":cluster": {"S": cluster_id}},
    }
    while True:
        page = dynamodb.scan(**kwargs)
        items.extend(page.get("Items", []))
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    if not items:
        print(json.dumps({"found": False}))
        return
    item = items[0]
    current_step = item["CurrentStep"]["S"]
    run_id = int(item["Run_Id"]["N"])
    relaunch = current_step not in steps_to_not_retry and run_id <= max_retry
    payload = {
        "correlation_id": item["Correlation_Id"]["S"],
        "s3_prefix": item["S3_Prefix_Analytical_DataSet"]["S"],
        "snapshot_type": item["Snapshot_Type"]["S"],
        "export_date": item["Date"]["S"],
    }
    print(json.dumps({"found": True, "status": item["Status"]["S"], "current_step": current_step,
                      "run_id": run_id, "relaunch": relaunch, "payload": payload}, sort_keys=True))


if __name__ == "__main__":
    main()
