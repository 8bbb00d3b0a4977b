-- To-do items with the name of the agent from the transform database.
-- create-views-tables materialises this view as uc.to_do_fact_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.to_do_fact_v;
CREATE VIEW ${hivevar:views_database}.to_do_fact_v AS
SELECT t.to_do_id, t.claimant_id, t.agent_id, g.agent_name, t.site_id, t.description, t.due_date, t.completed_date,
       t.is_completed, t.is_late
FROM ${hivevar:model_database}.to_do_fact t
LEFT JOIN ${hivevar:transform_database}.agent g ON g.agent_id = t.agent_id;
