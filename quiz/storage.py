"""High scores and game history, kept in SQLite.

Saving scores must never spoil a game: every failure (no folder, a locked,
read-only or damaged database) becomes one sentence in ``ScoreStore.problem``
and the store carries on doing what it still can. A damaged file is moved
aside, never deleted, so nothing a player earned is destroyed by us.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from quiz import locations
from quiz.session.result import AnswerRow, GameResult, Standing
from quiz.session.settings import RoundSettings
from quiz.study import BOXES, Card, CardKey, learner_key

SCHEMA_VERSION = 4
#: A locked database gives up after this long, so play never freezes waiting for it.
BUSY_TIMEOUT_MS = 200

# Migration n brings the schema from version n-1 to n. Append, never edit.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE games (
            id INTEGER PRIMARY KEY,
            played_at TEXT NOT NULL,
            mode TEXT NOT NULL,
            questions INTEGER NOT NULL,
            timer REAL,
            difficulty TEXT,
            categories TEXT NOT NULL DEFAULT '',
            seed INTEGER,
            practice INTEGER NOT NULL DEFAULT 0,
            finished INTEGER NOT NULL DEFAULT 1,
            packs TEXT NOT NULL DEFAULT '',
            settings TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE players (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
            seat INTEGER NOT NULL,
            name TEXT NOT NULL,
            rank INTEGER NOT NULL,
            points INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            asked INTEGER NOT NULL,
            best_streak INTEGER NOT NULL,
            mean_time REAL,
            UNIQUE (game_id, seat)
        )""",
        "CREATE INDEX players_by_name ON players (name COLLATE NOCASE, game_id)",
        "CREATE INDEX players_by_points ON players (points DESC)",
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
            player_id INTEGER NOT NULL REFERENCES players(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            pack TEXT NOT NULL,
            category TEXT NOT NULL,
            correct INTEGER NOT NULL,
            timed_out INTEGER NOT NULL,
            response TEXT NOT NULL,
            elapsed REAL,
            points_base INTEGER NOT NULL,
            points_speed INTEGER NOT NULL,
            points_streak INTEGER NOT NULL
        )""",
        "CREATE INDEX answers_by_player ON answers (player_id)",
        "CREATE INDEX answers_by_game ON answers (game_id)",
    ),
    # The results record: settings as data, and each answer with its question as asked and its
    # response in wire form, so a game can be read back and reported without its packs.
    # Games saved before keep '' and NULL here, and are read back from their other columns.
    2: (
        "ALTER TABLE games ADD COLUMN settings_json TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE answers ADD COLUMN type TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE answers ADD COLUMN prompt TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE answers ADD COLUMN right_answer TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE answers ADD COLUMN response_json TEXT",
    ),
    # Study mode (quiz.study): a learner's Leitner box per question, and the day it is due.
    # ``learner`` is the name casefolded (Ana and ana are one learner); dates are ISO days.
    3: (
        """CREATE TABLE study_cards (
            learner TEXT NOT NULL,
            pack TEXT NOT NULL,
            question_id TEXT NOT NULL,
            box INTEGER NOT NULL,
            due TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            times_right INTEGER NOT NULL DEFAULT 0,
            times_wrong INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (learner, pack, question_id)
        ) WITHOUT ROWID""",
    ),
    # Live rooms (quiz.live.store): what `quiz host --resume` needs to restore a room whose host
    # process died. Student tokens are kept as hashes.
    4: (
        """CREATE TABLE live_rooms (
            id INTEGER PRIMARY KEY,
            pin TEXT NOT NULL,
            created_at TEXT NOT NULL,
            port INTEGER NOT NULL,
            settings_json TEXT NOT NULL,
            seed INTEGER NOT NULL,
            packs_json TEXT NOT NULL DEFAULT '[]',
            leaderboard INTEGER NOT NULL DEFAULT 1,
            players_json TEXT,
            turns_json TEXT,
            closed INTEGER NOT NULL DEFAULT 0,
            finished INTEGER NOT NULL DEFAULT 0,
            game_id INTEGER
        )""",
        """CREATE TABLE live_students (
            room_id INTEGER NOT NULL REFERENCES live_rooms(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            seat INTEGER NOT NULL,
            token_hash TEXT NOT NULL,
            removed INTEGER NOT NULL DEFAULT 0,
            late_from INTEGER,
            PRIMARY KEY (room_id, name)
        )""",
        """CREATE TABLE live_answers (
            room_id INTEGER NOT NULL REFERENCES live_rooms(id) ON DELETE CASCADE,
            turn INTEGER NOT NULL,
            name TEXT NOT NULL,
            response_json TEXT,
            elapsed REAL,
            PRIMARY KEY (room_id, turn, name)
        )""",
    ),
}

GOES_ON = "Play goes on."
STUDY = "Study progress"
STUDY_GOES_ON = "Study goes on."
T = TypeVar("T")


@dataclass(frozen=True)
class ScoreRow:
    player: str
    points: int
    correct: int
    asked: int
    accuracy: float  # 0..1
    best_streak: int
    mean_time: float | None  # seconds
    mode: str
    played_at: str  # ISO 8601 with the local offset
    game_id: int


@dataclass(frozen=True)
class GameRow:
    game_id: int
    played_at: str
    mode: str
    questions: int  # per player
    players: list[str] = field(default_factory=list)
    winner: str = ""
    settings: str = ""
    packs: list[str] = field(default_factory=list)


class _Damaged(Exception):
    """The database file is not a sound SQLite database."""


def _kind(error: BaseException) -> str:
    """Sort an SQLite error into what we do about it: locked, damaged or unwritable."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if isinstance(error, _Damaged) or name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return "damaged"
    if "not a database" in text or "malformed" in text:
        return "damaged"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return "locked"
    return "unwritable"


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error).rstrip(".") or type(error).__name__


def settings_summary(s: RoundSettings, questions: int, seed: int) -> str:
    """The round's settings in a few words, for the history list."""
    parts = [f"{questions} question{'s' if questions != 1 else ''}"]
    parts.append(f"{s.timer:g} s timer" if s.timer else "no timer")
    parts.append(s.difficulty if s.difficulty not in (None, "any") else "any difficulty")
    parts.append(", ".join(s.categories) if s.categories else "all categories")
    if s.types:
        parts.append(", ".join(s.types))
    parts.append(f"seed {seed}")
    if s.practice:
        parts.append("practice")
    return " · ".join(parts)


def _json_or_none(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _day(text: str | None) -> date | None:
    """An ISO day read back; None when it is not one (a card with a bad date is due at once)."""
    try:
        return date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def _settings_from(text: str) -> RoundSettings | None:
    """Settings saved as data (games from schema 2 on); None for older games or unreadable data."""
    if not text:
        return None
    try:
        return RoundSettings.from_data(json.loads(text))
    except (ValueError, TypeError):
        return None


class ScoreStore:
    """The scores database; see the module docstring for how it copes with trouble."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else locations.scores_db()
        self.problem: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._writable = False
        # A locked database may be free later: try again on the next call.
        self._retry = False
        # The UI may save from a worker thread while the main thread reads.
        self._lock = threading.RLock()
        self._open()

    # -- opening ---------------------------------------------------------
    def _open(self) -> None:
        self._retry = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            in_the_way = locations.folder_problem(self.path.parent)
            self.problem = (
                f"Scores could not be saved: {self.path.parent} {in_the_way}. {GOES_ON}"
                if in_the_way
                else f"Scores could not be saved: the folder {self.path.parent} could not be created"
                f" ({_reason(exc)}). {GOES_ON}"
            )
            return
        try:
            self._conn = self._connect_writable()
            self._writable = True
            return
        except (sqlite3.Error, _Damaged, OSError) as exc:
            self._drop_connection()
            kind = _kind(exc) if not isinstance(exc, OSError) else "unwritable"
            if kind == "locked":
                self.problem = f"Scores could not be saved: the database is locked by another program. {GOES_ON}"
                self._retry = True
                return
            if kind == "damaged":
                self._start_afresh()
                return
            self.problem = f"Scores could not be saved: {self.path} cannot be written ({_reason(exc)}). {GOES_ON}"
        # Cannot write: past scores can still be shown if the file reads.
        self._conn = self._connect_read_only()

    def _connect_writable(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            # Reading the schema is what first notices a file that is not a database.
            conn.execute("PRAGMA schema_version").fetchone()
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            # FULL costs one extra sync per game and keeps a finished game even through a power cut.
            conn.execute("PRAGMA synchronous = FULL")
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise _Damaged(str(check[0][0]) if check else "quick_check returned nothing")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _connect_read_only(self) -> sqlite3.Connection | None:
        if not self.path.is_file():
            return None
        base = "file:" + quote(str(self.path.resolve()))
        # immutable=1 reads a WAL database even where its -shm file cannot be made.
        for uri in (base + "?mode=ro", base + "?mode=ro&immutable=1"):
            conn = None
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
                conn.execute("SELECT count(*) FROM games").fetchone()
                return conn
            except sqlite3.Error:
                if conn is not None:
                    conn.close()
        return None

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = self._version(conn)
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise sqlite3.OperationalError(
                f"it was written by a newer version of the game (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            version = self._version(conn)
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                # A number reserved for work not landed yet has no statements.
                for statement in MIGRATIONS[step]:
                    conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
        if not exists:
            return 0
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _start_afresh(self) -> None:
        """Move a damaged file (and its WAL companions) aside and begin a new database."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            self.path.rename(aside)
            for suffix in ("-wal", "-shm"):
                companion = self.path.with_name(self.path.name + suffix)
                if companion.exists():
                    companion.rename(aside.with_name(aside.name + suffix))
        except OSError as exc:
            self.problem = (
                f"Scores could not be saved: the scores file {self.path} is damaged and could not be moved aside"
                f" ({_reason(exc)}). {GOES_ON}"
            )
            return
        self.problem = f"The scores file was damaged; it was moved aside as {aside.name} and a new one was started."
        try:
            self._conn = self._connect_writable()
            self._writable = True
        except (sqlite3.Error, _Damaged) as exc:
            self._drop_connection()
            self.problem = f"Scores could not be saved: {self.path} cannot be written ({_reason(exc)}). {GOES_ON}"

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
        self._conn = None
        self._writable = False

    def _ready(self, write: bool) -> bool:
        if self._conn is None and self._retry:
            self._open()
        return self._conn is not None and (self._writable or not write)

    def _failed(self, exc: BaseException, doing: str, what: str = "Scores", goes_on: str = GOES_ON) -> None:
        """Turn an error met while using the database into the one sentence for the UI."""
        kind = _kind(exc)
        if kind == "locked":
            self.problem = f"{what} could not be {doing}: the database is locked by another program. {goes_on}"
        elif kind == "damaged":
            self._drop_connection()
            self._start_afresh()
        else:
            self.problem = f"{what} could not be {doing}: {_reason(exc)}. {goes_on}"

    # -- writing ---------------------------------------------------------
    def _write(self, work: Callable[[], T], what: str = "Scores", goes_on: str = GOES_ON) -> T | None:
        """``work``'s result, or None (with .problem set) when the database cannot take the write."""
        with self._lock:
            if not self._ready(write=True):
                if self.problem is None:
                    self.problem = f"{what} could not be saved. {goes_on}"
                return None
            try:
                return work()
            except sqlite3.Error as exc:
                self._failed(exc, "saved", what, goes_on)
                if _kind(exc) != "damaged" or not self._ready(write=True):
                    return None
            # The file went bad under us and a fresh one was started: this write still counts.
            try:
                return work()
            except sqlite3.Error as exc:
                self._failed(exc, "saved", what, goes_on)
                return None

    def save_game(self, result: GameResult) -> int | None:
        """Write a game's record in one transaction; its id, or None."""
        return self._write(lambda: self._insert(result))

    def _insert(self, result: GameResult) -> int:
        conn = self._conn
        assert conn is not None
        s = result.settings
        questions = result.questions
        ranks = {st.name: st.place for st in result.standings}
        by_name = {st.name: st for st in result.standings}
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO games (played_at, mode, questions, timer, difficulty, categories, seed, practice,"
                " finished, packs, settings, settings_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.played_at,
                    s.mode,
                    questions,
                    s.timer,
                    s.difficulty,
                    ", ".join(s.categories),
                    result.seed,
                    int(s.practice),
                    int(result.finished),
                    ", ".join(result.packs),
                    settings_summary(s, questions, result.seed),
                    json.dumps(s.to_data(), ensure_ascii=False),
                ),
            )
            game_id = int(cur.lastrowid or 0)
            for seat, name in enumerate(result.participants):
                st = by_name[name]
                cur = conn.execute(
                    "INSERT INTO players (game_id, seat, name, rank, points, correct, asked, best_streak, mean_time)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (game_id, seat, name, ranks[name], st.points, st.correct, st.asked, st.best_streak, st.mean_time),
                )
                player_id = int(cur.lastrowid or 0)
                conn.executemany(
                    "INSERT INTO answers (game_id, player_id, number, question_id, pack, category, correct,"
                    " timed_out, response, elapsed, points_base, points_speed, points_streak, type, prompt,"
                    " right_answer, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            game_id,
                            player_id,
                            a.number,
                            a.question_id,
                            a.pack,
                            a.category,
                            int(a.correct),
                            int(a.timed_out),
                            a.response_text,
                            a.elapsed,
                            a.points_base,
                            a.points_speed,
                            a.points_streak,
                            a.type,
                            a.prompt,
                            a.right_answer,
                            None if a.response is None else json.dumps(a.response, ensure_ascii=False),
                        )
                        for a in result.answers
                        if a.participant == name
                    ],
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise
        return game_id

    # -- reading ---------------------------------------------------------
    def _query(
        self, sql: str, params: Sequence[object] = (), what: str = "Scores", goes_on: str = GOES_ON
    ) -> list[tuple]:
        """Rows for a read, or [] (with .problem set) when the database cannot be read."""
        with self._lock:
            if not self._ready(write=False):
                return []
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()  # type: ignore[union-attr]
            except sqlite3.Error as exc:
                self._failed(exc, "read", what, goes_on)
                return []

    def top_scores(self, limit: int = 10) -> list[ScoreRow]:
        """Best single-game results (practice rounds excluded); ties go to the more accurate, faster, earlier."""
        rows = self._query(
            "SELECT p.name, p.points, p.correct, p.asked, p.best_streak, p.mean_time, g.mode, g.played_at, g.id"
            " FROM players p JOIN games g ON g.id = p.game_id"
            " WHERE g.practice = 0 AND p.asked > 0"
            " ORDER BY p.points DESC, CAST(p.correct AS REAL) / p.asked DESC, coalesce(p.mean_time, 1e9), g.id, p.seat"
            " LIMIT ?",
            (max(0, int(limit)),),
        )
        return [
            ScoreRow(
                player=name,
                points=points,
                correct=correct,
                asked=asked,
                accuracy=correct / asked if asked else 0.0,
                best_streak=streak,
                mean_time=mean,
                mode=mode,
                played_at=played_at,
                game_id=game_id,
            )
            for name, points, correct, asked, streak, mean, mode, played_at, game_id in rows
        ]

    def recent_games(self, limit: int = 20) -> list[GameRow]:
        """The latest games first, with who played and who won."""
        games = self._query(
            "SELECT id, played_at, mode, questions, settings, packs FROM games ORDER BY id DESC LIMIT ?",
            (max(0, int(limit)),),
        )
        if not games:
            return []
        ids = [g[0] for g in games]
        marks = ", ".join("?" for _ in ids)
        seats: dict[int, list[tuple[int, str]]] = {}
        for game_id, name, rank in self._query(
            f"SELECT game_id, name, rank FROM players WHERE game_id IN ({marks}) ORDER BY game_id, seat", ids
        ):
            seats.setdefault(game_id, []).append((rank, name))
        out = []
        for game_id, played_at, mode, questions, settings, packs in games:
            players = seats.get(game_id, [])
            best = min(rank for rank, _ in players) if players else 0
            # A tie for first names everyone who shares it, in seat order.
            winner = " & ".join(name for rank, name in players if rank == best)
            out.append(
                GameRow(
                    game_id,
                    played_at,
                    mode,
                    questions,
                    [n for _, n in players],
                    winner,
                    settings,
                    [p for p in (packs or "").split(", ") if p],
                )
            )
        return out

    def game(self, game_id: int) -> GameResult | None:
        """One saved game, read back as its record (None when there is no such game)."""
        found = self._query(
            "SELECT id, played_at, mode, questions, timer, difficulty, categories, seed, practice, finished, packs,"
            " settings_json FROM games WHERE id = ?",
            (int(game_id),),
        )
        if not found:
            return None
        gid, played_at, mode, questions, timer, difficulty, categories, seed, practice, finished, packs, data = found[0]
        players = self._query(
            "SELECT id, name, rank, points, correct, asked, best_streak, mean_time FROM players"
            " WHERE game_id = ? ORDER BY seat",
            (gid,),
        )
        names = tuple(p[1] for p in players)
        settings = _settings_from(data) or RoundSettings(
            categories=tuple(c for c in (categories or "").split(", ") if c),
            questions=int(questions),
            difficulty=difficulty,
            timer=timer,
            seed=seed,
            mode=mode,
            players=names,
            practice=bool(practice),
        )
        per_place: dict[int, int] = {}
        for p in players:
            per_place[p[2]] = per_place.get(p[2], 0) + 1
        standings = sorted(
            (
                Standing(rank, per_place[rank] > 1, name, points, correct, asked, streak, mean)
                for _, name, rank, points, correct, asked, streak, mean in players
            ),
            # As the scoreboard ranks them: a shared place is ordered by speed, then seat.
            key=lambda st: (st.place, st.mean_time if st.mean_time is not None else 1e9, names.index(st.name)),
        )
        name_of = {p[0]: p[1] for p in players}
        answers = [
            AnswerRow(
                number=number,
                participant=name_of.get(player_id, ""),
                question_id=question_id,
                pack=pack,
                category=category,
                type=qtype,
                prompt=prompt,
                right_answer=right,
                response=_json_or_none(response_json),
                response_text=response,
                correct=bool(correct),
                timed_out=bool(timed_out),
                elapsed=elapsed,
                points_base=base,
                points_speed=speed,
                points_streak=streak,
            )
            for (
                player_id,
                number,
                question_id,
                pack,
                category,
                qtype,
                prompt,
                right,
                response_json,
                response,
                correct,
                timed_out,
                elapsed,
                base,
                speed,
                streak,
            ) in self._query(
                "SELECT player_id, number, question_id, pack, category, type, prompt, right_answer, response_json,"
                " response, correct, timed_out, elapsed, points_base, points_speed, points_streak FROM answers"
                " WHERE game_id = ? ORDER BY id",
                (gid,),
            )
        ]
        return GameResult(
            settings=settings,
            seed=int(seed or 0),
            packs=tuple(p for p in (packs or "").split(", ") if p),
            participants=names,
            answers=tuple(answers),
            standings=tuple(standings),
            finished=bool(finished),
            played_at=played_at,
            game_id=gid,
        )

    def recently_seen(self, player: str, games: int = 5) -> frozenset[str]:
        """Ids of the questions ``player`` (any letter case) was asked in their last ``games`` games."""
        rows = self._query(
            "SELECT DISTINCT a.question_id FROM answers a WHERE a.player_id IN ("
            " SELECT id FROM players WHERE name = ? COLLATE NOCASE ORDER BY game_id DESC LIMIT ?)",
            (player.strip(), max(0, int(games))),
        )
        return frozenset(r[0] for r in rows)

    def recently_seen_by(self, players: Sequence[str], games: int = 5) -> frozenset[str]:
        """Questions any of ``players`` was asked in their last ``games`` games."""
        seen: set[str] = set()
        for name in players:
            seen |= self.recently_seen(name, games)
        return frozenset(seen)

    # -- study mode (quiz.study) -------------------------------------------
    def study_cards(self, learner: str) -> dict[CardKey, Card]:
        """Every card of ``learner`` (any letter case); {} when there are none or they cannot be read."""
        with self._lock:
            if not self._writable and self._ready(write=False) and not self._has_table("study_cards"):
                return {}  # an older database we may only read: no one has studied in it
        rows = self._query(
            "SELECT pack, question_id, box, due, last_seen, times_right, times_wrong FROM study_cards"
            " WHERE learner = ?",
            (learner_key(learner),),
            STUDY,
            STUDY_GOES_ON,
        )
        cards = {}
        for pack, question_id, box, due, last_seen, right, wrong in rows:
            seen = _day(last_seen) or date.min
            box = min(max(int(box or 1), 1), BOXES)
            card = Card(pack, question_id, box, _day(due) or seen, seen, int(right or 0), int(wrong or 0))
            cards[card.key] = card
        return cards

    def save_study_card(self, learner: str, card: Card) -> bool:
        """Keep ``learner``'s card (replacing the one before); False (with .problem set) when it could not be."""

        def upsert() -> bool:
            assert self._conn is not None
            self._conn.execute(
                "INSERT INTO study_cards (learner, pack, question_id, box, due, last_seen, times_right, times_wrong)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner, pack, question_id) DO UPDATE SET"
                " box = excluded.box, due = excluded.due, last_seen = excluded.last_seen,"
                " times_right = excluded.times_right, times_wrong = excluded.times_wrong",
                (
                    learner_key(learner),
                    card.pack,
                    card.question_id,
                    card.box,
                    card.due.isoformat(),
                    card.last_seen.isoformat(),
                    card.times_right,
                    card.times_wrong,
                ),
            )
            return True

        return bool(self._write(upsert, STUDY, STUDY_GOES_ON))

    def _has_table(self, name: str) -> bool:
        if self._conn is None:
            return False
        try:
            found = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
            return found.fetchone() is not None
        except sqlite3.Error:
            return False

    def close(self) -> None:
        with self._lock:
            self._drop_connection()
            self._retry = False

    def __enter__(self) -> ScoreStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
