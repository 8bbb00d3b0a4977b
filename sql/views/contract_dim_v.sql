-- Contracts with the number of referrals of their claimant (transactional).
-- create-views-tables materialises this view as uc.contract_dim_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.contract_dim_v;
CREATE VIEW ${hivevar:views_database}.contract_dim_v AS
SELECT k.contract_id, k.claimant_id, k.claimant_name, k.contract_type, k.start_date, k.end_date, k.is_open_ended,
       coalesce(r.referrals, 0) AS referrals
FROM ${hivevar:model_database}.contract_dim k
LEFT JOIN (SELECT claimant_id, count(*) AS referrals FROM ${hivevar:transactional_database}.referral GROUP BY claimant_id) r
  ON r.claimant_id = k.claimant_id;
