// wirecoder's web page: the article view's explanations and layer switches, and the review controls.
// Served from this server (the pages' CSP allows no inline script). Text from the
// article is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";

  var LABELS = {actor: "actor", place: "place", date: "date", quantity: "quantity", quote: "quote",
                event: "event"};

  function row(list, name, value) {
    if (value === null || value === undefined || value === "") { return; }
    var dt = document.createElement("dt");
    var dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = value === true ? "yes" : String(value);
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function section(id, found) {
    var box = document.createElement("section");
    box.className = "exp l-" + found.layer;
    box.setAttribute("data-id", id);
    var head = document.createElement("h3");
    head.textContent = (LABELS[found.layer] || found.layer) + " " + id + ": " + found.what;
    box.appendChild(head);
    var list = document.createElement("dl");
    Object.keys(found.facts).forEach(function (name) { row(list, name, found.facts[name]); });
    row(list, "evidence", "\u201c" + found.evidence + "\u201d (characters " + found.start + "-" + found.end + ")");
    row(list, "confidence", found.confidence === null ? "not scored" : found.confidence.toFixed(2));
    row(list, "decided by", found.decided_by);
    box.appendChild(list);
    return box;
  }

  function article(explanations) {
    var text = document.getElementById("text");
    var panel = document.getElementById("explanation");
    var hint = document.getElementById("hint");
    var slot = document.getElementById("review-slot");

    function show(ids) {
      ids = ids.filter(function (id) { return Object.prototype.hasOwnProperty.call(explanations, id); });
      if (!ids.length) { return; }
      panel.textContent = "";
      ids.forEach(function (id) { panel.appendChild(section(id, explanations[id])); });
      hint.hidden = true;
      slot.setAttribute("data-current", ids[0]);
      slot.textContent = "";
      var row = document.getElementById("review-" + ids[0]);
      if (row) {  // an event or a quote: its verdict, and a link to its review controls
        var status = row.querySelector(".review-status").textContent;
        var link = document.createElement("a");
        link.href = "#review-" + ids[0];
        link.textContent = "review " + ids[0] + " in the table below";
        slot.appendChild(document.createTextNode((status || "not reviewed") + " \u00b7 "));
        slot.appendChild(link);
      }
      Array.prototype.forEach.call(text.querySelectorAll(".current"), function (el) {
        el.classList.remove("current");
      });
      Array.prototype.forEach.call(text.querySelectorAll(".mark"), function (el) {
        if (el.getAttribute("data-ids").split(" ").indexOf(ids[0]) >= 0) { el.classList.add("current"); }
      });
    }

    text.addEventListener("click", function (event) {
      var mark = event.target.closest(".mark");
      if (mark) { show(mark.getAttribute("data-ids").split(" ")); }
    });
    text.addEventListener("keydown", function (event) {
      var mark = event.target.closest(".mark");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        show(mark.getAttribute("data-ids").split(" "));
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("#layers input[data-layer]"), function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
      });
    });

    function fromHash() {
      if (location.hash.indexOf("#x-") === 0) { show([decodeURIComponent(location.hash.slice(3))]); }
    }
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  // -- review: accept, reject or correct a row (POST /events/{pk}/review, /quotes/{pk}/review) --------------
  // The rows are rendered as reviewed by the server (review.html); after a review this script shows the
  // row the API answers, formatted as web/reviewing.py formats it: the machine's value of a corrected
  // field stays visible, struck through.

  var VERDICTS = {accept: "accepted", reject: "rejected", correct: "corrected"};
  var SEPARATOR = "; ";

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function kind(type, mode) { return type + (mode ? "/" + mode : ""); }
  function window_(start, end) { return start ? start + (end && end !== start ? "/" + end : "") : ""; }
  function names(actors) { return (actors || []).map(function (a) { return a.name; }); }

  function field(now, was, links, shown, shownWas) {
    return {form: now, machineForm: was === null ? now : was, links: links || [],
            shown: shown === undefined ? now : shown,
            machine: was === null || was === now ? null : (shownWas === undefined ? was : shownWas)};
  }

  function eventFields(r) {
    var m = r.machine || {};
    var out = {};
    out.type = field(kind(r.type, r.mode), has(m, "type") || has(m, "mode") ?
      kind(has(m, "type") ? m.type : r.type, has(m, "mode") ? m.mode : r.mode) : null);
    out.status = field(r.status, has(m, "status") ? m.status : null);
    var now = window_(r.when_start, r.when_end);
    var was = has(m, "date") ? (m.date ? window_(m.date.start, m.date.end) : "") : null;
    out.date = field(now, was, [], now || "undated", was || "undated");
    ["source_actors", "target_actors"].forEach(function (side) {
      var listed = names(r[side]);
      var before = has(m, side) ? names(m[side]) : null;
      out[side] = field(listed.join(SEPARATOR), before && before.join(SEPARATOR), listed, listed.join(", "),
                        before && before.join(", "));
    });
    out.place = field(r.location ? r.location.name : "", has(m, "place") ? (m.place ? m.place.name : "") : null);
    return out;
  }

  function quoteFields(r) {
    var m = r.machine || {};
    var now = r.speaker || r.speaker_text || "";
    var was = has(m, "speaker") ? (m.speaker ? m.speaker.name || "" : "") : null;
    return {speaker: field(now, was, r.speaker ? [r.speaker] : [], now || "unknown", was || "unknown")};
  }

  function label(verdict, review) {
    if (!verdict) { return ""; }
    return (VERDICTS[verdict] || verdict) + (review ? " by " + review.reviewer + ", " + review.reviewed_at : "");
  }

  function actorLink(name) {
    var link = document.createElement("a");
    link.href = "/ui/actor?" + new URLSearchParams({name: name}).toString();
    link.textContent = name;
    return link;
  }

  function fill(cell, f) {
    cell.setAttribute("data-form", f.form);
    cell.setAttribute("data-machine-form", f.machineForm);
    cell.textContent = "";
    if (f.machine !== null) {
      var del = document.createElement("del");
      del.className = "machine";
      del.title = "the machine's value";
      del.textContent = f.machine;
      cell.appendChild(del);
      cell.appendChild(document.createTextNode(" "));
    }
    var value = document.createElement("span");
    value.className = "value";
    if (f.links.length) {
      f.links.forEach(function (name, i) {
        if (i) { value.appendChild(document.createTextNode(", ")); }
        value.appendChild(actorLink(name));
      });
    } else {
      value.textContent = f.shown;
    }
    cell.appendChild(value);
  }

  function showRow(tr, item) {
    var fields = tr.getAttribute("data-layer") === "event" ? eventFields(item) : quoteFields(item);
    Array.prototype.forEach.call(tr.querySelectorAll("td[data-field]"), function (cell) {
      var f = fields[cell.getAttribute("data-field")];
      if (f) { fill(cell, f); }
    });
    ["accept", "reject", "correct"].forEach(function (v) { tr.classList.remove("reviewed-" + v); });
    if (item.reviewed) { tr.classList.add("reviewed-" + item.reviewed); }
    tr.setAttribute("data-verdict", item.reviewed || "");
    tr.querySelector(".review-status").textContent = label(item.reviewed, item.review);
  }

  function reviewing() {
    var token = document.getElementById("review-token");
    var reviewer = document.getElementById("review-reviewer");
    var message = document.getElementById("review-message");
    [[token, "wirecoder-token"], [reviewer, "wirecoder-reviewer"]].forEach(function (pair) {
      pair[0].value = sessionStorage.getItem(pair[1]) || "";
      ["input", "change"].forEach(function (type) {
        pair[0].addEventListener(type, function () { sessionStorage.setItem(pair[1], pair[0].value); });
      });
    });
    document.getElementById("review-login").addEventListener("submit", function (e) { e.preventDefault(); });

    function say(text, failed) {
      message.textContent = text;
      message.className = "review-message " + (failed ? "error" : "done");
      message.hidden = false;
    }

    function send(tr, verdict, changes, note) {
      var layer = tr.getAttribute("data-layer");
      var name = tr.getAttribute("data-" + layer) || tr.getAttribute("data-pk");
      var body = {verdict: verdict, changes: changes, reviewer: reviewer.value};
      if (note) { body.note = note; }
      return fetch("/" + layer + "s/" + encodeURIComponent(tr.getAttribute("data-pk")) + "/review", {
        method: "POST", credentials: "omit",
        headers: {"content-type": "application/json", "authorization": "Bearer " + token.value},
        body: JSON.stringify(body)
      }).then(function (answer) {
        return answer.json().then(function (data) { return {ok: answer.ok, data: data}; },
                                  function () { return {ok: false, data: {error: {code: "HTTP " + answer.status,
                                    message: answer.statusText || "the server's answer was not JSON"}}}; });
      }).then(function (got) {
        if (!got.ok) {
          var err = got.data && got.data.error ? got.data.error : {code: "error", message: JSON.stringify(got.data)};
          say(name + " was not reviewed: " + err.code + " " + err.message, true);
          return false;
        }
        showRow(tr, got.data[layer]);
        say(name + ": " + label(got.data[layer].reviewed, got.data[layer].review), false);
        return true;
      }, function (problem) {
        say(name + " was not reviewed: the server did not answer (" + problem + ") -- fix: check that " +
            "`wirecoder serve` is still running, then try again", true);
        return false;
      });
    }

    function collect(form, tr) {
      var changes = {};
      var machine = {};
      Array.prototype.forEach.call(tr.querySelectorAll("td[data-field]"), function (cell) {
        machine[cell.getAttribute("data-field")] = cell.getAttribute("data-machine-form");
      });
      function value(name) { return form.elements[name].value.trim(); }
      Object.keys(machine).forEach(function (name) {
        if (name === "date") {
          var start = value("date-start"), end = value("date-end");
          if (window_(start, end || start) !== machine.date) {
            changes.date = start || end ? {start: start || end, end: end || start} : null;
          }
        } else if (name === "source_actors" || name === "target_actors") {
          var listed = value(name).split(";").map(function (s) { return s.trim(); }).filter(Boolean);
          if (listed.join(SEPARATOR) !== machine[name]) { changes[name] = listed; }
        } else if (value(name) !== machine[name]) {
          changes[name] = value(name) || null;
        }
      });
      return changes;
    }

    function open(tr) {
      var next = tr.nextElementSibling;
      if (next && next.classList.contains("review-form-row")) { next.remove(); return; }
      var layer = tr.getAttribute("data-layer");
      var form = document.getElementById("review-form-" + layer).content.firstElementChild.cloneNode(true);
      Array.prototype.forEach.call(tr.querySelectorAll("td[data-field]"), function (cell) {
        var name = cell.getAttribute("data-field"), now = cell.getAttribute("data-form");
        if (name === "date") {
          var parts = now.split("/");
          form.elements["date-start"].value = parts[0] || "";
          form.elements["date-end"].value = parts[1] || "";
          return;
        }
        var input = form.elements[name];
        if (input.tagName === "SELECT" && !Array.prototype.some.call(input.options, function (o) {
          return o.value === now; })) {
          var option = document.createElement("option");
          option.value = now;
          option.textContent = now;
          input.insertBefore(option, input.firstChild);
        }
        input.value = now;
      });
      var row = document.createElement("tr");
      row.className = "review-form-row";
      var cell = document.createElement("td");
      cell.colSpan = tr.children.length;
      cell.appendChild(form);
      row.appendChild(cell);
      tr.parentNode.insertBefore(row, tr.nextSibling);
      form.querySelector("[data-close]").addEventListener("click", function () { row.remove(); });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var changes = collect(form, tr);
        if (!Object.keys(changes).length) {
          say("nothing differs from the machine's values -- fix: change a field, or use Accept", true);
          return;
        }
        send(tr, "correct", changes, form.elements.note.value.trim()).then(function (done) {
          if (done) { row.remove(); }
        });
      });
      form.elements[0].focus();
    }

    document.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-verdict]");
      var tr = button && button.closest("tr[data-pk]");
      if (!tr) { return; }
      var verdict = button.getAttribute("data-verdict");
      if (verdict === "correct") { open(tr); } else { send(tr, verdict, {}); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var blob = document.getElementById("explanations");
    if (blob) { article(JSON.parse(blob.textContent)); }
    if (document.getElementById("review-login")) { reviewing(); }
  });
}());
