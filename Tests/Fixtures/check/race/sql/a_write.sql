INSERT OVERWRITE TABLE ${db}.totals SELECT count(*) FROM ${db}.events;
