// The live room's page for students: join with the PIN and a name, then answer each question.
// Plain JavaScript, no library. Everything from the server is put on the page as text
// (textContent), never as HTML. Every question type answers by touch and by keyboard.
// The token the room gives is kept in localStorage, so a reloaded page comes back as the
// same student with the same score.
"use strict";
(function () {
  var VERSION = 1;
  var LETTERS = "ABCDEFGH";
  var FINAL_CLOSES = [4000, 4001, 4002, 4003, 4004];
  var DELAYS = [250, 500, 1000, 2000, 3000];
  var TITLES = {
    multiple_choice: "Multiple choice", multi_select: "Pick all that apply", true_false: "True or false",
    type_in: "Type the answer", numeric: "Type a number", ordering: "Put in order", matching: "Match the pairs"
  };
  // What each server message must carry (the server may add more).
  var SHAPES = {
    welcome: { v: "number", role: "string", room: "object" },
    lobby: { count: "number" },
    ready: { turn: "number", number: "number", of: "number" },
    question: { turn: "number", number: "number", of: "number", question: "object" },
    waiting: { turn: "number", message: "string" },
    ack: { turn: "number" },
    progress: { turn: "number" },
    reveal: { turn: "number", answer: "string" },
    standings: {},
    finished: { podium: "object" },
    roster: { students: "object" },
    removed: { message: "string" },
    error: { code: "string", message: "string" }
  };

  var ws = null, pin = "", name = "", token = null, attempt = 0, stopped = false, joined = false;
  var current = null;      // the open question: {turn, question}
  var sending = false;     // an answer is on its way
  var timerEnd = 0, timerHandle = null, readyHandle = null;
  var keyHandler = null;   // the open question's keys

  function $(id) { return document.getElementById(id); }
  function say(el, value) { el.textContent = value == null ? "" : String(value); }
  function show(view) {
    ["join-view", "wait-view", "question-view", "result-view", "board-view"].forEach(function (v) {
      $(v).hidden = v !== view;
    });
    if (view !== "question-view") { stopTimer(); keyHandler = null; }
  }
  function status(text) { say($("status"), text); }
  function ordinal(n) {
    var s = ["th", "st", "nd", "rd"], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }
  function valid(m) {
    if (!m || typeof m !== "object" || typeof m.type !== "string" || !SHAPES.hasOwnProperty(m.type)) return false;
    var shape = SHAPES[m.type];
    for (var key in shape) {
      if (typeof m[key] !== shape[key] || m[key] === null) return false;
    }
    return true;
  }

  // -- remembering who we are -------------------------------------------------------------
  function storeKey() { return "quiz-live-" + pin; }
  function remember() {
    try { localStorage.setItem(storeKey(), JSON.stringify({ name: name, token: token })); } catch (e) { /* private mode */ }
  }
  function recall() {
    try {
      var kept = JSON.parse(localStorage.getItem(storeKey()) || "null");
      if (kept && typeof kept.token === "string") return kept;
    } catch (e) { /* nothing kept */ }
    return null;
  }

  // -- the connection -------------------------------------------------------------------------
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    try {
      ws = new WebSocket(scheme + location.host + "/ws");
    } catch (e) {
      status("Cannot open a connection to the room.");
      return;
    }
    ws.onopen = function () {
      var hello = { type: "hello", v: VERSION, role: "student", pin: pin };
      if (name) hello.name = name;
      if (token) hello.token = token;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = function (event) {
      var m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (valid(m)) handle(m);
    };
    ws.onclose = function (event) {
      ws = null;
      if (stopped) return;
      if (FINAL_CLOSES.indexOf(event.code) >= 0) return;  // the reason came as a message
      status("Connection lost; reconnecting…");
      setTimeout(connect, DELAYS[Math.min(attempt, DELAYS.length - 1)]);
      attempt += 1;
    };
  }
  function send(message) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(message)); return true; }
    return false;
  }

  // -- what the room says ---------------------------------------------------------------------
  function handle(m) {
    switch (m.type) {
      case "welcome":
        attempt = 0; joined = true; status("");
        name = m.name || name;
        if (m.token) { token = m.token; }
        remember();
        // A reload of this address comes back into the room (the token is kept for this PIN).
        try { history.replaceState(null, "", "?pin=" + pin); } catch (e) { /* not allowed here */ }
        break;
      case "lobby":
        waitView("You're in, " + name + "!", "Waiting for the teacher to start… " + m.count +
          (m.count === 1 ? " student" : " students") + " in the room.");
        break;
      case "ready":
        current = null;
        readyCountdown(m);
        break;
      case "question":
        if (m.answered) { waitView("Answer sent", "Waiting for the others…"); current = { turn: m.turn }; }
        else showQuestion(m);
        break;
      case "waiting":
        waitView("Question in progress", m.message);
        break;
      case "ack":
        sending = false;
        waitView("Answer sent", "Waiting for the others…");
        break;
      case "reveal":
        showReveal(m);
        break;
      case "standings":
        showStandings(m);
        break;
      case "finished":
        showFinished(m);
        stopped = true;
        if (ws) ws.close();
        break;
      case "removed":
        waitView("Removed", m.message, "Ask to come back", function () {
          stopped = false; attempt = 0; status("Asking to come back…"); connect();
        });
        stopped = true;
        break;
      case "error":
        onError(m);
        break;
    }
  }

  function onError(m) {
    var onJoin = !joined || m.code === "unknown-pin" || m.code === "name-taken" || m.code === "bad-name" ||
      m.code === "room-full" || m.code === "bad-version";
    if (m.code === "removed") {
      waitView("Removed", m.message, "Ask again", function () { stopped = false; connect(); });
      stopped = true;
      return;
    }
    if (m.code === "unknown-token") {
      token = null; remember();
      if (name) { stopped = false; connect(); return; }
    }
    if (onJoin && m.code !== "slow-down") {
      stopped = true; joined = false;
      show("join-view");
      say($("join-error"), m.message);
      $("join").disabled = false;
      return;
    }
    if (!$("question-view").hidden) {
      sending = false;
      setAnswerDisabled(false);
      say($("q-error"), m.message);
    } else {
      status(m.message);
    }
  }

  function waitView(title, text, action, onAction) {
    show("wait-view");
    say($("wait-title"), title);
    say($("wait-text"), text);
    var button = $("wait-action");
    button.hidden = !action;
    if (action) { say(button, action); button.onclick = onAction; button.focus(); }
  }

  function readyCountdown(m) {
    clearInterval(readyHandle);
    var end = Date.now() + (m.seconds || 0) * 1000;
    function draw() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      waitView("Question " + m.number + " of " + m.of, left > 0 ? "Get ready… " + left : "Get ready…");
      if (left <= 0) clearInterval(readyHandle);
    }
    draw();
    readyHandle = setInterval(draw, 250);
  }

  // -- a question ------------------------------------------------------------------------------
  function showQuestion(m) {
    clearInterval(readyHandle);
    var q = m.question;
    current = { turn: m.turn, question: q };
    sending = false;
    show("question-view");
    say($("q-progress"), "Question " + m.number + " of " + m.of);
    say($("q-type"), TITLES[q.type] || q.type);
    say($("q-prompt"), q.prompt);
    say($("q-error"), "");
    var box = $("q-answer");
    while (box.firstChild) box.removeChild(box.firstChild);
    var build = BUILDERS[q.type] || BUILDERS.type_in;
    say($("q-hint"), build(box, q));
    startTimer(m.remaining);
    var first = box.querySelector("button, input, li[tabindex]");
    if (first) first.focus();
  }

  function answer(value) {
    if (!current || sending) return;
    say($("q-error"), "");
    if (send({ type: "answer", turn: current.turn, value: value })) {
      sending = true;
      setAnswerDisabled(true);
    } else {
      say($("q-error"), "Not connected; your answer was not sent. Try again in a moment.");
    }
  }
  function setAnswerDisabled(off) {
    var controls = $("q-answer").querySelectorAll("button, input");
    for (var i = 0; i < controls.length; i++) controls[i].disabled = off;
  }

  function button(label, key, onPress) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "choice";
    if (key) {
      var k = document.createElement("span");
      k.className = "key";
      k.setAttribute("aria-hidden", "true");
      say(k, key);
      b.appendChild(k);
    }
    var mark = document.createElement("span");
    mark.className = "mark";
    b.appendChild(mark);
    var text = document.createElement("span");
    say(text, label);
    b.appendChild(text);
    b.addEventListener("click", onPress);
    return b;
  }
  function submitButton(onPress) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "primary";
    b.id = "submit";
    say(b, "Submit");
    b.addEventListener("click", onPress);
    return b;
  }
  function keyIndex(event) {
    if (event.key >= "1" && event.key <= "8") return Number(event.key) - 1;
    var i = LETTERS.indexOf(event.key.toUpperCase());
    return event.key.length === 1 ? i : -1;
  }

  function arrangeList(box, items, lefts) {
    // Items in order; ↑/↓ buttons (touch) or Shift+↑/↓ / K/J on the focused row (keyboard).
    var list = document.createElement("ol");
    list.className = "arrange";
    box.appendChild(list);
    function draw(focusRow) {
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (item, row) {
        var li = document.createElement("li");
        li.tabIndex = 0;
        li.dataset.row = String(row);
        if (lefts) {
          var left = document.createElement("span");
          left.className = "left";
          say(left, lefts[row]);
          li.appendChild(left);
          var arrow = document.createElement("span");
          arrow.className = "arrow";
          arrow.setAttribute("aria-hidden", "true");
          say(arrow, "→");
          li.appendChild(arrow);
        }
        var label = document.createElement("span");
        label.className = "item";
        say(label, item);
        li.appendChild(label);
        li.setAttribute("aria-label", (lefts ? lefts[row] + ": " : (row + 1) + ". ") + item);
        [["↑", -1, "Move up"], ["↓", 1, "Move down"]].forEach(function (spec) {
          var b = document.createElement("button");
          b.type = "button";
          say(b, spec[0]);
          b.setAttribute("aria-label", spec[2] + ": " + item);
          b.disabled = row + spec[1] < 0 || row + spec[1] >= items.length;
          b.addEventListener("click", function () { move(row, spec[1]); });
          li.appendChild(b);
        });
        list.appendChild(li);
      });
      if (focusRow != null) list.children[focusRow].focus();
    }
    function move(row, delta) {
      var target = row + delta;
      if (target < 0 || target >= items.length) return;
      var t = items[row]; items[row] = items[target]; items[target] = t;
      draw(target);
    }
    list.addEventListener("keydown", function (event) {
      var li = event.target.closest("li");
      if (!li) return;
      var row = Number(li.dataset.row);
      var key = event.key;
      if ((event.shiftKey || event.altKey) && (key === "ArrowUp" || key === "ArrowDown")) {
        move(row, key === "ArrowUp" ? -1 : 1); event.preventDefault();
      } else if (key === "k" || key === "K" || key === "j" || key === "J") {
        move(row, key.toLowerCase() === "k" ? -1 : 1); event.preventDefault();
      } else if (key === "ArrowUp" && row > 0) {
        list.children[row - 1].focus(); event.preventDefault();
      } else if (key === "ArrowDown" && row < items.length - 1) {
        list.children[row + 1].focus(); event.preventDefault();
      } else if (key === "Enter" && event.target === li) {
        answer(items.slice()); event.preventDefault();
      }
    });
    draw(null);
    box.appendChild(submitButton(function () { answer(items.slice()); }));
  }

  var BUILDERS = {
    multiple_choice: function (box, q) {
      var grid = document.createElement("div");
      grid.className = "choices";
      q.options.forEach(function (option, i) {
        grid.appendChild(button(option, LETTERS[i], function () { answer(option); }));
      });
      box.appendChild(grid);
      keyHandler = function (event) {
        var i = keyIndex(event);
        if (i >= 0 && i < q.options.length) { answer(q.options[i]); return true; }
        return false;
      };
      return "Tap an answer, or press 1–" + q.options.length + " or A–" + LETTERS[q.options.length - 1] + ".";
    },
    true_false: function (box) {
      var grid = document.createElement("div");
      grid.className = "choices";
      grid.appendChild(button("True", "T", function () { answer(true); }));
      grid.appendChild(button("False", "F", function () { answer(false); }));
      box.appendChild(grid);
      keyHandler = function (event) {
        var key = event.key.toLowerCase();
        if (key === "t" || key === "1") { answer(true); return true; }
        if (key === "f" || key === "2") { answer(false); return true; }
        return false;
      };
      return "Tap True or False, or press T or F.";
    },
    multi_select: function (box, q) {
      var grid = document.createElement("div");
      grid.className = "choices";
      var ticked = q.options.map(function () { return false; });
      var buttons = q.options.map(function (option, i) {
        var b = button(option, LETTERS[i], function () { toggle(i); });
        b.setAttribute("aria-pressed", "false");
        grid.appendChild(b);
        return b;
      });
      function toggle(i) {
        ticked[i] = !ticked[i];
        buttons[i].setAttribute("aria-pressed", ticked[i] ? "true" : "false");
      }
      function submit() {
        var picked = q.options.filter(function (_, i) { return ticked[i]; });
        if (!picked.length) { say($("q-error"), "Tick at least one answer."); return; }
        answer(picked);
      }
      box.appendChild(grid);
      box.appendChild(submitButton(submit));
      keyHandler = function (event) {
        var i = keyIndex(event);
        if (i >= 0 && i < q.options.length) { toggle(i); return true; }
        // Enter sends the ticks wherever the focus is; Space ticks the focused choice.
        if (event.key === "Enter") { submit(); return true; }
        return false;
      };
      return "Tap every right answer (or press 1–" + q.options.length + ", or Space on one), then Submit (or Enter).";
    },
    type_in: function (box, q) { return typed(box, q, false); },
    numeric: function (box, q) { return typed(box, q, true); },
    ordering: function (box, q) {
      arrangeList(box, q.options.slice(), null);
      return "Move items with ↑/↓ (or Shift+↑/↓, K/J on a row), then Submit.";
    },
    matching: function (box, q) {
      arrangeList(box, q.options.slice(), q.left || []);
      return "Move the right-hand items with ↑/↓ (or Shift+↑/↓, K/J) until each pair matches, then Submit.";
    }
  };

  function typed(box, q, number) {
    var form = document.createElement("form");
    form.noValidate = true;
    var input = document.createElement("input");
    input.id = "typed";
    input.maxLength = 200;
    input.autocomplete = "off";
    input.setAttribute("aria-label", "Your answer");
    if (number) input.inputMode = "decimal";
    form.appendChild(input);
    if (q.unit) {
      var unit = document.createElement("p");
      unit.className = "hint";
      say(unit, "in " + q.unit);
      form.appendChild(unit);
    }
    var submit = submitButton(function () {});
    submit.type = "submit";
    form.appendChild(submit);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = input.value.trim();
      if (!value) { say($("q-error"), "Type an answer first."); return; }
      answer(value);
    });
    box.appendChild(form);
    return number ? "Type a number and press Enter." : "Type your answer and press Enter.";
  }

  document.addEventListener("keydown", function (event) {
    if ($("question-view").hidden || !keyHandler || sending || event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT") return;
    if (keyHandler(event)) event.preventDefault();
  });

  function startTimer(remaining) {
    stopTimer();
    if (remaining == null) { say($("q-timer"), ""); return; }
    timerEnd = Date.now() + remaining * 1000;
    function draw() {
      var left = Math.max(0, Math.ceil((timerEnd - Date.now()) / 1000));
      say($("q-timer"), left + " s left");
    }
    draw();
    timerHandle = setInterval(draw, 250);
  }
  function stopTimer() { clearInterval(timerHandle); timerHandle = null; }

  // -- after a question ---------------------------------------------------------------------------
  function showReveal(m) {
    current = null;
    show("result-view");
    var you = m.you || {};
    var verdict = $("r-verdict");
    if (you.correct) { say(verdict, "✓ Right!"); verdict.className = "verdict-right"; }
    else if (you.timed_out) { say(verdict, "✗ Time's up"); verdict.className = "verdict-wrong"; }
    else if (you.correct === false) { say(verdict, "✗ Wrong"); verdict.className = "verdict-wrong"; }
    else { say(verdict, "Question " + m.number + " is closed"); verdict.className = ""; }
    say($("r-answer"), "The answer: " + m.answer + (you.response && !you.correct ? " (you said: " + you.response + ")" : ""));
    var parts = [];
    if (you.points != null) {
      var detail = you.points ? " (" + you.base + " + " + you.speed + " for speed" +
        (you.streak ? " + " + you.streak + " streak" : "") + ")" : "";
      parts.push("+" + you.points + " points" + detail);
    }
    parts.push("Total: " + (you.total || 0));
    say($("r-points"), parts.join(" · "));
    say($("r-place"), you.place ? "You are " + ordinal(you.place) + (you.shared ? " (shared)" : "") + " of " + you.of + "." : "");
    say($("r-explanation"), m.explanation || "");
  }

  function fillList(rows) {
    var list = $("b-list");
    while (list.firstChild) list.removeChild(list.firstChild);
    (rows || []).forEach(function (row) {
      var li = document.createElement("li");
      say(li, ordinal(row.place) + (row.shared ? "=" : "") + "  " + row.name + " — " + row.points + " points");
      list.appendChild(li);
    });
  }
  function showStandings(m) {
    show("board-view");
    say($("b-title"), "Leaderboard");
    fillList(m.top);
    say($("b-note"), m.top ? "" : "The leaderboard is hidden.");
    var you = m.you;
    say($("b-you"), you && you.place ? "You: " + ordinal(you.place) + " of " + you.of + ", " + you.total + " points." : "");
  }
  function showFinished(m) {
    show("board-view");
    say($("b-title"), "Podium");
    fillList(m.podium);
    say($("b-note"), "The game is over. Thanks for playing!");
    var you = m.you;
    say($("b-you"), you && you.place ? "You finished " + ordinal(you.place) + " of " + you.of + " with " + you.total + " points." : "");
  }

  // -- joining ----------------------------------------------------------------------------------------
  $("join-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var givenPin = $("pin").value.replace(/\s+/g, "");
    var givenName = $("name").value.trim();
    if (!/^[0-9]{6}$/.test(givenPin)) { say($("join-error"), "The PIN is 6 digits."); $("pin").focus(); return; }
    if (!givenName) { say($("join-error"), "Type your name."); $("name").focus(); return; }
    say($("join-error"), "");
    var sameRoom = givenPin === pin;
    pin = givenPin;
    var kept = recall();
    // The token kept for this PIN comes back as the same student, if the name is the one it was for.
    token = kept && kept.name === givenName ? kept.token : (sameRoom ? token : null);
    name = givenName;
    stopped = false;
    $("join").disabled = true;
    status("Joining…");
    connect();
  });

  (function start() {
    var params = new URLSearchParams(location.search);
    var given = (params.get("pin") || "").replace(/[^0-9]/g, "").slice(0, 6);
    if (given) {
      $("pin").value = given;
      pin = given;
      var kept = recall();
      if (kept) {
        // A reloaded page: back in at once, as the same student.
        name = kept.name || "";
        token = kept.token;
        $("name").value = name;
        status("Reconnecting…");
        connect();
        return;
      }
      $("name").focus();
    } else {
      $("pin").focus();
    }
  })();
})();
