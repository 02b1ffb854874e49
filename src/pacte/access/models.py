"""The public access page: channels, numbers, opening hours, call prices, services."""
