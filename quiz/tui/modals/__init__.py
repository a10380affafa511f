"""Dialogs shown over another screen."""
