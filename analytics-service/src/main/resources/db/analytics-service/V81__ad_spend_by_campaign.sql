-- GET /ad-spend pages the day's totals by campaign, day and currency: each page sums the groups of an index range in
-- order, however deep, instead of grouping and sorting every row of spend.
create index ad_spend_by_campaign on ad_spend (campaign, day, currency);
