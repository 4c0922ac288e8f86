/* policemag: sharing with the phone's own share sheet (Web Share API).
 * The page already has plain links to the apps (policemag.site.cards.share_html) that
 * work without this script; where the browser can share, its button is shown too.
 * No third-party script, no request. */
(function () {
  "use strict";
  if (typeof navigator.share !== "function") return;
  document.querySelectorAll("button.pm-share__native").forEach(function (button) {
    var data = { title: button.dataset.pmShareTitle, url: button.dataset.pmShareUrl };
    if (navigator.canShare && !navigator.canShare(data)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share(data).catch(function () { /* the reader closed the sheet */ });
    });
  });
})();
