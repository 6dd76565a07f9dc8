-- End of the newest window in each offer's sample: with sample_since, the stretch whose revenue the EV counted.
alter table weight_set_entries add column sample_until timestamptz;
