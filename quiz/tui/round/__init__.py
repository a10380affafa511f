"""The round on screen: one screen (``RoundScreen``) with a view per phase of the session."""
