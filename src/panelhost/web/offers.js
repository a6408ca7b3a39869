// The panel's offers on the page, and the follow-up form: only the hosts ever see what a
// student sends (the hub never echoes it back, not even to its sender). Text goes in
// through textContent only.
"use strict";
var PanelOffers = (function () {
  var $ = function (id) { return document.getElementById(id); };

  function placesWords(offer) {
    if (offer.places === null || offer.places === undefined) return "";
    if (offer.places_left === 0) return "no places left";
    return offer.places_left + " of " + offer.places + (offer.places === 1 ? " place" : " places") + " left";
  }

  // `api`: { request(message, then), panelist(id), printable(text), announce(text) }
  function create(api) {
    var offers = new Map();
    var mine = new Set();

    function load(state) {
      offers = new Map();
      (state.offers || []).forEach(function (o) { offers.set(o.id, o); });
      mine = new Set(state.my_follow_ups || []);
    }

    function apply(change) {
      if (change.removed) offers.delete(change.offer.id);
      else offers.set(change.offer.id, change.offer);
    }

    function paint() {
      var list = $("offers-list");
      list.textContent = "";
      var sorted = Array.from(offers.values()).sort(function (a, b) { return a.id - b.id; });
      sorted.forEach(function (o) {
        var who = api.panelist(o.panelist_id);
        var li = document.createElement("li");
        li.setAttribute("data-offer", String(o.id));
        var places = placesWords(o);
        li.textContent = "Offer " + o.id + ", " + (who ? api.printable(who.name) : "panelist " + o.panelist_id) +
          ": " + api.printable(o.text) + (places ? " (" + places + ")" : "");
        list.appendChild(li);
      });
      $("offers").hidden = sorted.length === 0;
      paintChoices(sorted);
      $("follow-withdraw").hidden = mine.size === 0;
    }

    function paintChoices(sorted) {
      var select = $("follow-to");
      var wanted = sorted.map(function (o) { return ["offer:" + o.id, "Offer " + o.id]; });
      var signature = wanted.map(function (w) { return w.join("="); }).join("|");
      if (select.getAttribute("data-signature") === signature) return;
      select.setAttribute("data-signature", signature);
      var chosen = select.value;
      select.textContent = "";
      wanted.forEach(function (w) {
        var option = document.createElement("option");
        option.value = w[0];
        option.textContent = w[1];
        select.appendChild(option);
      });
      if (chosen) select.value = chosen;
    }

    function say(text) { $("follow-feedback").textContent = api.printable(text); api.announce(text); }

    function submit() {
      var to = $("follow-to").value;
      if (!to) return say("There is no offer to follow up on yet.");
      var message = { type: "follow_up", offer_id: Number(to.split(":")[1]), message: $("follow-message").value };
      var email = $("follow-email").value.trim();
      if (email) message.email = email;
      api.request(message, function (reply) {
        if (reply.type === "ok") {
          mine.add(reply.id);
          $("follow-message").value = "";
          say("Sent: follow-up " + reply.id + ". Only the hosts see it.");
          paint();
        } else say(reply.message);
      });
    }

    function withdrawLatest() {
      var latest = Math.max.apply(null, Array.from(mine));
      api.request({ type: "follow_up_withdraw", follow_up_id: latest }, function (reply) {
        if (reply.type === "ok") {
          mine.delete(latest);
          say("Follow-up " + latest + " withdrawn.");
          paint();
        } else say(reply.message);
      });
    }

    $("follow-form").addEventListener("submit", function (event) { event.preventDefault(); submit(); });
    $("follow-withdraw").addEventListener("click", withdrawLatest);
    return { load: load, apply: apply, paint: paint };
  }

  return { create: create, placesWords: placesWords };
})();
