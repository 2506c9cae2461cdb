"""HSDS 3.0 (Open Referral) read model: serialisers, queries with paging and incremental sync."""
