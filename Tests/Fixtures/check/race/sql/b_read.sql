SET mapreduce.job.queuename=${hiveconf:queue};
SELECT * FROM uc.TOTALS;
