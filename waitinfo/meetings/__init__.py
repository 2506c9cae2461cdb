"""Transfer-table meetings: agenda of ranked bottlenecks, capacity exchange, decisions and actions."""
