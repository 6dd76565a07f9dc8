-- GET /customers/ltv pages the players by revenue, most first: each page is an index range in order, however deep,
-- instead of a sort of every player. An upsert that changes a player's revenue now also moves its index entry.
create index customer_ltv_by_revenue on customer_ltv (total_revenue desc, player_id, offer_id, currency);
