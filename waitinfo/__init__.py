"""waitinfo: regional information on waiting times and available help (ggz and social domain), Twente."""

__version__ = "0.1.0"
