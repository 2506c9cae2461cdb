"""Route modules; each exposes `router`, included by web.app.create_app."""
