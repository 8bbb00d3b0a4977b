/* Order facts. Snapshot: ${hivevar:snapshot_date} */
SET hive.exec.dynamic.partition=true;
SET hivevar:partition_mode=${hiveconf:hive.exec.dynamic.partition.mode};

INSERT OVERWRITE TABLE ${model_database}.order_fact PARTITION (mode = '${partition_mode}')
SELECT o.id, d.site, o.total, '${env:USER}' AS loaded_by
FROM ${staging_database}.orders o
JOIN ${model_database}.site_dim d ON d.id = o.site_id
WHERE '${hiveconf:hive.exec.dynamic.partition}' = 'true';
