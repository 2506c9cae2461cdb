// Progressive enhancement only: a print button and a click-to-select share link (the pages work without this).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  var share = document.getElementById("deellink");
  if (share) share.addEventListener("focus", function () { share.select(); });
});
