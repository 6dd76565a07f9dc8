-- The console's look-ups: "every cent a click caused" and "every cent a transaction caused" (LedgerTraceController,
-- whose queries name these exact expressions), and the ledger's lists filtered by offer or publisher, in ledger order.
create index ledger_entries_by_click on ledger_entries (click_id) where click_id is not null;
create index ledger_entries_by_transaction on ledger_entries ((inputs ->> 'transaction_id'))
    where inputs ->> 'transaction_id' is not null;
create index ledger_entries_by_offer on ledger_entries (offer_id, position);
create index ledger_entries_by_publisher on ledger_entries (publisher_id, position) where publisher_id is not null;
