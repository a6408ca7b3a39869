"""The client side: `link` (a reconnecting connection to a hub) and `mirror` (its local state).

Import from the submodules; this package imports nothing, so `mirror` stays free of
asyncio and websockets.
"""
