// A form with data-confirm asks before it is sent (the delete buttons of the editing page).
// Kept in a file rather than an onsubmit attribute, so the Content-Security-Policy can forbid inline script.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
