-- Part of the deal: what happens to the publisher's money on a conversion whose link to its click is a guess (a
-- fallback match, or a player link one made). PAY keeps seed 004 scenario 6 ("processes normally", with a warning).
alter table offers add column guessed_links text not null default 'PAY'
    constraint offers_guessed_links_check check (guessed_links in ('PAY', 'HOLD', 'DONT_PAY'));
