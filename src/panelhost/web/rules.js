// The page's pure rules (no DOM, no socket, no clock reads): docs/protocol.md's queue
// order, the timer reading and the words, as the Python client has them. Tested against
// the same cases (tests/cases/client_rules.json) as panelhost.client.
"use strict";
var PanelRules = (function () {
  var GROUP = { answering: 0, open: 1, answered: 2 };
  var WRAP_UP_MS = 30000;
  var STATUS_WORDS = {
    pending: "awaiting approval",
    open: "open",
    answering: "being answered",
    answered: "answered",
    dismissed: "dismissed",
  };

  function ms(rfc3339) {
    return rfc3339 ? Date.parse(rfc3339) : 0;
  }

  // Answering first; open by votes (most first), then oldest; answered, latest first.
  function queueKey(q) {
    var group = GROUP[q.status];
    if (group === 1) return [1, -q.votes, ms(q.asked_at), q.id];
    if (group === 2) return [2, -ms(q.answered_at), 0, q.id];
    return [0, ms(q.asked_at), 0, q.id];
  }

  function compareKeys(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  }

  // The public queue (answering, open, answered) of a list of questions, in protocol order.
  function queueOrder(questions) {
    var keyed = [];
    for (var i = 0; i < questions.length; i++) {
      var q = questions[i];
      if (q.status in GROUP) keyed.push([queueKey(q), q]);
    }
    keyed.sort(function (a, b) { return compareKeys(a[0], b[0]); });
    return keyed.map(function (pair) { return pair[1]; });
  }

  // 83000 -> "1:23", -42000 -> "-0:42": whole seconds, rounded away from zero.
  function countdown(remaining) {
    var seconds = Math.ceil(Math.abs(remaining) / 1000);
    var sign = remaining < 0 ? "-" : "";
    var rest = seconds % 60;
    return sign + Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function clock(remaining) {
    return countdown(Math.abs(remaining));
  }

  // The timer's remaining ms, `elapsed` ms after its frame arrived (negative in overtime).
  function remainingMs(timer, elapsed) {
    if (timer.state !== "running") return timer.remaining_ms;
    return timer.remaining_ms - Math.round(elapsed);
  }

  function wrapUpMs(duration) {
    return Math.min(WRAP_UP_MS, Math.floor(duration / 4));
  }

  // "1:23 left", "wrap up: 0:15 left", "OVERTIME +0:42", "paused, ..."; "" when idle.
  // Time is up at zero whatever the duration (a host's `-` can bring it to 0:00), as in
  // core/timer_reading.py.
  function timerWords(timer, remaining) {
    if (timer.state === "idle") return "";
    var amount = clock(remaining);
    var words;
    if (remaining <= 0) words = "OVERTIME +" + amount;
    else if (remaining <= wrapUpMs(timer.duration_ms)) words = "wrap up: " + amount + " left";
    else words = amount + " left";
    return timer.state === "paused" ? "paused, " + words : words;
  }

  function timerPhase(timer, remaining) {
    if (timer.state === "idle") return "idle";
    if (remaining <= 0) return "overtime";
    if (remaining <= wrapUpMs(timer.duration_ms)) return "wrap-up";
    return "running";
  }

  var UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

  function hex(code, width) {
    var digits = code.toString(16);
    while (digits.length < width) digits = "0" + digits;
    return digits;
  }

  // Hub text with control and bidi characters shown as escapes, never acted on.
  function printable(text) {
    return text.replace(UNPRINTABLE, function (ch) {
      var code = ch.charCodeAt(0);
      return code < 0x100 ? "\\x" + hex(code, 2) : "\\u" + hex(code, 4);
    });
  }

  function authorWords(author) {
    return author === null || author === undefined ? "anonymous" : printable(author);
  }

  function statusWords(status) {
    return STATUS_WORDS[status] || status;
  }

  // A join code as people type it: the hub ignores case, spaces and dashes.
  function cleanCode(text) {
    var decoded = text || "";
    try {
      decoded = decodeURIComponent(decoded);
    } catch (error) {
      // a malformed %-escape: keep the text as typed
    }
    return decoded.replace(/^#/, "").replace(/[\s-]/g, "").toUpperCase();
  }

  // Reconnect delays: exponential from 0.5 s to 30 s, with jitter in [half, whole].
  function backoffMs(attempt, random) {
    var ceiling = Math.min(30000, 500 * Math.pow(2, attempt));
    return Math.round(ceiling / 2 + (ceiling / 2) * random);
  }

  return {
    queueOrder: queueOrder,
    countdown: countdown,
    remainingMs: remainingMs,
    timerWords: timerWords,
    timerPhase: timerPhase,
    printable: printable,
    authorWords: authorWords,
    statusWords: statusWords,
    cleanCode: cleanCode,
    backoffMs: backoffMs,
  };
})();
