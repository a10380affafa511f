"""``quiz join HOST[:PORT] --pin PIN --name NAME``: answer a live room's questions from this terminal."""

from __future__ import annotations

import json
import sys

import click

#: Tokens kept for rooms joined lately (so a closed terminal comes back as the same student).
KEPT_TOKENS = 50


def _token_file():
    from quiz import locations

    return locations.data_dir() / "live-tokens.json"


def _tokens() -> dict[str, str]:
    try:
        data = json.loads(_token_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}
    )


def _keep_token(key: str, token: str) -> None:
    tokens = _tokens()
    tokens.pop(key, None)
    tokens[key] = token
    kept = dict(list(tokens.items())[-KEPT_TOKENS:])
    path = _token_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(kept), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # the token still lives as long as this process: a dropped connection still comes back


@click.command("join")
@click.argument("address", metavar="HOST[:PORT]")
@click.option("--pin", prompt="Game PIN", help="The 6-digit PIN on the host's screen.")
@click.option("--name", prompt="Your name", help="Your name in the room (at most 20 characters).")
def command(address: str, pin: str, name: str) -> None:
    """Join a live room from this terminal."""
    from quiz.live.client import room_url
    from quiz.live.names import BadName, clean_name, name_key

    pin = "".join(pin.split())
    if not (pin.isdigit() and len(pin) == 6):
        click.echo(f"quiz join: the PIN is 6 digits (got {pin!r}).", err=True)
        raise click.exceptions.Exit(2)
    try:
        clean = clean_name(name)
    except BadName as exc:
        click.echo(f"quiz join: {exc}.", err=True)
        raise click.exceptions.Exit(2) from None
    url = room_url(address)
    key = f"{url}|{pin}|{name_key(clean)}"

    from quiz.tui.live.join import JoinApp  # only now: a bad option never pays for loading the UI

    app = JoinApp(url, pin, clean, _tokens().get(key), on_token=lambda token: _keep_token(key, token))
    app.run()
    if app.refusal:
        click.echo(f"quiz join: {app.refusal}", err=True)
        sys.exit(1)
    sys.exit(app.return_code or 0)
