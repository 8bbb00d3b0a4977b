-- Agents.
-- create-views-tables materialises this view as uc.agent_dim_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.agent_dim_v;
CREATE VIEW ${hivevar:views_database}.agent_dim_v AS
SELECT agent_id, agent_name, team_id, team_name, site_id, site_name, start_date
FROM ${hivevar:model_database}.agent_dim;
