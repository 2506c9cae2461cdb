"""The provider portal and the coordinator's review: access rules, dashboard, monthly update, offer edits."""
