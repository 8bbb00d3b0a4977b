CREATE TABLE IF NOT EXISTS ${staging_database}.orders AS
SELECT o.id, c.name, f.total
FROM raw.orders o
JOIN ${staging_database}.customers c ON o.customer_id = c.id
LEFT JOIN ${hivevar:model_database}.order_fact f ON f.id = o.id;
