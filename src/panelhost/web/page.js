// The participant page: a mirror fed by the hub, the socket with resume and an outbox kept
// in localStorage, and a DOM repainted at most once per animation frame. Participant text
// only ever goes into the page through textContent.
"use strict";
(function () {
  var R = PanelRules;
  var $ = function (id) { return document.getElementById(id); };

  // -- what survives a reload: the resume token and the asks not yet acknowledged ---------

  var code = R.cleanCode(location.hash);
  var NAME_KEY = "panelhost.name";
  function sessionKey() { return "panelhost.session." + location.host + location.pathname + "." + code; }

  function readJson(key, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(key));
      return value && typeof value === "object" ? value : fallback;
    } catch (error) {
      return fallback;
    }
  }
  function writeJson(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* private mode */ }
  }

  var kept = { token: null, outbox: [], withdrawn: [] };
  function loadKept() {
    kept = readJson(sessionKey(), {});
    if (!Array.isArray(kept.outbox)) kept.outbox = [];
    if (!Array.isArray(kept.withdrawn)) kept.withdrawn = [];
    if (typeof kept.token !== "string") kept.token = null;
  }
  function saveKept() { writeJson(sessionKey(), kept); }
  function savedName() { try { return localStorage.getItem(NAME_KEY) || ""; } catch (e) { return ""; } }

  // -- the mirror: the state this participant sees ------------------------------------------

  var mirror = null;
  function load(welcome) {
    var state = welcome.state;
    mirror = {
      you: welcome.you, session: state.session, settings: state.settings,
      questions: new Map(), panelists: state.panelists, now: state.now,
      timer: state.timer, timerAt: performance.now(), participants: state.participants,
      myVotes: new Set(state.my_votes), myQuestions: new Set(state.my_questions),
    };
    state.questions.forEach(function (q) { mirror.questions.set(q.id, q); });
    offers.load(state);
  }

  function apply(change) {
    var m = mirror;
    switch (change.type) {
      case "question": m.questions.set(change.question.id, change.question); break;
      case "removed": m.questions.delete(change.id); break;
      case "votes":
        Object.keys(change.counts).forEach(function (id) {
          var q = m.questions.get(Number(id));
          if (q) q.votes = change.counts[id];
        });
        break;
      case "now": m.now = { question_id: change.question_id, panelist_id: change.panelist_id }; break;
      case "timer": m.timer = change.timer; m.timerAt = performance.now(); break;
      case "panel": m.panelists = change.panelists; break;
      case "presence": m.participants = change.participants; break;
      case "session": m.session = change.session; m.settings = change.settings; break;
      case "offer": offers.apply(change); break;
      default: return;
    }
    schedule();
  }

  function panelist(id) {
    if (id === null || id === undefined || !mirror) return null;
    for (var i = 0; i < mirror.panelists.length; i++) {
      if (mirror.panelists[i].id === id) return mirror.panelists[i];
    }
    return null;
  }
  // Who answers the question on stage: named in `now`, else the panelist a running or
  // paused timer is for (an idle timer speaks for nobody), as the Python mirror's answerer().
  function answerer() {
    var t = mirror.timer;
    var timed = t.state === "running" || t.state === "paused" ? t.panelist_id : null;
    return panelist(mirror.now.panelist_id) || panelist(timed);
  }
  var offers = PanelOffers.create({
    request: function (message, then) { request(message, then); },
    panelist: panelist,
    printable: R.printable,
    announce: function (text) { announce(text); },
  });
  function remaining() { return R.remainingMs(mirror.timer, performance.now() - mirror.timerAt); }

  // -- the socket ---------------------------------------------------------------------------

  var socket = null;
  var welcomed = false;
  var attempt = 0;
  var retryTimer = null;
  var refs = 0;
  var pending = new Map();
  var pendingName = "";

  function hubUrl() {
    var url = new URL("ws", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    url.hash = "";
    return url.href;
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (socket) return;
    setConnection(attempt ? "reconnecting" : "connecting", attempt ? "Reconnecting…" : "Connecting…");
    var ws = new WebSocket(hubUrl());
    socket = ws;
    welcomed = false;
    ws.onopen = function () {
      var hello = { type: "hello", protocol: 1, revision: 3, role: "participant", code: code, token: kept.token };
      if (!kept.token) hello.name = pendingName || savedName();
      send(hello);
    };
    ws.onmessage = function (event) { receive(JSON.parse(event.data)); };
    ws.onclose = function (event) { if (socket === ws) closed(event.code, welcomed); };
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function request(message, then) {
    refs += 1;
    message.ref = refs;
    pending.set(refs, then);
    send(message);
  }

  function receive(message) {
    if (message.type === "welcome") return welcome(message);
    if (message.type === "ok" || message.type === "error") return answered(message);
    if (mirror) apply(message);
  }

  function welcome(message) {
    welcomed = true;
    attempt = 0;
    if (message.token) { kept.token = message.token; saveKept(); }
    var first = mirror === null;
    var before = first ? null : snapshotForAnnouncing();
    load(message);
    setConnection("connected", "Connected");
    show("live-view");
    if (first) $("ask-text").focus();
    else announceChanges(before);
    announced = snapshotForAnnouncing();
    kept.outbox.forEach(sendAsk);
    schedule();
  }

  function answered(message) {
    if (!welcomed) return refused(message);
    var then = pending.get(message.ref);
    pending.delete(message.ref);
    if (typeof message.ref === "string" && message.ref.indexOf("ask:") === 0) {
      return askAnswered(message.ref.slice(4), message);
    }
    if (then) then(message);
    else if (message.type === "error") notice(message.message);
  }

  // A failed hello: say what to do; only a full room or a busy hub is tried again.
  var refusal = null;
  function refused(error) {
    refusal = error.code;
    if (error.code === "bad_token") {
      kept.token = null;
      saveKept();
      refusal = null;
      return askToJoin("That earlier identity is not known to this session: join again.");
    }
    if (error.code === "bad_code" || error.code === "bad_request") return askToJoin(error.message);
    if (error.code === "session_ended") return showEnded();
    if (error.code === "server_full" || error.code === "unavailable") {
      refusal = "retry";
      return setConnection("reconnecting", error.message);
    }
    stop(error.message);
  }

  function closed(closeCode, wasWelcomed) {
    socket = null;
    pending.clear();
    var why = refusal;
    refusal = null;
    if (closeCode === 1000) return ended();
    if (why && why !== "retry") return; // the refusal already said what to do
    if (closeCode === 4000) return stop("This page was opened again (another tab or device), so this one stopped.");
    if (closeCode === 1008 && !why) return stop("The hub refused this connection: too many failed attempts from here. Wait a minute.");
    if (wasWelcomed) announce("Connection lost. Reconnecting.");
    retry();
  }

  function retry() {
    var delay = R.backoffMs(attempt, Math.random());
    attempt += 1;
    setConnection("reconnecting", "Offline · reconnecting in " + Math.ceil(delay / 1000) + " s");
    retryTimer = setTimeout(connect, delay);
  }

  function ended() {
    if (mirror && mirror.session) mirror.session.status = "ended";
    showEnded();
    announce("The session has ended.");
  }

  // The questions stay readable; only asking goes.
  function showEnded() {
    setConnection("stopped", "Session ended");
    show(mirror ? "live-view" : null);
    $("ended-view").hidden = false;
    $("ask").hidden = true;
  }

  function stop(reason) {
    setConnection("stopped", "Not connected");
    $("stopped-reason").textContent = R.printable(reason);
    show("stopped-view");
  }

  // -- asking: an outbox kept in localStorage, resent with its nonce until acknowledged --------

  function newNonce() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function sendAsk(item) {
    if (!welcomed) return; // sent again by the next welcome
    var message = { type: "ask", ref: "ask:" + item.nonce, nonce: item.nonce, text: item.text, anonymous: item.anonymous };
    if (item.panelist_id !== null) message.panelist_id = item.panelist_id;
    send(message);
  }

  function ask(text, anonymous, panelistId) {
    var item = { nonce: newNonce(), text: text, anonymous: anonymous, panelist_id: panelistId };
    kept.outbox.push(item);
    saveKept();
    sendAsk(item);
    feedback(socket && welcomed ? "Sending…" : "Offline: your question will be sent when the connection is back.");
    schedule();
  }

  function askAnswered(nonce, message) {
    var item = null;
    kept.outbox = kept.outbox.filter(function (x) { if (x.nonce === nonce) item = x; return x.nonce !== nonce; });
    if (message.type === "error" && message.code === "unavailable" && item) {
      kept.outbox.push(item); // the hub could not save it: resent after the hub restarts
      saveKept();
      return feedback(message.message);
    }
    saveKept();
    if (message.type === "ok") {
      mirror.myQuestions.add(message.id);
      var q = mirror.questions.get(message.id);
      var status = q ? R.statusWords(q.status) : "received";
      feedback("Asked: Q" + message.id + (q && q.status === "pending" ? " · awaiting approval" : ""));
      announce("Your question Q" + message.id + " is " + status + ".");
      announced.mine[message.id] = q ? q.status : null;
    } else {
      feedback(message.message);
      announce(message.message);
      var box = $("ask-text");
      if (item && !box.value) { box.value = item.text; countChars(); }
    }
    schedule();
  }

  // -- votes and withdrawals, changed only by the hub's answers --------------------------------

  function toggleVote(id) {
    var voted = mirror.myVotes.has(id);
    request({ type: voted ? "unvote" : "vote", question_id: id }, function (reply) {
      if (reply.type === "ok") {
        if (voted) mirror.myVotes.delete(id); else mirror.myVotes.add(id);
        schedule();
      } else notice(reply.message);
    });
  }

  // Marked before the request: the hub sends the change before its ok.
  function withdraw(id) {
    if (kept.withdrawn.indexOf(id) < 0) kept.withdrawn.push(id);
    saveKept();
    request({ type: "withdraw", question_id: id }, function (reply) {
      if (reply.type !== "error") return;
      kept.withdrawn = kept.withdrawn.filter(function (x) { return x !== id; });
      saveKept();
      notice(reply.message);
    });
  }

  // -- announcing: the stage and my own questions' status, never votes -----------------------

  var announced = { stage: null, mine: {} };
  function snapshotForAnnouncing() {
    var mine = {};
    if (mirror) mirror.myQuestions.forEach(function (id) {
      var q = mirror.questions.get(id);
      mine[id] = q ? q.status : null;
    });
    return { stage: mirror ? mirror.now.question_id : null, mine: mine };
  }

  function announceChanges(before) {
    var now = snapshotForAnnouncing();
    var lines = [];
    if (now.stage !== before.stage) {
      var q = mirror.questions.get(now.stage);
      var who = answerer();
      lines.push(q ? "On stage: Q" + q.id + ", " + R.printable(q.text) + (who ? ", " + R.printable(who.name) : "") + "." : "The stage is clear.");
    }
    Object.keys(now.mine).forEach(function (id) {
      if (id in before.mine && before.mine[id] !== now.mine[id] && now.mine[id]) {
        lines.push("Your question Q" + id + " is " + ownStatusWords(Number(id), now.mine[id]) + ".");
      }
    });
    if (lines.length) announce(lines.join(" "));
  }

  // Lines said within one moment go out together; the region is emptied first so that the
  // same words said twice are read twice.
  var toAnnounce = [];
  function announce(text) {
    if (!toAnnounce.length) {
      $("announcer").textContent = "";
      setTimeout(function () {
        $("announcer").textContent = toAnnounce.join(" ");
        toAnnounce = [];
      }, 50);
    }
    toAnnounce.push(text);
  }

  // -- painting: at most once per animation frame, rows updated by key ----------------------

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(paint);
  }

  var welcomeShown = false;
  function paint() {
    scheduled = false;
    if (!mirror) return;
    var focus = focusedRow();
    announceChanges(announced);
    announced = snapshotForAnnouncing();
    var title = R.printable(mirror.session.title);
    $("title").textContent = title;
    document.title = title + " · panelhost";
    $("presence").textContent = mirror.participants + " online · you are " + R.printable(mirror.you.name);
    var early = mirror.session.status === "open_for_questions";
    $("session-status").hidden = !early;
    $("session-status").textContent = early ? "Open for questions: the panel has not started yet. Ask and vote now." : "";
    paintStage();
    paintAskOptions();
    offers.paint();
    var all = Array.from(mirror.questions.values());
    var queue = R.queueOrder(all);
    paintList($("queue-list"), queue, queueRows);
    $("queue-empty").hidden = queue.length > 0;
    var mine = all.filter(function (q) { return mirror.myQuestions.has(q.id); }).sort(function (a, b) { return a.id - b.id; });
    var unsent = kept.outbox.map(function (item) {
      return { id: null, nonce: item.nonce, text: item.text, status: "sending", votes: 0, author: null, panelist_id: item.panelist_id };
    });
    paintList($("mine-list"), mine.concat(unsent), mineRows);
    $("mine").hidden = mine.length + unsent.length === 0;
    if (mirror.session.status === "ended") showEnded();
    if (focus) refocus(focus);
    if (!welcomeShown) {
      welcomeShown = true;
      performance.mark("panelhost:welcome-shown"); // read by benchmarks/web.py
    }
  }

  // Rows move and are rewritten under the keyboard user: keep the focus on the same control.
  function focusedRow() {
    var active = document.activeElement;
    var li = active && active.closest ? active.closest("li[data-key]") : null;
    if (!li) return null;
    return { list: li.parentNode, key: li.getAttribute("data-key"), action: active.getAttribute("data-action"), node: active };
  }

  function refocus(focus) {
    if (document.activeElement === focus.node && focus.node.isConnected) return;
    var li = focus.list.querySelector('li[data-key="' + focus.key + '"]');
    var again = li && li.querySelector('[data-action="' + focus.action + '"]');
    if (again) return again.focus();
    var heading = focus.list.parentNode.querySelector("h2");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  function paintStage() {
    var q = mirror.questions.get(mirror.now.question_id);
    var who = answerer();
    var idle = mirror.session.status === "open_for_questions" ? "The panel has not started yet." : "Nothing on stage yet.";
    $("stage-question").textContent = q ? "Q" + q.id + "  " + R.printable(q.text) : idle;
    $("stage-speaker").textContent = who ? R.printable(who.name) + (who.title ? " · " + R.printable(who.title) : "") : "";
    paintTimer();
  }

  function paintTimer() {
    if (!mirror) return;
    var left = remaining();
    var node = $("stage-timer");
    var words = R.timerWords(mirror.timer, left);
    if (node.textContent !== words) node.textContent = words;
    node.setAttribute("data-phase", R.timerPhase(mirror.timer, left));
  }

  var panelSignature = "";
  function paintAskOptions() {
    $("anonymous-row").hidden = !mirror.settings.anonymous_allowed;
    var max = mirror.settings.max_question_chars;
    $("ask-text").setAttribute("maxlength", String(max));
    countChars();
    var signature = JSON.stringify(mirror.panelists.map(function (p) { return [p.id, p.name]; }));
    if (signature === panelSignature) return;
    panelSignature = signature;
    var select = $("ask-panelist");
    var chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    mirror.panelists.forEach(function (p) {
      var option = document.createElement("option");
      option.value = String(p.id);
      option.textContent = R.printable(p.name);
      select.appendChild(option);
    });
    select.value = chosen;
    if (select.value !== chosen) select.value = "";
    $("panelist-row").hidden = mirror.panelists.length === 0;
  }

  function countChars() {
    var max = mirror ? mirror.settings.max_question_chars : 300;
    var used = Array.from($("ask-text").value).length;
    $("ask-count").textContent = used + " of " + max + " characters";
  }

  // One keyed list: rows are reused by key, rewritten only when what they show changed.
  function paintList(list, items, rows) {
    var existing = new Map();
    Array.from(list.children).forEach(function (li) { existing.set(li.getAttribute("data-key"), li); });
    var previous = null;
    items.forEach(function (q) {
      var key = q.id === null ? "n" + q.nonce : "q" + q.id;
      var li = existing.get(key);
      existing.delete(key);
      if (!li) {
        li = document.createElement("li");
        li.setAttribute("data-key", key);
      }
      rows(li, q);
      var next = previous ? previous.nextSibling : list.firstChild;
      if (next !== li) list.insertBefore(li, next);
      previous = li;
    });
    existing.forEach(function (li) { li.remove(); });
  }

  function queueRows(li, q) { row(li, q, false); }
  function mineRows(li, q) { row(li, q, true); }

  function row(li, q, inMine) {
    var mine = q.id !== null && mirror.myQuestions.has(q.id);
    var voted = q.id !== null && mirror.myVotes.has(q.id);
    var to = panelist(q.panelist_id);
    var label = statusLabel(q, mine, inMine);
    var signature = [label, q.votes, voted, mine, q.text, q.author, to ? to.name : "", !!q.asked_early].join("\u0000");
    if (li.getAttribute("data-signature") === signature) return;
    li.setAttribute("data-signature", signature);
    li.setAttribute("data-status", q.status);
    li.textContent = "";
    var head = element("p", "q-head");
    head.appendChild(element("span", "q-id", q.id === null ? "new" : "Q" + q.id));
    head.appendChild(element("span", "q-status", label));
    if (q.id !== null) head.appendChild(element("span", "q-votes", q.votes + (q.votes === 1 ? " vote" : " votes")));
    li.appendChild(head);
    li.appendChild(element("p", "q-text", R.printable(q.text)));
    var meta = [R.authorWords(q.author)];
    if (to) meta.push("to " + R.printable(to.name));
    if (q.asked_early) meta.push("asked before the panel");
    li.appendChild(element("p", "q-meta", meta.join(" · ")));
    var actions = element("div", "q-actions");
    var votable = q.status === "open" || q.status === "answering";
    if (votable && q.id !== null) {
      var vote = button(voted ? "Voted ✓" : "Vote", "vote", q.id, " for Q" + q.id);
      vote.setAttribute("aria-pressed", voted ? "true" : "false");
      actions.appendChild(vote);
    }
    if (mine && (q.status === "open" || q.status === "pending")) {
      actions.appendChild(button("Withdraw", "withdraw", q.id, " Q" + q.id));
    }
    if (actions.children.length) li.appendChild(actions);
  }

  function statusLabel(q, mine, inMine) {
    if (q.status === "sending") return socket && welcomed ? "sending" : "waiting to send";
    if (q.status === "answering") return "on stage";
    var words = mine ? ownStatusWords(q.id, q.status) : R.statusWords(q.status);
    return mine && !inMine ? words + " · yours" : words;
  }

  function ownStatusWords(id, status) {
    return status === "dismissed" && kept.withdrawn.indexOf(id) >= 0 ? "withdrawn" : R.statusWords(status);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, action, id, hidden) {
    var node = element("button");
    node.type = "button";
    node.setAttribute("data-action", action);
    node.setAttribute("data-id", String(id));
    node.appendChild(document.createTextNode(label));
    node.appendChild(element("span", "visually-hidden", hidden));
    return node;
  }

  // -- views and words ------------------------------------------------------------------------

  var VIEWS = ["join-view", "live-view", "stopped-view", "ended-view"];
  function show(view) { VIEWS.forEach(function (id) { $(id).hidden = id !== view; }); }

  function setConnection(state, words) {
    var node = $("connection");
    node.setAttribute("data-state", state);
    node.textContent = words;
  }

  function feedback(text) { $("ask-feedback").textContent = R.printable(text); }
  function notice(text) { feedback(text); announce(R.printable(text)); }

  function askToJoin(message) {
    setConnection("stopped", "Not connected");
    show("join-view");
    $("join-error").textContent = message ? R.printable(message) : "";
    $("join-name").value = $("join-name").value || savedName();
    $("join-code").value = $("join-code").value || code;
    var missingCode = $("join-name").value && !$("join-code").value;
    $(missingCode ? "join-code" : "join-name").focus();
  }

  // -- wiring -------------------------------------------------------------------------------

  $("join-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = $("join-name").value.trim();
    var typed = R.cleanCode($("join-code").value);
    if (!name) return askToJoin("Type your name (1 to 40 characters).");
    if (!typed) return askToJoin("Type the join code the host shows, like K7Q-2M9.");
    try { localStorage.setItem(NAME_KEY, name); } catch (e) { /* private mode */ }
    pendingName = name;
    if (typed !== code) {
      code = typed;
      history.replaceState(null, "", "#" + code);
      loadKept();
    }
    $("join-error").textContent = "";
    performance.mark("panelhost:join-sent");
    attempt = 0;
    connect();
  });

  $("ask-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var box = $("ask-text");
    var text = box.value.replace(/\s+/g, " ").trim();
    if (!text) return feedback("Type a question first.");
    var choice = $("ask-panelist").value;
    ask(text, mirror.settings.anonymous_allowed && $("ask-anonymous").checked, choice ? Number(choice) : null);
    box.value = "";
    countChars();
  });

  $("ask-text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("ask-form").requestSubmit();
    }
  });
  $("ask-text").addEventListener("input", countChars);

  function onListClick(event) {
    var target = event.target.closest("button[data-action]");
    if (!target || !mirror) return;
    var id = Number(target.getAttribute("data-id"));
    if (target.getAttribute("data-action") === "vote") toggleVote(id);
    else withdraw(id);
  }
  $("queue-list").addEventListener("click", onListClick);
  $("mine-list").addEventListener("click", onListClick);

  $("stopped-retry").addEventListener("click", function () {
    attempt = 0;
    show(mirror ? "live-view" : "join-view");
    if (kept.token || pendingName || savedName()) connect(); else askToJoin("");
  });

  window.addEventListener("online", function () { if (!socket && retryTimer) connect(); });
  window.addEventListener("hashchange", function () {
    var next = R.cleanCode(location.hash);
    if (next && next !== code) location.reload();
  });

  setInterval(function () {
    if (mirror && mirror.timer.state === "running") paintTimer();
  }, 250);

  // -- start: resume with a kept token, else ask for a name ---------------------------------

  loadKept();
  if (code && kept.token) connect();
  else askToJoin("");
})();
