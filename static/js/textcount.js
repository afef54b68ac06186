// A text field with a limit shows how much it holds: 「1,234／2,000 字」, and when over 「2,400／2,000 字，超過 400 字」
// as a warning. The limit comes as data-maxlength (minutes/textlimits.py), not maxlength, which would cut a paste
// short without a word; the server refuses what is over. A textarea shows its count once it holds text, a one-line
// field from 80 % of its limit on, so that empty fields stay quiet. Screen readers hear the count when typing
// pauses, through a polite live region, rather than at every keystroke; the field's description names it too.
(function () {
  "use strict";
  var SHOWN_FROM = 0.8;
  var PAUSE_MS = 700;
  var digits = new Intl.NumberFormat("zh-TW");

  // Counted as the server counts: characters (not UTF-16 units), without the blanks around the text, a line
  // break as one.
  function count(value) {
    return Array.from(value.trim()).length;
  }

  function attach(field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!(limit > 0)) {
      return;
    }
    var shown = document.createElement("span");
    shown.className = "text-count";
    shown.id = (field.id || field.name) + "_count";
    shown.setAttribute("aria-hidden", "true");  // read as the field's description, and by the live region
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("role", "status");
    field.insertAdjacentElement("afterend", shown);
    shown.insertAdjacentElement("afterend", spoken);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + shown.id);

    var timer = null;
    function update(announce) {
      var n = count(field.value);
      var over = n - limit;
      shown.textContent = digits.format(n) + "／" + digits.format(limit) + " 字" +
        (over > 0 ? "，超過 " + digits.format(over) + " 字" : "");
      shown.classList.toggle("over", over > 0);
      shown.hidden = field.tagName === "TEXTAREA" ? n === 0 : n < limit * SHOWN_FROM;
      if (!announce) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        spoken.textContent = shown.hidden ? "" : "已輸入 " + digits.format(n) + " 字，上限 " + digits.format(limit) +
          " 字" + (over > 0 ? "，超過 " + digits.format(over) + " 字" : "");
      }, PAUSE_MS);
    }
    field.addEventListener("input", function () { update(true); });
    update(false);
  }

  document.querySelectorAll("input[data-maxlength], textarea[data-maxlength]").forEach(attach);
})();
