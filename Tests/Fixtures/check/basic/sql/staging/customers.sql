-- Staging: customers, from the raw feed.
CREATE TABLE IF NOT EXISTS ${staging_database}.customers (id INT, name STRING);

INSERT OVERWRITE TABLE ${hivevar:staging_database}.customers
SELECT id, name FROM raw.customers;
