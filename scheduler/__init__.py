"""The scheduler: feed pulls on their schedule, freshness reminders, mail, monthly region snapshot."""
