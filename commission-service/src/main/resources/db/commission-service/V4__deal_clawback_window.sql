-- How many days after a deposit a chargeback of it still claws its CPA back; null (versions published before the
-- setting existed) means no limit.
alter table deal_versions add column clawback_window_days int;
