"""Background jobs on procrastinate (PostgreSQL task queue, psycopg 3): portal uploads and periodic cleanup.

`app.get_app()` builds the procrastinate App for the configured database; `tasks` defines the jobs;
`waitinfo worker` runs a worker (and `waitinfo serve` starts one alongside the web server unless --no-worker).
"""
