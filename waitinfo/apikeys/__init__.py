"""API keys for consumers and pushing providers: hashed storage, scopes, rate limits."""
