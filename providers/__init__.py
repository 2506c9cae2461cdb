"""Provider adapters: each turns what a provider delivers (file, feed, push) into normalised raw rows."""
