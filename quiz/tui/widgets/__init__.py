"""Widgets the game's screens are built from."""
