// wirecoder's web page: the article view's explanations and layer switches.
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

  document.addEventListener("DOMContentLoaded", function () {
    var blob = document.getElementById("explanations");
    if (blob) { article(JSON.parse(blob.textContent)); }
  });
}());
