-- Part of the deal: how many days after a deposit a chargeback of it still claws its CPA back. Deals made before the
-- setting existed keep what they were made under: no limit (null). New deals get the API's default.
alter table offers add column clawback_window_days int
    constraint offers_clawback_window_days_check check (clawback_window_days >= 0);
