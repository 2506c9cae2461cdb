"""Region figures: capacity, fit-gap, growth and programme KPIs."""
