"""The live room's terminal screens: the host's (``host``) and a student's (``join``).

Both are clients of the room's server (``quiz.live.client``), like the browser
page: what they show comes from the protocol's messages, and every name or text
from the room is shown as plain text, never as markup.
"""
