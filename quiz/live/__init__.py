"""Live classroom rooms: a server that runs one round for many students at once.

The core here never imports Textual: ``room`` holds the game (students, the
session, what each client is told), ``protocol`` the messages and their checks,
``guard`` the limits that keep a hostile client from hurting the room,
``store`` where the room's state is kept, ``server`` the websocket and web page
server, and ``client`` a client connection the terminal apps, tests and the load
benchmark share. The host's and the students' terminal screens are in
``quiz.tui.live``; the browser page is in ``web/``.
"""
